"""The meeting pack: one PDF with what a body needs for a meeting, readable on paper.

Cover (body, date, place, chair, members), the agenda, and for each plan on the agenda a RAG
chart, the overdue and at-risk actions with their owners, and the actions proposed for closure
with their evidence; then the recommendations awaiting a decision and the reviews in
progress. Ratings are *as at the meeting date* (decision 0011): an action's status and
progress are taken from what was recorded by that day, then rated by ``rag_for``.

The pack never names a child: reviews appear by their title only, and nothing linked to an
incident or a person is read. WeasyPrint fetches nothing over the network: the stylesheet is a
file, the chart is a ``data:`` URI, and every other URL is refused.
"""

from __future__ import annotations

import base64
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.text import slugify

from cairn.accounts.permissions import ensure
from cairn.actionplans.models import ActionPlan, ActionStatus, Evidence, PlanAction
from cairn.actionplans.selectors import AMBER, RAGS, RED, Rag, rag_for
from cairn.governance.models import AgendaItemKind, Meeting
from cairn.reviews.models import Recommendation, Review

STYLESHEET = Path(__file__).parent / "templates" / "actionplans" / "packs" / "pack.css"
# The review fields a pack shows: its route, never its incidents or children.
REVIEW_FIELDS = (
    "pk", "partnership_id", "title", "kind", "status", "aware_on", "notified_on",
    "rapid_review_held_on", "rapid_review_sent_on", "decision", "decided_on",
    "commissioned_on", "reviewer", "completed_on", "publication_planned_on",
)  # fmt: skip
ROLE_ORDER = ["chair", "vice_chair", "member", "adviser", "secretariat"]
PLAN_ITEMS = (AgendaItemKind.PLAN_MONITORING, AgendaItemKind.CLOSURE_PROPOSAL)
# Print colours (GOV.UK palette); the chart also prints each label and count as text.
CHART_COLOURS = {
    "red": "#d4351c",
    "amber": "#ffdd00",
    "green": "#00703c",
    "complete": "#1d70b8",
    "withdrawn": "#505a5f",
}


@dataclass
class ActionAsAt:
    """An action as it stood on a day: its status, progress, latest update and rating."""

    action: PlanAction
    status: str
    percent: int
    latest_update: object
    rag: Rag
    evidence: list = field(default_factory=list)
    voice: list = field(default_factory=list)  # "you said, we did" links (cairn.voice)


@dataclass
class PlanSection:
    plan: ActionPlan
    actions: list[ActionAsAt]
    counts: list[tuple[Rag, int]]
    chart: str  # data: URI of the SVG chart
    items: list[int] = field(default_factory=list)  # agenda item numbers about this plan

    @property
    def attention(self) -> list[ActionAsAt]:
        """Overdue first, then at risk, each by due date."""
        rows = [a for a in self.actions if a.rag in (RED, AMBER)]
        return sorted(rows, key=lambda a: (a.rag != RED, a.action.due_on, a.action.number))

    @property
    def for_closure(self) -> list[ActionAsAt]:
        return [
            a
            for a in self.actions
            if a.action.proposed_for_closure and a.status != ActionStatus.WITHDRAWN
        ]


def action_as_at(action: PlanAction, on: date) -> ActionAsAt:
    """``action`` as recorded by the end of ``on`` (updates and evidence prefetched)."""
    updates = [u for u in action.updates.all() if u.written_on <= on]  # newest first
    latest = updates[0] if updates else None
    status = action.status
    if status == ActionStatus.COMPLETE and (
        action.completed_on is None or action.completed_on > on
    ):
        status = ActionStatus.IN_PROGRESS
    if status == ActionStatus.COMPLETE:
        percent = 100
    elif latest is not None:
        percent = latest.percent_complete
    elif action.updates.all():
        percent = 0  # every update came later
    else:
        percent = action.percent_complete
    rag = rag_for(
        status=status,
        starts_on=action.starts_on,
        due_on=action.due_on,
        percent_complete=percent,
        today=on,
    )
    evidence = [e for e in action.evidence.all() if e.received_on <= on]
    return ActionAsAt(action, status, percent, latest, rag, evidence)


def rag_chart(counts: list[tuple[Rag, int]], *, title: str) -> str:
    """A horizontal bar chart of actions by rating, as SVG text, labelled in words."""
    row, label_w, bar_w = 30, 130, 360
    top = max((n for _, n in counts), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="560" height="{row * len(counts) + 8}" '
        f'viewBox="0 0 560 {row * len(counts) + 8}" role="img">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (rag, n) in enumerate(counts):
        y = 4 + i * row
        width = round(bar_w * n / top)
        parts.append(
            f'<text x="0" y="{y + 21}" font-family="Liberation Sans, Arial, sans-serif" '
            f'font-size="15" fill="#0b0c0c">{escape(rag.label)}</text>'
        )
        parts.append(
            f'<rect x="{label_w}" y="{y + 3}" width="{max(width, 1)}" height="{row - 10}" '
            f'fill="{CHART_COLOURS[rag.key]}" stroke="#0b0c0c" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{label_w + max(width, 1) + 8}" y="{y + 21}" '
            f'font-family="Liberation Sans, Arial, sans-serif" font-size="15" '
            f'font-weight="bold" fill="#0b0c0c">{n}</text>'
        )
    parts.append("</svg>")
    svg = "".join(parts)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _subjects(meeting: Meeting, model, kinds) -> list[int]:
    """The ids of the ``model`` records the agenda is about, in agenda order, each once."""
    ct = ContentType.objects.get_for_model(model)
    return list(
        dict.fromkeys(
            meeting.agenda_items.filter(kind__in=kinds, subject_type=ct)
            .order_by("order", "pk")
            .values_list("subject_id", flat=True)
        )
    )


def _item_numbers(agenda) -> dict[tuple[int, int], list[int]]:
    """(content type id, object id) -> the numbers of the agenda items about that record."""
    numbers: dict[tuple[int, int], list[int]] = {}
    for n, item in enumerate(agenda, 1):
        if item.subject_type_id is not None:
            numbers.setdefault((item.subject_type_id, item.subject_id), []).append(n)
    return numbers


def _numbered(records, numbers):
    for record in records:
        ct = ContentType.objects.get_for_model(record).pk
        record.agenda_numbers = numbers.get((ct, record.pk), [])
    return records


def plan_sections(*, meeting: Meeting) -> list[PlanSection]:
    ids = _subjects(meeting, ActionPlan, PLAN_ITEMS)
    actions = PlanAction.objects.select_related("lead_agency", "workstream").prefetch_related(
        "updates", Prefetch("evidence", queryset=Evidence.objects.order_by("received_on", "pk"))
    )
    plans = {
        p.pk: p
        for p in ActionPlan.objects.filter(pk__in=ids, partnership_id=meeting.partnership_id)
        .select_related("owner", "agency", "review", "agreed_by__body")
        .prefetch_related(Prefetch("actions", queryset=actions.order_by("due_on", "number")))
    }
    sections = []
    for pk in ids:
        plan = plans.get(pk)
        if plan is None:
            continue
        rows = [action_as_at(a, meeting.held_on) for a in plan.actions.all()]
        tally = Counter(r.rag.key for r in rows)
        counts = [(rag, tally.get(rag.key, 0)) for rag in RAGS]
        title = f"Actions by rating on {meeting.held_on:%-d %B %Y}"
        sections.append(PlanSection(plan, rows, counts, rag_chart(counts, title=title)))
    return sections


def _add_you_said_we_did(plans: list[PlanSection], *, on: date) -> None:
    """What young people and families said and what was done, beside each action proposed for
    closure: evidence of impact in their words (one query)."""
    from cairn.voice.selectors import you_said_we_did_by_action

    closing = [row for section in plans for row in section.for_closure]
    said = you_said_we_did_by_action([row.action.pk for row in closing], on=on)
    for row in closing:
        row.voice = said.get(row.action.pk, [])


def pack_context(*, meeting: Meeting) -> dict:
    on = meeting.held_on
    body = meeting.body
    members = [
        m
        for m in body.members.select_related("agency").order_by("role", "name")
        if (m.joined_on is None or m.joined_on <= on) and (m.left_on is None or m.left_on >= on)
    ]
    members.sort(key=lambda m: (ROLE_ORDER.index(m.role) if m.role in ROLE_ORDER else 9, m.name))
    chair = body.chair_name or next((m.name for m in members if m.role == "chair"), "")
    agenda = list(meeting.agenda_items.order_by("order", "pk"))
    numbers = _item_numbers(agenda)
    plans = plan_sections(meeting=meeting)
    plan_ct = ContentType.objects.get_for_model(ActionPlan).pk
    for section in plans:
        section.items = numbers.get((plan_ct, section.plan.pk), [])
    _add_you_said_we_did(plans, on=on)
    rec_ids = _subjects(meeting, Recommendation, [AgendaItemKind.RECOMMENDATION_DECISION])
    recommendations = sorted(
        Recommendation.objects.filter(pk__in=rec_ids, partnership_id=meeting.partnership_id)
        .select_related("review")
        .prefetch_related("agencies"),
        key=lambda r: rec_ids.index(r.pk),
    )
    review_ids = _subjects(meeting, Review, [AgendaItemKind.REVIEW_UPDATE])
    reviews = sorted(
        Review.objects.filter(pk__in=review_ids, partnership_id=meeting.partnership_id)
        .only(*REVIEW_FIELDS)
        .prefetch_related("milestones"),
        key=lambda r: review_ids.index(r.pk),
    )
    return {
        "meeting": meeting,
        "body": body,
        "partnership": meeting.partnership,
        "chair": chair,
        "members": members,
        "agenda": agenda,
        "plans": plans,
        "recommendations": _numbered(recommendations, numbers),
        "reviews": _numbered(reviews, numbers),
        "as_at": on,
    }


def offline_fetcher():
    """WeasyPrint's URL fetcher for packs: ``data:`` URIs only, so nothing is fetched from
    the network or the disk whatever the HTML says."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False)


def meeting_pack_html(*, meeting: Meeting) -> str:
    return render_to_string("actionplans/packs/pack.html", pack_context(meeting=meeting))


def meeting_pack_filename(meeting: Meeting) -> str:
    return f"meeting-pack-{slugify(meeting.body.name)}-{meeting.held_on:%Y-%m-%d}.pdf"


def meeting_pack_pdf(*, meeting: Meeting, viewer) -> bytes:
    """The PDF pack for ``meeting``, for a ``viewer`` who may see the partnership's governance."""
    from weasyprint import CSS, HTML

    ensure(viewer, "governance.view_governance", meeting)
    meeting = Meeting.objects.select_related("body", "partnership").get(pk=meeting.pk)
    fetcher = offline_fetcher()
    html = HTML(string=meeting_pack_html(meeting=meeting), url_fetcher=fetcher)
    css = CSS(filename=str(STYLESHEET), url_fetcher=fetcher)
    return html.write_pdf(stylesheets=[css])


def meetings_visible_to(viewer):
    """Meetings in the viewer's partnership (the body's papers are the partnership's)."""
    return Meeting.objects.filter(partnership_id=viewer.partnership_id).select_related(
        "body", "partnership"
    )
