"""A child's chronology: across incidents, in time order, only what the viewer may see."""

import datetime as dt
from zoneinfo import ZoneInfo

from cairn.accounts.choices import AgencyKind, Role
from cairn.accounts.tests.factories import AgencyFactory
from cairn.incidents.choices import InvolvementRole
from cairn.incidents.models import Decision
from cairn.incidents.selectors.chronology import chronology_for
from cairn.incidents.tests.factories import IncidentFactory, InvolvementFactory
from cairn.people.tests.factories import PersonFactory

LONDON = ZoneInfo("Europe/London")


def at(y, m, d, h=9):
    return dt.datetime(y, m, d, h, tzinfo=LONDON)


def test_a_childs_chronology_spans_incidents_in_any_role_in_time_order(make_user, partnership, la):
    child = PersonFactory(partnership=partnership)
    later = IncidentFactory(
        partnership=partnership, reporting_agency=la, reported_at=at(2025, 5, 1)
    )
    earlier = IncidentFactory(
        partnership=partnership, reporting_agency=la, reported_at=at(2024, 1, 10)
    )
    InvolvementFactory(incident=later, person=child, role=InvolvementRole.HARMED_OTHERS)
    InvolvementFactory(incident=earlier, person=child, role=InvolvementRole.HARMED)
    entries = chronology_for(person=child, viewer=make_user(Role.MASH_PRACTITIONER))
    assert [e.what for e in entries] == [
        f"Incident {earlier.pk} reported: harmed",
        f"Incident {later.pk} reported: allegedly harmed others",
    ]


def test_another_childs_decision_never_appears(make_user, partnership, la):
    incident = IncidentFactory(
        partnership=partnership, reporting_agency=la, reported_at=at(2025, 3, 3)
    )
    mine = InvolvementFactory(incident=incident)
    theirs = InvolvementFactory(incident=incident, role=InvolvementRole.HARMED_OTHERS)
    mash = make_user(Role.MASH_PRACTITIONER)
    Decision.objects.create(
        involvement=theirs,
        outcome="police",
        reasons="Theirs",
        decided_by=mash,
        decided_at=at(2025, 3, 4),
    )
    Decision.objects.create(
        involvement=mine,
        outcome="early_help",
        reasons="Mine",
        decided_by=mash,
        decided_at=at(2025, 3, 4),
    )
    details = [e.detail for e in chronology_for(person=mine.person, viewer=mash)]
    assert "Mine" in details and "Theirs" not in details


def test_a_school_sees_only_entries_from_involvements_it_may_see(make_user, partnership):
    north = AgencyFactory(partnership=partnership, kind=AgencyKind.SCHOOL)
    south = AgencyFactory(partnership=partnership, kind=AgencyKind.SCHOOL)
    child = PersonFactory(partnership=partnership, school=None)
    seen = IncidentFactory(
        partnership=partnership, reporting_agency=north, reported_at=at(2025, 2, 2)
    )
    unseen = IncidentFactory(
        partnership=partnership, reporting_agency=south, reported_at=at(2025, 2, 3)
    )
    InvolvementFactory(incident=seen, person=child)
    InvolvementFactory(incident=unseen, person=child)
    entries = chronology_for(person=child, viewer=make_user(Role.DSL, agency=north))
    assert {e.link for e in entries} == {f"/incidents/{seen.pk}/"}


def test_the_chronology_page_is_404_for_a_child_the_viewer_cannot_see(
    client, signed_in, make_user, partnership, school
):
    child = PersonFactory(partnership=partnership)
    InvolvementFactory(incident=IncidentFactory(partnership=partnership), person=child)
    signed_in(client, make_user(Role.DSL, agency=school))
    assert client.get(f"/incidents/children/{child.pk}/chronology/").status_code == 404


def test_the_chronology_page_lists_entries_and_logs_the_view(
    client, signed_in, make_user, partnership, la
):
    from cairn.audit.models import AuditEvent

    inv = InvolvementFactory(incident=IncidentFactory(partnership=partnership, reporting_agency=la))
    viewer = make_user(Role.MASH_MANAGER)
    signed_in(client, viewer)
    html = client.get(f"/incidents/children/{inv.person_id}/chronology/").content.decode()
    assert f"Incident {inv.incident_id} reported" in html
    assert AuditEvent.objects.filter(
        action="view", object_type="people.person", actor=viewer
    ).exists()
