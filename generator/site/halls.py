"""Halls on a phone: one page per hall for a large show, plans at a legible size.

A show with more than :data:`SPLIT_AT` booths gets ``halls/<id>/`` per hall (its plan and its
booth list), and ``halls/`` keeps the site plan and one summary per hall; a smaller show keeps
everything on ``halls/``. Plans are never shrunk below the width at which their smallest label is
:data:`MIN_LABEL_PX` CSS pixels: on a narrow screen they scroll sideways inside a focusable,
named region instead (``site_templates/_macros/halls.j2``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..show import Show

if TYPE_CHECKING:
    from ..language import Language
    from ..models import Hall

SPLIT_AT = 60
"""More booths than this in all halls together: one page per hall."""

MIN_LABEL_PX = 9.0
"""Smallest font size (CSS px) of a plan label as displayed."""

_SIZE = re.compile(r'font-size="([0-9.]+)"')
_WIDTH = re.compile(r'<svg\b[^>]*?\bwidth="([0-9.]+)"')


def split(show: Show) -> bool:
    """Whether the show gets one page per hall."""
    return sum(len(h.booths) for h in show.halls) > SPLIT_AT


def hall_path(hall_id: str) -> str:
    """Docs path of one hall's page (URL ``halls/<id>/``)."""
    return f"halls/{hall_id}.md"


def booth_page(show: Show, booth_id: str) -> str:
    """Docs path of the page that lists a booth (its hall's page, or the halls page)."""
    hall = show.booths.get(booth_id, (None, None))[0]
    return hall_path(hall.id) if hall is not None and split(show) else "halls.md"


STATUSES = ("free", "reserved", "sold")
"""Booth statuses in the order a hall's summary counts them."""


@dataclass(frozen=True)
class StatusCount:
    status: str
    count: str
    """How many booths of the hall have ``status``, in the reader's digits."""


@dataclass(frozen=True)
class HallSummary:
    """The line under a hall's heading (``_macros/halls.j2`` ``summary``), every figure formatted."""

    area: str | None
    """The hall's area in the reader's locale ('1,200 m²', '1 200 m²'); None when unknown."""
    booths: str
    statuses: tuple[StatusCount, ...]


def summary(hall: Hall, language: Language) -> HallSummary:
    """A hall's area and booth counts for readers of ``language``."""
    return HallSummary(
        area=language.area(int(round(hall.area_m2, 0))) if hall.area_m2 else None,
        booths=language.number(len(hall.booths)),
        statuses=tuple(StatusCount(status, language.number(sum(b.status == status for b in hall.booths)))
                       for status in STATUSES),
    )


def legible(svg: Markup | None) -> Markup | None:
    """The plan with a ``min-width`` at which its smallest label shows at :data:`MIN_LABEL_PX`."""
    if not svg:
        return svg
    sizes = [float(s) for s in _SIZE.findall(svg)]
    width = _WIDTH.search(svg)
    if not sizes or width is None:
        return svg
    smallest = min(sizes)
    min_width = float(width.group(1)) * MIN_LABEL_PX / smallest
    return Markup(str(svg).replace("<svg ", f'<svg style="min-width: {min_width:.0f}px" ', 1))
