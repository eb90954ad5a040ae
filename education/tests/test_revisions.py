"""The revision services and the comparison, without the admin."""

import pytest
from django.core.exceptions import ValidationError

from education import diffing, services
from education.models import ContentEvent, Status
from education.tests.conftest import CLINICAL_REVIEWER, CONTENT_ADMIN


@pytest.fixture
def editor(make_staff):
    return make_staff(CONTENT_ADMIN, username="ed", is_staff=True)


@pytest.fixture
def reviewer(make_staff):
    return make_staff(CLINICAL_REVIEWER, username="rev", is_staff=True)


def edited(item, **changes):
    return {**services.item_content(item), **changes}


def test_unpublishing_makes_the_unpublished_changes_the_draft(make_item, editor, reviewer):
    item = make_item(body="Old.")
    services.catalogue_item_save(item=item, content=edited(item, body="New."), user=editor)
    item = services.catalogue_item_unpublish(item=item, editor=reviewer)
    assert (item.status, item.body) == (Status.DRAFT, "New.")
    # Editing a draft changes it at once; publishing it needs a reviewer.
    services.catalogue_item_save(item=item, content=edited(item, body="Newer."), user=editor)
    item.refresh_from_db()
    assert item.body == "Newer."
    item = services.catalogue_item_publish(item=item, reviewer=reviewer)
    assert (item.status, item.body, item.live_revision.content["body"]) == (
        Status.PUBLISHED,
        "Newer.",
        "Newer.",
    )


def test_steps_and_links_are_published_with_the_revision(make_item, editor, reviewer):
    other = make_item(title="Posture")
    item = make_item(kind="exercise", title="Calf stretch", steps=["Stand."])
    content = edited(item, steps=["Face a wall.", "Step back."], related=[other.pk])
    services.catalogue_item_save(item=item, content=content, user=editor)
    assert list(item.steps.values_list("text", flat=True)) == ["Stand."]
    assert not item.related.exists()
    services.catalogue_item_publish(item=item, reviewer=reviewer)
    assert list(item.steps.values_list("number", "text")) == [
        (1, "Face a wall."),
        (2, "Step back."),
    ]
    assert list(item.related.all()) == [other]


def test_publishing_with_nothing_to_publish_and_discarding_nothing_are_refused(
    make_item, editor, reviewer
):
    item = make_item()
    with pytest.raises(ValidationError):
        services.catalogue_item_publish(item=item, reviewer=reviewer)
    with pytest.raises(ValidationError):
        services.catalogue_item_discard(item=item, user=editor)


def test_a_summary_is_needed_to_publish(make_item, editor, reviewer):
    item = make_item()
    services.catalogue_item_save(item=item, content=edited(item, summary=""), user=editor)
    with pytest.raises(ValidationError):
        services.catalogue_item_publish(item=item, reviewer=reviewer)
    item.refresh_from_db()
    assert item.summary == "A short plain summary."  # still live


def test_a_revision_of_another_item_cannot_be_reverted_to(make_item, editor):
    first, second = make_item(), make_item()
    services.catalogue_item_save(item=first, content=edited(first, body="x"), user=editor)
    with pytest.raises(ValidationError):
        services.catalogue_item_revert(item=second, revision=first.revisions.first(), user=editor)


def test_every_step_is_an_event(make_item, editor, reviewer):
    item = make_item(body="Old.")
    services.catalogue_item_save(item=item, content=edited(item, body="New."), user=editor)
    services.catalogue_item_submit(item=item, user=editor)
    services.catalogue_item_publish(item=item, reviewer=reviewer)
    services.catalogue_item_revert(item=item, revision=item.revisions.get(number=1), user=editor)
    services.catalogue_item_discard(item=item, user=editor)
    services.catalogue_item_unpublish(item=item, editor=reviewer)
    assert list(ContentEvent.objects.order_by("pk").values_list("action", flat=True)) == [
        "saved",
        "submitted",
        "published",
        "reverted",
        "discarded",
        "unpublished",
    ]


def test_compare_marks_removed_and_added_words_only():
    old = {"title": "Massage", "body": "Rub the tight muscles of your leg.", "steps": []}
    new = {"title": "Massage", "body": "Rub the sore muscles of your leg.", "steps": ["Lie down."]}
    changes = diffing.compare(old, new, titles={})
    assert [change.name for change in changes] == ["body", "steps"]
    assert changes[0].segments == [
        ("same", "Rub the "),
        ("removed", "tight "),
        ("added", "sore "),
        ("same", "muscles of your leg."),
    ]
    assert changes[1].segments == [("added", "1. Lie down.")]


def test_compare_names_links_added_and_removed():
    changes = diffing.compare(
        {"related": [1, 2]}, {"related": [2, 3]}, titles={1: "Posture", 2: "Massage", 3: "Rest"}
    )
    assert changes[0].segments == [
        ("same", "Massage\n"),
        ("removed", "Posture\n"),
        ("added", "Rest\n"),
    ]
