"""Production static files: hashed names from the manifest, each URL worked out once."""

import json

import pytest

from clinic.storage import StaticFilesStorage


@pytest.fixture
def storage(tmp_path, settings):
    settings.DEBUG = False
    manifest = {"paths": {"css/kiosk.css": "css/kiosk.0123456789ab.css"}, "version": "1.1"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return StaticFilesStorage(location=tmp_path, base_url="/static/")


def test_urls_are_the_hashed_names_and_are_worked_out_once(storage, monkeypatch):
    looked_up = []
    stored_name = storage.stored_name

    def spy(name):
        looked_up.append(name)
        return stored_name(name)

    monkeypatch.setattr(storage, "stored_name", spy)
    assert storage.url("css/kiosk.css") == "/static/css/kiosk.0123456789ab.css"
    assert storage.url("css/kiosk.css") == "/static/css/kiosk.0123456789ab.css"
    assert looked_up == ["css/kiosk.css"]


def test_a_file_missing_from_the_manifest_is_refused_every_time(storage):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/missing.css")


def test_collectstatic_forgets_the_urls_it_gave(storage):
    assert storage.url("css/kiosk.css").endswith("kiosk.0123456789ab.css")
    list(storage.post_process({}, dry_run=True))
    # As a collectstatic run of changed files leaves the manifest:
    storage.hashed_files = {"css/kiosk.css": "css/kiosk.fedcba987654.css"}
    assert storage.url("css/kiosk.css") == "/static/css/kiosk.fedcba987654.css"
