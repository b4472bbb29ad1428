"""The administration area: forms keep what was typed, edits never silently overwrite."""

from cairn.accounts.choices import Role
from cairn.accounts.models import Agency, User
from cairn.accounts.tests.factories import UserFactory


def test_adding_a_user_with_errors_shows_them_and_keeps_the_input(client, signed_in, admin_user):
    signed_in(client, admin_user)
    response = client.post(
        "/admin/users/new/",
        {
            "first_name": "Ada",
            "last_name": "",
            "email": "not-an-email",
            "roles": ["dsl"],
            "password": "short",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert 'href="#id_last_name">Enter the user&#x27;s last name' in html
    assert "Enter an email address in the correct format" in html
    assert 'value="Ada"' in html and 'value="not-an-email"' in html
    assert 'value="dsl" checked' in html
    assert not User.objects.filter(first_name="Ada").exists()


def test_an_administrator_adds_a_user_to_an_agency(client, signed_in, admin_user, la):
    signed_in(client, admin_user)
    response = client.post(
        "/admin/users/new/",
        {
            "first_name": "Ada", "last_name": "Okafor", "email": "Ada.Okafor@Test.example",
            "agency": la.pk, "roles": ["mash_practitioner", "mash_manager"],
            "password": "a-long-new-password-7",
        },
    )  # fmt: skip
    assert response.status_code == 302
    user = User.objects.get(email="ada.okafor@test.example")
    assert user.agency == la and user.roles == ["mash_practitioner", "mash_manager"]


def test_a_user_cannot_be_put_in_another_partnerships_agency(
    client, signed_in, admin_user, other_partnership
):
    foreign = Agency.objects.create(partnership=other_partnership, name="Elsewhere", kind="police")
    signed_in(client, admin_user)
    response = client.post(
        "/admin/users/new/",
        {"first_name": "A", "last_name": "B", "email": "ab@test.example", "agency": foreign.pk,
         "roles": ["dsl"], "password": "a-long-new-password-7"},
    )  # fmt: skip
    assert "Select a valid choice" in response.content.decode()
    assert not User.objects.filter(email="ab@test.example").exists()


def test_a_stale_edit_is_refused_and_the_typed_values_are_kept(client, signed_in, admin_user, la):
    subject = UserFactory(agency=la, roles=[Role.ANALYST], job_title="Analyst")
    stale_version = subject.version
    subject.job_title = "Senior analyst"  # someone else saves first
    subject.version += 1
    subject.save()
    signed_in(client, admin_user)
    response = client.post(
        f"/admin/users/{subject.pk}/edit/",
        {"version": stale_version, "first_name": "Changed", "last_name": subject.last_name,
         "email": subject.email, "agency": la.pk, "roles": ["analyst"], "is_active": "on",
         "job_title": "Lead analyst"},
    )  # fmt: skip
    html = response.content.decode()
    assert "was changed by someone else" in html
    assert 'value="Changed"' in html and 'value="Lead analyst"' in html
    subject.refresh_from_db()
    assert subject.first_name != "Changed" and subject.job_title == "Senior analyst"


def test_a_current_edit_saves_and_moves_the_version_on(client, signed_in, admin_user, la):
    signed_in(client, admin_user)
    response = client.post(
        f"/admin/agencies/{la.pk}/",
        {
            "version": la.version,
            "name": "Marlshire Children's Services",
            "kind": "local_authority",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    la.refresh_from_db()
    assert la.name == "Marlshire Children's Services" and la.version == 2


def test_partnership_closure_days_with_a_bad_line_name_the_line(
    client, signed_in, admin_user, partnership
):
    signed_in(client, admin_user)
    response = client.post(
        "/admin/partnership/",
        {
            "version": partnership.version,
            "name": partnership.name,
            "local_closure_days": "24/12/2026\n31/13/2026",
        },
    )
    html = response.content.decode()
    assert "Line 2: &#x27;31/13/2026&#x27; is not a date" in html
    assert "24/12/2026\n31/13/2026" in html


def test_partnership_closure_days_are_saved_as_dates(client, signed_in, admin_user, partnership):
    signed_in(client, admin_user)
    client.post(
        "/admin/partnership/",
        {
            "version": partnership.version,
            "name": partnership.name,
            "local_closure_days": "29/12/2026\n24/12/2026",
        },
    )
    partnership.refresh_from_db()
    assert [d.isoformat() for d in partnership.local_closure_days] == ["2026-12-24", "2026-12-29"]


def test_an_administrator_sees_only_their_partnerships_users(
    client, signed_in, admin_user, other_partnership
):
    stranger = UserFactory(
        agency=Agency.objects.create(partnership=other_partnership, name="X", kind="police")
    )
    signed_in(client, admin_user)
    assert stranger.email not in client.get("/admin/users/").content.decode()
    assert client.get(f"/admin/users/{stranger.pk}/").status_code == 404
