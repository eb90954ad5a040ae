"""Staff sign-in: lockout by username and address, and two-factor for clinical roles."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic import roles

PASSWORD = "a long test password"


@pytest.fixture
def desk_user(django_user_model):
    user = django_user_model.objects.create_user("desk", password=PASSWORD)
    user.groups.add(Group.objects.get(name=roles.FRONT_DESK))
    return user


def sign_in(client, username, password, address="10.0.0.5"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_five_wrong_passwords_lock_that_username_on_that_address(client, desk_user):
    for _ in range(4):
        assert sign_in(client, "desk", "wrong password!").status_code == 200
    assert sign_in(client, "desk", "wrong password!").status_code == 429
    response = sign_in(client, "desk", PASSWORD)
    assert response.status_code == 429
    assert "Sign-in is paused" in response.content.decode()
    assert "15 minutes" in response.content.decode()


def test_a_lockout_does_not_lock_the_rest_of_the_desk_or_other_addresses(
    client, desk_user, django_user_model
):
    colleague = django_user_model.objects.create_user("colleague", password=PASSWORD)
    colleague.groups.add(Group.objects.get(name=roles.FRONT_DESK))
    for _ in range(6):
        sign_in(client, "desk", "wrong password!")
    assert sign_in(client, "colleague", PASSWORD).status_code == 302
    client.logout()
    assert sign_in(client, "desk", PASSWORD, address="10.0.0.99").status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, desk_user):
    for _ in range(5):
        sign_in(client, "desk", "wrong password!")
    assert sign_in(client, "desk", PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )
    assert sign_in(client, "desk", PASSWORD).status_code == 302


def test_one_typo_does_not_count_against_a_later_success(client, desk_user):
    for _ in range(4):
        sign_in(client, "desk", "wrong password!")
    assert sign_in(client, "desk", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, "desk", "wrong password!")
    assert sign_in(client, "desk", PASSWORD).status_code == 302


def current_code(device):
    return (
        f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"
    )


@pytest.fixture
def otp_on(settings):
    settings.OTP_REQUIRED = True


def test_practitioner_must_enrol_then_reaches_staff_pages(client, practitioner_user, otp_on):
    client.force_login(practitioner_user)
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/setup/?next=/staff/")
    page = client.get("/accounts/two-factor/setup/").content.decode()
    assert not TOTPDevice.objects.filter(user=practitioner_user).exists()  # a GET makes none
    assert 'name="setup_code"' in page
    from clinic.services import two_factor_invitation_issue

    code = two_factor_invitation_issue(user=practitioner_user, by=None).code
    response = client.post("/accounts/two-factor/setup/", {"setup_code": code})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'class="segno"' in page and "two-factor-key" in page
    assert TOTPDevice.objects.filter(user=practitioner_user, confirmed=False).count() == 1

    response = client.post("/accounts/two-factor/setup/", {"token": "000000"})
    assert response.status_code == 422
    assert "That code did not match" in response.content.decode()
    assert client.get("/staff/").status_code == 302

    device = TOTPDevice.objects.get(user=practitioner_user)
    key_before = client.session.session_key
    response = client.post(
        "/accounts/two-factor/setup/", {"token": current_code(device), "next": "/staff/"}
    )
    assert response.status_code == 200
    assert client.session.session_key != key_before  # rotated at the second factor
    assert StaticToken.objects.filter(device__user=practitioner_user).count() == 10
    assert client.get("/staff/").status_code == 200
    assert client.get("/admin/").status_code == 302  # not staff: the admin's own login


def test_enrolled_practitioner_verifies_each_sign_in_and_backup_codes_work_once(
    client, practitioner_user, otp_on
):
    from clinic.services import two_factor_enrolment_confirm, two_factor_enrolment_start

    device = two_factor_enrolment_start(user=practitioner_user)
    codes = two_factor_enrolment_confirm(
        user=practitioner_user, device=device, token=current_code(device)
    )
    client.force_login(practitioner_user)
    response = client.get("/staff/intakes/1/")
    assert response["Location"] == "/accounts/two-factor/?next=/staff/intakes/1/"
    assert client.get("/accounts/two-factor/setup/")["Location"] == "/accounts/two-factor/"
    key_before = client.session.session_key
    response = client.post("/accounts/two-factor/", {"token": codes[0], "next": "/staff/"})
    assert response["Location"] == "/staff/"
    assert client.session.session_key != key_before  # rotated at the second factor
    assert client.get("/staff/").status_code == 200

    client.logout()
    client.force_login(practitioner_user)
    response = client.post("/accounts/two-factor/", {"token": codes[0]})
    assert response.status_code == 422  # used once already
    assert "That code did not work" in response.content.decode()
    assert client.get("/staff/").status_code == 302


def test_verify_refuses_an_offsite_next(client, practitioner_user, otp_on):
    from clinic.services import two_factor_enrolment_confirm, two_factor_enrolment_start

    device = two_factor_enrolment_start(user=practitioner_user)
    codes = two_factor_enrolment_confirm(
        user=practitioner_user, device=device, token=current_code(device)
    )
    client.force_login(practitioner_user)
    response = client.post(
        "/accounts/two-factor/", {"token": codes[1], "next": "https://evil.example/"}
    )
    assert response["Location"] == "/staff/"


def test_content_admin_needs_two_factor_for_the_admin(client, content_admin_user, otp_on):
    client.force_login(content_admin_user)
    response = client.get("/admin/")
    assert response["Location"].startswith("/accounts/two-factor/setup/")


def test_front_desk_needs_no_second_factor(client, front_desk_user, otp_on):
    client.force_login(front_desk_user)
    assert client.get("/staff/").status_code == 200


def test_two_factor_is_required_by_default_in_production(monkeypatch):
    import importlib

    import config.settings as project_settings

    monkeypatch.setenv("DEBUG", "0")
    monkeypatch.setenv("SECRET_KEY", "k" * 30 + "x7$Kp2!vQ9#mL4@wZ8&nB3^cR6")
    monkeypatch.delenv("OTP_REQUIRED", raising=False)
    try:
        assert importlib.reload(project_settings).OTP_REQUIRED is True
        monkeypatch.setenv("DEBUG", "1")
        assert importlib.reload(project_settings).OTP_REQUIRED is False
    finally:
        monkeypatch.undo()
        importlib.reload(project_settings)


def test_staff_passwords_need_twelve_characters_and_not_a_common_one(db):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("short1!", "password1234", "123456789012"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("plum river lantern 42")


def test_behind_a_trusted_proxy_lockouts_follow_the_address_the_proxy_appended(
    client, desk_user, settings
):
    settings.AUDIT_TRUST_X_FORWARDED_FOR = True

    def via_proxy(password, appended, claimed="6.6.6.6"):
        # Every request comes from the proxy (one REMOTE_ADDR); the client's own claim
        # (left entry) changes freely and must not matter.
        return client.post(
            "/accounts/login/",
            {"username": "desk", "password": password},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"{claimed}, {appended}",
        )

    for n in range(5):
        via_proxy("wrong password!", "192.0.2.10", claimed=f"6.6.6.{n}")
    assert via_proxy(PASSWORD, "192.0.2.10", claimed="7.7.7.7").status_code == 429
    # Another client behind the same proxy is not locked out.
    assert via_proxy(PASSWORD, "192.0.2.11").status_code == 302
