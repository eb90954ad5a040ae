import io

from django.contrib.auth import get_user_model
from django.core.management import call_command

from clinic import roles


def snapshot():
    User = get_user_model()
    return [
        (u.username, u.password, u.is_staff, sorted(g.name for g in u.groups.all()))
        for u in User.objects.order_by("username").prefetch_related("groups")
    ]


def test_seed_demo_creates_demo_users_in_their_roles(db, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-tests")
    monkeypatch.setenv("DEMO_DESK_PIN", "135790")
    call_command("seed_demo", stdout=io.StringIO())
    User = get_user_model()
    expected = {
        "frontdesk": roles.FRONT_DESK,
        "practitioner": roles.PRACTITIONER,
        "editor": roles.CONTENT_ADMIN,
        "reviewer": roles.CLINICAL_REVIEWER,
    }
    for username, role in expected.items():
        user = User.objects.get(username=username)
        assert [g.name for g in user.groups.all()] == [role]
        assert user.check_password("demo-password-for-tests")
    assert User.objects.get(username="editor").is_staff
    assert User.objects.get(username="reviewer").is_staff
    assert not User.objects.get(username="frontdesk").is_staff
    from intake.models import DeskPin

    assert DeskPin.objects.get().check_pin("135790")


def test_seed_demo_run_twice_changes_nothing(db, monkeypatch, capsys):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-tests")
    monkeypatch.setenv("DEMO_DESK_PIN", "135790")
    call_command("seed_demo")
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first
    assert "Created demo user" not in capsys.readouterr().out.split("password:")[-1]


def test_seed_demo_prints_the_logins(db, monkeypatch, capsys):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-tests")
    monkeypatch.setenv("DEMO_DESK_PIN", "135790")
    call_command("seed_demo")
    out = capsys.readouterr().out
    for username in ("frontdesk", "practitioner", "editor", "reviewer"):
        assert username in out
    assert "demo-password-for-tests" in out


def test_seed_demo_generates_and_keeps_a_password_when_none_is_given(
    db, monkeypatch, tmp_path, capsys
):
    from clinic.management.commands import seed_demo

    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    monkeypatch.setattr(seed_demo, "PASSWORD_FILE", tmp_path / ".demo-password")
    call_command("seed_demo")
    generated = (tmp_path / ".demo-password").read_text().strip()
    assert len(generated) >= 12
    assert generated in capsys.readouterr().out
    call_command("seed_demo")
    assert get_user_model().objects.get(username="editor").check_password(generated)


def test_seed_demo_loads_rules_and_demo_patients_once(db, monkeypatch):
    from clinic.models import RecommendationRule
    from intake.models import Intake, Patient

    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-tests")
    monkeypatch.setenv("DEMO_DESK_PIN", "135790")
    call_command("seed_demo", stdout=io.StringIO())
    counts = (RecommendationRule.objects.count(), Patient.objects.count(), Intake.objects.count())
    assert counts[0] >= 20
    assert Patient.objects.filter(chart_number__startswith="DEMO-").count() == 3
    assert Intake.objects.filter(status="draft").count() == 1
    assert Intake.objects.filter(warning_level=2).count() == 1
    call_command("seed_demo", stdout=io.StringIO())
    assert (
        RecommendationRule.objects.count(),
        Patient.objects.count(),
        Intake.objects.count(),
    ) == counts
