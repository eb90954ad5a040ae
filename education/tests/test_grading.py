"""The live reading grade in the editor: reasons, the page's grade, the view and the widget."""

import json
from html.parser import HTMLParser

import pytest
from django.forms.renderers import TemplatesSetting
from django.urls import reverse

from education.grading import GRADED_FIELDS, field_report, overall_report
from education.models import CatalogueItem
from education.readability import (
    LONG_SENTENCE,
    LONG_WORDS,
    WARNING_GRADE,
    flesch_kincaid_grade,
    hardest_sentences,
    sentence_report,
)
from education.tests.conftest import FRONT_DESK, PRACTITIONER
from education.tests.html_checks import active_content

# 34 words of one or two syllables: hard only for its length.
LONG_SENTENCE_TEXT = (
    "When you have been sitting at your desk for a very long time without getting up "
    "to walk around the room, your back can start to hurt a lot more than it did before."
)
# 5 words, 20 syllables: hard only for its words.
LONG_WORDS_TEXT = "Corticosteroid injections diminish inflammation considerably."
EASY_TEXT = "Nerve pain can ease. Walk a little each day."


def grade_url():
    return reverse("admin:education_catalogueitem_grade")


def form_texts(**changes):
    texts = dict.fromkeys(GRADED_FIELDS, "")
    texts.update(changes)
    return texts


class _Ids(HTMLParser):
    """Each element with an id: its tag and attributes."""

    def __init__(self):
        super().__init__()
        self.elements = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.elements[attributes["id"]] = (tag, attributes)


def elements_by_id(html):
    parser = _Ids()
    parser.feed(html)
    return parser.elements


def test_sentence_report_grades_each_sentence_alone():
    report = sentence_report(f"{EASY_TEXT}\n\n- {LONG_WORDS_TEXT}")
    assert [sentence.text for sentence in report] == [
        "Nerve pain can ease.",
        "Walk a little each day.",
        LONG_WORDS_TEXT,
    ]
    assert report[2].words == 5
    assert report[2].grade == flesch_kincaid_grade(LONG_WORDS_TEXT)
    assert report[2].long_words == (
        "Corticosteroid",
        "injections",
        "diminish",
        "inflammation",
        "considerably",
    )
    assert report[0].long_words == ()


def test_numbers_are_not_long_words():
    (sentence,) = sentence_report("Hold it for 30 seconds, 100 times.")
    assert sentence.long_words == ()


def test_a_long_sentence_is_hard_for_its_length():
    (hard,) = hardest_sentences(f"{EASY_TEXT} {LONG_SENTENCE_TEXT}")
    assert hard.sentence.text == LONG_SENTENCE_TEXT
    assert hard.sentence.grade > WARNING_GRADE
    assert [(reason.code, reason.count) for reason in hard.reasons] == [(LONG_SENTENCE, 34)]


def test_a_sentence_of_long_words_names_up_to_four_of_them():
    (hard,) = hardest_sentences(LONG_WORDS_TEXT)
    (reason,) = hard.reasons
    assert reason.code == LONG_WORDS
    assert reason.count == 5
    assert reason.words == ("Corticosteroid", "injections", "diminish", "inflammation")


def test_hardest_sentences_come_hardest_first_and_easy_ones_not_at_all():
    hard = hardest_sentences(f"{LONG_SENTENCE_TEXT} {EASY_TEXT} {LONG_WORDS_TEXT}", limit=3)
    assert [item.sentence.text for item in hard] == [LONG_WORDS_TEXT, LONG_SENTENCE_TEXT]
    (first,) = hardest_sentences(f"{LONG_SENTENCE_TEXT} {LONG_WORDS_TEXT}", limit=1)
    assert first.sentence.text == LONG_WORDS_TEXT
    assert hardest_sentences(EASY_TEXT) == []


def test_a_short_sentence_with_nothing_to_change_is_not_listed():
    # "Relax." alone grades 8.4 (one word of two syllables), but has no long word.
    assert sentence_report("Relax.")[0].grade > WARNING_GRADE
    assert hardest_sentences("Relax.") == []


def test_a_long_sentence_of_long_words_has_both_reasons():
    text = (
        "Corticosteroid injections may considerably diminish inflammation around the "
        "irritated nerve root for several weeks, although the benefit usually fades and "
        "the injection may need repeating."
    )
    (hard,) = hardest_sentences(text)
    assert [reason.code for reason in hard.reasons] == [LONG_SENTENCE, LONG_WORDS]


def test_the_page_grade_is_the_grade_the_item_gets_when_saved():
    texts = form_texts(
        summary="Massage eases tight muscles.",
        body=f"## What it is\n\n{LONG_SENTENCE_TEXT}\n\n- Lie down.\n- Relax.",
        what_to_expect=LONG_WORDS_TEXT,
        stop_if="Stop if the pain spreads.",
        steps="Lie on your back.\n\n  Bend one knee.  \n",
    )
    item = CatalogueItem(**{name: texts[name] for name in CatalogueItem.PATIENT_TEXT_FIELDS})
    saved = flesch_kincaid_grade(item.patient_text(steps=["Lie on your back.", "Bend one knee."]))
    report = overall_report(texts)
    assert report.grade == saved
    assert [hard.sentence.text for hard in report.hardest] == [
        LONG_WORDS_TEXT,
        LONG_SENTENCE_TEXT,
    ]
    # The steps may come as a list too (the editor's saved content).
    assert (
        overall_report({**texts, "steps": ["Lie on your back.", "Bend one knee."]}).grade == saved
    )


def test_each_step_line_is_graded_as_a_list_item():
    assert field_report("steps", "Lie down\nBend a knee").grade == flesch_kincaid_grade(
        "- Lie down\n- Bend a knee"
    )


def test_a_field_without_words_has_no_grade():
    report = field_report("body", "")
    assert report.grade is None
    assert not report.too_hard
    assert report.hardest == []


@pytest.fixture
def editor_client(client, content_admin_user):
    client.force_login(content_admin_user)
    return client


def test_the_view_answers_with_the_field_report_and_the_page_report_out_of_band(editor_client):
    data = form_texts(summary=EASY_TEXT, body=LONG_WORDS_TEXT, graded_field="body")
    response = editor_client.post(grade_url(), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Reading grade {flesch_kincaid_grade(LONG_WORDS_TEXT)}" in html
    assert "too hard for many patients" in html
    assert "Hardest sentences:" in html
    assert f'<mark class="grade-sentence">{LONG_WORDS_TEXT}</mark>' in html
    assert "long words: Corticosteroid, injections, diminish, inflammation" in html
    tag, attributes = elements_by_id(html)["grade-overall"]
    assert attributes["hx-swap-oob"] == "true"
    assert 'hx-swap-oob="innerHTML:#grade-line-body"' in html
    assert 'role="status"' not in html  # the live region stays on the page
    overall = overall_report(data).grade
    assert f"Reading grade {overall}" in html
    assert active_content(html) == []


def test_the_view_words_a_long_sentence_with_its_length(editor_client):
    data = form_texts(stop_if=LONG_SENTENCE_TEXT, graded_field="stop_if")
    html = editor_client.post(grade_url(), data).content.decode()
    assert "34 words: split it" in html


@pytest.mark.parametrize("role", [PRACTITIONER, FRONT_DESK])
def test_roles_that_cannot_edit_the_catalogue_are_refused(client, make_staff, role):
    # Staff status gets them past the admin's own check: the view still refuses them.
    client.force_login(make_staff(role, username="charlie", is_staff=True))
    response = client.post(grade_url(), form_texts(body=EASY_TEXT, graded_field="body"))
    assert response.status_code == 403


def test_front_desk_without_admin_access_is_sent_to_sign_in(client, front_desk_user):
    client.force_login(front_desk_user)
    response = client.post(grade_url(), form_texts(body=EASY_TEXT, graded_field="body"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_get_is_not_allowed(editor_client):
    assert editor_client.get(grade_url()).status_code == 405


@pytest.mark.parametrize("graded_field", ["title", "", "body<script>"])
def test_an_unknown_field_is_a_bad_request(editor_client, graded_field):
    response = editor_client.post(grade_url(), form_texts(graded_field=graded_field))
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")


def test_an_empty_form_is_graded_without_error(editor_client):
    response = editor_client.post(grade_url(), {"graded_field": "summary"})
    assert response.status_code == 200
    assert "No reading grade yet" in response.content.decode()


def test_huge_text_is_cut_and_graded_without_error(editor_client):
    huge = ("Corticosteroid injections diminish inflammation " * 2500)[:100_000]
    data = form_texts(body=huge, steps=huge, summary="x" * 100_000, graded_field="body")
    response = editor_client.post(grade_url(), data)
    assert response.status_code == 200
    assert "too hard for many patients" in response.content.decode()


@pytest.fixture
def template_settings_renderer(settings):
    # The widget's template is in the project's templates/, which Django's default form
    # renderer does not search; the project renders forms with TemplatesSetting.
    if "django.forms" not in settings.INSTALLED_APPS:
        settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "django.forms"]
    return TemplatesSetting()


def test_the_widget_shows_the_first_report_and_posts_as_the_editor_types(
    db, template_settings_renderer
):
    from education.widgets import GradedTextarea

    html = GradedTextarea().render(
        "body",
        LONG_WORDS_TEXT,
        attrs={"id": "id_body", "aria-describedby": "id_body_helptext"},
        renderer=template_settings_renderer,
    )
    elements = elements_by_id(html)
    tag, textarea = elements["id_body"]
    assert tag == "textarea"
    assert textarea["hx-post"] == grade_url()
    assert textarea["hx-trigger"] == "input changed delay:600ms"
    assert textarea["hx-target"] == "#grade-body"
    assert textarea["hx-swap"] == "innerHTML"
    assert textarea["hx-include"] == "closest form"
    assert json.loads(textarea["hx-vals"]) == {"graded_field": "body"}
    assert textarea["aria-describedby"] == "id_body_helptext grade-line-body grade-body"
    # The grade line is a live region that stays; only its text is swapped in.
    assert elements["grade-line-body"][1]["role"] == "status"
    assert "grade-body" in elements
    assert LONG_WORDS_TEXT in html
    assert "too hard for many patients" in html
    assert 'role="status"' in html
    assert html.count('role="status"') == 1
    assert active_content(html) == []
