"""The meeting pack PDF: what it holds, ratings as at the meeting date, who may have it."""

import datetime as dt

import pypdfium2 as pdfium
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from cairn.accounts.choices import Role
from cairn.accounts.tests.factories import AgencyFactory, UserFactory
from cairn.actionplans.agenda import agenda_propose
from cairn.actionplans.models import ActionStatus, Evidence, EvidenceKind, EvidenceSource
from cairn.actionplans.packs import meeting_pack_pdf, pack_context, rag_chart
from cairn.actionplans.selectors import RAGS, RED
from cairn.actionplans.tests.test_agenda import MEETING_DAY, make_action, make_plan
from cairn.governance.models import BodyKind, BodyMember
from cairn.governance.tests.factories import GovernanceBodyFactory, MeetingFactory
from cairn.incidents.tests.factories import IncidentFactory, InvolvementFactory
from cairn.people.tests.factories import PersonFactory
from cairn.reviews.models import ReviewKind
from cairn.reviews.tests.factories import RecommendationFactory, ReviewFactory
from conftest import sign_in


def pdf_text(data: bytes) -> str:
    pdf = pdfium.PdfDocument(data)
    return "\n".join(page.get_textpage().get_text_range() for page in pdf)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def officer(la):
    return UserFactory(agency=la, roles=[Role.PARTNERSHIP_OFFICER])


@pytest.fixture
def meeting(partnership, la, officer):
    """A review group meeting on 10 June 2026 with a CSPR (about a named child), its plan and
    a recommendation awaiting a decision."""
    group = GovernanceBodyFactory(
        partnership=partnership, kind=BodyKind.REVIEW_GROUP, name="Joint Case Review Group"
    )
    BodyMember.objects.create(body=group, name="Alex Chairperson", role="chair", agency=la)
    police = AgencyFactory(partnership=partnership, name="Testshire Police")
    review = ReviewFactory(partnership=partnership, kind=ReviewKind.LOCAL_CSPR, title="Child T")
    child = PersonFactory(partnership=partnership, given_name="Zebedee", family_name="Quintrell")
    incident = IncidentFactory(partnership=partnership, reporting_agency=la)
    InvolvementFactory(incident=incident, person=child)
    review.incidents.add(incident)
    review.children.add(child)
    RecommendationFactory(
        review=review, reference="R4", text="Share referrals sooner.", made_on=dt.date(2026, 5, 1)
    )
    plan = make_plan(group, officer, review=review, last_monitored_on=dt.date(2026, 3, 1))
    make_action(plan, "1.1", agency=police, lead_name="Morgan Overdue", due_on=dt.date(2026, 5, 29))
    make_action(  # overdue today, but on track on the meeting date
        plan, "1.2", agency=la, lead_name="Sam Later", due_on=dt.date(2026, 9, 30),
        percent_complete=50,
    )  # fmt: skip
    closing = make_action(
        plan, "1.3", agency=la, lead_name="Jo Closer", due_on=dt.date(2026, 6, 30),
        status=ActionStatus.COMPLETE, percent_complete=100, completed_on=dt.date(2026, 5, 20),
        proposed_for_closure=True,
    )  # fmt: skip
    for kind, source, text in [
        (EvidenceKind.COMPLETION, EvidenceSource.TRAINING, "All MASH staff trained."),
        (EvidenceKind.IMPACT, EvidenceSource.VOICE, "Young people said they felt believed."),
    ]:
        Evidence.objects.create(
            action=closing, kind=kind, source=source, description=text,
            received_on=dt.date(2026, 5, 25), added_by=officer,
        )  # fmt: skip
    meeting = MeetingFactory(body=group, held_on=MEETING_DAY, location="Marlbridge Hall")
    agenda_propose(meeting=meeting, by=officer)
    return meeting


def test_the_pack_is_a_pdf_with_the_agenda_owners_evidence_and_recommendations(meeting, officer):
    text = flat(pdf_text(meeting_pack_pdf(meeting=meeting, viewer=officer)))
    assert "OFFICIAL-SENSITIVE" in text
    assert "Joint Case Review Group" in text
    assert "Alex Chairperson" in text
    assert "Morgan Overdue" in text
    assert "Young people said they felt believed." in text
    assert "Share referrals sooner." in text
    assert "Page 1 of" in text


def test_the_pack_never_names_a_child_of_a_linked_incident(meeting, officer):
    text = pdf_text(meeting_pack_pdf(meeting=meeting, viewer=officer))
    assert "Child T" in text
    assert "Zebedee" not in text
    assert "Quintrell" not in text


def test_ratings_are_as_at_the_meeting_date(meeting):
    [section] = pack_context(meeting=meeting)["plans"]
    by_number = {row.action.number: row.rag.key for row in section.actions}
    assert by_number == {"1.1": "red", "1.2": "green", "1.3": "complete"}
    assert [row.action.number for row in section.attention] == ["1.1"]
    assert [row.action.number for row in section.for_closure] == ["1.3"]


def test_an_action_completed_after_the_meeting_was_still_open_on_the_day(meeting):
    action = meeting.body.monitored_plans.get().actions.get(number="1.3")
    action.completed_on = dt.date(2026, 6, 20)
    action.save()
    [section] = pack_context(meeting=meeting)["plans"]
    row = next(r for r in section.actions if r.action.number == "1.3")
    assert row.rag.key == "amber"


def test_the_chart_names_each_rating_and_its_count():
    import base64

    counts = [(rag, n) for rag, n in zip(RAGS, [3, 1, 4, 2, 0], strict=True)]
    svg = base64.b64decode(rag_chart(counts, title="Actions").split(",", 1)[1]).decode()
    assert svg.startswith("<svg")
    assert RED.label in svg and ">3<" in svg


def test_a_review_group_member_downloads_the_pack(client, meeting, la):
    sign_in(client, UserFactory(agency=la, roles=[Role.REVIEW_GROUP_MEMBER]))
    response = client.get(reverse("actionplans:meeting_pack", kwargs={"pk": meeting.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "joint-case-review-group-2026-06-10.pdf" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("role", [Role.MASH_PRACTITIONER, Role.ANALYST, Role.DSL])
def test_roles_without_governance_access_are_refused(client, meeting, la, role):
    sign_in(client, UserFactory(agency=la, roles=[role]))
    response = client.get(reverse("actionplans:meeting_pack", kwargs={"pk": meeting.pk}))
    assert response.status_code == 403


def test_another_partnerships_user_is_told_the_pack_is_not_found(
    client, meeting, other_partnership
):
    intruder = UserFactory(
        agency=AgencyFactory(partnership=other_partnership), roles=[r.value for r in Role]
    )
    sign_in(client, intruder)
    response = client.get(reverse("actionplans:meeting_pack", kwargs={"pk": meeting.pk}))
    assert response.status_code == 404


def test_the_service_refuses_a_viewer_without_governance_access(meeting, la):
    with pytest.raises(PermissionDenied):
        meeting_pack_pdf(meeting=meeting, viewer=UserFactory(agency=la, roles=[Role.ANALYST]))


def test_the_pack_fetches_nothing_from_the_network():
    from cairn.actionplans.packs import offline_fetcher

    for url in ("https://fonts.example/font.woff2", "file:///etc/passwd"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            offline_fetcher().fetch(url)
