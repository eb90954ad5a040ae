"""What changed between two versions of an item: per field, word by word.

`compare()` returns data; `templates/admin/education/catalogueitem/_diff.html` draws it
(removed words struck through, added words underlined, each also named in words for
screen readers).
"""

import difflib
import re
from dataclasses import dataclass, field

from education.models import CatalogueItem, ExerciseStep, Revision

# Words with the spaces after them, so a diff keeps the text's own spacing.
_TOKEN = re.compile(r"\S+\s*|\s+")


@dataclass
class FieldChange:
    name: str
    label: str
    # [(kind, text)] with kind "same", "removed" or "added".
    segments: list = field(default_factory=list)


def _text(content, name):
    if name == "steps":
        return "\n".join(
            f"{number}. {text}" for number, text in enumerate(content.get("steps", []), 1)
        )
    value = content.get(name)
    return "" if value is None else str(value)


def _segments(old, new):
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    segments = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(("same", "".join(old_tokens[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            segments.append(("removed", "".join(old_tokens[i1:i2])))
        if tag in ("insert", "replace"):
            segments.append(("added", "".join(new_tokens[j1:j2])))
    return segments


def _label(name):
    if name == "steps":
        return ExerciseStep._meta.verbose_name_plural
    return CatalogueItem._meta.get_field(name).verbose_name


def compare(old, new, *, titles=None):
    """The fields that differ between two contents (as Revision.content holds them).

    `titles` maps item ids to titles, for the related items; it defaults to a lookup.
    """
    changes = []
    for name in (*Revision.CONTENT_FIELDS, "steps"):
        before, after = _text(old, name), _text(new, name)
        if before != after:
            changes.append(FieldChange(name, _label(name), _segments(before, after)))
    old_related, new_related = set(old.get("related", [])), set(new.get("related", []))
    if old_related != new_related:
        if titles is None:
            titles = dict(
                CatalogueItem.objects.filter(pk__in=old_related | new_related).values_list(
                    "pk", "title"
                )
            )
        segments = [
            ("same", titles.get(pk, "?") + "\n") for pk in sorted(old_related & new_related)
        ]
        segments += [
            ("removed", titles.get(pk, "?") + "\n") for pk in sorted(old_related - new_related)
        ]
        segments += [
            ("added", titles.get(pk, "?") + "\n") for pk in sorted(new_related - old_related)
        ]
        changes.append(FieldChange("related", _label("related"), segments))
    return changes


def changed_fields(old, new):
    """The labels of the fields that differ, for a history line."""
    return [change.label for change in compare(old, new, titles={})]
