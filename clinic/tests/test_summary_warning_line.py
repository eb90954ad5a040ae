"""The summary's warning-signs line: shown for every intake, whatever its level.

The number of questions is read from the vocabulary (never hard-coded): questions may
be added.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clinic.selectors import intake_summary, intake_warning_line
from intake.models import Intake
from intake.vocabulary import WarningQuestion

TOTAL = len(WarningQuestion.values)
ALL_NO = {6: dict.fromkeys(WarningQuestion.values, "false")}
# Every step but the warning signs (step 6).
WITHOUT_WARNING_STEP = [1, 2, 3, 4, 5, 7, 8, 9]
LOUD = "Warning signs not answered: ask in person"
BOTH_LEGS_REASON = "Because: leg areas marked on both sides of the body map"


def summary_url(intake):
    return f"/staff/intakes/{intake.pk}/"


@pytest.fixture
def summary_page(client, practitioner_user):
    def _get(intake):
        client.force_login(practitioner_user)
        response = client.get(summary_url(intake))
        assert response.status_code == 200
        return response.content.decode()

    return _get


def warning_section(body):
    """The warning section's HTML (the first section after the header)."""
    start = body.index('aria-labelledby="warning-heading"')
    return body[start : body.index("</section>", start)]


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_all_answered_no(make_intake, summary_page):
    intake = make_intake(changes=ALL_NO)
    assert intake.warning_level == 0
    section = warning_section(summary_page(intake))
    assert '<h2 id="warning-heading" class="h4">Warning signs</h2>' in section
    assert f"None of {TOTAL} answered yes." in section
    assert "Not answered" not in section
    assert LOUD not in section
    assert "alert" not in section


def test_warning_step_skipped_entirely_is_shown_loudly(make_intake, summary_page):
    intake = make_intake(steps=WITHOUT_WARNING_STEP)
    assert (intake.status, intake.warning_level) == ("submitted", 0)
    body = summary_page(intake)
    section = warning_section(body)
    assert f"Not answered: {TOTAL} of {TOTAL}." in section
    assert f'<p class="alert alert-warning fw-bold mb-2">{LOUD}</p>' in section
    # The words say it, not only the colour; no question list repeats all of them.
    assert "answered yes" not in text_of(section).replace(LOUD, "")
    assert "Questions not answered" not in section
    # Right after the header, before the rest of the summary.
    assert body.index("</header>") < body.index(LOUD) < body.index('id="where-heading"')


def test_warning_step_skipped_with_a_sign_from_another_step(make_intake, summary_page):
    intake = make_intake(
        steps=WITHOUT_WARNING_STEP, changes={2: {"regions": ["left_calf", "right_calf"]}}
    )
    assert intake.warning_level == 2
    section = warning_section(summary_page(intake))
    assert "Emergency warning signs" in section
    assert "<strong>Warning signs:</strong>" in section
    assert f"Not answered: {TOTAL} of {TOTAL}." in section
    assert LOUD in section and "alert-warning" in section
    assert BOTH_LEGS_REASON in section


def test_some_skipped_with_a_yes(make_intake, summary_page):
    # The sample answers: bladder and saddle numbness no, night pain yes, the rest blank.
    intake = make_intake()
    section = warning_section(summary_page(intake))
    assert "Urgent warning signs" in section
    assert "<strong>Warning signs:</strong>" in section
    assert f"Not answered: {TOTAL - 3} of {TOTAL}." in section
    assert "Answered yes: 1." in section
    assert "<li>Constant night pain</li>" in section
    assert LOUD not in section
    # Which questions were skipped, by their wording; not the answered ones.
    listed = section[section.index("Questions not answered") :]
    assert str(WarningQuestion.BOWEL.label) in listed
    assert str(WarningQuestion.NIGHT_PAIN.label) not in listed
    assert listed.count("<li>") == TOTAL - 3


def test_some_skipped_and_none_of_the_rest_yes(make_intake, summary_page):
    intake = make_intake(changes={6: {"night_pain": "false"}})
    assert intake.warning_level == 0
    section = warning_section(summary_page(intake))
    assert f"Not answered: {TOTAL - 3} of {TOTAL}. None of the others answered yes." in section
    assert "Questions not answered" in section
    assert LOUD not in section


def test_all_answered_with_yes_counts_them(make_intake, summary_page):
    intake = make_intake(changes={6: {**ALL_NO[6], "night_pain": "true", "fever_unwell": "true"}})
    section = warning_section(summary_page(intake))
    assert f"2 of {TOTAL} answered yes." in section
    assert "Not answered" not in section


def test_both_legs_from_the_body_map_shows_its_because(make_intake, summary_page):
    intake = make_intake(changes={**ALL_NO, 2: {"regions": ["left_calf", "right_thigh_back"]}})
    assert intake.warning_signs == ["both_legs"]
    section = warning_section(summary_page(intake))
    assert "Emergency warning signs" in section
    assert f'Symptoms in both legs<br><span class="small">{BOTH_LEGS_REASON}</span>' in section
    assert f"None of {TOTAL} answered yes." in section


def test_both_legs_answered_yes_needs_no_because(make_intake, summary_page):
    intake = make_intake(
        changes={
            6: {**ALL_NO[6], "both_legs": "true"},
            2: {"regions": ["left_calf", "right_calf"]},
        }
    )
    section = warning_section(summary_page(intake))
    assert "<li>Symptoms in both legs</li>" in section
    assert "Because:" not in section
    assert f"1 of {TOTAL} answered yes." in section


def test_first_episode_age_shows_its_because(make_intake, summary_page):
    intake = make_intake(age=62, changes={**ALL_NO, 3: {"first_episode": "true"}})
    assert intake.warning_signs == ["first_episode_age"]
    section = warning_section(summary_page(intake))
    assert "Urgent warning signs" in section
    assert "First episode under 20 or over 50" in section
    assert "Because: first episode, age 62" in section
    assert f"None of {TOTAL} answered yes." in section


def test_small_fall_with_and_without_osteoporosis(make_intake, summary_page):
    fall = {6: {**ALL_NO[6], "minor_fall": "true"}}
    with_bones = make_intake(changes={**fall, 5: {"risk_factors": ["osteoporosis"]}})
    section = warning_section(summary_page(with_bones))
    assert "Because: a small fall, with osteoporosis" in section
    assert "not a warning sign on its own" not in section

    alone = make_intake(chart="C-200", changes=fall)
    assert alone.warning_level == 0
    section = warning_section(summary_page(alone))
    assert f"1 of {TOTAL} answered yes." in section
    assert "Also answered yes (not a warning sign on its own):" in section
    assert f"<li>{WarningQuestion.MINOR_FALL.label}</li>" in section


def test_warning_line_counts(make_intake):
    intake = make_intake(changes={6: {"minor_fall": "true"}})
    line = intake_summary(pk=intake.pk).warning_line
    assert (line.total, line.answered, line.yes, line.unanswered) == (TOTAL, 4, 2, TOTAL - 4)
    assert not line.none_answered
    assert [row.code for row in line.signs] == ["night_pain"]
    assert line.other_yes == (WarningQuestion.MINOR_FALL.label,)
    assert len(line.not_answered) == TOTAL - 4


def test_answers_to_retired_questions_are_not_counted(make_intake):
    intake = make_intake(changes=ALL_NO)
    intake.warning_answers.create(question="retired_question", answer=True)
    line = intake_warning_line(Intake.objects.get(pk=intake.pk))
    assert (line.answered, line.yes) == (TOTAL, 0)


def test_the_warning_line_adds_no_queries(client, practitioner_user, make_intake):
    """As many queries with every question answered as with the step skipped."""
    answered = make_intake(changes=ALL_NO)
    skipped = make_intake(chart="C-200", steps=WITHOUT_WARNING_STEP)
    client.force_login(practitioner_user)
    counts = []
    for intake in (answered, skipped):
        client.get(summary_url(intake))
        with CaptureQueriesContext(connection) as queries:
            client.get(summary_url(intake))
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]
