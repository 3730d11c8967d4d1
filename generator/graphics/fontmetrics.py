"""Text measured with the real fonts: advance widths and line boxes of the installed Noto faces.

Graphics size their label columns, wrap and ellipsise from these figures, so that a label is
never clipped and never runs into its neighbour in a browser or in print. A width is the sum of
the advances of the characters' default glyphs (``cmap`` then ``hmtx``), taken from the first
face of the graphic's font stack that has the character. No shaping: for Arabic that means the
isolated letter forms, which are as wide as or wider than the joined ones, so the figure is an
upper bound. A line box is the face's ``hhea`` ascent and descent, as Chromium uses them for
``getBBox`` of an SVG ``<text>``.

Faces are read once per process (cached) with fontTools. A family whose file is not installed
is skipped; a character no face has falls back to the estimate of :mod:`.svg`.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont

log = logging.getLogger(__name__)

FONT_DIRS = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/opentype/noto"))
"""Where Debian's fonts-noto-core and fonts-noto-cjk put the faces (scripts/setup.sh)."""

GENERIC = frozenset({"sans-serif", "serif", "monospace", "system-ui", "cursive", "fantasy"})


@dataclass(frozen=True)
class Face:
    """The figures of one installed face that measuring needs, in font units."""

    family: str
    """The family name, as in a CSS font stack."""
    units_per_em: int
    """Font units per em."""
    ascent: int
    """``hhea`` ascent (above the baseline)."""
    descent: int
    """``hhea`` descent, as a positive number (below the baseline)."""
    advances: dict[int, int]
    """Advance width of the default glyph of every code point the face maps."""


def families(stack: str) -> list[str]:
    """The named families of a CSS font stack, in order, without generic families."""
    names = [part.strip().strip("'\"") for part in stack.split(",")]
    return [name for name in names if name and name not in GENERIC]


def _files(family: str, bold: bool) -> list[tuple[Path, str | None]]:
    """Candidate files of ``family`` (bold first if asked), with the TTC family to pick."""
    styles = ["Bold", "Regular"] if bold else ["Regular"]
    if family.startswith("Noto Sans CJK") or family.startswith("Noto Serif CJK"):
        stem = family.rsplit(" ", 1)[0].replace(" ", "")
        return [(d / f"{stem}-{s}.ttc", family) for s in styles for d in FONT_DIRS]
    stem = family.replace(" ", "")
    return [(d / f"{stem}-{s}.ttf", None) for s in styles for d in FONT_DIRS]


def _read(font: TTFont, family: str) -> Face:
    hhea = font["hhea"]
    metrics = font["hmtx"].metrics
    advances = {code: metrics[glyph][0] for code, glyph in font.getBestCmap().items() if glyph in metrics}
    return Face(family, font["head"].unitsPerEm, hhea.ascent, abs(hhea.descent), advances)


@functools.lru_cache(maxsize=32)
def face(family: str, bold: bool = False) -> Face | None:
    """The installed face of ``family`` (bold when asked and installed), or ``None`` (cached)."""
    for path, member in _files(family, bold):
        if not path.is_file():
            continue
        if member is None:
            return _read(TTFont(path, lazy=True), family)
        for font in TTCollection(path, lazy=True).fonts:
            if font["name"].getDebugName(1) == member:
                return _read(font, family)
    log.debug("no installed face for %r", family)
    return None


def faces(stack: str, bold: bool = False) -> list[Face]:
    """The installed faces of a font stack, in order."""
    return [f for f in (face(name, bold) for name in families(stack)) if f is not None]


def advance(char: str, stack: Iterable[Face]) -> float | None:
    """The advance of ``char`` in em from the first face that has it, or ``None``."""
    code = ord(char)
    for f in stack:
        width = f.advances.get(code)
        if width is not None:
            return width / f.units_per_em
    return None


def line_box(content: str, stack: list[Face], size: float) -> tuple[float, float]:
    """(ascent, descent) of a one-line text at ``size``: the tallest of the first face and the
    faces its characters come from."""
    used = stack[:1]
    for char in set(content):
        used += [next((f for f in stack if ord(char) in f.advances), stack[0])] if stack else []
    if not used:
        return 1.07 * size, 0.3 * size
    return (max(f.ascent / f.units_per_em for f in used) * size,
            max(f.descent / f.units_per_em for f in used) * size)
