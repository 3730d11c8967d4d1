"""Where a YAML syntax error probably comes from: the quote left open, or a tab."""

from __future__ import annotations

import pytest

from generator.yamlhints import open_quote, tab_position, unclosed_quote
from generator.yamlsource import YamlProblem, parse_yaml


@pytest.mark.parametrize(("line", "quote"), [
    ("name: De l'argile", None),
    ("name: 'De l''argile'", None),
    ("name: 'Acme", "'"),
    ('title: "Say \\"hi\\"', '"'),
    ('title: "Say \\"hi\\""', None),
    ("- 'open", "'"),
    ("name: {fr: De l'argile, en: 'Clay}", "'"),
    ("name: {fr: 'Argile', en: Clay}", None),
    ("summary: it's fine # don't worry", None),
    ("opens: '09:00  # a comment", "'"),
])
def test_open_quote_only_where_a_value_starts(line: str, quote: str | None) -> None:
    assert open_quote(line) == quote


def test_the_nearest_open_quote_before_the_error_is_named() -> None:
    lines = ["a: 'one", "b: De l'argile", "c: 'two", "d: x"]
    assert unclosed_quote(lines, 4) == (3, "'")
    assert unclosed_quote(lines, 2) == (1, "'")
    assert unclosed_quote(["a: x"], 1) is None


def test_tab_position_is_in_the_indentation_only() -> None:
    assert tab_position(["a:", "  \tb: 1"], 2) == (2, 3)
    assert tab_position(["a:\tb"], 1) is None


def test_hint_lines_are_the_files_lines_under_front_matter() -> None:
    with pytest.raises(YamlProblem) as caught:
        parse_yaml("title: 'Open\nkey: x\n", line_offset=1)
    assert caught.value.message.endswith("is a ' quote on line 2 not closed?")
    assert caught.value.line == 3  # the problem's own position stays relative to the YAML text
