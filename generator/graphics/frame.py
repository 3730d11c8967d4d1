"""A graphic's frame in its reading direction: lay out left to right, draw mirrored for RTL.

Charts compute their layout once, in left-to-right coordinates; a :class:`Frame` of a
right-to-left language mirrors every x (``WIDTH - x``), so that axes stand on the right, bars
grow leftwards and time runs from right to left, and puts ``direction="rtl"`` on every text.
SVG anchors are logical (``start`` is the right edge of right-to-left text), so a label keeps
its anchor when mirrored. Text is measured with the language's real fonts (:mod:`.fontmetrics`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import text_dir
from .svg import FONT_SIZE, fit, line_box, text, text_width


@dataclass(frozen=True)
class Frame:
    """The drawing frame of one graphic of ``width`` in ``lang``."""

    lang: str
    """The graphic's language (fonts and direction)."""
    width: float
    """The graphic's width in user units."""

    @property
    def rtl(self) -> bool:
        """Whether the language reads right to left."""
        return text_dir(self.lang) == "rtl"

    def x(self, x: float) -> float:
        """A point's x, mirrored for a right-to-left language."""
        return self.width - x if self.rtl else x

    def rect_x(self, x: float, w: float) -> float:
        """The left edge of a box laid out at ``x`` with width ``w``, mirrored for RTL."""
        return self.width - x - w if self.rtl else x

    def text(self, x: float, y: float, content: str, *, anchor: str = "start", size: float = FONT_SIZE,
             weight: str | None = None, fill: str = "#1a1a1a", cls: str | None = None) -> str:
        """A text node at the (mirrored) point, with the direction of the language."""
        return text(self.x(x), y, content, anchor=anchor, size=size, weight=weight, fill=fill, cls=cls,
                    direction="rtl" if self.rtl else None)

    def measure(self, content: str, size: float = FONT_SIZE, *, bold: bool = False) -> float:
        """The width of ``content`` in the language's fonts."""
        return text_width(content, size, lang=self.lang, bold=bold)

    def fit(self, content: str, width: float, size: float = FONT_SIZE, *, bold: bool = False) -> str:
        """``content`` ellipsised to ``width`` as measured in the language's fonts."""
        return fit(content, width, size, lang=self.lang, bold=bold)

    def line(self, size: float = FONT_SIZE, content: str = "") -> tuple[float, float]:
        """(ascent, descent) of a line at ``size`` in the language's fonts."""
        return line_box(content, self.lang, size)
