"""The load generator's own overhead: it shares the machine's two cores with the server,
so work it does for nothing is taken from the server it measures."""

import asyncio
import importlib.util
from concurrent.futures import ThreadPoolExecutor

import httpx

from clinic.bench.drive import Tablet, _client

PLAN = {"base": "http://127.0.0.1:9", "origin": "https://127.0.0.1:9", "csrf_cookie": "csrftoken"}


def _run(coroutine_function):
    """``coroutine_function()`` on an event loop of its own, in a thread: the browser
    journeys' Playwright keeps a loop running in the test thread."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(coroutine_function())).result()


def _exchange(handler):
    """Two requests from one tablet through the bench's client, answered by ``handler``."""

    async def run():
        client = _client(PLAN, 1, transport=httpx.MockTransport(handler))
        tablet = Tablet(PLAN)
        async with client:
            await tablet.request(client, "POST", "/kiosk/", {"code": "1234"})
            await tablet.request(client, "GET", "/kiosk/step/1/")
        return client, tablet

    return _run(run)


def test_the_client_keeps_no_cookies_and_the_tablet_keeps_its_own():
    seen = []

    def handler(request):
        seen.append(request.headers.get("cookie", ""))
        if request.method == "POST":
            return httpx.Response(
                302,
                headers=[
                    ("Set-Cookie", "sessionid=abc; HttpOnly; Path=/; SameSite=Lax; Secure"),
                    ("Location", "/kiosk/step/1/"),
                ],
            )
        return httpx.Response(200, text="ok")

    client, tablet = _exchange(handler)
    # httpx's jar was not filled (it would have parsed every response for nothing) ...
    assert len(client.cookies) == 0
    assert list(client.cookies.jar) == []
    # ... while the tablet kept the session cookie and sent it back, once.
    assert tablet.cookies["sessionid"] == "abc"
    assert seen[1].count("sessionid=abc") == 1
    assert f"csrftoken={tablet.csrf}" in seen[1]


def test_a_cookie_the_server_deletes_leaves_the_tablet():
    def handler(request):
        if request.method == "POST":
            return httpx.Response(
                200, headers=[("Set-Cookie", 'sessionid=""; Max-Age=0; Path=/')], text="ok"
            )
        return httpx.Response(200, text="ok")

    async def run():
        client = _client(PLAN, 1, transport=httpx.MockTransport(handler))
        tablet = Tablet(PLAN, {"sessionid": "abc"})
        async with client:
            await tablet.request(client, "POST", "/kiosk/submit/", {"token": "t"})
        return tablet

    assert "sessionid" not in _run(run).cookies


def test_sniffio_is_installed_for_httpcore():
    # httpcore imports sniffio on every request and falls back to asyncio without it;
    # a failed import is never cached, so without sniffio each request paid for a
    # search of sys.path (about a fifth of the generator's CPU).
    assert importlib.util.find_spec("sniffio") is not None
