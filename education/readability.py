"""Reading grade of patient text: the Flesch-Kincaid grade level.

    grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59

A pure module (no Django) so it is tested without a database. `textstat` needs a
download at run time, which clinics on closed networks cannot do, so we count
syllables ourselves:

- pyphen's hyphenation points are real syllable breaks, but it never splits short
  words or word ends ("easy", "idea"), so its count is a lower bound;
- a vowel-group count (a silent final "e" dropped) catches those short words;
- a word's syllables are the larger of the two, and at least one.

Markdown is stripped first: links keep their text, markers and code go, and each
heading or list item counts as a sentence of its own. A number counts as one word
with one syllable per digit, a rough stand-in for saying it aloud.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import pyphen

TARGET_GRADE = 6
WARNING_GRADE = 8

# What makes one sentence hard: more words than this, or words of this many syllables.
LONG_SENTENCE_WORDS = 20
LONG_WORD_SYLLABLES = 3
# How many of a sentence's long words a reason names.
LISTED_LONG_WORDS = 4

# Reason codes for a hard sentence; the template puts them into words.
LONG_SENTENCE = "long_sentence"
LONG_WORDS = "long_words"

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_HEADING_MARKER = re.compile(r"^\s*#{1,6}\s+")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_INLINE_CODE = re.compile(r"`[^`]*`")
_HTML_TAG = re.compile(r"<[^>]+>")
_EMPHASIS = re.compile(r"[*_~]+")
_QUOTE_MARKER = re.compile(r"^\s*>\s?")


@lru_cache(maxsize=1)
def _dictionary():
    return pyphen.Pyphen(lang="en_US")


def count_syllables(word):
    """Syllables in one word (see the module docstring for the method)."""
    if word.isdigit():
        return len(word)
    lowered = word.lower().replace("’", "'").split("'")[0] or word.lower()
    by_hyphenation = len(_dictionary().positions(lowered)) + 1
    by_vowels = len(_VOWEL_GROUP.findall(lowered))
    if by_vowels > 1 and _silent_ending(lowered):
        by_vowels -= 1
    return max(1, by_hyphenation, by_vowels)


def _silent_ending(word):
    """A final "e", "es" or "ed" that adds no syllable: "nerve", "makes", "walked"."""
    if word.endswith("e"):
        return not word.endswith(("le", "ee", "ie", "ye"))
    if word.endswith("es"):
        return not word.endswith(("les", "ses", "xes", "zes", "ches", "shes", "ces", "ges"))
    if word.endswith("ed"):
        return not word.endswith(("ted", "ded", "eed"))
    return False


def _is_break(line):
    return bool(_LIST_MARKER.match(line) or _HEADING_MARKER.match(line))


def strip_markdown(text):
    """Plain prose from Markdown: one sentence unit per paragraph, heading or list item."""
    units = []
    current = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if line.startswith("```"):
            continue
        if not line:
            if current:
                units.append(" ".join(current))
                current = []
            continue
        if _is_break(line) and current:
            units.append(" ".join(current))
            current = []
        line = _HEADING_MARKER.sub("", line)
        line = _LIST_MARKER.sub("", line)
        line = _QUOTE_MARKER.sub("", line)
        line = _LINK.sub(r"\1", line)
        line = _INLINE_CODE.sub("", line)
        line = _HTML_TAG.sub(" ", line)
        line = _EMPHASIS.sub("", line)
        current.append(line.strip())
        if _is_break(raw):
            units.append(" ".join(current))
            current = []
    if current:
        units.append(" ".join(current))
    sentences = []
    for unit in units:
        unit = unit.strip()
        if not _WORD.search(unit):
            continue
        # A unit that introduces a list ("Ask about:") ends a sentence too.
        if unit.endswith(":"):
            unit = unit[:-1] + "."
        elif not unit.endswith((".", "!", "?")):
            unit += "."
        sentences.append(unit)
    return " ".join(sentences)


def text_counts(text):
    """(sentences, words, syllables) of Markdown text."""
    plain = strip_markdown(text)
    words = _WORD.findall(plain)
    if not words:
        return 0, 0, 0
    sentences = len(_SENTENCE_END.findall(plain)) or 1
    syllables = sum(count_syllables(word) for word in words)
    return sentences, len(words), syllables


def flesch_kincaid_grade(text):
    """The Flesch-Kincaid grade of Markdown text, to one decimal; None if it has no words."""
    sentences, words, syllables = text_counts(text)
    if not words:
        return None
    return _grade(sentences, words, syllables)


def _grade(sentences, words, syllables):
    return round(0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59, 1)


@dataclass(frozen=True)
class Sentence:
    """One sentence of the plain text, graded on its own."""

    text: str
    words: int
    syllables: int
    grade: float
    long_words: tuple[str, ...]


@dataclass(frozen=True)
class Reason:
    """Why a sentence is hard: `code` is LONG_SENTENCE (with its word count) or LONG_WORDS
    (with the number of long words and up to LISTED_LONG_WORDS of them)."""

    code: str
    count: int
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class HardSentence:
    sentence: Sentence
    reasons: tuple[Reason, ...]


def _split_sentences(plain):
    """The sentences of stripped text, cut where text_counts counts a sentence end."""
    pieces = []
    start = 0
    for match in _SENTENCE_END.finditer(plain):
        pieces.append(plain[start : match.end()].strip())
        start = match.end()
    rest = plain[start:].strip()
    if rest:
        pieces.append(rest)
    return pieces


def sentence_report(text):
    """Every sentence of Markdown `text` that has words, in order, each with its own grade.

    The sentences are those flesch_kincaid_grade counts; its formula is applied to each
    one alone. Long words have LONG_WORD_SYLLABLES or more syllables (numbers excluded),
    listed once each in the order they first appear.
    """
    report = []
    for piece in _split_sentences(strip_markdown(text)):
        words = _WORD.findall(piece)
        if not words:
            continue
        syllables = 0
        long_words = {}
        for word in words:
            count = count_syllables(word)
            syllables += count
            if count >= LONG_WORD_SYLLABLES and not word.isdigit():
                long_words.setdefault(word.lower(), word)
        report.append(
            Sentence(
                text=piece,
                words=len(words),
                syllables=syllables,
                grade=_grade(1, len(words), syllables),
                long_words=tuple(long_words.values()),
            )
        )
    return report


def _reasons(sentence):
    reasons = []
    if sentence.words > LONG_SENTENCE_WORDS:
        reasons.append(Reason(LONG_SENTENCE, sentence.words))
    if sentence.long_words:
        reasons.append(
            Reason(
                LONG_WORDS,
                len(sentence.long_words),
                sentence.long_words[:LISTED_LONG_WORDS],
            )
        )
    return tuple(reasons)


def hardest_sentences(text, limit=3):
    """Up to `limit` sentences graded above WARNING_GRADE, hardest first, with reasons.

    Only sentences with a reason count: on its own a very short sentence can grade
    high ("Relax." is 8.4) with nothing in it to change.
    """
    hard = [
        HardSentence(sentence, reasons)
        for sentence in sentence_report(text)
        if sentence.grade > WARNING_GRADE and (reasons := _reasons(sentence))
    ]
    hard.sort(key=lambda item: item.sentence.grade, reverse=True)
    return hard[:limit]
