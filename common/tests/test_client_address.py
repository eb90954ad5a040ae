"""Which address the kiosk, the audit log and the sign-in lockouts see (one rule)."""

import pytest
from django.test import RequestFactory

from common.client_address import client_ip

FORWARDED = "198.51.100.7, 203.0.113.9"


def request_from(remote="10.0.0.2", forwarded=None):
    headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(settings):
    settings.AUDIT_TRUST_X_FORWARDED_FOR = False
    assert client_ip(request_from(forwarded=FORWARDED)) == "10.0.0.2"


def test_behind_a_trusted_proxy_only_the_entry_it_appended_counts(settings):
    settings.AUDIT_TRUST_X_FORWARDED_FOR = True
    # The left entry is whatever the client claimed; the proxy appended the right one.
    assert client_ip(request_from(forwarded=FORWARDED)) == "203.0.113.9"
    assert client_ip(request_from(forwarded=" 203.0.113.9 ")) == "203.0.113.9"


@pytest.mark.parametrize("forwarded", [None, "", " ", "198.51.100.7, "])
def test_a_missing_or_empty_forwarded_entry_falls_back_to_the_peer(settings, forwarded):
    settings.AUDIT_TRUST_X_FORWARDED_FOR = True
    assert client_ip(request_from(forwarded=forwarded)) == "10.0.0.2"


def test_no_address_at_all_is_none(settings):
    settings.AUDIT_TRUST_X_FORWARDED_FOR = False
    assert client_ip(request_from(remote="")) is None
