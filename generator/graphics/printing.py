"""The one door for graphics into print: SVG made drawable by WeasyPrint, wrapped in :class:`PrintSvg`.

WeasyPrint 70 draws SVG ``<text>`` one code point at a time, left to right, each letter laid out
alone (``weasyprint/svg/text.py``; Kozea/WeasyPrint #2249, #2909): no bidi and no shaping, so
Arabic comes out mirrored and unjoined, and a letter no face of ``font-family`` covers falls back
to whatever fontconfig finds (DejaVu). HTML text is fine; only text inside SVG is affected.

So the PDF side never sees a graphic as text: :func:`print_graphics` is the only way it gets
charts and plans, and it hands out :class:`PrintSvg` values, which only this module can make
(the print templates read ``graphic.data_uri``; a raw ``str`` has no such attribute and the
template's ``StrictUndefined`` stops the build). On the way through, :func:`for_weasyprint`

- puts every ``<text>`` holding right-to-left letters into visual order with Arabic letters
  replaced by their contextual presentation forms (``arabic_reshaper``, then the Unicode bidi
  algorithm of ``python-bidi``). The text stays text: ``pdftotext`` reads it back in logical
  order, and the letters keep their ToUnicode mapping. Arabic vowel marks (harakat) are left
  out, since a renderer that draws letter by letter cannot place them over their base;
- gives the root the print font stack of the language (:func:`print_fonts`: Noto faces only,
  the language's own first) and such a text node a stack led by its script's face, so that
  no character falls back to a non-Noto face;
- turns a ``direction="rtl"`` text node's anchor into the left-to-right anchor that draws the
  visual line at the same place.

The accessible ``<title>``, ``<desc>`` and ``aria-label`` keep the logical text. Browsers must
get the untouched SVG: they shape and reorder text themselves.
"""

from __future__ import annotations

import base64
import html
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import arabic_reshaper
from bidi.algorithm import get_display

from ..language import language_for
from .svg import escape

if TYPE_CHECKING:
    from ..show import Show

_TEXT_NODE = re.compile(r"(<text\b[^>]*>)([^<]*)(</text>)")
_ROOT_FONT = re.compile(r'(<svg\b[^>]*?\sfont-family=")[^"]*(")')
_DOOR = object()

SCRIPT_FACES = ("Noto Sans Arabic", "Noto Sans Hebrew")
"""Faces for right-to-left letters inside any language's graphic (an Arabic name on a zh plan)."""

LAST_RESORT = ("Noto Sans CJK SC", "Noto Sans Symbols", "Noto Sans Math")
"""Noto faces after the language's own: Han, arrows and signs, so nothing reaches DejaVu."""


def has_rtl(content: str) -> bool:
    """Whether ``content`` holds a right-to-left letter (Arabic, Hebrew, Syriac, Thaana...)."""
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in content)


def visual_line(content: str) -> str:
    """One line of logical text as a left-to-right, code-point-by-code-point renderer must get it."""
    if not has_rtl(content):
        return content
    return get_display(arabic_reshaper.reshape(content))


def print_fonts(lang: str) -> list[str]:
    """The print font families of a graphic in ``lang``: Noto only, the sans face the language
    model names for its script (and Han region) first."""
    named = language_for(lang).print_fonts
    own = next((family for family in named if "Sans" in family), named[0])
    return list(dict.fromkeys([own, "Noto Sans", *SCRIPT_FACES, *LAST_RESORT]))


def _stack(families: list[str]) -> str:
    return ",".join(f"'{f}'" for f in families) + ",sans-serif"


def _rtl_fonts(content: str, lang: str) -> list[str]:
    """A text node's families: the face of its right-to-left script first."""
    hebrew = any("\u0590" <= char <= "\u05ff" for char in content)
    first = "Noto Sans Hebrew" if hebrew else "Noto Sans Arabic"
    return list(dict.fromkeys([first, *print_fonts(lang)]))


@dataclass(frozen=True)
class PrintSvg:
    """An SVG graphic made ready for WeasyPrint. Only :func:`for_weasyprint` makes one."""

    svg: str
    """The print-ready SVG text."""
    door: object = field(default=None, repr=False, compare=False)
    """Proof of origin; anything but this module's private token is refused."""

    def __post_init__(self) -> None:
        if self.door is not _DOOR:
            raise TypeError("a PrintSvg comes only from generator.graphics.printing.for_weasyprint")

    @property
    def data_uri(self) -> str:
        """The graphic as a ``data:`` URI for an ``<img>`` (embedded, nothing fetched)."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode("utf-8")).decode("ascii")


@dataclass(frozen=True)
class PrintGraphics:
    """Every chart and plan of a brochure in one language (``None``: nothing to draw)."""

    visitors_per_day: PrintSvg | None
    """Visits per day of this edition."""
    editions: PrintSvg | None
    """Visitors and exhibitors of past editions and this one."""
    by_country: PrintSvg | None
    """Exhibitors by country or region."""
    site_plan: PrintSvg | None
    """The halls on the site plan."""
    hall_plans: Mapping[str, PrintSvg | None]
    """Booth plan per hall id."""


def _rewrite_text(match: re.Match[str], lang: str) -> str:
    opening, content, closing = match.groups()
    logical = html.unescape(content)
    attrs = opening
    if re.search(r'\sdirection="rtl"', attrs):  # digits-only labels of a mirrored chart too
        anchor = re.search(r'\stext-anchor="(\w+)"', attrs)
        flipped = {"start": "end", "end": "start"}.get(anchor.group(1) if anchor else "start", "middle")
        attrs = re.sub(r'\s(direction|text-anchor)="[^"]*"', "", attrs)
        attrs = attrs[:-1] + f' text-anchor="{flipped}">'
    if not has_rtl(logical):
        return attrs + content + closing
    attrs = re.sub(r'\sfont-family="[^"]*"', "", attrs)
    attrs = attrs[:-1] + f' font-family="{_stack(_rtl_fonts(logical, lang))}">'
    return attrs + escape(visual_line(logical)) + closing


def for_weasyprint(svg: str, lang: str) -> PrintSvg:
    """``svg`` (a graphic in ``lang``) as WeasyPrint must get it; see the module's docstring.

    Text without right-to-left letters (Latin, CJK, digits) keeps its bytes; only the root's
    font stack changes. Raises ``ValueError`` for ``<tspan>``, which this rewrite does not handle.
    """
    if "<tspan" in svg:
        raise ValueError("for_weasyprint handles one-line <text> nodes only, not <tspan>")
    printed = _TEXT_NODE.sub(lambda m: _rewrite_text(m, lang), svg)
    printed = _ROOT_FONT.sub(lambda m: m.group(1) + _stack(print_fonts(lang)) + m.group(2), printed, count=1)
    return PrintSvg(printed, _DOOR)


def _door(svg: str | None, lang: str) -> PrintSvg | None:
    return for_weasyprint(svg, lang) if svg else None


def print_graphics(show: Show, lang: str) -> PrintGraphics:
    """Every chart and plan for the brochures and mailings of ``lang``, through the print door."""
    from . import charts, floorplan

    return PrintGraphics(
        visitors_per_day=_door(charts.visitors_per_day(show, lang), lang),
        editions=_door(charts.editions(show, lang), lang),
        by_country=_door(charts.exhibitors_by_country(show, lang), lang),
        site_plan=_door(floorplan.floor_plan(show, lang), lang),
        hall_plans={h.id: _door(floorplan.floor_plan(show, lang, h.id), lang) for h in show.halls},
    )
