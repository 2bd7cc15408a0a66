"""The control-character and surrogate checks agree with unicodedata on every code point (they use
character classes for speed; this is the definition they replace)."""

import unicodedata

import pytest

from goals_desktop.domain.errors import ValidationError
from goals_desktop.domain.rules import _check_valid_unicode, _has_control_chars, clean_text, clean_title


def test_control_characters_are_exactly_unicode_category_cc_on_every_code_point():
    for code_point in range(0x110000):
        ch = chr(code_point)
        control = unicodedata.category(ch) == "Cc"
        assert _has_control_chars(f"a{ch}b", allow_newlines=False) == control, hex(code_point)
        assert _has_control_chars(f"a{ch}b", allow_newlines=True) == (control and ch not in "\n\t\r"), hex(code_point)


def test_lone_surrogates_are_refused_and_nothing_else_is():
    refused = []
    for code_point in range(0x110000):
        try:
            _check_valid_unicode(f"x{chr(code_point)}", "label")
        except ValidationError:
            refused.append(code_point)
    assert refused == list(range(0xD800, 0xE000))


@pytest.mark.parametrize("text", ["tab\there", "bell\x07", "del\x7f", "c1\x85inside", "nul\x00"])
def test_titles_with_control_characters_are_refused_in_one_sentence(text):
    with pytest.raises(ValidationError, match="control characters"):
        clean_title(text)


def test_notes_keep_newlines_tabs_and_returns():
    assert clean_text("one\ntwo\tthree\r\n", "notes") == "one\ntwo\tthree\r\n"
