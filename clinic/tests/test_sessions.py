"""The session engine (clinic.sessions): Django's database sessions in fewer statements."""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.utils import timezone

from clinic.sessions import SessionStore


def test_the_app_uses_it():
    assert settings.SESSION_ENGINE == "clinic.sessions"


@pytest.mark.django_db
def test_create_save_load_and_delete_keep_the_data_server_side(django_assert_num_queries):
    store = SessionStore()
    store["kiosk_session_id"] = 7
    store.save()
    key = store.session_key
    row = Session.objects.get(session_key=key)
    assert row.expire_date > timezone.now()
    # Only the key goes to the browser; the data is in the table.
    assert "kiosk_session_id" not in key and row.get_decoded() == {"kiosk_session_id": 7}

    again = SessionStore(session_key=key)
    assert again["kiosk_session_id"] == 7
    again["kiosk_seen_at"] = 123
    with django_assert_num_queries(1):  # one UPDATE
        again.save()
    assert SessionStore(session_key=key).load() == {"kiosk_session_id": 7, "kiosk_seen_at": 123}

    with django_assert_num_queries(1):  # one DELETE
        again.flush()
    assert not Session.objects.filter(session_key=key).exists()
    assert SessionStore(session_key=key).load() == {}


@pytest.mark.django_db
def test_saving_a_session_deleted_meanwhile_is_refused():
    store = SessionStore()
    store["a"] = 1
    store.save()
    Session.objects.filter(session_key=store.session_key).delete()
    store["a"] = 2
    with pytest.raises(UpdateError):
        store.save()


@pytest.mark.django_db
def test_a_clashing_new_key_is_drawn_again(monkeypatch):
    taken = SessionStore()
    taken["a"] = 1
    taken.save()
    keys = iter([taken.session_key, "k" * 32])
    monkeypatch.setattr(SessionStore, "_get_new_session_key", lambda self: next(keys))
    fresh = SessionStore()
    fresh["b"] = 2
    fresh.save()
    assert fresh.session_key == "k" * 32
    assert SessionStore(session_key=taken.session_key).load() == {"a": 1}
    assert SessionStore(session_key="k" * 32).load() == {"b": 2}


@pytest.mark.django_db
def test_expired_sessions_are_not_loaded_and_are_cleared():
    store = SessionStore()
    store["a"] = 1
    store.save()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert SessionStore(session_key=store.session_key).load() == {}
    SessionStore.clear_expired()
    assert not Session.objects.exists()


@pytest.mark.django_db
def test_loading_is_one_select_and_refuses_tampered_or_unknown_sessions(
    django_assert_num_queries,
):
    store = SessionStore()
    store["a"] = 1
    store.save()
    with django_assert_num_queries(1):
        assert SessionStore(session_key=store.session_key).load() == {"a": 1}
    # Data that fails its signature check loads as an empty session.
    Session.objects.filter(session_key=store.session_key).update(session_data="tampered:data")
    assert SessionStore(session_key=store.session_key).load() == {}
    # An unknown key is dropped, so the next save draws a new one (no session fixation).
    unknown = SessionStore(session_key="u" * 32)
    assert unknown.load() == {}
    assert unknown.session_key is None
    unknown["b"] = 2
    unknown.save()
    assert unknown.session_key not in (None, "u" * 32)
