"""Checks on free text that people type or files we load."""

import unicodedata


def has_control_characters(text, *, allow_newlines=False):
    """Whether ``text`` holds a control character (Unicode category Cc); with
    ``allow_newlines``, line breaks and tabs are allowed."""
    allowed = {"\n", "\r", "\t"} if allow_newlines else set()
    return any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in text)
