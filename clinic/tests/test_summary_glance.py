"""The summary's header strip: the ten-second read, and every band in plain words."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clinic.glance import glance
from clinic.selectors import BAND_LABELS, SCORE_SCALES, intake_summary
from clinic.tests.conftest import EMERGENCY
from intake import instruments

# Queries of one summary page (a second visit): session and user, the audit insert,
# the intake with every answer group, its history, plan, links, suggestions and rules.
# Pinned: a new query on this page is a decision, not an accident.
SUMMARY_QUERIES = 24


def strip_text(html):
    block = html.split('aria-labelledby="glance-heading">', 1)[1].split("</section>", 1)[0]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", block)).split())


@pytest.fixture
def summary_of(db):
    return lambda intake: intake_summary(pk=intake.pk)


def test_every_band_of_every_instrument_has_plain_words():
    for code, instrument in instruments.INSTRUMENTS.items():
        for band in instrument.bands:
            assert (code, band) in BAND_LABELS, (code, band)
    assert {code for code, _band in BAND_LABELS} == {code for code, _top in SCORE_SCALES.values()}


def test_regions_read_by_side_head_to_foot(make_intake, summary_of):
    changes = {2: {"regions": ["right_foot_sole", "left_calf", "right_lower_back", "left_buttock"]}}
    view = glance(summary_of(make_intake(changes=changes)))
    assert [(s.side, s.regions) for s in view.where] == [
        ("Left", ("Buttock", "Calf")),
        ("Right", ("Lower back", "Sole of foot")),
    ]


def test_tried_hides_not_tried_and_keeps_the_asked_order(make_intake, summary_of):
    view = glance(summary_of(make_intake()))
    assert [(t.label, t.helped) for t in view.tried] == [
        ("Rest and physical therapy", False),
        ("Medication", True),
    ]
    assert view.medicines == ("Ibuprofen 400 mg", "Paracetamol")
    assert view.goal == "Walk the dog again."


def test_scores_carry_band_and_change_since_the_last_visit(make_intake, summary_of):
    make_intake(changes={7: {f"odi-item_{n}": "4" for n in range(1, 10)}})
    latest = make_intake()
    scores = {row.key: row for row in glance(summary_of(latest)).scores}
    assert set(scores) == {"sbi", "start_back", "rmdq", "odi"}
    odi = scores["odi"]
    assert (odi.value, odi.previous, odi.band_label) == (40, 80, "moderate disability")
    assert odi.change.direction == "better" and odi.change_size == 40 and odi.change.matters
    assert str(scores["rmdq"].band_label) == "limited (5 or more)"
    assert str(scores["sbi"].band_label) == "bothersome (7 or more)"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (None, "Urgent: Constant night pain"),
        ({6: {"night_pain": "false"}}, "None raised; 16 of 19 not answered"),
        (EMERGENCY, "Emergency: Saddle numbness, Constant night pain"),
    ],
)
def test_the_warning_item_says_raised_none_or_not_answered(
    client, practitioner_user, make_intake, changes, expected
):
    intake = make_intake(changes=changes)
    client.force_login(practitioner_user)
    text = strip_text(client.get(f"/staff/intakes/{intake.pk}/").content.decode())
    assert text.startswith("At a glance Warning signs " + expected)


def test_all_warning_questions_answered_no_reads_none_of_19(client, practitioner_user, make_intake):
    from intake.vocabulary import WarningQuestion

    intake = make_intake(changes={6: dict.fromkeys(WarningQuestion.values, "false")})
    client.force_login(practitioner_user)
    text = strip_text(client.get(f"/staff/intakes/{intake.pk}/").content.decode())
    assert f"Warning signs None of {len(WarningQuestion.values)} Where" in text


def test_a_skipped_warning_step_is_loud(client, practitioner_user, make_intake):
    intake = make_intake(changes={6: {}}, steps=[1, 2, 3, 4, 5, 7, 8, 9])
    client.force_login(practitioner_user)
    html = client.get(f"/staff/intakes/{intake.pk}/").content.decode()
    assert "glance-unanswered" in html
    assert "Warning signs Not answered: ask in person" in strip_text(html)


def test_the_strip_reads_in_plain_words(client, practitioner_user, make_intake):
    intake = make_intake()
    client.force_login(practitioner_user)
    html = client.get(f"/staff/intakes/{intake.pk}/").content.decode()
    text = strip_text(html)
    assert "Where Left: Lower back, buttock, calf, sole of foot" in text
    assert "How long 10 weeks (since" in text
    assert "Pain (0-10) Leg: 6 now, 8 at worst Back: 3 now" in text
    assert "Oswestry 40 %, moderate disability" in text
    assert "Tried Rest and physical therapy: did not help Medication: helped" in text
    assert "Goal, in their words Walk the dog again." in text
    assert "<q>Walk the dog again.</q>" in html
    # The details below: lists with commas, "not tried" nowhere.
    assert "Sitting, Coughing or sneezing" in html
    assert "Not tried" not in html


def test_the_summary_page_query_count_is_pinned(client, practitioner_user, make_intake):
    make_intake()
    intake = make_intake()
    client.force_login(practitioner_user)
    client.get(f"/staff/intakes/{intake.pk}/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/staff/intakes/{intake.pk}/").status_code == 200
    assert len(queries.captured_queries) == SUMMARY_QUERIES
