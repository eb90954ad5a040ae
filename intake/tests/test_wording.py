import copy
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.template.loader import render_to_string

from intake import selectors, services
from intake.models import InstrumentSetting, InstrumentWording
from intake.seed import SAMPLE_WORDING_DIR, load_demo_wording, read_wording_file


@pytest.fixture
def sample(tmp_path):
    """Write (a changed copy of) a shipped sample wording file and return its path."""

    def _write(code, change=None):
        data = copy.deepcopy(read_wording_file(SAMPLE_WORDING_DIR / f"{code}.json"))
        if change:
            change(data)
        path = tmp_path / f"{code}.json"
        path.write_text(json.dumps(data))
        return path

    return _write


def load(code, path, *args):
    out = io.StringIO()
    call_command("load_instrument_text", code, str(path), *args, stdout=out)
    return out.getvalue()


def test_own_nrs_and_sbi_wording_is_there_after_migrate_and_switched_on(db):
    assert set(InstrumentWording.objects.values_list("instrument", flat=True)) == {"nrs", "sbi"}
    assert selectors.instruments_enabled() == ["nrs", "sbi"]
    assert set(InstrumentSetting.objects.values_list("instrument", flat=True)) == {
        "nrs",
        "sbi",
        "start_back",
        "rmdq",
        "odi",
    }


def test_licensed_instruments_are_off_until_wording_is_loaded(db):
    assert list(selectors.questionnaire_versions_for_step()) == []
    with pytest.raises(ValidationError) as error:
        services.instrument_setting_set(instrument="odi", enabled=True)
    assert "load_instrument_text" in str(error.value.message_dict["enabled"])


def test_load_a_valid_file(db, sample):
    out = load("start_back", sample("start_back"))
    assert "Loaded start_back wording sample-1 (9 items)" in out
    assert "sample" in out
    wording = selectors.instrument_wording("start_back")
    assert wording.is_sample
    assert len(wording.items) == 9
    assert wording.item_text(9)["options"][4]["value"] == 4
    assert "NON-VALIDATED SAMPLE TEXT" in wording.copyright_line
    # Loaded but not switched on until the clinic says so.
    assert "start_back" not in selectors.instruments_enabled()


def test_load_with_enable_switches_it_on(db, sample):
    load("rmdq", sample("rmdq"), "--enable")
    assert "rmdq" in selectors.questionnaire_versions_for_step()
    load("rmdq", sample("rmdq"), "--disable")
    assert "rmdq" not in selectors.questionnaire_versions_for_step()


def test_step_questionnaires_wording_and_versions_in_one_query_each(db, django_assert_num_queries):
    load_demo_wording()
    InstrumentSetting.objects.filter(instrument="rmdq").update(enabled=False)
    InstrumentWording.objects.filter(instrument="odi").update(version="odi-v9")
    with django_assert_num_queries(1):
        wording = selectors.questionnaire_wording_for_step()
    # Switched on, with wording, of step 7 (not the SBI of step 4), in registry order.
    assert list(wording) == ["start_back", "odi"]
    assert wording["odi"].version == "odi-v9" and wording["odi"].items
    with django_assert_num_queries(1):
        versions = selectors.questionnaire_versions_for_step()
    assert versions == {"start_back": wording["start_back"].version, "odi": "odi-v9"}
    with django_assert_num_queries(1):
        assert selectors.instruments_enabled() == ["nrs", "sbi", "start_back", "odi"]


def test_wrong_item_count_is_refused(db, sample):
    path = sample("rmdq", lambda data: data["items"].pop())
    with pytest.raises(CommandError, match="has 24 items, but the file has 23"):
        load("rmdq", path)
    assert not InstrumentWording.objects.filter(instrument="rmdq").exists()


def test_unknown_code_is_refused(db, sample):
    with pytest.raises(CommandError, match="Unknown questionnaire 'phq9'"):
        load("phq9", sample("odi"))


def test_file_for_another_instrument_is_refused(db, sample):
    with pytest.raises(CommandError, match="wording for 'odi', not for 'rmdq'"):
        load("rmdq", sample("odi"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["items"][0]["options"].pop(), "must have the values 0, 1, 2, 3, 4, 5"),
        (lambda d: d["items"][0]["options"][0].update(value=9), "must have the values"),
        (lambda d: d["items"][0]["options"][0].update(value="0"), "not a whole number"),
        (lambda d: d["items"][0]["options"][0].update(value=True), "not a whole number"),
        (lambda d: d["items"][1].update(number=1), "Item 1 appears twice"),
        (lambda d: d["items"][1].update(number=11), "there is no item 11"),
        (lambda d: d["items"][2].update(text=""), "'text' is missing"),
        (lambda d: d["items"][2].update(text="bad\x00text"), "control characters"),
        (lambda d: d.pop("copyright"), "'copyright' is missing"),
        (lambda d: d.update(items="nope"), "needs an 'items' list"),
    ],
)
def test_bad_wording_is_refused_with_a_clear_message(db, sample, change, message):
    with pytest.raises(CommandError, match=message):
        load("odi", sample("odi", change))


def test_missing_and_malformed_files_are_refused(db, tmp_path):
    with pytest.raises(CommandError, match="There is no file"):
        load("odi", tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with pytest.raises(CommandError, match="not valid JSON"):
        load("odi", broken)
    listed = tmp_path / "list.json"
    listed.write_text("[]")
    with pytest.raises(CommandError, match="one JSON object"):
        load("odi", listed)


def test_reloading_the_same_wording_changes_nothing_and_new_wording_replaces(db, sample):
    load("odi", sample("odi"))
    wording = InstrumentWording.objects.get(instrument="odi")
    history_count = wording.history.count()
    load("odi", sample("odi"))
    assert wording.history.count() == history_count
    load("odi", sample("odi", lambda d: d.update(version="sample-2")))
    wording.refresh_from_db()
    assert wording.version == "sample-2"
    assert wording.history.count() == history_count + 1


def test_load_demo_wording_switches_everything_on_and_is_idempotent(db):
    load_demo_wording()
    snapshot = list(InstrumentWording.objects.values_list("instrument", "checksum", "updated_at"))
    settings = list(InstrumentSetting.objects.values_list("instrument", "enabled", "updated_at"))
    out = io.StringIO()
    load_demo_wording(stdout=out)
    assert selectors.instruments_enabled() == ["nrs", "sbi", "start_back", "rmdq", "odi"]
    assert list(selectors.questionnaire_versions_for_step()) == ["start_back", "rmdq", "odi"]
    assert (
        list(InstrumentWording.objects.values_list("instrument", "checksum", "updated_at"))
        == snapshot
    )
    assert (
        list(InstrumentSetting.objects.values_list("instrument", "enabled", "updated_at"))
        == settings
    )
    assert "Questionnaire odi: sample wording sample-1, on" in out.getvalue()


def test_shipped_sample_files_say_they_are_non_validated_sample_text():
    for code in ("start_back", "rmdq", "odi"):
        data = read_wording_file(SAMPLE_WORDING_DIR / f"{code}.json")
        assert data["sample"] is True
        assert "NON-VALIDATED SAMPLE TEXT" in data["notice"]
        assert "NON-VALIDATED SAMPLE TEXT" in data["copyright"]
        assert all(item["text"].startswith("[Sample]") for item in data["items"])


def test_seed_demo_loads_the_demo_wording(db, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-tests")
    call_command("seed_demo", stdout=io.StringIO())
    assert list(selectors.questionnaire_versions_for_step()) == ["start_back", "rmdq", "odi"]


def test_copyright_line_is_shown_with_the_wording(db, demo_wording):
    html = render_to_string(
        "intake/_instrument_copyright.html", {"wording": selectors.instrument_wording("odi")}
    )
    assert "Sample wording, not the validated questionnaire." in html
    assert "Oswestry Disability Index 2.1" in html
    own = render_to_string(
        "intake/_instrument_copyright.html", {"wording": selectors.instrument_wording("sbi")}
    )
    assert "Wording (c) NerveDesk" in own
    assert "Sample" not in own


def test_admin_switch_refuses_an_instrument_without_wording(admin_client, db):
    setting = InstrumentSetting.objects.get(instrument="odi")
    response = admin_client.post(
        "/admin/intake/instrumentsetting/",
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(setting.pk),
            "form-0-enabled": "on",
            "_save": "Save",
        },
        follow=True,
    )
    assert response.status_code == 200
    setting.refresh_from_db()
    assert not setting.enabled


@pytest.mark.parametrize(
    "url",
    [
        "/admin/intake/instrumentsetting/",
        "/admin/intake/instrumentwording/",
        "/admin/intake/patient/",
        "/admin/intake/intake/",
    ],
)
def test_intake_admin_pages_render(admin_client, url):
    assert admin_client.get(url).status_code == 200


def test_intake_admin_is_view_only(admin_client, draft, today, answer_all):
    intake = answer_all(draft, today)
    response = admin_client.get(f"/admin/intake/intake/{intake.pk}/change/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ibuprofen 400 mg" in body
    assert 'name="_save"' not in body
