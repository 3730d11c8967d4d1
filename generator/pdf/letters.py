"""Letters laid out in two passes: the text all clients of a language share once, then only each
client's own lines, laid over it.

The blank letter (``_parts/letter.html`` with ``l.blank``) keeps the client's slots (recipient,
salutation, survey link, QR code) empty at reserved sizes (``_letter.css``); :func:`slot_geometry`
reads where WeasyPrint put them. Each client's slots (``_parts/slots.html``) are then laid out
absolutely at those places (:meth:`SlotGeometry.css`), checked to fit (:meth:`SlotGeometry.fits`:
a client whose name or address needs more room is laid out whole instead), and laid over the blank
letter with the QR code drawn as vector squares (:func:`qr_marks`, ``assemble.overlay_pages``).
Laying out a client's three slots costs a fraction of laying out a whole letter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import segno
import weasyprint

from ..language import print_font_rules
from .brochures import PAPERS
from .templates import stylesheet

SLOTS = ("recipient", "salutation", "link")
"""The client's text slots of a letter (CSS classes in _parts/letter.html and _parts/slots.html)."""
QR_SLOT = "qr"
QR_BORDER = 4
"""Quiet zone of the QR code, in modules (the QR standard asks for 4)."""
TOLERANCE = 0.01
"""CSS px a slot may differ from its reserved place and still count as fitting."""
PX_TO_PT = 0.75
_DARK_RUN = re.compile(rb"[\x01-\xff]+")
"""A run of dark modules in a row of segno's matrix (0 is light)."""


def letters_css(paper: str = "A4", languages: Iterable[str] = ()) -> str:
    """The stylesheet of letters alone (much smaller than the brochure's, so cheaper to match);
    ``languages``: the languages the letters' text comes in (letter locales and the show's)."""
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r}")
    return stylesheet("letters.css", paper=PAPERS[paper], font_rules=print_font_rules(languages))


@dataclass(frozen=True)
class Rect:
    """A box on the page, in CSS px from the page's top left corner."""

    x: float
    y: float
    width: float
    height: float


def _boxes(page: weasyprint.Page, names: tuple[str, ...]) -> dict[str, Any]:
    """The first (principal) box of each class in ``names`` on ``page``."""
    found: dict[str, Any] = {}
    for box in _descendants(page._page_box):
        element = getattr(box, "element", None)
        if element is None or not hasattr(element, "get"):
            continue
        for name in (element.get("class") or "").split():
            if name in names and name not in found:
                found[name] = box
    return found


def _descendants(box: Any) -> Iterator[Any]:
    yield from box.descendants(placeholders=True)


def _rect(box: Any) -> Rect:
    return Rect(box.border_box_x(), box.border_box_y(), box.width, box.height)


@dataclass(frozen=True)
class SlotGeometry:
    """Where the blank letter left room for the client's slots (CSS px on the page)."""

    origin: tuple[float, float]
    """The letter section's padding box: the containing block of the slots."""
    slots: dict[str, Rect]
    qr: Rect | None
    """None for letters without the survey (no QR code, no link slot)."""
    page_height: float

    def css(self) -> str:
        """Rules placing each slot of ``.slots`` where the blank letter reserved it."""
        ox, oy = self.origin
        return "".join(
            f".slots .{name} {{ left: {rect.x - ox:.4f}px; top: {rect.y - oy:.4f}px; width: {rect.width:.4f}px; }}\n"
            for name, rect in self.slots.items())

    def fits(self, page: weasyprint.Page) -> bool:
        """Whether a client's slots on ``page`` sit in their places and within the reserved heights."""
        found = _boxes(page, SLOTS)
        for name, want in self.slots.items():
            if name not in found:
                return False
            got = _rect(found[name])
            if (abs(got.x - want.x) > TOLERANCE or abs(got.y - want.y) > TOLERANCE
                    or abs(got.width - want.width) > TOLERANCE or got.height > want.height + TOLERANCE):
                return False
        return True


def slot_geometry(page: weasyprint.Page, *, survey: bool = True) -> SlotGeometry:
    """Read the reserved slots from the page of a blank letter (``survey``: with the QR code and link)."""
    names = SLOTS if survey else tuple(name for name in SLOTS if name != "link")
    wanted = ("letter", *((QR_SLOT,) if survey else ()), *names)
    found = _boxes(page, wanted)
    missing = [name for name in wanted if name not in found]
    if missing:
        raise ValueError(f"the blank letter has no {', '.join(missing)} slot")
    section = found["letter"]
    return SlotGeometry(
        origin=(section.padding_box_x(), section.padding_box_y()),
        slots={name: _rect(found[name]) for name in names},
        qr=_rect(found[QR_SLOT]) if survey else None,
        page_height=page.height,
    )


def qr_code(link: str, mask: int) -> segno.QRCode:
    """The QR code of a survey link (error correction M, fixed mask: any mask scans)."""
    return segno.make_qr(link, error="m", mask=mask)


def qr_marks(code: segno.QRCode, box: Rect, page_height: float) -> bytes:
    """PDF operators filling the dark modules of ``code`` in ``box`` (quiet zone included).

    One path of rectangles, one fill: no hairline seams between modules when rasterised.
    """
    matrix = code.matrix
    size = len(matrix)
    module = min(box.width, box.height) / (size + 2 * QR_BORDER)
    left, top = box.x + QR_BORDER * module, box.y + QR_BORDER * module
    xs = [f"{left + i * module:.3f}" for i in range(size)]
    ys = [f"{top + i * module:.3f} " for i in range(size)]
    widths = [f"{i * module:.3f} {module:.3f} re" for i in range(size + 1)]
    ops = [f"q {PX_TO_PT} 0 0 {-PX_TO_PT} 0 {page_height * PX_TO_PT:.4f} cm 0 g"]
    for row, cells in enumerate(matrix):
        y = ys[row]
        for run in _DARK_RUN.finditer(bytes(cells)):
            ops.append(xs[run.start()] + " " + y + widths[run.end() - run.start()])
    ops.append("f Q\n")
    return "\n".join(ops).encode("ascii")
