"""Writing SVG text: escaping, elements, the root element, fonts, and fitting text into a width.

Every graphic of showpress is a string of SVG built here, so that escaping happens in one place:
:func:`el` escapes every attribute value and :func:`text` escapes every text node. Output is
deterministic (attributes in the order given, numbers rounded to two decimals).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Mapping

from ..language import language_for
from . import fontmetrics

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

FONT_SIZE = 13
"""Base font size of every graphic, in user units (px at the natural size)."""


@functools.lru_cache(maxsize=64)
def font_stack(lang: str) -> str:
    """A system font stack that gives ``lang`` its script's face and regional Han glyphs (no web
    fonts, no downloads): the language model's sans face first, then Noto Sans, the Simplified
    Chinese face for stray Han and generic ``sans-serif``."""
    families: list[str] = []
    for family in (language_for(lang).sans_font, "Noto Sans", "Noto Sans CJK SC", "sans-serif"):
        if family not in families:
            families.append(family)
    return ",".join(f"'{f}'" if " " in f else f for f in families)


def escape(value: str) -> str:
    """Text made safe for an XML text node or a double-quoted attribute."""
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )


def num(value: float) -> str:
    """A coordinate as short, stable text: at most two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _attr(value: object) -> str:
    if isinstance(value, float):
        return num(value)
    return escape(str(value))


def el(tag: str, attrs: Mapping[str, object] | None = None, *children: str) -> str:
    """An element with escaped attributes (``None`` values left out) and already-built children."""
    parts = [tag]
    for key, value in (attrs or {}).items():
        if value is not None:
            parts.append(f'{key}="{_attr(value)}"')
    head = " ".join(parts)
    if not children:
        return f"<{head}/>"
    return f"<{head}>{''.join(children)}</{tag}>"


def text(x: float, y: float, content: str, *, anchor: str = "start", size: float = FONT_SIZE,
         weight: str | None = None, fill: str = "#1a1a1a", cls: str | None = None,
         direction: str | None = None) -> str:
    """A single-line text node; ``content`` is escaped here.

    ``anchor`` is logical, as in SVG: with ``direction="rtl"`` the start of the text is its right
    edge. A right-to-left graphic passes the direction on every text, so a page's own direction
    (inherited by inline SVG in a browser) never moves a label.
    """
    return el(
        "text",
        {
            "x": float(x), "y": float(y), "direction": direction,
            "text-anchor": anchor if anchor != "start" else None,
            "font-size": float(size) if size != FONT_SIZE else None, "font-weight": weight,
            "fill": fill, "class": cls,
        },
        escape(content),
    )


def title(content: str) -> str:
    """A ``<title>``: the tooltip and accessible name of its parent."""
    return el("title", None, escape(content))


def root(*, lang: str, width: float, height: float, label: str, kind: str, body: Iterable[str],
         desc: str | None = None, defs: Iterable[str] = (), role: str = "img") -> str:
    """The ``<svg>`` element of a graphic: viewBox sizing, title, language, fonts and ARIA.

    ``width``/``height`` give the natural size (in px) and the viewBox. There is deliberately no
    inline ``style``: WeasyPrint 70 turns ``height:auto`` on the root into a square box. Pages
    scale graphics with CSS such as ``svg.showpress-graphic {max-width: 100%; height: auto}``
    (Material's ``.md-typeset svg`` rule already does this), which keeps the aspect ratio.
    """
    head = [title(label)]
    if desc:
        head.append(el("desc", None, escape(desc)))
    defs = list(defs)
    if defs:
        head.append(el("defs", None, *defs))
    return el(
        "svg",
        {
            "xmlns": SVG_NS,
            "xmlns:xlink": XLINK_NS,
            "viewBox": f"0 0 {num(width)} {num(height)}",
            "width": float(width),
            "height": float(height),
            "role": role,
            "aria-label": label,
            "lang": lang,
            "xml:lang": lang,
            "class": f"showpress-graphic showpress-{kind}",
            "font-family": font_stack(lang),
            "font-size": FONT_SIZE,
        },
        *head,
        *body,
    ) + "\n"


# --------------------------------------------------------------------------- text width


@functools.lru_cache(maxsize=4096)  # a pure function of one character
def char_width(char: str) -> float:
    """Estimated advance of one character in em: CJK and other wide glyphs ~1, Latin ~0.55."""
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0
    if char == " ":
        return 0.3
    if char in "il.,:;'|!":
        return 0.3
    if char.isupper() or char in "mwMW@%":
        return 0.7
    return 0.55


def _measured(lang: str | None, bold: bool) -> list[fontmetrics.Face] | None:
    return fontmetrics.faces(font_stack(lang), bold) if lang else None


def _advance(char: str, faces: list[fontmetrics.Face] | None) -> float:
    if faces:
        measured = fontmetrics.advance(char, faces)
        if measured is not None:
            return measured
    return char_width(char)


def text_width(content: str, size: float = FONT_SIZE, *, lang: str | None = None,
               bold: bool = False) -> float:
    """Width of ``content`` at ``size``, in the same units as ``size``.

    With ``lang``, measured with the installed fonts of the graphic's font stack
    (:mod:`.fontmetrics`); without, estimated per character (:func:`char_width`).
    """
    faces = _measured(lang, bold)
    return sum(_advance(c, faces) for c in content) * size


def line_box(content: str, lang: str, size: float = FONT_SIZE) -> tuple[float, float]:
    """(ascent, descent) of a line of ``content`` in ``lang``'s fonts at ``size``."""
    return fontmetrics.line_box(content, _measured(lang, False) or [], size)


def fit(content: str, width: float, size: float = FONT_SIZE, *, lang: str | None = None,
        bold: bool = False) -> str:
    """``content`` shortened with an ellipsis so that its width is at most ``width``
    (measured with ``lang``'s fonts when given, else estimated).

    Returns ``""`` when not even one character and the ellipsis fit.
    """
    if text_width(content, size, lang=lang, bold=bold) <= width:
        return content
    faces = _measured(lang, bold)
    budget = width / size - _advance("…", faces)
    used = 0.0
    kept: list[str] = []
    for char in content:
        used += _advance(char, faces)
        if used > budget:
            break
        kept.append(char)
    shortened = "".join(kept).rstrip()
    return shortened + "…" if shortened else ""


NO_BREAK_BEFORE = frozenset(
    " ,.;:!?%)]}、。，．：；！？）」』】〕〉》ー々ゝゞヽヾ・"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
)
"""Characters that may not start a line (closing punctuation, small kana: Japanese kinsoku)."""

NO_BREAK_AFTER = frozenset("([{（「『【〔〈《")
"""Characters that may not end a line (opening brackets)."""


def units(content: str) -> list[str]:
    """Pieces of ``content`` between line-break opportunities: after spaces and hyphens,
    and around every wide (CJK) character, except where kinsoku rules forbid a break."""
    units: list[str] = []
    current = ""
    for char in content:
        wide = unicodedata.east_asian_width(char) in ("W", "F")
        if current and (wide or unicodedata.east_asian_width(current[-1]) in ("W", "F")
                        or current[-1] in " -/"):
            if char not in NO_BREAK_BEFORE and current[-1] not in NO_BREAK_AFTER:
                units.append(current)
                current = ""
        current += char
    if current:
        units.append(current)
    return units


def _take_line(content: str, width: float, size: float, hard: bool = True) -> tuple[str, str]:
    """The longest first line of ``content`` that fits ``width``, and the rest.

    A word wider than the line is broken inside when ``hard``; else the line comes back empty.
    """
    line = ""
    pieces = units(content)
    for i, unit in enumerate(pieces):
        if text_width((line + unit).rstrip(), size) > width:
            if not line:  # one unit wider than the line: break inside it
                if not hard:
                    return "", content
                cut, used = "", 0.0
                for char in unit:
                    used += char_width(char) * size
                    if used > width:
                        break
                    cut += char
                return cut, content[len(cut):].lstrip()
            return line.rstrip(), "".join(pieces[i:]).lstrip()
        line += unit
    return line.rstrip(), ""


def wrap(content: str, width: float, size: float = FONT_SIZE, max_lines: int = 2,
         *, hard: bool = True) -> list[str]:
    """``content`` broken into at most ``max_lines`` lines of at most ``width``.

    Breaks after spaces and hyphens and between CJK characters; the last line ends with an
    ellipsis when text is left over. Returns ``[]`` when nothing fits. With ``hard=False`` a word
    is never broken inside (the rest goes to the shortened last line).
    """
    lines: list[str] = []
    rest = content.strip()
    while rest and len(lines) < max_lines - 1:
        line, remainder = _take_line(rest, width, size, hard)
        if not line:
            break
        lines.append(line)
        rest = remainder
    if rest and len(lines) < max_lines:
        last = fit(rest, width, size)
        if last:
            lines.append(last)
    return lines


def balanced_wrap(content: str, width: float, size: float = FONT_SIZE, max_lines: int = 2,
                  *, hard: bool = True) -> list[str]:
    """Like :func:`wrap`, but when the whole text fits, lines of similar length (no lone last word
    or character): the narrowest width that still needs no more lines wins."""
    lines = wrap(content, width, size, max_lines, hard=hard)
    if len(lines) < 2 or lines[-1].endswith("…"):
        return lines
    best = lines
    narrower = width
    while narrower > width / 2:
        narrower *= 0.93
        trial = wrap(content, narrower, size, max_lines, hard=False)
        if len(trial) > len(lines) or (trial and trial[-1].endswith("…")) \
                or "".join(trial).replace(" ", "") != "".join(lines).replace(" ", ""):
            break
        best = trial
    return best
