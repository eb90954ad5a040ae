"""The public library at /learn/: published items only, sections, search, queries."""

import pytest
from django.template.loader import render_to_string

from education.models import SECTIONS, Kind, Status
from education.selectors import handout_items
from education.tests.conftest import CONTENT_ADMIN, FRONT_DESK, PRACTITIONER


def test_every_kind_has_a_library_section():
    assert sorted(section.kind for section in SECTIONS) == sorted(Kind.values)


def test_library_needs_no_login_and_shows_every_section(client, make_item):
    make_item(title="Herniated disc", kind="cause")
    response = client.get("/learn/")
    html = response.content.decode()
    assert response.status_code == 200
    for label in (
        "Understanding",
        "Causes",
        "Symptoms",
        "Treatments",
        "Exercises",
        "Prevention",
        "When to get help",
    ):
        assert label in html
    assert 'href="/learn/topic-' in html
    assert 'role="search"' in html
    assert "/static/css/education.css" in html


def test_draft_is_hidden_from_the_public(client, make_item):
    draft = make_item(title="Secret draft", status=Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Secret draft" not in client.get("/learn/").content.decode()
    assert "Secret draft" not in client.get("/learn/section/causes/").content.decode()
    assert "Secret draft" not in client.get("/learn/search/?q=secret").content.decode()


def test_draft_related_item_is_not_linked_from_a_published_page(client, make_item):
    draft = make_item(title="Unfinished page", status=Status.DRAFT)
    page = make_item(related=[draft])
    assert "Unfinished page" not in client.get(page.get_absolute_url()).content.decode()


@pytest.mark.parametrize("role", [FRONT_DESK, PRACTITIONER])
def test_staff_who_cannot_edit_do_not_see_drafts(client, make_item, make_staff, role):
    draft = make_item(status=Status.DRAFT)
    client.force_login(make_staff(role, username=f"user-{role}".replace(" ", "")))
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_editor_previews_a_draft_marked_as_such(client, make_item, make_staff):
    draft = make_item(title="Coming soon", status=Status.DRAFT)
    client.force_login(make_staff(CONTENT_ADMIN, username="ed", is_staff=True))
    response = client.get(draft.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Coming soon</h1>" in html
    assert "Preview: this page is a draft" in html
    assert '<meta name="robots" content="noindex">' in html
    assert "no-cache" in response["Cache-Control"]


def test_item_page_shows_treatment_parts_and_related_items(client, make_item):
    other = make_item(title="Massage")
    treatment = make_item(
        title="Surgery",
        kind="treatment",
        treatment_category="surgery",
        how_it_may_help="It takes pressure off.",
        what_to_expect="You sleep through it.",
        typical_duration="A few weeks.",
        who_may_not_suit="People who are getting better.",
        questions_to_ask="- What if I wait?",
        related=[other],
    )
    html = client.get(treatment.get_absolute_url()).content.decode()
    assert "<h1>Surgery</h1>" in html
    for heading in (
        "How it may help",
        "What a session or course is like",
        "How long it usually takes",
        "Who it may not suit",
        "Questions to ask your clinician",
        "Related topics",
    ):
        assert f"<h2>{heading}</h2>" in html or f'">{heading}</h2>' in html
    assert f'href="{other.get_absolute_url()}"' in html


def test_exercise_page_numbers_its_steps(client, make_item):
    exercise = make_item(
        kind="exercise",
        steps=["Lie down.", "Lift your leg."],
        hold_time="20 seconds",
        repetitions="3 times",
        how_often="Daily",
        stop_if="You feel sharp pain.",
    )
    html = client.get(exercise.get_absolute_url()).content.decode()
    assert '<ol class="education-steps">' in html
    assert html.index("Lie down.") < html.index("Lift your leg.")
    assert "20 seconds" in html and "Stop if" in html


def test_unknown_section_and_item_are_404(client, db):
    assert client.get("/learn/section/nothing/").status_code == 404
    assert client.get("/learn/nothing/").status_code == 404


def test_section_page_lists_only_its_kind(client, make_item):
    make_item(title="Numbness", kind="symptom")
    make_item(title="Posture", kind="prevention")
    html = client.get("/learn/section/symptoms/").content.decode()
    assert "Numbness" in html
    assert "Posture" not in html


def test_search_finds_published_items_by_word(client, make_item):
    make_item(title="Tingling", kind="symptom", body="Pins and needles in your foot.")
    make_item(title="Shockwave therapy", kind="treatment", body="Sound waves.")
    make_item(title="Tingling draft", status=Status.DRAFT)
    html = client.get("/learn/search/", {"q": "tingling"}).content.decode()
    assert ">Tingling</a>" in html
    assert "Shockwave" not in html
    assert "Tingling draft" not in html
    assert "1 page matches" in html
    html = client.get("/learn/search/", {"q": "shockwave"}).content.decode()
    assert ">Shockwave therapy</a>" in html


def test_search_matches_body_text_and_handles_no_results(client, make_item):
    make_item(title="Pain", body="Sitting makes the burning worse.")
    assert ">Pain</a>" in client.get("/learn/search/", {"q": "burning"}).content.decode()
    html = client.get("/learn/search/", {"q": "xylophone"}).content.decode()
    assert "0 pages match" in html


def test_empty_search_shows_the_form_only(client, db):
    response = client.get("/learn/search/", {"q": "  "})
    assert response.status_code == 200
    assert "match" not in response.content.decode()


def test_library_is_read_only(client, db):
    assert client.post("/learn/").status_code == 405


def _grow(make_item, count, start):
    for number in range(start, start + count):
        make_item(title=f"Item {number}", slug=f"item-{number}", kind=Kind.values[number % 7])


def test_library_query_count_stays_constant_as_items_grow(
    client, make_item, django_assert_num_queries
):
    _grow(make_item, 3, 0)
    with django_assert_num_queries(1):
        assert client.get("/learn/").status_code == 200
    _grow(make_item, 30, 3)
    with django_assert_num_queries(1):
        response = client.get("/learn/")
    assert response.content.decode().count('href="/learn/item-') == 33


def test_item_page_query_count_stays_constant(client, make_item, django_assert_num_queries):
    few = [make_item() for _ in range(2)]
    exercise = make_item(kind="exercise", steps=["One.", "Two."], related=few)
    with django_assert_num_queries(3):
        assert client.get(exercise.get_absolute_url()).status_code == 200
    many = [make_item() for _ in range(12)]
    bigger = make_item(kind="exercise", steps=[f"Step {n}." for n in range(10)], related=many)
    with django_assert_num_queries(3):
        assert client.get(bigger.get_absolute_url()).status_code == 200


def test_section_and_search_query_counts(client, make_item, django_assert_num_queries):
    _grow(make_item, 20, 0)
    with django_assert_num_queries(1):
        client.get("/learn/section/causes/")
    with django_assert_num_queries(1):
        client.get("/learn/search/", {"q": "item"})


def test_handout_items_keep_the_chosen_order_and_skip_drafts(make_item):
    first = make_item(slug="first")
    second = make_item(slug="second", kind="exercise", steps=["Stand up."])
    make_item(slug="hidden", status=Status.DRAFT)
    chosen = handout_items(slugs=["second", "hidden", "missing", "first", "second"])
    assert chosen == [second, first]
    assert handout_items(ids=[first.pk, second.pk]) == [first, second]
    with pytest.raises(TypeError):
        handout_items()


def test_handout_items_query_count(make_item, django_assert_num_queries):
    slugs = [make_item(kind="exercise", steps=["A.", "B."]).slug for _ in range(5)]
    with django_assert_num_queries(2):
        items = handout_items(slugs=slugs)
        html = "".join(
            render_to_string("education/_handout_item.html", {"item": item}) for item in items
        )
    assert html.count("<li>A.</li>") == 5
    assert html.count("<h2 ") == 5
    assert "<h3>How to do it</h3>" in html
