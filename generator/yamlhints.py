"""What probably caused a YAML syntax error, said so that an editor can fix it.

PyYAML reports where it gave up, which is often lines after the cause: a quote opened and never
closed swallows text until the next apostrophe, and a tab in the indentation "cannot start any
token". The functions here look at the text itself to point at the cause.
"""

from __future__ import annotations


def tab_position(lines: list[str], line: int) -> tuple[int, int] | None:
    """(line, column) of the first tab in the indentation of ``line`` (1-based), or None."""
    if not 1 <= line <= len(lines):
        return None
    text = lines[line - 1]
    indent = text[: len(text) - len(text.lstrip(" \t"))]
    if "\t" in indent:
        return line, indent.index("\t") + 1
    return None


def _closing(text: str, start: int) -> int | None:
    """Index of the quote that closes the quoted scalar opened at ``start``, or None on this line."""
    quote = text[start]
    i = start + 1
    while i < len(text):
        char = text[i]
        if quote == '"' and char == "\\":
            i += 2
            continue
        if char == quote:
            if quote == "'" and text[i + 1: i + 2] == "'":  # '' is an escaped apostrophe
                i += 2
                continue
            return i
        i += 1
    return None


def open_quote(text: str) -> str | None:
    """The quote character of a quoted scalar that starts on this line and is not closed on it.

    A quote counts only where a value may start (after the indentation, ``- ``, ``key: ``, or in a
    flow collection after ``[``, ``{`` or ``,``): the apostrophe of ``De l'argile`` is plain text.
    """
    depth = 0
    value_may_start = True
    i = 0
    while i < len(text):
        char = text[i]
        follows_space = i + 1 == len(text) or text[i + 1] in " \t"
        if char in " \t":
            pass
        elif char == "#" and (i == 0 or text[i - 1] in " \t"):
            return None
        elif value_may_start and char in "'\"":
            end = _closing(text, i)
            if end is None:
                return char
            i, value_may_start = end, False
        elif char in "[{":
            depth, value_may_start = depth + 1, True
        elif char in "]}":
            depth, value_may_start = max(0, depth - 1), False
        elif char == "," and depth:
            value_may_start = True
        elif char in "-?:" and follows_space:
            value_may_start = True
        else:
            value_may_start = False
        i += 1
    return None


def unclosed_quote(lines: list[str], last: int) -> tuple[int, str] | None:
    """(line, quote) of the nearest quoted scalar at or before ``last`` that its line does not close."""
    for number in range(min(last, len(lines)), 0, -1):
        quote = open_quote(lines[number - 1])
        if quote:
            return number, quote
    return None
