"""No editor-entered text reaches any page as active content, in any field."""

import pytest
from django.template.loader import render_to_string

from education.models import CatalogueItem, Status
from education.rendering import markdown_to_html
from education.selectors import handout_items
from education.tests.html_checks import active_content

PAYLOADS = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    '[tap](javascript:alert(1)) <a href="javascript:alert(2)">tap</a>',
    "<svg onload=alert(1)></svg><p style=\"x\" onclick='y()'>z</p>",
    '<a href="  JaVaScRiPt:alert(3)">tap</a><iframe src="javascript:alert(4)"></iframe>',
]

TEXT_FIELDS = ["title", *CatalogueItem.PATIENT_TEXT_FIELDS]


def test_markdown_renderer_strips_every_payload():
    for payload in PAYLOADS:
        html = markdown_to_html(f"Hello.\n\n{payload}\n\n- one {payload}")
        assert active_content(html) == [], payload
        assert "<script" not in html.lower()


def test_markdown_keeps_ordinary_formatting():
    html = markdown_to_html("Read **this**.\n\n- one\n- [two](https://example.org/)")
    assert "<strong>this</strong>" in html
    assert '<a href="https://example.org/" rel="noopener noreferrer">two</a>' in html


@pytest.fixture
def poisoned(make_item):
    """A treatment and an exercise with every text field (and the steps) set to a payload."""

    def _make(payload, status=Status.PUBLISHED):
        items = []
        for kind in ("treatment", "exercise"):
            fields = dict.fromkeys(TEXT_FIELDS, f"Zebra {payload}")
            # Short fields have short columns (PostgreSQL enforces them).
            for name in ("hold_time", "repetitions", "how_often"):
                fields[name] = payload[:100]
            items.append(
                make_item(
                    kind=kind,
                    status=status,
                    steps=[f"Step {payload}", payload],
                    **fields,
                )
            )
        items[0].related.set([items[1]])
        items[1].related.set([items[0]])
        return items

    return _make


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_in_every_field_never_reaches_a_public_page(client, poisoned, payload):
    treatment, exercise = poisoned(payload)
    pages = [
        "/learn/",
        "/learn/section/treatments/",
        "/learn/section/exercises/",
        "/learn/search/?q=zebra",
        treatment.get_absolute_url(),
        exercise.get_absolute_url(),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert active_content(html) == [], (url, active_content(html))
    # The search really found them, so their titles and summaries were on the page.
    assert client.get("/learn/search/?q=zebra").content.decode().count("Zebra") >= 4


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_never_reaches_the_editor_preview(client, poisoned, content_admin_user, payload):
    treatment, exercise = poisoned(payload, status=Status.DRAFT)
    client.force_login(content_admin_user)
    for item in (treatment, exercise):
        response = client.get(item.get_absolute_url())
        assert response.status_code == 200
        assert "Preview" in response.content.decode()
        assert active_content(response.content.decode()) == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_never_reaches_the_handout_block(poisoned, payload):
    treatment, exercise = poisoned(payload)
    for item in handout_items(slugs=[treatment.slug, exercise.slug]):
        html = render_to_string("education/_handout_item.html", {"item": item})
        assert "Zebra" in html
        assert active_content(html) == []


def test_search_query_is_escaped(client, db):
    response = client.get("/learn/search/", {"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert active_content(response.content.decode()) == []


def test_markdown_headings_follow_the_page_outline():
    assert markdown_to_html("## Part") == "<h2>Part</h2>"
    assert markdown_to_html("## Part\n\n### Detail", top_heading=3) == (
        "<h3>Part</h3>\n<h4>Detail</h4>"
    )
    # A top-level "#" would be a second h1 on the page: only its text is kept.
    assert "<h1>" not in markdown_to_html("# Title")
