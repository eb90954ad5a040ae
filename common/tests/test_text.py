from common.text import has_control_characters


def test_plain_text_and_accents_pass():
    assert not has_control_characters("Ann-Marie Lee, née Müller")


def test_a_control_character_is_found():
    assert has_control_characters("Ann\x00Lee")
    assert has_control_characters("bell\x07")


def test_line_breaks_only_where_allowed():
    assert has_control_characters("two\nlines")
    assert not has_control_characters("two\r\nlines\tand a tab", allow_newlines=True)
    assert has_control_characters("two\nlines\x1b", allow_newlines=True)
