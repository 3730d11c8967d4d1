"""Checks of the floor-plan geometry of data/halls.yml: what an editor gets wrong in ``plan:`` rectangles.

A hall's ``plan`` is in metres from the site plan's top-left corner; a booth's ``plan`` is in metres
from its own hall's top-left corner (the frame :mod:`generator.graphics.floorplan` draws). Booths
must lie inside their hall and not overlap; halls must not overlap; a booth's ``size_m2`` must agree
with its plan's width × height within :data:`AREA_TOLERANCE`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .models import Hall, Rect
from .yamlsource import Loc

HALLS = "data/halls.yml"

AREA_TOLERANCE = 0.10
"""How far ``size_m2`` may differ from the plan's width × height, as a share of the latter."""

_EPSILON = 1e-6
"""Rectangles that only touch, or overlap by rounding, do not overlap."""

Add = Callable[[str, Loc, str], None]
"""Records a problem at a location of data/halls.yml (checks._Report.add)."""


def _m(value: float) -> str:
    return f"{value:g}"


def _overlap(a: Rect, b: Rect) -> tuple[float, float] | None:
    """Width and height of the overlap of two rectangles, or None if they only touch or are apart."""
    width = min(a.x + a.width, b.x + b.width) - max(a.x, b.x)
    height = min(a.y + a.height, b.y + b.height) - max(a.y, b.y)
    if width > _EPSILON and height > _EPSILON:
        return width, height
    return None


def _overlapping(rects: Sequence[tuple[int, Rect]]) -> list[tuple[int, int, float, float]]:
    """(earlier, later, width, height) for each overlapping pair, found by a sweep along x."""
    ordered = sorted(rects, key=lambda item: item[1].x)
    found = []
    active: list[tuple[int, Rect]] = []
    for index, rect in ordered:
        active = [(i, r) for i, r in active if r.x + r.width > rect.x + _EPSILON]
        for other, other_rect in active:
            size = _overlap(rect, other_rect)
            if size is not None:
                found.append((min(index, other), max(index, other), *size))
        active.append((index, rect))
    return sorted(found)


def _booths_inside(add: Add, i: int, hall: Hall) -> None:
    if hall.plan is None:
        return
    frame = hall.plan
    for j, booth in enumerate(hall.booths):
        plan = booth.plan
        if plan is None:
            continue
        right, bottom = plan.x + plan.width, plan.y + plan.height
        if right > frame.width + _EPSILON or bottom > frame.height + _EPSILON:
            add(HALLS, ("halls", i, "booths", j, "plan"),
                f"booth '{booth.id}' reaches x {_m(plan.x)}–{_m(right)} m, y {_m(plan.y)}–{_m(bottom)} m, beyond its "
                f"hall's plan ({_m(frame.width)} × {_m(frame.height)} m): a booth's x and y are metres from its "
                "hall's top-left corner; move the booth inside or make the hall's plan larger")


def _booths_apart(add: Add, i: int, hall: Hall, line_of: Callable[[Loc], int]) -> None:
    rects = [(j, b.plan) for j, b in enumerate(hall.booths) if b.plan is not None]
    for first, later, width, height in _overlapping(rects):
        add(HALLS, ("halls", i, "booths", later, "plan"),
            f"booth '{hall.booths[later].id}' overlaps booth '{hall.booths[first].id}' (line "
            f"{line_of(('halls', i, 'booths', first))}) by {_m(round(width, 2))} × {_m(round(height, 2))} m: "
            "move one of them (x and y are metres from the hall's top-left corner)")


def _booth_areas(add: Add, i: int, hall: Hall) -> None:
    for j, booth in enumerate(hall.booths):
        plan = booth.plan
        if plan is None:
            continue
        area = plan.width * plan.height
        if abs(booth.size_m2 - area) > AREA_TOLERANCE * area + _EPSILON:
            add(HALLS, ("halls", i, "booths", j, "size_m2"),
                f"{_m(booth.size_m2)} m² does not match the booth's plan, {_m(plan.width)} × {_m(plan.height)} = "
                f"{_m(round(area, 2))} m²: correct size_m2 or the plan's width and height (they may differ by up "
                f"to {AREA_TOLERANCE:.0%})")


def _halls_apart(add: Add, halls: Sequence[Hall], line_of: Callable[[Loc], int]) -> None:
    rects = [(i, h.plan) for i, h in enumerate(halls) if h.plan is not None]
    for first, later, width, height in _overlapping(rects):
        add(HALLS, ("halls", later, "plan"),
            f"hall '{halls[later].id}' overlaps hall '{halls[first].id}' (line {line_of(('halls', first))}) by "
            f"{_m(round(width, 2))} × {_m(round(height, 2))} m on the site plan: move one of them (a hall's x "
            "and y are metres from the site plan's top-left corner)")


def check_floor(halls: Sequence[Hall], add: Add, line_of: Callable[[Loc], int]) -> None:
    """Report every geometry problem of the halls and booths through ``add``."""
    _halls_apart(add, halls, line_of)
    for i, hall in enumerate(halls):
        _booths_inside(add, i, hall)
        _booths_apart(add, i, hall, line_of)
        _booth_areas(add, i, hall)
