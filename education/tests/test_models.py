"""Database constraints and computed fields of the catalogue."""

import datetime

import pytest
from django.db import IntegrityError

from education.models import CatalogueItem, ExerciseStep, Status


def test_reading_grade_is_computed_on_save(make_item):
    item = make_item(summary="You can walk.", body="Rest a bit. Then walk.")
    assert item.reading_grade is not None
    item.body = "Corticosteroid administration considerably diminishes inflammatory radiculopathy."
    item.save()
    item.refresh_from_db()
    assert item.reading_grade > 8
    assert item.grade_too_high


def test_only_treatments_have_a_category(make_item):
    with pytest.raises(IntegrityError):
        make_item(kind="cause", treatment_category="surgery")


def test_treatments_need_a_category(db):
    with pytest.raises(IntegrityError):
        CatalogueItem.objects.create(
            title="X", slug="x", kind="treatment", summary="S.", status=Status.DRAFT
        )


def test_published_item_must_have_a_review_date(db):
    with pytest.raises(IntegrityError):
        CatalogueItem.objects.create(
            title="X", slug="x", kind="cause", summary="S.", status=Status.PUBLISHED
        )


def test_next_review_must_follow_the_review(make_item):
    with pytest.raises(IntegrityError):
        make_item(reviewed_on=datetime.date(2026, 5, 1), next_review_due=datetime.date(2026, 1, 1))


@pytest.mark.parametrize("slug", ["search", "section"])
def test_slugs_used_by_library_paths_are_reserved(make_item, slug):
    with pytest.raises(IntegrityError):
        make_item(slug=slug)


def test_step_numbers_are_unique_per_exercise(make_item):
    exercise = make_item(kind="exercise", steps=["One."])
    with pytest.raises(IntegrityError):
        ExerciseStep.objects.create(item=exercise, number=1, text="Again.")


def test_str_and_url(make_item):
    item = make_item(title="Posture", slug="posture", kind="prevention")
    assert str(item) == "Posture"
    assert item.get_absolute_url() == "/learn/posture/"
    assert item.section.slug == "prevention"
