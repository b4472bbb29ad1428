"""The audit trail: every write and view recorded, hash-chained, append-only, verifiable."""

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.utils import DatabaseError

from cairn.accounts import services as account_services
from cairn.accounts.choices import AgencyKind, Role
from cairn.audit.chain import GENESIS, verify_chain
from cairn.audit.choices import AuditAction
from cairn.audit.models import AuditEvent
from cairn.audit.services import record_view
from cairn.people.tests.factories import PersonFactory


def latest(**filters):
    return AuditEvent.objects.filter(**filters).order_by("-seq").first()


def tamper(sql, params=()):
    """As the database superuser, bypassing the append-only triggers."""
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        cursor.execute(sql, params)
        cursor.execute("SET session_replication_role = DEFAULT")


def test_creating_a_record_logs_who_and_every_field(admin_user):
    agency = account_services.agency_create(
        by=admin_user, name="Oak Academy", kind=AgencyKind.SCHOOL
    )
    event = latest(object_type="accounts.agency", object_id=str(agency.pk))
    assert event.action == AuditAction.CREATE
    assert event.actor == admin_user
    assert event.changes["name"] == [None, "Oak Academy"]
    assert event.partnership_id == admin_user.partnership_id


def test_changing_a_record_logs_field_level_before_and_after(admin_user, la):
    account_services.agency_update(
        by=admin_user, agency=la, expected_version=la.version, name="Renamed"
    )
    event = latest(object_type="accounts.agency", object_id=str(la.pk), action=AuditAction.UPDATE)
    assert event.changes == {"name": [la.name, "Renamed"]}
    assert event.actor == admin_user


def test_passwords_and_keys_never_enter_the_trail(admin_user, la):
    user = account_services.user_create(
        by=admin_user, email="new@test.example", first_name="A", last_name="B", agency=la,
        roles=[Role.ANALYST], password="a-very-long-password-9",
    )  # fmt: skip
    event = latest(object_type="accounts.user", object_id=str(user.pk))
    assert event.changes["password"] == [None, "[redacted]"]


def test_viewing_a_persons_page_is_logged(client, signed_in, make_user, partnership):
    viewer = make_user(Role.MASH_PRACTITIONER)
    person = PersonFactory(partnership=partnership)
    signed_in(client, viewer)
    response = client.get(f"/people/{person.pk}/")
    assert response.status_code == 200
    event = latest(object_type="people.person", object_id=str(person.pk))
    assert (event.action, event.actor) == (AuditAction.VIEW, viewer)


def test_each_event_carries_the_hash_of_the_one_before(admin_user, partnership):
    person = PersonFactory(partnership=partnership)
    first = record_view(viewer=admin_user, obj=person)
    second = record_view(viewer=admin_user, obj=person)
    assert second.prev_hash == first.hash
    assert second.seq == first.seq + 1
    assert AuditEvent.objects.order_by("seq").first().prev_hash == GENESIS


def test_the_database_refuses_to_update_an_audit_event(admin_user, partnership):
    event = record_view(viewer=admin_user, obj=PersonFactory(partnership=partnership))
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(actor_label="someone else")


def test_the_database_refuses_to_delete_an_audit_event(admin_user, partnership):
    event = record_view(viewer=admin_user, obj=PersonFactory(partnership=partnership))
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])


def test_verify_audit_passes_on_an_intact_trail(admin_user, partnership, capsys):
    for _ in range(3):
        record_view(viewer=admin_user, obj=PersonFactory(partnership=partnership))
    call_command("verify_audit")
    assert "Audit trail intact" in capsys.readouterr().out


def test_verify_audit_names_the_event_a_superuser_altered(admin_user, partnership, capsys):
    events = [
        record_view(viewer=admin_user, obj=PersonFactory(partnership=partnership)) for _ in range(3)
    ]
    target = events[1]
    tamper("UPDATE audit_auditevent SET actor_label = 'nobody' WHERE id = %s", [target.pk])
    with pytest.raises(SystemExit) as exit_info:
        call_command("verify_audit")
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert f"broken at event {target.seq} (id {target.pk})" in err
    assert "altered" in err


def test_verify_audit_names_the_gap_where_a_superuser_removed_an_event(admin_user, partnership):
    events = [
        record_view(viewer=admin_user, obj=PersonFactory(partnership=partnership)) for _ in range(3)
    ]
    tamper("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    report = verify_chain(AuditEvent.objects.order_by("seq"))
    assert not report.ok
    assert report.broken_seq == events[1].seq + 1
    assert report.problem == f"event {events[1].seq} is missing"


def test_sign_in_and_failed_sign_in_are_logged(client, make_user):
    from conftest import PASSWORD

    user = make_user(Role.ANALYST)
    client.post("/sign-in/", {"email": user.email, "password": "wrong-password"})
    assert latest(action=AuditAction.SIGN_IN_FAILED).object_label == user.email
    client.post("/sign-in/", {"email": user.email, "password": PASSWORD})
    assert latest(action=AuditAction.SIGN_IN).actor == user


def test_administrators_read_the_trail_for_a_user(
    client, signed_in, admin_user, make_user, partnership
):
    viewer = make_user(Role.MASH_PRACTITIONER)
    record_view(viewer=viewer, obj=PersonFactory(partnership=partnership, given_name="Zebedee"))
    signed_in(client, admin_user)
    response = client.get(f"/audit/user/{viewer.pk}/")
    assert response.status_code == 200
    assert "Zebedee" in response.content.decode()


def test_a_lock_out_and_the_unlock_are_on_the_users_trail(client, admin_user, make_user):
    from django.conf import settings

    user = make_user(Role.ANALYST)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/sign-in/", {"email": user.email, "password": "wrong-password"})
    locked = latest(action=AuditAction.LOCKED_OUT)
    assert (locked.object_id, locked.partnership_id) == (str(user.pk), user.partnership_id)
    account_services.user_unlock(by=admin_user, user=user)
    unlocked = latest(action=AuditAction.UNLOCKED)
    assert (unlocked.object_id, unlocked.actor) == (str(user.pk), admin_user)


def test_failed_sign_ins_belong_to_the_accounts_partnership(client, make_user):
    user = make_user(Role.ANALYST)
    client.post("/sign-in/", {"email": user.email.upper(), "password": "wrong-password"})
    assert latest(action=AuditAction.SIGN_IN_FAILED).partnership_id == user.partnership_id


def test_behind_a_trusted_proxy_the_users_address_is_recorded(rf, settings):
    from cairn.audit.context import client_address

    settings.CAIRN_PROXY_HOPS = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7", REMOTE_ADDR="10.0.0.2")
    assert client_address(request) == "198.51.100.7"
    settings.CAIRN_PROXY_HOPS = 0
    assert client_address(request) == "10.0.0.2"


def test_linking_records_is_logged_with_the_links_before_and_after(partnership, la):
    from cairn.incidents.tests.factories import ContextFactory, IncidentFactory

    incident = IncidentFactory(partnership=partnership, reporting_agency=la)
    context = ContextFactory(partnership=partnership)
    incident.contexts.add(context)
    event = latest(object_type="incidents.incident", object_id=str(incident.pk))
    assert event.action == AuditAction.UPDATE
    assert event.changes == {"contexts": [[], [context.pk]]}
    incident.contexts.remove(context)
    event = latest(object_type="incidents.incident", object_id=str(incident.pk))
    assert event.changes == {"contexts": [[context.pk], []]}
