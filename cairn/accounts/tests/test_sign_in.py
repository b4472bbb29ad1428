"""Signing in: Argon2, two-factor for roles that see children, lock-out, idle timeout."""

from django.conf import settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from cairn.accounts.choices import Role
from cairn.accounts.tests.factories import PASSWORD, totp_device_for


def code_for(device) -> str:
    return (
        f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"
    )


def test_passwords_are_hashed_with_argon2(make_user):
    assert make_user(Role.ANALYST).password.startswith("argon2")


def test_a_role_that_sees_children_must_enter_a_code_before_anything_else(client, make_user):
    user = make_user(Role.MASH_PRACTITIONER)
    totp_device_for(user)
    response = client.post("/sign-in/", {"email": user.email, "password": PASSWORD})
    assert response["Location"] == "/sign-in/two-factor/"
    assert client.get("/people/")["Location"] == "/sign-in/two-factor/"


def test_the_right_code_completes_sign_in(client, make_user):
    user = make_user(Role.MASH_PRACTITIONER)
    device = totp_device_for(user)
    client.post("/sign-in/", {"email": user.email, "password": PASSWORD})
    response = client.post("/sign-in/two-factor/", {"code": code_for(device)})
    assert response["Location"] == "/"
    assert client.get("/people/").status_code == 200


def test_a_wrong_code_is_refused_with_a_clear_error(client, make_user):
    user = make_user(Role.MASH_PRACTITIONER)
    device = totp_device_for(user)
    client.post("/sign-in/", {"email": user.email, "password": PASSWORD})
    wrong = "000000" if code_for(device) != "000000" else "111111"
    response = client.post("/sign-in/two-factor/", {"code": wrong})
    assert response.status_code == 200
    assert "The code is not right" in response.content.decode()
    assert client.get("/people/").status_code == 302


def test_a_user_without_an_authenticator_sets_one_up_first(client, make_user):
    user = make_user(Role.DSL)
    client.post("/sign-in/", {"email": user.email, "password": PASSWORD})
    assert client.get("/sign-in/two-factor/")["Location"] == "/sign-in/two-factor/set-up/"
    page = client.get("/sign-in/two-factor/set-up/")
    assert "QR code" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/sign-in/two-factor/set-up/", {"code": code_for(device)})
    assert response["Location"] == "/"
    device.refresh_from_db()
    assert device.confirmed


def test_an_analyst_does_not_need_two_factor(client, make_user):
    user = make_user(Role.ANALYST)
    response = client.post("/sign-in/", {"email": user.email, "password": PASSWORD})
    assert response["Location"] == "/"


def test_wrong_passwords_lock_the_account_after_the_limit(client, make_user):
    user = make_user(Role.ANALYST)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/sign-in/", {"email": user.email, "password": "not-the-password"})
    response = client.post("/sign-in/", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Your account is locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_administrator_can_unlock_a_locked_account(client, signed_in, make_user, admin_user):
    user = make_user(Role.ANALYST)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/sign-in/", {"email": user.email, "password": "not-the-password"})
    admin_client = signed_in(client.__class__(), admin_user)
    assert "Locked out" in admin_client.get("/admin/users/").content.decode()
    admin_client.post(f"/admin/users/{user.pk}/unlock/")
    response = client.post("/sign-in/", {"email": user.email, "password": PASSWORD})
    assert response["Location"] == "/"


def test_a_wrong_password_shows_an_error_summary_and_keeps_the_email(client, make_user):
    user = make_user(Role.ANALYST)
    response = client.post("/sign-in/", {"email": user.email, "password": "nope"})
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter a correct email address and password" in html
    assert f'value="{user.email}"' in html


def test_sessions_end_after_30_minutes_idle():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_sign_out_ends_the_session(client, signed_in, make_user):
    signed_in(client, make_user(Role.MASH_PRACTITIONER))
    client.post("/sign-out/")
    assert client.get("/")["Location"].startswith("/sign-in/")
