"""The redaction gate in the publication workflow: publication is blocked until every hit is
removed or justified by a named person; the report of each check is kept."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.utils import DatabaseError
from docx import Document

from cairn.people.tests.factories import PersonFactory
from cairn.publishing import services
from cairn.publishing.choices import VersionStatus
from cairn.publishing.models import GateHit, GateScan

from .conftest import CLEAN

PLANTED = (
    "We spoke to Jaden's family. Born 3rd April 2011, the child lived at QQ47ZT and "
    "later on 03/04/11 ... Kaylani Oduya was also seen."
)


def edit(version, officer, text, **kwargs):
    return services.version_edit(
        by=officer, version=version, expected_version=version.version, title=version.title,
        text=text, **kwargs,
    )  # fmt: skip


def test_a_clean_version_passes_the_gate_and_is_published(draft, officer, lead):
    submitted = services.version_submit(by=officer, version=draft)
    assert services.gate_problems(submitted) == []
    published = services.version_approve(by=lead, version=submitted)
    assert published.status == VersionStatus.PUBLISHED


def test_the_gate_catches_each_planted_detail_of_the_people_linked(draft, officer):
    version = edit(draft, officer, PLANTED)
    scan = services.gate_scan(by=officer, version=version)
    found = {(h.text, h.kind) for h in scan.hits.all()}
    assert {
        ("Jaden's", "name"),
        ("3rd April 2011", "date_of_birth"),
        ("QQ47ZT", "postcode"),
        ("03/04/11", "date_of_birth"),
        ("Kaylani Oduya", "name"),  # linked through an incident of the review
    } <= found


def test_the_gate_does_not_look_for_people_not_linked_to_the_review(draft, officer, partnership):
    PersonFactory(partnership=partnership, given_name="Rosalind", family_name="Pemberton")
    version = edit(draft, officer, CLEAN + "\n\nRosalind Pemberton chaired the panel.")
    assert services.gate_scan(by=officer, version=version).hit_count == 0


def test_a_version_with_a_hit_cannot_be_approved(draft, officer, lead):
    version = edit(draft, officer, CLEAN + "\n\nJayden Vantreese was harmed.")
    submitted = services.version_submit(by=officer, version=version)
    with pytest.raises(ValidationError) as error:
        services.version_approve(by=lead, version=submitted)
    assert error.value.messages == [
        "1 identifying detail found by the check is neither removed nor justified"
    ]


def test_removing_the_detail_and_checking_again_opens_the_gate(draft, officer, lead):
    version = edit(draft, officer, CLEAN + "\n\nJayden Vantreese was harmed.")
    services.gate_scan(by=officer, version=version)
    version = edit(version, officer, CLEAN + "\n\nA child was harmed.")
    assert services.gate_problems(version) == [
        "The text has changed since it was checked: check it again"
    ]
    services.gate_scan(by=officer, version=version)
    assert services.gate_problems(version) == []


def test_a_justified_hit_opens_the_gate_and_names_who_justified_it(draft, officer, lead):
    version = edit(draft, officer, CLEAN + "\n\nThe Vantreese Trust funded the work.")
    submitted = services.version_submit(by=officer, version=version)
    hit = GateHit.objects.get(scan__version=submitted)
    services.hit_justify(by=officer, hit=hit, reason="A charity's name, not the child's family")
    published = services.version_approve(by=lead, version=submitted)
    assert published.status == VersionStatus.PUBLISHED
    hit.refresh_from_db()
    assert (hit.justified_by, hit.justification) == (
        officer,
        "A charity's name, not the child's family",
    )


def test_a_justification_needs_a_reason(draft, officer):
    version = edit(draft, officer, "Jayden was seen.")
    hit = services.gate_scan(by=officer, version=version).hits.get()
    with pytest.raises(ValidationError) as error:
        services.hit_justify(by=officer, hit=hit, reason=" ")
    assert error.value.message_dict == {
        "reason": ["Enter why this detail may stay in the publication"]
    }


def test_a_hit_of_an_earlier_check_cannot_be_justified(draft, officer):
    version = edit(draft, officer, "Jayden was seen.")
    old = services.gate_scan(by=officer, version=version).hits.get()
    services.gate_scan(by=officer, version=version)
    with pytest.raises(ValidationError) as error:
        services.hit_justify(by=officer, hit=old, reason="Fine")
    assert "earlier check" in " ".join(error.value.messages)


def test_a_justification_is_carried_to_the_next_check_of_the_same_words(draft, officer):
    version = edit(draft, officer, "The Vantreese Trust funded the work.")
    hit = services.gate_scan(by=officer, version=version).hits.get()
    services.hit_justify(by=officer, hit=hit, reason="A charity")
    again = services.gate_scan(by=officer, version=version).hits.get()
    assert (again.justification, again.carried_from) == ("A charity", hit)


def test_every_check_is_kept_with_who_ran_it(draft, officer):
    version = edit(draft, officer, "Jayden was seen.")
    services.gate_scan(by=officer, version=version)
    edit(version, officer, "A child was seen.")
    version.refresh_from_db()
    services.gate_scan(by=officer, version=version)
    scans = list(GateScan.objects.filter(version=version).order_by("pk"))
    assert [(s.scanned_by, s.hit_count) for s in scans] == [(officer, 1), (officer, 0)]


def test_the_database_refuses_to_change_or_remove_a_check(draft, officer):
    scan = services.gate_scan(by=officer, version=draft)
    with pytest.raises(DatabaseError), transaction.atomic():
        GateScan.objects.filter(pk=scan.pk).update(hit_count=5)
    with pytest.raises(DatabaseError), transaction.atomic():
        GateScan.objects.filter(pk=scan.pk).delete()


def test_the_database_refuses_to_change_what_a_hit_found(draft, officer):
    version = edit(draft, officer, "Jayden was seen.")
    hit = services.gate_scan(by=officer, version=version).hits.get()
    with pytest.raises(DatabaseError), transaction.atomic():
        GateHit.objects.filter(pk=hit.pk).update(text="Someone")


def test_a_child_linked_after_approval_stops_the_scheduled_publication(
    draft, officer, lead, review, partnership
):
    import datetime as dt

    import time_machine
    from django.utils import timezone

    version = edit(draft, officer, CLEAN + "\n\nMilo Featherstone's school was involved.")
    when = timezone.now() + dt.timedelta(hours=2)
    submitted = services.version_submit(by=officer, version=version)
    approved = services.version_approve(by=lead, version=submitted, publish_at=when)
    review.children.add(
        PersonFactory(partnership=partnership, given_name="Milo", family_name="Featherstone")
    )
    with time_machine.travel(when + dt.timedelta(minutes=1)):
        done = services.publish_due()
    assert done["blocked"] == [approved]
    approved.refresh_from_db()
    assert approved.status == VersionStatus.APPROVED
    assert "neither removed nor justified" in approved.publish_blocked


def test_an_uploaded_word_document_is_checked_like_typed_text(draft, officer):
    document = Document()
    document.add_paragraph("The review met Jayden Vantreese's teachers.")
    buffer = io.BytesIO()
    document.save(buffer)
    version = edit(draft, officer, "", document=("report.docx", buffer.getvalue()))
    scan = services.gate_scan(by=officer, version=version)
    assert [h.text for h in scan.hits.all()] == ["Jayden Vantreese's"]
