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
