"""The clinic's outcomes, on courses whose numbers are worked out by hand."""

import datetime

import pytest
from django.utils import timezone

from clinic.outcomes import Course, improved, results, table
from clinic.selectors import outcome_courses
from intake.models import Intake


def course(leg_before, leg_after, odi=(40, 28), group="high", treatments=(), weeks=6):
    return Course(
        baseline={"nrs.leg_now": leg_before, "odi": odi[0]},
        follow_up={"nrs.leg_now": leg_after, "odi": odi[1]},
        risk_group=group,
        treatments=frozenset(treatments),
        weeks=weeks,
    )


def test_the_important_improvement_is_points_or_percent_of_the_baseline():
    assert improved("nrs.leg_now", 8, 6)  # 2 points
    assert not improved("nrs.leg_now", 8, 7)  # 1 point, 12.5 %
    assert improved("nrs.leg_now", 3, 2)  # 1 point, 33 %
    assert not improved("nrs.leg_now", 2, 4)  # worse
    assert improved("odi", 40, 30) and not improved("odi", 40, 31)  # points only
    assert improved("rmdq", 10, 7)  # 3 points, 30 %
    assert not improved("rmdq", 20, 16)  # 4 points, 20 %
    assert not improved("rmdq", 0, 0)


def test_results_by_hand_with_small_groups_hidden():
    courses = [
        # Leg pain: improved, improved, not (8 -> 7), improved (3 -> 2), not (worse).
        course(8, 6, treatments=["medication"]),
        course(7, 4, odi=(50, 45), treatments=["medication"]),
        course(8, 7, odi=(30, 30)),
        course(3, 2, odi=(20, 8), group="low"),
        course(2, 4, odi=(60, 70)),
        # No follow-up: counts towards completion only.
        Course(baseline={"nrs.leg_now": 6}, risk_group="high"),
    ]
    everyone, low, high, medication = results(courses)
    assert everyone.label == "All patients"
    assert (everyone.baselines, everyone.followed_up, everyone.completion_percent) == (6, 5, 83)
    leg, odi, rmdq = everyone.cells
    # 3 of 5 improved = 60 %; changes -2, -3, -1, -1, +2: median -1.
    assert (leg.patients, leg.improved, leg.percent, leg.median_change) == (5, 3, 60, -1)
    # ODI changes -12, -5, 0, -12, +10: improved 2 of 5 = 40 %, median -5.
    assert (odi.improved, odi.percent, odi.median_change) == (2, 40, -5)
    assert rmdq.patients == 0 and rmdq.suppressed
    # Four high-risk patients, one low, two who tried medication: all "fewer than 5".
    assert high.label == "STarT Back: high risk" and high.baselines == 5
    assert high.cells[0].patients == 4 and high.cells[0].suppressed
    assert high.cells[0].percent is None and high.cells[0].improved is None
    assert low.suppressed and low.completion_percent is None
    assert medication.label == "Tried: Medication" and medication.cells[0].suppressed


def test_the_table_has_no_names_ids_or_dates():
    header, rows = table([course(8, 6, treatments=["medication"]), course(3, 2, group="low")])
    assert header[:4] == ["Course", "STarT Back group", "Treatments tried", "Weeks to follow-up"]
    assert rows == [
        [1, "high", "medication", 6, 8, 6, -2, "yes", 40, 28, -12, "yes", None, None, None, None],
        [2, "low", "", 6, 3, 2, -1, "yes", 40, 28, -12, "yes", None, None, None, None],
    ]


@pytest.mark.django_db
def test_courses_come_from_the_first_and_latest_visits_in_range(make_intake):
    first = make_intake(chart="C-1", changes={4: {"leg_pain_now": "8"}})
    make_intake(chart="C-1", changes={4: {"leg_pain_now": "7"}})
    latest = make_intake(chart="C-1", changes={4: {"leg_pain_now": "5"}})
    make_intake(first_name="Bo", chart="C-2", changes={4: {"leg_pain_now": "6"}})
    make_intake(first_name="Cy", chart="C-3", submit=False)  # a draft is no visit
    eight_weeks_ago = timezone.now() - datetime.timedelta(weeks=8, hours=1)
    Intake.objects.filter(pk=first.pk).update(submitted_at=eight_weeks_ago)
    today = timezone.localdate()
    courses = outcome_courses(since=today - datetime.timedelta(weeks=9), until=today)
    assert len(courses) == 2
    ann = next(c for c in courses if c.follow_up is not None)
    assert ann.baseline["nrs.leg_now"] == 8 and ann.follow_up["nrs.leg_now"] == 5
    assert ann.weeks == 8 and ann.risk_group in {"low", "medium", "high"}
    assert latest.patient_id == first.patient_id
    # A first visit before the range leaves the patient out.
    later = outcome_courses(since=today - datetime.timedelta(weeks=7), until=today)
    assert len(later) == 1 and later[0].follow_up is None


@pytest.mark.django_db
def test_the_page_and_csv_for_practitioners_only(
    client, make_intake, practitioner_user, front_desk_user
):
    for n in range(5):
        make_intake(first_name=f"P{n}", chart=f"C-{n}")
    client.force_login(front_desk_user)
    assert client.get("/staff/outcomes/").status_code == 403
    client.force_login(practitioner_user)
    page = client.get("/staff/outcomes/").content.decode()
    assert "All patients" in page and "0 % (0 of 5)" in page
    assert "fewer than 5 patients" in page and "Lee" not in page
    response = client.get("/staff/outcomes/export.csv")
    assert response["Content-Type"] == "text/csv"
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith("Course,STarT Back group") and len(lines) == 1
    bad = client.get("/staff/outcomes/", {"since": "2026-05-01", "until": "2026-01-01"})
    assert "The end of the range is before its start." in bad.content.decode()
