"""Handout and pre-visit tokens and kiosk codes stay out of the logs and the URLs seen.

The test suite runs with a quiet LOGGING of its own (config.settings_test); these tests
put config.settings' LOGGING back and read what its handlers write.
"""

import datetime
import io
import logging
import runpy
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.log import configure_logging
from gunicorn.config import Config

from clinic.services import education_plan_save, handout_link_create, handout_link_revoke
from common.qr import qr_svg
from config import settings as production_settings
from education.models import CatalogueItem

GUNICORN_CONF = Path(settings.BASE_DIR) / "config" / "gunicorn.conf.py"
CODE = "482913"


@pytest.fixture
def log_output():
    """What the production logging configuration writes, as one string buffer."""
    configure_logging(settings.LOGGING_CONFIG, production_settings.LOGGING)
    written = io.StringIO()
    for name in ["", "django", "django.request", "django.server"]:
        for handler in logging.getLogger(name).handlers:
            if type(handler) is logging.StreamHandler:
                handler.setStream(written)
    yield written
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)


@pytest.fixture
def link(make_intake, practitioner_user):
    items = CatalogueItem.objects.filter(slug="herniated-disc")
    plan = education_plan_save(
        intake=make_intake(), by=practitioner_user, item_ids=[i.pk for i in items]
    )
    return handout_link_create(plan=plan, by=practitioner_user)


def test_gone_warning_for_a_revoked_handout_logs_no_token(
    client, link, practitioner_user, log_output
):
    handout_link_revoke(link=link, by=practitioner_user)
    assert client.get(f"/h/{link.token}/").status_code == 410
    written = log_output.getvalue()
    assert "Gone: /h/…/" in written
    assert link.token not in written


def test_not_found_warning_for_an_unknown_handout_logs_no_token(client, db, log_output):
    token = "u" * 43
    assert client.get(f"/h/{token}/").status_code == 404
    written = log_output.getvalue()
    assert "Not Found: /h/…/" in written
    assert token not in written


def test_an_unknown_previsit_link_logs_no_token(client, db, log_output):
    token = "p" * 43
    assert client.get(f"/v/{token}/").status_code == 404
    written = log_output.getvalue()
    assert "Not Found: /v/…/" in written
    assert token not in written


def test_development_server_lines_hold_no_token_or_kiosk_code(log_output):
    # As runserver's request handler logs each request.
    server = logging.getLogger("django.server")
    extra = {"status_code": 200, "server_time": "01/Jan/2026 09:00:00"}
    server.info('"%s" %s %s', "GET /h/secret-token/ HTTP/1.1", "200", "512", extra=extra)
    server.info('"%s" %s %s', f"GET /kiosk/?code={CODE} HTTP/1.1", "200", "512", extra=extra)
    written = log_output.getvalue()
    assert '"GET /h/…/ HTTP/1.1" 200 512' in written
    assert '"GET /kiosk/?code=… HTTP/1.1" 200 512' in written
    assert "secret-token" not in written and CODE not in written


class FakeResponse:
    status = "200 OK"
    sent = 512
    headers = [("Content-Type", "text/html")]


def gunicorn_logger(tmp_path):
    """The logger gunicorn builds from the committed config, writing its access log to a file."""
    cfg = Config()
    for name, value in runpy.run_path(str(GUNICORN_CONF)).items():
        if name in cfg.settings:
            cfg.set(name, value)
    cfg.set("accesslog", str(tmp_path / "access.log"))
    return cfg.logger_class(cfg)


def test_gunicorn_access_log_masks_handout_tokens_and_kiosk_codes(tmp_path):
    logger = gunicorn_logger(tmp_path)
    logger.cfg.set("access_log_format", "%(r)s|%(U)s|%(q)s|%(f)s|%({referer}i)s|%({raw_uri}e)s")
    referer = "https://intake.example.org/h/secret-token/"
    for raw_uri in ["/h/secret-token/", f"/kiosk/?code={CODE}"]:
        path, _, query = raw_uri.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "RAW_URI": raw_uri,
            "SERVER_PROTOCOL": "HTTP/1.1",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "HTTP_REFERER": referer,
            "REMOTE_ADDR": "10.0.0.9",
        }
        request = type("Request", (), {"headers": [("REFERER", referer)]})()
        logger.access(FakeResponse(), request, environ, datetime.timedelta(milliseconds=3))
    for handler in logger.access_log.handlers:
        handler.flush()
    written = (tmp_path / "access.log").read_text(encoding="utf-8")
    assert "GET /h/…/ HTTP/1.1|/h/…/||https://intake.example.org/h/…/|" in written
    assert "GET /kiosk/?code=… HTTP/1.1|/kiosk/|code=…|" in written
    assert "secret-token" not in written and CODE not in written


def start_tablet(client, front_desk_user, make_intake):
    intake = make_intake(submit=False, steps=[1])
    client.force_login(front_desk_user)
    response = client.post(f"/staff/patients/{intake.patient_id}/tablet/")
    assert response.status_code == 200
    return response


def test_tablet_qr_carries_the_code_in_the_fragment_only(client, front_desk_user, make_intake):
    response = start_tablet(client, front_desk_user, make_intake)
    kiosk_url = response.context["kiosk_url"]
    assert "?" not in kiosk_url
    assert kiosk_url == f"http://testserver/kiosk/#code={response.context['session'].code}"
    # The QR on the page is that URL and no other.
    assert qr_svg(kiosk_url, scale=5) in response.content.decode()


def test_kiosk_start_ignores_a_code_in_the_query_string(client, db):
    response = client.get(f"/kiosk/?code={CODE}")
    assert response.status_code == 200
    assert 'name="code"' in response.content.decode()
    assert CODE not in response.content.decode()
