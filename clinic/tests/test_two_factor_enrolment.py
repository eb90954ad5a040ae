"""Two-factor enrolment: only with a one-time setup code that an administrator issued
for that person; the authenticator is created by a POST and confirmed by its first
code; the session key changes once the second factor is done."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic import roles
from clinic.models import AuditEvent
from clinic.tests.test_sign_in_security import current_code

PASSWORD = "a long test password"
SETUP = "/accounts/two-factor/setup/"
VERIFY = "/accounts/two-factor/"
USERS_ADMIN = "/admin/clinic/user/"
ISSUE_ACTION = "issue_two_factor_setup_code"


@pytest.fixture(autouse=True)
def otp_on(settings):
    settings.OTP_REQUIRED = True


def staff(django_user_model, username, role=None, **fields):
    user = django_user_model.objects.create_user(username, password=PASSWORD, **fields)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def alice(django_user_model):
    return staff(django_user_model, "alice", roles.PRACTITIONER)


@pytest.fixture
def bob(django_user_model):
    return staff(django_user_model, "bob", roles.PRACTITIONER)


@pytest.fixture
def boss(django_user_model):
    return staff(django_user_model, "boss", is_staff=True, is_superuser=True)


def password_sign_in(client, user):
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content
    return client


def issue_code(user, by):
    from clinic.services import two_factor_invitation_issue

    return two_factor_invitation_issue(user=user, by=by).code


def redeem(client, code):
    return client.post(SETUP, {"setup_code": code, "next": "/staff/"})


def enrol(client, user, code):
    """Setup code, then the new authenticator's first code: the backup codes page."""
    assert redeem(client, code).status_code == 302
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(SETUP, {"token": current_code(device), "next": "/staff/"})
    assert response.status_code == 200, response.content
    return device


# The setup page ---------------------------------------------------------------------


def test_opening_the_setup_page_creates_no_device(client, alice):
    password_sign_in(client, alice)
    response = client.get(SETUP)
    assert response.status_code == 200
    assert client.get(SETUP).status_code == 200
    assert not TOTPDevice.objects.filter(user=alice).exists()
    assert "setup code" in response.content.decode().lower()


def test_a_password_alone_cannot_enrol(client, alice):
    password_sign_in(client, alice)
    client.get(SETUP)
    # Asking to start without a setup code creates nothing either.
    assert client.post(SETUP, {"action": "start"}).status_code == 422
    device = TOTPDevice.objects.filter(user=alice).first()
    token = current_code(device) if device else "123456"

    response = client.post(SETUP, {"token": token, "next": "/staff/"})

    assert response.status_code == 422
    assert not TOTPDevice.objects.filter(user=alice, confirmed=True).exists()
    assert client.get("/staff/").status_code == 302


def test_an_unconfirmed_device_from_another_session_cannot_be_confirmed(client, alice, boss):
    from clinic.services import two_factor_enrolment_start

    # Someone else holds a half-finished set-up for alice; her password alone (this
    # browser never gave a setup code) must not finish it.
    device = two_factor_enrolment_start(user=alice)
    password_sign_in(client, alice)

    response = client.post(SETUP, {"token": current_code(device), "next": "/staff/"})

    assert response.status_code == 422
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/staff/").status_code == 302


def test_a_valid_setup_code_creates_a_device_on_post_and_its_first_code_confirms_it(
    client, alice, boss
):
    code = issue_code(alice, boss)
    password_sign_in(client, alice)

    response = redeem(client, code)

    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)
    device = TOTPDevice.objects.get(user=alice)
    assert not device.confirmed
    page = client.get(SETUP).content.decode()
    assert 'class="segno"' in page and "two-factor-key" in page
    assert TOTPDevice.objects.filter(user=alice).count() == 1

    assert client.post(SETUP, {"token": "000000"}).status_code == 422
    response = client.post(SETUP, {"token": current_code(device), "next": "/staff/"})

    assert response.status_code == 200
    assert "backup codes" in response.content.decode().lower()
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/staff/").status_code == 200


def test_a_setup_code_works_once(client, alice, boss):
    code = issue_code(alice, boss)
    password_sign_in(client, alice)
    enrol(client, alice, code)
    client.post("/accounts/logout/")
    # A lost phone: an administrator deletes the person's devices.
    TOTPDevice.objects.filter(user=alice).delete()
    StaticDevice.objects.filter(user=alice).delete()

    password_sign_in(client, alice)
    response = redeem(client, code)

    assert response.status_code == 422
    assert "already been used" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=alice).exists()


def test_an_expired_setup_code_is_refused(client, alice, boss):
    from clinic.models import TwoFactorInvitation

    code = issue_code(alice, boss)
    invitation = TwoFactorInvitation.objects.get(user=alice)
    assert invitation.expires_at - invitation.created_at == datetime.timedelta(hours=72)
    TwoFactorInvitation.objects.update(
        created_at=timezone.now() - datetime.timedelta(hours=73),
        expires_at=timezone.now() - datetime.timedelta(hours=1),
    )
    password_sign_in(client, alice)

    response = redeem(client, code)

    assert response.status_code == 422
    assert "expired" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=alice).exists()


def test_another_persons_setup_code_is_refused(client, alice, bob, boss):
    from clinic.models import TwoFactorInvitation

    bobs_code = issue_code(bob, boss)
    password_sign_in(client, alice)

    response = redeem(client, bobs_code)

    assert response.status_code == 422
    assert "not right" in response.content.decode()
    assert not TOTPDevice.objects.exists()
    assert TwoFactorInvitation.objects.get(user=bob).used_at is None


def test_wrong_setup_codes_use_up_the_code_after_five_tries(client, alice, boss):
    code = issue_code(alice, boss)
    password_sign_in(client, alice)
    for _ in range(5):
        assert redeem(client, "WRONG-CODE-0000").status_code == 422

    response = redeem(client, code)

    assert response.status_code == 422
    assert "Too many wrong setup codes" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=alice).exists()
    assert AuditEvent.objects.filter(
        username="alice", object_type="clinic.TwoFactorInvitation", outcome="refused"
    ).exists()


def test_a_new_setup_code_replaces_the_earlier_one(client, alice, boss):
    first = issue_code(alice, boss)
    second = issue_code(alice, boss)
    password_sign_in(client, alice)

    assert redeem(client, first).status_code == 422
    assert redeem(client, second).status_code == 302


def test_setup_codes_are_stored_only_as_hashes(alice, boss):
    from clinic.models import TwoFactorInvitation

    code = issue_code(alice, boss)
    stored = TwoFactorInvitation.objects.values_list("code_hash", flat=True).get()
    assert code.replace("-", "") not in stored
    assert code not in stored


# The session key ---------------------------------------------------------------------


def test_the_session_key_changes_when_enrolment_finishes(client, alice, boss):
    code = issue_code(alice, boss)
    password_sign_in(client, alice)
    assert redeem(client, code).status_code == 302
    before = client.session.session_key
    device = TOTPDevice.objects.get(user=alice)

    response = client.post(SETUP, {"token": current_code(device), "next": "/staff/"})

    assert response.status_code == 200
    assert client.session.session_key != before
    assert client.get("/staff/").status_code == 200


def test_the_session_key_changes_when_the_second_factor_is_verified(client, alice):
    from clinic.services import two_factor_enrolment_confirm, two_factor_enrolment_start

    device = two_factor_enrolment_start(user=alice)
    backup = two_factor_enrolment_confirm(user=alice, device=device, token=current_code(device))
    password_sign_in(client, alice)
    before = client.session.session_key

    response = client.post(VERIFY, {"token": backup[0], "next": "/staff/"})

    assert response["Location"] == "/staff/"
    assert client.session.session_key != before
    assert client.get("/staff/").status_code == 200


# Issuing codes in the admin ------------------------------------------------------------


@pytest.fixture
def admin_without_otp(settings):
    """The admin's own permission checks, without the second-factor gate in front."""
    settings.OTP_REQUIRED = False


def issue_in_admin(client, user):
    return client.post(USERS_ADMIN, {"action": ISSUE_ACTION, "_selected_action": [user.pk]})


def test_a_superuser_issues_a_setup_code_in_the_admin_shown_once_and_audited(
    client, alice, boss, admin_without_otp
):
    from clinic.models import TwoFactorInvitation

    client.force_login(boss)
    response = issue_in_admin(client, alice)

    assert response.status_code == 200
    invitation = TwoFactorInvitation.objects.get(user=alice)
    assert invitation.created_by == boss
    body = response.content.decode()
    codes = re.findall(r"<code>([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})</code>", body)
    assert len(codes) == 1
    code = codes[0]
    assert invitation.code_hash not in body
    assert AuditEvent.objects.filter(
        username="boss",
        action="create",
        object_type="clinic.TwoFactorInvitation",
        object_id=str(invitation.pk),
    ).exists()

    client.post("/accounts/logout/")
    password_sign_in(client, alice)
    assert redeem(client, code).status_code == 302


def test_a_staff_user_who_may_change_users_may_issue_codes(
    client, alice, django_user_model, admin_without_otp
):
    from clinic.models import TwoFactorInvitation

    manager = staff(django_user_model, "manager", is_staff=True)
    manager.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    client.force_login(manager)

    assert issue_in_admin(client, alice).status_code == 200
    assert TwoFactorInvitation.objects.filter(user=alice, created_by=manager).exists()


@pytest.mark.parametrize(
    "role", [roles.FRONT_DESK, roles.PRACTITIONER, roles.CONTENT_ADMIN, "view_user only"]
)
@pytest.mark.parametrize("is_staff", [False, True])
def test_others_cannot_issue_setup_codes(
    client, alice, django_user_model, role, is_staff, admin_without_otp
):
    from clinic.models import TwoFactorInvitation

    charlie = staff(
        django_user_model,
        "charlie",
        role if role in roles.ROLE_PERMISSIONS else None,
        is_staff=is_staff,
    )
    if role == "view_user only":
        charlie.user_permissions.add(Permission.objects.get(codename="view_user"))
    client.force_login(charlie)

    response = issue_in_admin(client, alice)

    # Not staff: the admin's login. Staff without the right: refused, or the action is
    # not offered and the list comes back as it was.
    if is_staff:
        assert response.status_code in (200, 302, 403)
    else:
        assert response["Location"].startswith("/admin/login/")
    assert not TwoFactorInvitation.objects.exists()


def test_the_command_line_issues_a_code_for_the_first_administrator(client, boss, capsys):
    from clinic.models import TwoFactorInvitation

    call_command("two_factor_setup_code", "boss")
    code = capsys.readouterr().out.split()[-1]

    assert TwoFactorInvitation.objects.get(user=boss).created_by is None
    assert AuditEvent.objects.filter(object_type="clinic.TwoFactorInvitation").exists()
    password_sign_in(client, boss)
    assert client.get("/admin/")["Location"].startswith(SETUP)
    assert redeem(client, code).status_code == 302


def test_seed_demo_prints_setup_codes_that_let_the_demo_users_enrol(
    db, client, monkeypatch, capsys
):
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    call_command("seed_demo")
    out = capsys.readouterr().out
    found = dict(re.findall(r"Setup code for (\w+),[^\n]*\n([A-Z2-9-]{14})\n", out))

    assert set(found) == {"practitioner", "editor", "reviewer"}
    practitioner = Group.objects.get(name=roles.PRACTITIONER).user_set.get()
    password_sign_in(client, practitioner)
    assert redeem(client, found["practitioner"]).status_code == 302


def test_seed_demo_gives_no_setup_codes_while_two_step_sign_in_is_off(
    db, monkeypatch, capsys, settings
):
    from clinic.models import TwoFactorInvitation

    settings.OTP_REQUIRED = False
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    call_command("seed_demo")

    assert "Setup code" not in capsys.readouterr().out
    assert not TwoFactorInvitation.objects.exists()
