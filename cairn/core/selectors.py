"""What a user's home page shows: the parts of Cairn their roles open, with their work."""

from dataclasses import dataclass, field

from django.urls import reverse

from cairn.accounts.permissions import may


@dataclass
class Panel:
    title: str
    description: str
    links: list[tuple[str, str]] = field(default_factory=list)
    figures: list[tuple[str, int]] = field(default_factory=list)


def home_panels_for(user) -> list[Panel]:
    from cairn.accounts.selectors import admin_figures
    from cairn.people.selectors import people_visible_to

    panels = []
    if may(user, "incidents.decide"):
        from cairn.incidents.selectors.mash import mash_queue

        queue = mash_queue(user)
        panels.append(
            Panel(
                "MASH decisions",
                "Children awaiting a decision, each against their own 1-working-day clock.",
                [("Open the MASH queue", reverse("incidents:mash_queue"))],
                [
                    ("Children awaiting a decision", len(queue)),
                    ("Overdue", sum(1 for row in queue if row.clock.is_overdue)),
                ],
            )
        )
    if may(user, "incidents.record_incident"):
        panels.append(
            Panel(
                "Child-on-child incidents",
                "Record one incident with every child in it, each in their own role.",
                [("Record an incident", reverse("incidents:new"))],
            )
        )
    if may(user, "incidents.view_actions"):
        from cairn.incidents.selectors.actions import my_actions, overdue_actions, team_actions

        url = reverse("incidents:actions")
        panels.append(
            Panel(
                "Your actions",
                "Actions owned by you and your team, due dates counted in working days.",
                [("See your actions", url), ("See what is overdue", f"{url}#overdue")],
                [
                    ("Your open actions", my_actions(user).count()),
                    ("Your team's open actions", team_actions(user).count()),
                    ("Overdue", overdue_actions(user).count()),
                ],
            )
        )
    from cairn.actionplans.selectors import action_plans_panel

    if (plans_panel := action_plans_panel(user)) is not None:
        panels.append(plans_panel)
    if may(user, "reviews.view_reviews"):
        from cairn.reviews.selectors import review_figures

        panels.append(
            Panel(
                "Reviews",
                "Serious incidents, rapid reviews and practice reviews, each step against its "
                "clock; findings and recommendations.",
                [
                    ("See the reviews", reverse("reviews:list")),
                    ("See the recommendations", reverse("reviews:recommendation_list")),
                ],
                review_figures(user),
            )
        )
    panels.extend(_learning_and_listening_panels(user))
    if may(user, "people.search_people"):
        panels.append(
            Panel(
                "Children and young people",
                "Find a child's record before you add them to anything.",
                [("Search for a person", reverse("people:search"))],
                [("People you can see", people_visible_to(user).count())],
            )
        )
    if may(user, "accounts.manage_users"):
        panels.append(
            Panel(
                "Administration",
                "Partnership settings, agencies and user accounts.",
                [
                    ("Users", reverse("accounts:user_list")),
                    ("Agencies", reverse("accounts:agency_list")),
                    ("Partnership settings", reverse("accounts:partnership_edit")),
                ],
                admin_figures(user),
            )
        )
    if may(user, "audit.view_trail"):
        panels.append(
            Panel(
                "Audit trail",
                "Who did what, and who looked at which record, in your partnership.",
                [("Search the audit trail", reverse("audit:search"))],
            )
        )
    return panels


def _learning_and_listening_panels(user) -> list[Panel]:
    """Briefings to read, listening, publications and the insight dashboards."""
    panels = []
    if may(user, "learning.read_briefings"):
        from cairn.learning.selectors import my_briefings

        unread = my_briefings(viewer=user).filter(read_at__isnull=True).count()
        panels.append(
            Panel(
                "Learning briefings",
                "Learning from reviews and audits, sent to you to read and act on.",
                [
                    ("Your briefings", reverse("learning:my_briefings")),
                    ("Practice guidance library", reverse("learning:library")),
                ],
                [("Briefings you have not yet read", unread)],
            )
        )
    if may(user, "voice.view_engagements"):
        from cairn.voice.models import EngagementStage
        from cairn.voice.selectors import stage_counts

        counts = stage_counts(user)
        open_ = sum(n for stage, n in counts.items() if stage != EngagementStage.CLOSED)
        panels.append(
            Panel(
                "Listening to young people and families",
                "Engagements from the safeguarding check to closure, and family feedback "
                "against its clocks.",
                [
                    ("See the engagements", reverse("voice:list")),
                    ("See family feedback", reverse("voice:feedback_list")),
                ],
                [("Engagements not yet closed", open_)],
            )
        )
    if may(user, "publishing.view_publications"):
        links = [("See the publications", reverse("publishing:list"))]
        if may(user, "publishing.view_media"):
            links.append(("See media enquiries", reverse("publishing:enquiry_list")))
        links.append(("See the public site", reverse("public:list")))
        panels.append(
            Panel(
                "Publications",
                "Statements and reviews, checked for identifying details before publication, "
                "with every amendment public.",
                links,
            )
        )
    if may(user, "insights.view_dashboards"):
        panels.append(
            Panel(
                "Insights",
                "Patterns across children, schools, places and online spaces; timeliness "
                "against each clock.",
                [("Open the dashboards", reverse("insights:home"))],
            )
        )
    return panels
