"""Editing in the admin: roles, revisions of live pages, review, publish and history."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from education.models import CatalogueItem, ContentEvent, Revision, Status
from education.services import catalogue_item_publish
from education.tests.conftest import CLINICAL_REVIEWER, FRONT_DESK, PRACTITIONER

CHANGELIST = "/admin/education/catalogueitem/"
HARD_TEXT = (
    "Corticosteroid administration considerably diminishes inflammatory radiculopathy "
    "symptomatology, notwithstanding individual variability."
)


def form_data(item=None, **changes):
    """POST data for the admin change form (steps: one per line)."""
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
        "steps": "",
    }
    if item is not None:
        for name in data:
            if hasattr(item, name) and name != "steps":
                value = getattr(item, name)
                data[name] = "" if value is None else str(value)
    data.update(changes)
    return data


@pytest.fixture
def editor(content_admin_user):
    return content_admin_user


@pytest.fixture
def reviewer(make_staff):
    return make_staff(
        CLINICAL_REVIEWER, username="rev", is_staff=True, first_name="Rita", last_name="Reyes"
    )


def change_url(item):
    return f"{CHANGELIST}{item.pk}/change/"


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


def workflow_urls(item):
    return [
        ("get", f"{CHANGELIST}{item.pk}/preview/"),
        ("get", f"{CHANGELIST}{item.pk}/preview/1/"),
        ("get", f"{CHANGELIST}{item.pk}/compare/"),
        ("get", f"{CHANGELIST}{item.pk}/compare/1/"),
        ("get", f"{CHANGELIST}{item.pk}/history/"),
        ("get", f"{CHANGELIST}{item.pk}/discard/"),
        ("post", f"{CHANGELIST}{item.pk}/discard/"),
        ("get", f"{CHANGELIST}{item.pk}/unpublish/"),
        ("post", f"{CHANGELIST}{item.pk}/unpublish/"),
        ("post", f"{CHANGELIST}{item.pk}/publish/"),
        ("post", f"{CHANGELIST}{item.pk}/revert/1/"),
        ("post", f"{CHANGELIST}grade/"),
    ]


@pytest.mark.parametrize("role", [None, FRONT_DESK, PRACTITIONER])
def test_the_workflow_pages_are_refused_to_everyone_else(client, make_staff, make_item, role):
    item = make_item(status=Status.PUBLISHED)
    Revision.objects.create(item=item, number=1, content={"title": "x"})
    if role:
        client.force_login(make_staff(role, username="someone"))
    for method, url in workflow_urls(item):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/"), url
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED and item.draft_revision is None


def test_a_reader_with_admin_access_sees_but_cannot_change(client, make_staff, make_item):
    item = make_item(status=Status.PUBLISHED)
    Revision.objects.create(item=item, number=1, content={"title": "x"})
    client.force_login(make_staff(PRACTITIONER, username="reader", is_staff=True))
    got = {
        (method, url): getattr(client, method)(url).status_code
        for method, url in workflow_urls(item)
    }
    assert got[("get", f"{CHANGELIST}{item.pk}/preview/1/")] == 200
    assert got[("get", f"{CHANGELIST}{item.pk}/history/")] == 200
    for key in [
        ("get", f"{CHANGELIST}{item.pk}/discard/"),
        ("post", f"{CHANGELIST}{item.pk}/discard/"),
        ("post", f"{CHANGELIST}{item.pk}/unpublish/"),
        ("post", f"{CHANGELIST}{item.pk}/publish/"),
        ("post", f"{CHANGELIST}{item.pk}/revert/1/"),
        ("post", f"{CHANGELIST}grade/"),
    ]:
        assert got[key] == 403, key
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED and item.draft_revision is None


def test_publish_service_refuses_a_reviewer_without_the_permission(make_item, make_staff):
    item = make_item(status=Status.DRAFT)
    for role in (PRACTITIONER, "Content admin"):
        with pytest.raises(PermissionDenied):
            catalogue_item_publish(item=item, reviewer=make_staff(role, username=f"u-{role}"))


def test_content_admin_adds_an_item_as_a_draft(client, editor):
    client.force_login(editor)
    response = client.post(f"{CHANGELIST}add/", form_data())
    assert response.status_code == 302, response.content.decode()[:3000]
    item = CatalogueItem.objects.get(slug="massage")
    assert item.status == Status.DRAFT
    assert item.reading_grade is not None
    assert item.draft_revision.created_by == editor
    assert client.get(item.get_absolute_url()).status_code == 200  # the editor's preview
    client.logout()
    assert client.get(item.get_absolute_url()).status_code == 404


def test_editing_a_live_page_keeps_the_published_text_until_publish(
    client, editor, reviewer, make_item
):
    item = make_item(title="Massage", slug="massage", kind="treatment", body="Old text.")
    client.force_login(editor)
    response = client.post(change_url(item), form_data(item, body="New text.", _continue="1"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.body) == (Status.PUBLISHED, "Old text.")
    assert item.draft_revision.content["body"] == "New text."
    # The seeded text became revision 1, the live one; the change is revision 2.
    assert item.live_revision.number == 1 and item.draft_revision.number == 2
    page = client.get(change_url(item)).content.decode()
    assert "New text." in page  # the editor continues from the changes
    assert "Live, with unpublished changes" in page
    client.logout()
    public = client.get(item.get_absolute_url()).content.decode()
    assert "Old text." in public and "New text." not in public

    client.force_login(reviewer)
    response = client.post(change_url(item), form_data(item, body="New text.", _publish="1"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.body, item.draft_revision, item.reviewed_by) == ("New text.", None, reviewer)
    client.logout()
    public = client.get(item.get_absolute_url()).content.decode()
    assert "New text." in public
    assert "Reviewed by Rita Reyes" in public


def test_an_editor_submits_for_review_and_cannot_publish(client, editor, reviewer, make_item):
    item = make_item(title="Massage", slug="massage", kind="treatment", body="Old text.")
    client.force_login(editor)
    page = client.get(change_url(item)).content.decode()
    assert 'name="_publish"' not in page and 'name="_submit"' in page
    client.post(change_url(item), form_data(item, body="New text.", _publish="1"))
    item.refresh_from_db()
    assert item.body == "Old text."  # saved as changes, never published
    client.post(change_url(item), form_data(item, body="New text.", _submit="1"))
    item.refresh_from_db()
    assert item.is_waiting_for_review
    assert item.draft_revision.submitted_by == editor

    client.force_login(reviewer)
    listing = client.get(CHANGELIST).content.decode()
    assert "1 page is waiting for your review." in listing
    assert "Massage" in client.get(CHANGELIST, {"review": "waiting"}).content.decode()
    compare = client.get(f"{CHANGELIST}{item.pk}/compare/").content.decode()
    assert "<del>" in compare and "Old" in compare and "<ins>" in compare
    assert 'name="_publish"' in client.get(change_url(item)).content.decode()
    # The reviewer publishes from the comparison, as it stands.
    assert f"{CHANGELIST}{item.pk}/publish/" in compare
    assert client.get(f"{CHANGELIST}{item.pk}/publish/").status_code == 405
    client.post(f"{CHANGELIST}{item.pk}/publish/")
    item.refresh_from_db()
    assert (item.body, item.reviewed_by, item.draft_revision) == ("New text.", reviewer, None)


def test_discard_throws_away_the_changes_and_keeps_them_in_history(client, editor, make_item):
    item = make_item(title="Massage", slug="massage", kind="treatment", body="Old text.")
    client.force_login(editor)
    client.post(change_url(item), form_data(item, body="New text."))
    assert client.get(f"{CHANGELIST}{item.pk}/discard/").status_code == 200  # asks first
    client.post(f"{CHANGELIST}{item.pk}/discard/")
    item.refresh_from_db()
    assert item.draft_revision is None and item.body == "Old text."
    assert "Old text." in client.get(change_url(item)).content.decode()
    assert Revision.objects.get(item=item, number=2).discarded_by == editor


def test_preview_shows_the_revision_as_patients_will_see_it(client, editor, make_item):
    item = make_item(title="Calf stretch", kind="exercise", steps=["Stand tall."])
    client.force_login(editor)
    data = form_data(item, kind="exercise", treatment_category="", body="Lean on a wall.")
    data["steps"] = "Stand facing a wall.\nStep one foot back."
    client.post(change_url(item), data)
    response = client.get(f"{CHANGELIST}{item.pk}/preview/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lean on a wall." in html and "<li>Step one foot back.</li>" in html
    assert "patients still see the published version" in html
    assert '<meta name="robots" content="noindex">' in html
    assert "no-cache" in response["Cache-Control"] and "noindex" in response["X-Robots-Tag"]
    # The live page and its steps are untouched.
    assert list(item.steps.values_list("text", flat=True)) == ["Stand tall."]
    client.logout()
    assert client.get(f"{CHANGELIST}{item.pk}/preview/").status_code == 302  # to sign in


def test_history_names_the_people_and_the_fields_that_changed(client, editor, reviewer, make_item):
    editor.first_name, editor.last_name = "Eddie", "Editor"
    editor.save()
    item = make_item(title="Massage", slug="massage", kind="treatment")
    client.force_login(editor)
    client.post(change_url(item), form_data(item, title="Massage therapy"))
    client.force_login(reviewer)
    client.post(change_url(item), form_data(item, title="Massage therapy", _publish="1"))
    page = client.get(f"{CHANGELIST}{item.pk}/history/").content.decode()
    assert "Eddie Editor" in page and "Rita Reyes" in page
    assert "Title" in page and "Summary" not in page.split("<tbody>")[1].split("</tbody>")[0]
    assert "pk=None" not in page
    # The reviewer published the editor's revision as it was: no new revision of theirs.
    actions = list(ContentEvent.objects.filter(item=item).values_list("action", "user"))
    assert actions == [("published", reviewer.pk), ("saved", editor.pk)]
    assert Revision.objects.get(item=item, number=2).approved_by == reviewer


def test_revert_starts_changes_from_an_earlier_revision(client, reviewer, make_item):
    item = make_item(title="Massage", slug="massage", kind="treatment")
    client.force_login(reviewer)
    client.post(change_url(item), form_data(item, title="Massage therapy", _publish="1"))
    client.post(f"{CHANGELIST}{item.pk}/revert/1/")
    item.refresh_from_db()
    assert item.title == "Massage therapy"  # still live until published
    assert item.draft_revision.content["title"] == "Massage"
    assert item.draft_revision.reverted_from.number == 1
    assert client.get(f"{CHANGELIST}{item.pk}/revert/1/").status_code == 405


def test_only_a_reviewer_unpublishes(client, editor, reviewer, make_item):
    item = make_item()
    client.force_login(editor)
    assert client.get(f"{CHANGELIST}{item.pk}/unpublish/").status_code == 403
    assert client.post(f"{CHANGELIST}{item.pk}/unpublish/").status_code == 403
    client.force_login(reviewer)
    client.post(f"{CHANGELIST}{item.pk}/unpublish/")
    item.refresh_from_db()
    assert item.status == Status.DRAFT
    client.logout()
    assert client.get(item.get_absolute_url()).status_code == 404


def test_publish_action_records_the_reviewer_and_date(client, editor, reviewer, make_item):
    items = [make_item(status=Status.DRAFT) for _ in range(2)]
    client.force_login(editor)
    assert '<option value="publish">' not in client.get(CHANGELIST).content.decode()
    client.force_login(reviewer)
    assert '<option value="publish">' in client.get(CHANGELIST).content.decode()
    response = client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [i.pk for i in items]}
    )
    assert response.status_code == 302
    today = timezone.localdate()
    for item in items:
        item.refresh_from_db()
        assert item.status == Status.PUBLISHED
        assert item.reviewed_by == reviewer
        assert item.reviewed_on == today
        assert item.next_review_due > today
    client.logout()
    assert client.get(items[0].get_absolute_url()).status_code == 200


def test_status_cannot_be_set_through_the_form(client, editor, make_item):
    item = make_item(title="Massage", slug="massage", status=Status.DRAFT, kind="treatment")
    client.force_login(editor)
    client.post(change_url(item), form_data(item, status="published"))
    item.refresh_from_db()
    assert item.status == Status.DRAFT


def test_steps_are_saved_with_the_draft_and_regrade_it(client, editor, make_item):
    exercise = make_item(
        kind="exercise", title="Calf stretch", slug="calf-stretch", status=Status.DRAFT
    )
    client.force_login(editor)
    data = form_data(exercise, kind="exercise", treatment_category="", steps=HARD_TEXT)
    response = client.post(change_url(exercise), data, follow=True)
    assert response.status_code == 200
    exercise.refresh_from_db()
    assert list(exercise.steps.values_list("number", "text")) == [(1, HARD_TEXT)]
    assert exercise.reading_grade > 8
    assert "too hard for many patients" in response.content.decode()


def test_steps_on_a_topic_are_refused_next_to_the_field(client, editor, make_item):
    item = make_item(title="Massage", slug="massage", kind="treatment")
    client.force_login(editor)
    response = client.post(change_url(item), form_data(item, steps="Lie down."))
    assert response.status_code == 200
    assert "Only exercises have steps" in response.content.decode()


def test_review_dates_are_listed_for_editors(client, editor, make_item):
    today = timezone.localdate()
    make_item(
        title="Old page",
        reviewed_on=today.replace(year=today.year - 2),
        next_review_due=today.replace(year=today.year - 1),
    )
    make_item(title="Fresh page")
    client.force_login(editor)
    listing = client.get(CHANGELIST).content.decode()
    assert "1 page is past its review date." in listing
    html = client.get(CHANGELIST, {"review": "overdue"}).content.decode()
    assert "Old page" in html and "Fresh page" not in html


def test_grade_above_eight_is_flagged_in_list_and_change_page(client, editor, make_item):
    hard = make_item(title="Hard words", body=HARD_TEXT, summary=HARD_TEXT)
    easy = make_item(title="Easy words", body="Walk a bit each day. Rest when you need to.")
    assert hard.reading_grade > 8 >= easy.reading_grade
    client.force_login(editor)
    listing = client.get(CHANGELIST).content.decode()
    assert listing.count("too hard") == 1
    page = client.get(change_url(hard)).content.decode()
    assert "too hard for many patients" in page
    page = client.get(change_url(easy)).content.decode()
    assert "too hard for many patients" not in page
    assert "aim for 6" in page


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


def test_saving_a_live_page_unchanged_makes_no_revision(client, editor, make_item):
    item = make_item(title="Massage", slug="massage", kind="treatment", body="One.\nTwo.")
    client.force_login(editor)
    # Browsers send textarea line ends as CRLF: the same text, not a change.
    response = client.post(change_url(item), form_data(item, body="One.\r\nTwo.\r\n"), follow=True)
    assert "No changes: patients already see this version." in response.content.decode()
    item.refresh_from_db()
    assert item.draft_revision is None and not Revision.objects.filter(item=item).exists()
    # Typing the live text back over earlier changes leaves none.
    client.post(change_url(item), form_data(item, body="Three."))
    client.post(change_url(item), form_data(item, body="One.\nTwo."))
    item.refresh_from_db()
    assert item.draft_revision is None and item.body == "One.\nTwo."
