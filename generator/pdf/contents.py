"""What a PDF content stream draws: the resources it names and the character codes per font.

Enough of a content stream tokenizer (PDF 32000-1, 7.8.2 and 9.4) for the streams WeasyPrint
and showpress write: names, numbers, strings (literal and hex), arrays and inline dictionaries,
operators, inline images skipped. isolate.py uses it to give each client's letter pages only
what they draw.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

_TOKEN = re.compile(rb"%[^\r\n]*|/[^\s/\[\]()<>{}%]*|<<|>>|<[0-9A-Fa-f\s]*>|[\[\]]|\(|[^\s/\[\]()<>{}%]+")
_SPACE = re.compile(rb"\s*")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_LITERAL_ESCAPES = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b", ord("f"): b"\f"}
_INLINE_IMAGE_END = re.compile(rb"\sEI(?=[\s]|$)")
_RESOURCE_OPERATORS = {b"Do": "/XObject", b"gs": "/ExtGState", b"sh": "/Shading",
                       b"cs": "/ColorSpace", b"CS": "/ColorSpace"}
_SHOW_OPERATORS = {b"Tj", b"'", b"TJ"}


class Name(str):
    """A PDF name operand (the string includes the leading slash)."""


class Shown(bytes):
    """A PDF string operand (its bytes: character codes when shown with a font)."""


@dataclass
class Drawn:
    """Resources a content stream names, by category (``/Font``, ``/XObject``…), and the string
    bytes it shows with each font resource name."""

    names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    strings: dict[str, list[bytes]] = field(default_factory=lambda: defaultdict(list))


def drawn(data: bytes, into: Drawn | None = None) -> Drawn:
    """Read ``data`` (one content stream, or several joined) and add what it draws to ``into``."""
    result = into if into is not None else Drawn()
    font: str | None = None
    stack: list[list[object]] = [[]]
    pos, end = 0, len(data)
    while pos < end:
        pos = _SPACE.match(data, pos).end()  # type: ignore[union-attr]
        if pos >= end:
            break
        if data[pos] == 0x28:  # "(": a literal string, maybe with nested parentheses
            value, pos = _literal(data, pos)
            stack[-1].append(Shown(value))
            continue
        match = _TOKEN.match(data, pos)
        if match is None:
            raise ValueError(f"unreadable content stream at byte {pos}")
        token, pos = match.group(), match.end()
        first = token[:1]
        if first == b"%":
            continue
        if first == b"/":
            stack[-1].append(Name(_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), token).decode("latin-1")))
        elif token in (b"[", b"<<"):
            stack.append([])
        elif token in (b"]", b">>"):
            inner = stack.pop() if len(stack) > 1 else []
            stack[-1].append(inner)
        elif first == b"<":
            digits = re.sub(rb"\s", b"", token[1:-1])
            stack[-1].append(Shown(bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())))
        elif len(stack) > 1 or first in b"+-.0123456789":
            stack[-1].append(token)  # a number, or a keyword inside an array or dictionary
        else:
            font = _operator(token, stack[-1], font, result)
            if token == b"ID":
                found = _INLINE_IMAGE_END.search(data, pos)
                pos = found.end() if found else end
            stack = [[]]
    return result


def _operator(operator: bytes, operands: list[object], font: str | None, result: Drawn) -> str | None:
    names = [o for o in operands if isinstance(o, Name)]
    if operator == b"Tf" and names:
        font = names[0]
        result.names["/Font"].add(font)
    elif operator in _SHOW_OPERATORS or operator == b'"':
        if font is None:
            raise ValueError("text shown before a font was selected")
        last = operands[-1] if operands else None
        shown = last if isinstance(last, list) else [last]  # TJ shows an array, the others a string
        result.strings[font].extend(s for s in shown if isinstance(s, Shown))
    elif operator in _RESOURCE_OPERATORS and names:
        result.names[_RESOURCE_OPERATORS[operator]].add(names[0])
    elif operator in (b"scn", b"SCN") and names:
        result.names["/Pattern"].add(names[-1])
    elif operator in (b"BDC", b"DP") and len(names) > 1:
        result.names["/Properties"].add(names[1])
    return font


def _literal(data: bytes, pos: int) -> tuple[bytes, int]:
    """The bytes of the literal string opening at ``pos``, and the position after it."""
    out = bytearray()
    depth, pos = 1, pos + 1
    while pos < len(data):
        byte = data[pos]
        if byte == 0x5C:  # backslash
            pos += 1
            escaped = data[pos:pos + 1]
            if escaped[:1].isdigit():
                digits = re.match(rb"[0-7]{1,3}", data[pos:pos + 3])
                assert digits is not None
                out.append(int(digits.group(), 8) & 0xFF)
                pos += len(digits.group())
                continue
            if escaped not in (b"\n", b"\r"):
                out += _LITERAL_ESCAPES.get(escaped[0], escaped) if escaped else b""
            pos += 1
            continue
        if byte == 0x28:
            depth += 1
        elif byte == 0x29:
            depth -= 1
            if depth == 0:
                return bytes(out), pos + 1
        out.append(byte)
        pos += 1
    raise ValueError("unterminated string in a content stream")
