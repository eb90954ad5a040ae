"""The seeded catalogue: complete, published, plain, and idempotent."""

import io
import re

import pytest

from education.content import CATALOGUE
from education.models import CatalogueItem, ContentEvent, ExerciseStep, Revision, Status
from education.readability import WARNING_GRADE, flesch_kincaid_grade
from education.seed import load_catalogue

OUTLINE = {
    "overview": ["nerve-compression-in-the-leg"],
    "cause": [
        "herniated-disc",
        "injury-or-trauma",
        "muscle-tightness",
        "repetitive-motions",
        "medical-conditions",
    ],
    "symptom": ["pain", "numbness", "tingling", "muscle-weakness", "reduced-range-of-motion"],
    "treatment": [
        "rest-and-physical-therapy",
        "stretching-and-nerve-gliding",
        "chiropractic-care",
        "shockwave-therapy",
        "spinal-decompression",
        "massage",
        "medication",
        "lifestyle-adjustments",
        "steroid-injections",
        "surgery",
    ],
    "prevention": ["regular-exercise", "posture", "breaks", "healthy-weight"],
    "help": ["when-to-see-a-doctor", "when-to-get-help-today"],
}
OUTLINE_SLUGS = [slug for slugs in OUTLINE.values() for slug in slugs]
# Words that would promise more than any of these treatments can.
PROMISES = re.compile(r"\b(cure[sd]?|guarantee[sd]?|permanent(ly)? fix|100 ?%)\b", re.I)


@pytest.fixture
def seeded(db):
    load_catalogue()
    return CatalogueItem.objects.all()


def history_snapshot():
    return (
        Revision.objects.count(),
        ContentEvent.objects.count(),
        ExerciseStep.objects.count(),
        sorted(CatalogueItem.objects.values_list("slug", "updated_at", "reading_grade")),
        sorted(CatalogueItem.related.through.objects.values_list("pk", flat=True)),
    )


def test_seed_creates_every_outline_item_published(seeded):
    for kind, slugs in OUTLINE.items():
        for slug in slugs:
            item = seeded.get(slug=slug)
            assert item.kind == kind, slug
            assert item.status == Status.PUBLISHED
            assert item.reviewed_on is not None


def test_seed_has_at_least_six_exercises_with_full_instructions(seeded):
    exercises = seeded.filter(kind="exercise").prefetch_related("steps")
    assert exercises.count() >= 6
    for exercise in exercises:
        assert exercise.steps.count() >= 3, exercise.slug
        assert exercise.hold_time and exercise.repetitions and exercise.how_often
        assert exercise.stop_if.strip(), exercise.slug
    slugs = set(exercises.values_list("slug", flat=True))
    assert {"sciatic-nerve-glide", "hamstring-stretch", "glute-stretch", "calf-stretch"} <= slugs


def test_every_treatment_page_has_all_six_parts(seeded):
    for treatment in seeded.filter(kind="treatment"):
        assert treatment.treatment_category, treatment.slug
        for name in ("body", *CatalogueItem.TREATMENT_FIELDS):
            assert getattr(treatment, name).strip(), (treatment.slug, name)


def test_every_seeded_item_reads_at_grade_eight_or_below(seeded):
    grades = {item.slug: float(item.reading_grade) for item in seeded}
    too_hard = {slug: grade for slug, grade in grades.items() if grade > WARNING_GRADE}
    assert too_hard == {}
    # The stored grade is the grade of the whole patient text, steps included.
    for item in seeded.prefetch_related("steps"):
        assert float(item.reading_grade) == flesch_kincaid_grade(item.patient_text())


def test_seeded_text_promises_no_cure(seeded):
    for item in seeded.prefetch_related("steps"):
        assert not PROMISES.search(item.title + " " + item.patient_text()), item.slug


def test_related_slugs_in_the_content_all_exist():
    slugs = {entry["slug"] for entry in CATALOGUE}
    assert len(slugs) == len(CATALOGUE)
    for entry in CATALOGUE:
        assert set(entry.get("related", [])) <= slugs, entry["slug"]
        assert entry["slug"] not in entry.get("related", [])


def test_seed_twice_changes_nothing(db):
    out = io.StringIO()
    assert load_catalogue(stdout=out) == len(CATALOGUE)
    assert "Created catalogue item herniated-disc" in out.getvalue()
    before = history_snapshot()
    again = io.StringIO()
    assert load_catalogue(stdout=again) == 0
    assert again.getvalue() == ""
    assert history_snapshot() == before


def test_seed_keeps_an_editors_changes_and_withdrawals(db):
    load_catalogue()
    item = CatalogueItem.objects.get(slug="massage")
    item.summary = "Changed by hand."
    item.status = Status.DRAFT
    item.save()
    item.related.clear()
    before = history_snapshot()
    assert load_catalogue() == 0
    item.refresh_from_db()
    assert item.summary == "Changed by hand."
    assert item.status == Status.DRAFT
    assert not item.related.exists()
    assert history_snapshot() == before


def test_seed_recreates_a_deleted_item_with_its_steps_and_links(db):
    load_catalogue()
    CatalogueItem.objects.get(slug="hamstring-stretch").delete()
    assert load_catalogue() == 1
    item = CatalogueItem.objects.get(slug="hamstring-stretch")
    assert item.steps.count() >= 3
    assert item.related.exists()
    assert item.status == Status.PUBLISHED


def test_seed_demo_loads_the_catalogue(db, monkeypatch):
    from django.core.management import call_command

    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-tests")
    monkeypatch.setenv("DEMO_DESK_PIN", "135790")
    call_command("seed_demo", stdout=io.StringIO())
    assert CatalogueItem.objects.published().count() == len(CATALOGUE)


def test_library_links_to_a_page_for_every_topic_whose_heading_names_it(client, seeded):
    library = client.get("/learn/").content.decode()
    for item in seeded:
        url = item.get_absolute_url()
        assert f'href="{url}"' in library, item.slug
        page = client.get(url)
        assert page.status_code == 200, url
        heading = re.search(r"<h1>(.*?)</h1>", page.content.decode()).group(1)
        assert heading == item.title
        # The heading names the topic: every word of the outline slug is in it.
        for word in item.slug.split("-"):
            assert word in heading.lower(), (item.slug, heading)
    for slug in OUTLINE_SLUGS:
        assert f'href="/learn/{slug}/"' in library


def test_every_section_page_lists_its_seeded_items(client, seeded):
    for section, kind in (("understanding", "overview"), ("when-to-get-help", "help")):
        html = client.get(f"/learn/section/{section}/").content.decode()
        for item in seeded.filter(kind=kind):
            assert f'href="{item.get_absolute_url()}"' in html


def test_search_finds_seeded_topics(client, seeded):
    html = client.get("/learn/search/", {"q": "tingling"}).content.decode()
    assert 'href="/learn/tingling/"' in html
    html = client.get("/learn/search/", {"q": "sound waves"}).content.decode()
    assert 'href="/learn/shockwave-therapy/"' in html


def _heading_levels(html):
    return [int(level) for level in re.findall(r"<h([1-6])[ >]", html)]


def test_seeded_pages_have_one_h1_and_never_skip_a_heading_level(client, seeded):
    urls = ["/learn/", "/learn/search/?q=pain"]
    urls += [f"/learn/section/{s}/" for s in ("understanding", "treatments", "exercises")]
    urls += [item.get_absolute_url() for item in seeded]
    for url in urls:
        levels = _heading_levels(client.get(url).content.decode())
        assert levels[0] == 1 and levels.count(1) == 1, url
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, (url, levels)
