"""The education plan's order (pinned rows, Up/Down, no typed numbers) and the starter
rules that suggest exercises."""

import pytest
from django.http import QueryDict

from clinic.models import EducationPlan, RecommendationRule
from clinic.seed import load_rules
from clinic.selectors import intake_summary, plan_choices
from clinic.views.summary import chosen_item_ids
from education.models import CatalogueItem


def form(**lists):
    data = QueryDict(mutable=True)
    for key, values in lists.items():
        data.setlist(key, [str(v) for v in values] if isinstance(values, list) else [values])
    return data


def test_the_order_inputs_give_the_order_and_ticked_rows_below_follow():
    data = form(item=[3, 1, 2, 9], order=[2, 3, 1])
    assert chosen_item_ids(data) == [2, 3, 1, 9]


def test_up_and_down_swap_with_the_neighbour():
    assert chosen_item_ids(form(item=[1, 2, 3], order=[1, 2, 3], move="3:up")) == [1, 3, 2]
    assert chosen_item_ids(form(item=[1, 2, 3], order=[1, 2, 3], move="1:down")) == [2, 1, 3]


@pytest.mark.parametrize("move", ["1:up", "3:down"])
def test_moving_past_either_end_changes_nothing(move):
    assert chosen_item_ids(form(item=[1, 2, 3], order=[1, 2, 3], move=move)) == [1, 2, 3]


@pytest.mark.parametrize("move", ["7:up", "2:sideways", "x:up", "2", ":up", "-2:up", "1" * 30])
def test_moves_of_unknown_items_or_ways_are_ignored(move):
    assert chosen_item_ids(form(item=[1, 2, 3], order=[1, 2, 3], move=move)) == [1, 2, 3]


def test_repeats_cannot_make_duplicates():
    data = form(item=[1, 2, 2, 1], order=[2, 1, 2, 2, 1])
    assert chosen_item_ids(data) == [2, 1]


def test_unknown_ids_are_ignored():
    data = form(item=["x", "", "0", "-4", "1" + "0" * 29, 5], order=["5", "abc", "6"])
    # 6 has an order input but is not ticked: left out.
    assert chosen_item_ids(data) == [5]


def test_an_unticked_item_cannot_be_moved_into_the_plan():
    assert chosen_item_ids(form(item=[1, 2], order=[1, 2, 3], move="3:up")) == [1, 2]


@pytest.fixture
def items(library):
    return {
        slug: CatalogueItem.objects.get(slug=slug)
        for slug in ["herniated-disc", "calf-stretch", "posture", "massage"]
    }


def saved_order(intake):
    plan = EducationPlan.objects.get(intake=intake)
    return [(pi.position, pi.item.slug) for pi in plan.items.order_by("position")]


def test_up_without_javascript_saves_and_goes_back_to_the_plan(
    client, practitioner_user, make_intake, items
):
    intake = make_intake()
    client.force_login(practitioner_user)
    ids = [items[s].pk for s in ["herniated-disc", "calf-stretch", "posture"]]
    client.post(f"/staff/intakes/{intake.pk}/plan/", {"item": ids, "order": ids})
    response = client.post(
        f"/staff/intakes/{intake.pk}/plan/",
        {"item": ids, "order": ids, "move": f"{ids[2]}:up", "personal_note": "Hello."},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/staff/intakes/{intake.pk}/#plan-heading"
    assert saved_order(intake) == [(1, "herniated-disc"), (2, "posture"), (3, "calf-stretch")]
    assert EducationPlan.objects.get(intake=intake).personal_note == "Hello."


def test_an_item_ticked_below_joins_the_end_of_the_plan_numbered_without_gaps(
    client, practitioner_user, make_intake, items
):
    intake = make_intake()
    client.force_login(practitioner_user)
    disc, calf, posture = (items[s].pk for s in ["herniated-disc", "calf-stretch", "posture"])
    client.post(f"/staff/intakes/{intake.pk}/plan/", {"item": [disc, calf], "order": [calf, disc]})
    # calf is unticked, posture ticked in the library: no number is typed anywhere.
    client.post(
        f"/staff/intakes/{intake.pk}/plan/",
        {"item": [posture, disc], "order": [calf, disc]},
    )
    assert saved_order(intake) == [(1, "herniated-disc"), (2, "posture")]


def test_the_plan_is_pinned_on_top_and_each_item_is_listed_once(
    client, practitioner_user, make_intake, items
):
    intake = make_intake()
    client.force_login(practitioner_user)
    chosen = [items["calf-stretch"].pk, items["herniated-disc"].pk]
    client.post(f"/staff/intakes/{intake.pk}/plan/", {"item": chosen, "order": chosen})
    choices = plan_choices(intake_summary(pk=intake.pk))
    assert [(row.order, row.item.slug) for row in choices["chosen"]] == [
        (1, "calf-stretch"),
        (2, "herniated-disc"),
    ]
    assert choices["chosen"][1].reason == "Your pain travels down your leg."
    listed = [row.item.pk for key in ("chosen", "suggested", "others") for row in choices[key]]
    assert len(listed) == len(set(listed)) == CatalogueItem.objects.published().count()

    body = client.get(f"/staff/intakes/{intake.pk}/").content.decode()
    assert 'type="number"' not in body
    assert f'name="move" value="{chosen[0]}:up"' in body
    assert f'<input type="hidden" name="order" value="{chosen[0]}">' in body
    # The library stays closed even with items from it in the plan.
    assert '<details class="mt-3 plan-others">' in body


SCIATICA = {}  # the sample answers: calf and sole marked, numbness, sitting worse, tight
NO_SCIATICA = {
    2: {"regions": ["left_lower_back"]},
    3: {"symptoms": ["pain"], "worse_factors": ["bending"]},
    5: {"risk_factors": ["diabetes"]},
}


def suggested_slugs(intake):
    return [row.item.slug for row in plan_choices(intake_summary(pk=intake.pk))["suggested"]]


def test_sciatica_findings_suggest_the_nerve_glide_and_stretches(make_intake):
    intake = make_intake(changes=SCIATICA)
    choices = plan_choices(intake_summary(pk=intake.pk))
    rows = {row.item.slug: row for row in choices["suggested"]}
    for slug in ["sciatic-nerve-glide", "hamstring-stretch", "glute-stretch"]:
        assert rows[slug].item.kind == "exercise"
    assert rows["sciatic-nerve-glide"].reason == (
        "Your pain travels down your leg. You told us about numbness or tingling."
    )
    assert "Sitting makes your pain worse." in rows["glute-stretch"].reason


def test_the_summary_offers_the_nerve_glide_with_its_reason(client, practitioner_user, make_intake):
    intake = make_intake()
    client.force_login(practitioner_user)
    body = client.get(f"/staff/intakes/{intake.pk}/").content.decode()
    glide = body.index("Seated sciatic nerve glide")
    assert body.index("Suggested from what the patient reported") < glide
    assert glide < body.index("Add other items from the library")
    assert "Because: Your pain travels down your leg." in body[glide:]


def test_without_sciatica_findings_the_glide_waits_in_the_library(make_intake):
    intake = make_intake(changes=NO_SCIATICA)
    slugs = suggested_slugs(intake)
    assert "sciatic-nerve-glide" not in slugs
    assert "glute-stretch" not in slugs
    assert "medical-conditions" in slugs


def test_sitting_alone_suggests_the_glute_stretch_and_breaks(make_intake):
    intake = make_intake(
        changes={**NO_SCIATICA, 3: {"symptoms": ["pain"], "worse_factors": ["sitting"]}}
    )
    assert {"glute-stretch", "breaks"} <= set(suggested_slugs(intake))


def test_loading_the_rules_twice_creates_nothing_the_second_time(library):
    count = RecommendationRule.objects.count()
    assert RecommendationRule.objects.filter(item__slug="sciatic-nerve-glide").count() == 2
    assert load_rules() == 0
    assert RecommendationRule.objects.count() == count


def test_new_starter_rules_reach_a_clinic_that_loaded_the_old_ones(library):
    RecommendationRule.objects.filter(item__slug="sciatic-nerve-glide").delete()
    edited = RecommendationRule.objects.get(finding_code="aggravating.sitting", item__slug="breaks")
    edited.because = "Edited by the clinic."
    edited.save()
    assert load_rules() == 2
    edited.refresh_from_db()
    assert edited.because == "Edited by the clinic."
