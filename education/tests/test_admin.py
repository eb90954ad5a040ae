"""Editing in the admin: the Content admin role only, with publish, grade and history."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from education.models import CatalogueItem, Status
from education.services import catalogue_item_publish
from education.tests.conftest import FRONT_DESK, PRACTITIONER

CHANGELIST = "/admin/education/catalogueitem/"
HARD_TEXT = (
    "Corticosteroid administration considerably diminishes inflammatory radiculopathy "
    "symptomatology, notwithstanding individual variability."
)


def form_data(item=None, **changes):
    """POST data for the admin change form, with no exercise steps."""
    data = {
        "title": "Massage",
        "slug": "massage",
        "kind": "treatment",
        "position": "1",
        "summary": "Hands ease tight muscles.",
        "body": "A therapist rubs your muscles.",
        "treatment_category": "manual_therapy",
        "how_it_may_help": "",
        "what_to_expect": "",
        "typical_duration": "",
        "who_may_not_suit": "",
        "questions_to_ask": "",
        "hold_time": "",
        "repetitions": "",
        "how_often": "",
        "stop_if": "",
        "next_review_due": "",
        "steps-TOTAL_FORMS": "0",
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
    }
    if item is not None:
        for name in data:
            if hasattr(item, name) and not name.startswith("steps-"):
                value = getattr(item, name)
                data[name] = "" if value is None else str(value)
    data.update(changes)
    return data


@pytest.fixture
def editor(content_admin_user):
    return content_admin_user


@pytest.mark.parametrize("role", [FRONT_DESK, PRACTITIONER])
def test_front_desk_and_practitioner_cannot_open_the_catalogue_admin(
    client, make_staff, make_item, role
):
    item = make_item(status=Status.DRAFT)
    client.force_login(make_staff(role, username="someone"))
    for url in (CHANGELIST, f"{CHANGELIST}{item.pk}/change/", f"{CHANGELIST}add/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    response = client.post(CHANGELIST, {"action": "publish", "_selected_action": [item.pk]})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.DRAFT


def test_practitioner_with_admin_access_can_read_but_not_change_or_publish(
    client, make_staff, make_item
):
    # Even if someone ticks "staff" for a practitioner, the role only reads.
    item = make_item(title="Massage", status=Status.DRAFT)
    client.force_login(make_staff(PRACTITIONER, username="reader", is_staff=True))
    assert client.get(CHANGELIST).status_code == 200
    page = client.get(f"{CHANGELIST}{item.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    response = client.post(f"{CHANGELIST}{item.pk}/change/", form_data(item, title="Hacked"))
    assert response.status_code == 403
    assert client.get(f"{CHANGELIST}add/").status_code == 403
    assert '<option value="publish">' not in client.get(CHANGELIST).content.decode()
    client.post(CHANGELIST, {"action": "publish", "_selected_action": [item.pk]})
    item.refresh_from_db()
    assert (item.title, item.status) == ("Massage", Status.DRAFT)


def test_publish_service_refuses_a_reviewer_without_the_permission(make_item, make_staff):
    item = make_item(status=Status.DRAFT)
    with pytest.raises(PermissionDenied):
        catalogue_item_publish(item=item, reviewer=make_staff(PRACTITIONER, username="p2"))


def test_content_admin_adds_an_item_as_a_draft(client, editor):
    client.force_login(editor)
    response = client.post(f"{CHANGELIST}add/", form_data())
    assert response.status_code == 302, response.content.decode()[:3000]
    item = CatalogueItem.objects.get(slug="massage")
    assert item.status == Status.DRAFT
    assert item.reading_grade is not None
    assert client.get(item.get_absolute_url()).status_code == 200  # the editor's preview
    client.logout()
    assert client.get(item.get_absolute_url()).status_code == 404


def test_publish_action_records_the_reviewer_and_date(client, editor, make_item):
    items = [make_item(status=Status.DRAFT) for _ in range(2)]
    client.force_login(editor)
    assert '<option value="publish">' in client.get(CHANGELIST).content.decode()
    response = client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [i.pk for i in items]}
    )
    assert response.status_code == 302
    today = timezone.localdate()
    for item in items:
        item.refresh_from_db()
        assert item.status == Status.PUBLISHED
        assert item.reviewed_by == editor
        assert item.reviewed_on == today
        assert item.next_review_due > today
        assert item.history.first().history_user == editor
    client.logout()
    assert client.get(items[0].get_absolute_url()).status_code == 200


def test_return_to_draft_hides_the_page_again(client, editor, make_item):
    item = make_item()
    client.force_login(editor)
    client.post(CHANGELIST, {"action": "return_to_draft", "_selected_action": [item.pk]})
    item.refresh_from_db()
    assert item.status == Status.DRAFT
    client.logout()
    assert client.get(item.get_absolute_url()).status_code == 404


def test_status_cannot_be_set_through_the_form(client, editor, make_item):
    item = make_item(title="Massage", slug="massage", status=Status.DRAFT, kind="treatment")
    client.force_login(editor)
    client.post(f"{CHANGELIST}{item.pk}/change/", form_data(item, status="published"))
    item.refresh_from_db()
    assert item.status == Status.DRAFT


def test_history_records_each_change_with_the_previous_version(client, editor, make_item):
    item = make_item(title="Massage", slug="massage", kind="treatment", status=Status.DRAFT)
    client.force_login(editor)
    for title in ("Massage therapy", "Massage for tight muscles"):
        response = client.post(f"{CHANGELIST}{item.pk}/change/", form_data(item, title=title))
        assert response.status_code == 302
        item.refresh_from_db()
    titles = [record.title for record in item.history.order_by("history_date", "history_id")]
    assert titles == ["Massage", "Massage therapy", "Massage for tight muscles"]
    assert item.history.first().history_user == editor
    history_page = client.get(f"{CHANGELIST}{item.pk}/history/").content.decode()
    assert "Massage therapy" in history_page
    oldest = item.history.earliest()
    previous = client.get(f"{CHANGELIST}{item.pk}/history/{oldest.history_id}/")
    assert previous.status_code == 200
    assert 'value="Massage"' in previous.content.decode()


def test_step_edits_are_in_history_and_regrade_the_item(client, editor, make_item):
    exercise = make_item(kind="exercise", title="Calf stretch", slug="calf-stretch")
    client.force_login(editor)
    data = form_data(exercise, kind="exercise", treatment_category="")
    data.update(
        {
            "steps-TOTAL_FORMS": "1",
            "steps-0-number": "1",
            "steps-0-text": HARD_TEXT,
        }
    )
    response = client.post(f"{CHANGELIST}{exercise.pk}/change/", data, follow=True)
    assert response.status_code == 200
    exercise.refresh_from_db()
    step = exercise.steps.get()
    assert step.history.count() == 1
    assert exercise.reading_grade > 8
    # The grade on the history row of that edit matches the item.
    assert exercise.history.first().reading_grade == exercise.reading_grade
    assert "above 8" in response.content.decode()


def test_grade_above_eight_is_flagged_in_list_and_change_page(client, editor, make_item):
    hard = make_item(title="Hard words", body=HARD_TEXT, summary=HARD_TEXT)
    easy = make_item(title="Easy words", body="Walk a bit each day. Rest when you need to.")
    assert hard.reading_grade > 8 >= easy.reading_grade
    client.force_login(editor)
    listing = client.get(CHANGELIST).content.decode()
    assert "too hard" in listing
    assert listing.count("too hard") == 1
    page = client.get(f"{CHANGELIST}{hard.pk}/change/").content.decode()
    assert "too hard for many patients" in page
    assert 'class="errornote"' in page
    page = client.get(f"{CHANGELIST}{easy.pk}/change/").content.decode()
    assert "too hard for many patients" not in page
    assert "aim for 6" in page


def test_change_page_links_to_the_patient_page_preview(client, editor, make_item):
    item = make_item(status=Status.DRAFT)
    client.force_login(editor)
    page = client.get(f"{CHANGELIST}{item.pk}/change/").content.decode()
    assert f'href="{item.get_absolute_url()}"' in page
    assert "Preview the patient page" in page


def test_admin_list_filters_and_search(client, editor, make_item):
    make_item(title="Numbness", kind="symptom")
    make_item(title="Posture", kind="prevention", status=Status.DRAFT)
    client.force_login(editor)
    html = client.get(CHANGELIST, {"kind": "symptom"}).content.decode()
    assert "Numbness" in html and "Posture" not in html
    html = client.get(CHANGELIST, {"status": "draft"}).content.decode()
    assert "Posture" in html and "Numbness" not in html
    html = client.get(CHANGELIST, {"q": "numb"}).content.decode()
    assert "Numbness" in html and "Posture" not in html
