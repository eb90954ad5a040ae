"""The reading-grade module against texts whose grade we worked out by hand.

Flesch-Kincaid grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59
"""

import pytest

from education.readability import count_syllables, flesch_kincaid_grade, strip_markdown, text_counts


def test_one_sentence_of_one_syllable_words():
    # 1 sentence, 6 words, 6 syllables:
    # 0.39 * 6 + 11.8 * 1 - 15.59 = 2.34 + 11.80 - 15.59 = -1.45
    text = "The cat sat on the mat."
    assert text_counts(text) == (1, 6, 6)
    assert flesch_kincaid_grade(text) == pytest.approx(-1.45, abs=0.051)


def test_two_sentences_of_patient_text():
    # Nerve(1) com-pres-sion(3) can(1) cause(1) pain(1)  -> 5 words, 7 syllables
    # Gen-tle(2) stretch-ing(2) may(1) help(1)            -> 4 words, 6 syllables
    # 2 sentences, 9 words, 13 syllables:
    # 0.39 * 9/2 + 11.8 * 13/9 - 15.59 = 1.755 + 17.044 - 15.59 = 3.209
    text = "Nerve compression can cause pain. Gentle stretching may help."
    assert text_counts(text) == (2, 9, 13)
    assert flesch_kincaid_grade(text) == 3.2


def test_hard_clinical_sentence_scores_far_above_grade_eight():
    # Cor-ti-co-ste-roid(5) in-jec-tions(3) di-min-ish(3) in-flam-ma-tion(4)
    # con-sid-er-a-bly(5)                               -> 5 words, 20 syllables, 1 sentence
    # 0.39 * 5 + 11.8 * 20/5 - 15.59 = 1.95 + 47.2 - 15.59 = 33.56
    text = "Corticosteroid injections diminish inflammation considerably."
    assert text_counts(text) == (1, 5, 20)
    assert flesch_kincaid_grade(text) == pytest.approx(33.56, abs=0.051)


def test_markdown_is_stripped_and_each_heading_and_list_item_is_a_sentence():
    # "Rest." "Walk a little." "Stretch often." -> 3 sentences, 6 words,
    # Rest(1) Walk(1) a(1) lit-tle(2) Stretch(1) of-ten(2) = 8 syllables; the link URL is gone:
    # 0.39 * 6/3 + 11.8 * 8/6 - 15.59 = 0.78 + 15.733 - 15.59 = 0.923
    text = "## Rest\n\n- Walk a **little**.\n- [Stretch](/learn/hamstring-stretch/) often"
    assert strip_markdown(text) == "Rest. Walk a little. Stretch often."
    assert text_counts(text) == (3, 6, 8)
    assert flesch_kincaid_grade(text) == 0.9


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("nerve", 1),
        ("cause", 1),
        ("walked", 1),
        ("easy", 2),
        ("muscles", 2),
        ("tingling", 2),
        ("stretches", 2),
        ("sciatica", 4),
        ("30", 2),
    ],
)
def test_syllable_counts(word, syllables):
    assert count_syllables(word) == syllables


def test_text_without_words_has_no_grade():
    assert flesch_kincaid_grade("") is None
    assert flesch_kincaid_grade("## \n\n- ...") is None
