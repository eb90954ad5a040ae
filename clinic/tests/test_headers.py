import pytest


@pytest.mark.parametrize("path", ["/accounts/login/", "/healthz", "/staff/"])
def test_security_headers_on_every_response_class(client, front_desk_user, path):
    client.force_login(front_desk_user)
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "camera=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_pages_have_no_inline_scripts_or_styles(client, front_desk_user):
    client.force_login(front_desk_user)
    body = client.get("/staff/").content.decode()
    assert "<script>" not in body and "<style" not in body and " style=" not in body
