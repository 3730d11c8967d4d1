"""Statistics charts as SVG text: visitors per day, exhibitors by country, editions over the years.

Pure functions of the show and a language. Every value is printed on its bar (direct labels),
so the charts read without colour and without axes; the edition chart also marks this edition
with a hatch pattern, which survives greyscale printing. A chart with no data returns ``None``
so that pages and brochures can leave the section out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..i18n import text_dir
from ..show import Show
from .labels import country_name, label, number, short_date, weekday
from .svg import FONT_SIZE, el, fit, root, text, text_width, title

WIDTH = 640
INK = "#1a1a1a"
MUTED = "#555555"
BAR = "#3b6ea5"
"""Main bar colour: a mid-dark blue, about 45 % grey when printed without colour."""
BAR_2 = "#c8873a"
"""Second series: an ochre that prints clearly lighter than BAR."""
AXIS = "#888888"


def hatch(pattern_id: str, background: str, stroke: str = "#ffffff") -> str:
    """A diagonal hatch pattern (drawn with plain paths, no pattern transforms)."""
    return el(
        "pattern",
        {"id": pattern_id, "width": 6, "height": 6, "patternUnits": "userSpaceOnUse"},
        el("rect", {"width": 6, "height": 6, "fill": background}),
        el("path", {"d": "M0,6 L6,0 M-1,1 L1,-1 M5,7 L7,5", "stroke": stroke, "stroke-width": 1.5}),
    )


def _value_size(values: list[str], room: float) -> float:
    """A font size at which the widest value label fits into ``room`` (never truncate numbers)."""
    widest = max((text_width(v) for v in values), default=0.0)
    if widest <= room or widest == 0:
        return FONT_SIZE
    return max(7.0, FONT_SIZE * room / widest)


# --------------------------------------------------------------------------- visitors per day


def visitors_per_day(show: Show, lang: str) -> str | None:
    """Bar chart of this edition's visits per day, dates in ``lang``'s format, values on the bars.

    Returns ``None`` when ``statistics.visitors_per_day`` is empty.
    """
    days = sorted(show.info.statistics.visitors_per_day, key=lambda d: d.date)
    if not days:
        return None
    heading = label("visitors_per_day", lang)
    values = [number(d.visitors, lang) for d in days]
    dates = [short_date(d.date, lang) for d in days]
    height = 300
    left, right, top, bottom = 16, 16, 28, 52
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    base = top + plot_h
    slot = plot_w / len(days)
    bar_w = min(slot * 0.62, 90)
    peak = max(d.visitors for d in days) or 1
    size = _value_size(values, slot - 2)
    body: list[str] = []
    for i, (day, value, date) in enumerate(zip(days, values, dates, strict=True)):
        centre = left + slot * (i + 0.5)
        bar_h = plot_h * day.visitors / peak
        body.append(el(
            "rect",
            {"class": "bar", "x": centre - bar_w / 2, "y": base - bar_h, "width": bar_w,
             "height": max(bar_h, 0.0), "fill": BAR},
            title(f"{date}: {value}"),
        ))
        body.append(text(centre, base - bar_h - 6, value, anchor="middle", size=size,
                         weight="bold", cls="value"))
        body.append(text(centre, base + 18, fit(date, slot - 4), anchor="middle", cls="x-label"))
        body.append(text(centre, base + 36, fit(weekday(day.date, lang), slot - 4), anchor="middle",
                         size=11, fill=MUTED, cls="x-sub"))
    body.append(el("line", {"x1": left, "y1": base, "x2": WIDTH - right, "y2": base,
                            "stroke": AXIS, "stroke-width": 1}))
    desc = "; ".join(f"{d}: {v}" for d, v in zip(dates, values, strict=True))
    return root(lang=lang, width=WIDTH, height=height, label=heading, desc=desc,
                kind="chart-visitors-per-day", body=body)


# --------------------------------------------------------------------------- exhibitors by country


def country_counts(show: Show, lang: str, top: int = 10) -> list[tuple[str, str, int]]:
    """(code, localised name, count) of the ``top`` countries, then ('', Other, rest) if any.

    "Other" sums two or more countries; a single country left over is shown by name.

    Sorted by count (largest first), then by localised name, so the order is stable.
    """
    counts = Counter(e.country for e in show.exhibitors)
    rows = sorted(((code, country_name(code, lang), n) for code, n in counts.items()),
                  key=lambda r: (-r[2], r[1], r[0]))
    if top < 1:
        top = 1
    if len(rows) <= top + 1:  # an "Other" bar for one country would hide its name
        return rows
    shown, rest = rows[:top], rows[top:]
    return [*shown, ("", label("other", lang), sum(r[2] for r in rest))]


def exhibitors_by_country(show: Show, lang: str, top: int = 10) -> str | None:
    """Horizontal bar chart of exhibitors per country or region, names in ``lang``.

    The ``top`` countries are drawn one per bar; the others are summed into one hatched
    "Other" bar. Returns ``None`` when the show has no exhibitors.
    """
    rows = country_counts(show, lang, top)
    if not rows:
        return None
    heading = label("exhibitors_by_country", lang)
    row_h, gap, top_pad, bottom_pad = 26, 6, 10, 10
    height = top_pad + len(rows) * row_h + bottom_pad
    names = [r[1] for r in rows]
    label_w = min(max(text_width(n) for n in names) + 4, 220.0)
    x0 = 12 + label_w + 8
    values = [number(r[2], lang) for r in rows]
    value_room = max(text_width(v) for v in values) + 12
    plot_w = WIDTH - x0 - value_room - 8
    peak = max(r[2] for r in rows) or 1
    other_id = "showpress-hatch-other"
    body: list[str] = []
    for i, ((code, name, count), value) in enumerate(zip(rows, values, strict=True)):
        y = top_pad + i * row_h
        bar_w = max(plot_w * count / peak, 1.0)
        mid = y + row_h / 2 + FONT_SIZE * 0.35
        body.append(text(x0 - 8, mid, fit(name, label_w), anchor="end", cls="y-label"))
        body.append(el(
            "rect",
            {"class": "bar" + (" other" if not code else ""), "data-country": code or None,
             "x": float(x0), "y": y + gap / 2, "width": bar_w, "height": float(row_h - gap),
             "fill": f"url(#{other_id})" if not code else BAR},
            title(f"{name}: {value}"),
        ))
        body.append(text(x0 + bar_w + 6, mid, value, weight="bold", cls="value"))
    body.append(el("line", {"x1": float(x0), "y1": float(top_pad), "x2": float(x0),
                            "y2": float(height - bottom_pad), "stroke": AXIS, "stroke-width": 1}))
    desc = "; ".join(f"{n}: {v}" for n, v in zip(names, values, strict=True))
    return root(lang=lang, width=WIDTH, height=height, label=heading, desc=desc,
                kind="chart-exhibitors-by-country", body=body,
                defs=[hatch(other_id, "#7d9cc0")])


# --------------------------------------------------------------------------- editions


@dataclass(frozen=True)
class EditionPoint:
    """Figures of one edition as the chart draws them."""

    edition: int
    year: int
    visitors: int
    exhibitors: int
    current: bool


def edition_points(show: Show) -> list[EditionPoint]:
    """Past editions by year, plus this edition when its visits are known (from visitors_per_day).

    This edition's exhibitors are ``statistics.exhibitors`` or, when left out, the number of
    exhibitors in data/exhibitors.yml.
    """
    points = [EditionPoint(p.edition, p.year, p.visitors, p.exhibitors, False)
              for p in show.info.past_editions if p.edition != show.info.edition]
    stats = show.info.statistics
    if stats.visitors_per_day:
        exhibitors = stats.exhibitors if stats.exhibitors is not None else len(show.exhibitors)
        points.append(EditionPoint(show.info.edition, show.first_day.year,
                                   sum(d.visitors for d in stats.visitors_per_day), exhibitors, True))
    return sorted(points, key=lambda p: (p.year, p.edition))


def editions(show: Show, lang: str) -> str | None:
    """Editions over the years: visitors (upper panel) and exhibitors (lower panel) per edition.

    Two panels sharing the year axis rather than two scales on one axis; each panel is labelled
    directly and a legend names the series and the hatched bars of this edition.
    Returns ``None`` when there is no edition to draw.
    """
    points = edition_points(show)
    if not points:
        return None
    heading = label("editions", lang)
    left, right = 16, 16
    legend_h, panel_h, panel_gap, axis_h = 30, 130, 26, 26
    height = legend_h + 2 * panel_h + panel_gap + axis_h + 6
    plot_w = WIDTH - left - right
    slot = plot_w / len(points)
    bar_w = min(slot * 0.6, 70)
    current_ids = {BAR: "showpress-hatch-current-1", BAR_2: "showpress-hatch-current-2"}
    series = [
        ("visitors", BAR, [p.visitors for p in points]),
        ("exhibitors", BAR_2, [p.exhibitors for p in points]),
    ]
    body: list[str] = [_legend(lang, current_ids[BAR], any(p.current for p in points))]
    for s, (key, colour, data) in enumerate(series):
        panel_top = legend_h + s * (panel_h + panel_gap)
        base = panel_top + panel_h
        name = label(key, lang)
        rtl = text_dir(lang) == "rtl"
        body.append(text(WIDTH - right if rtl else left, panel_top + 14, fit(name, plot_w / 2),
                         anchor="end" if rtl else "start", weight="bold", fill=MUTED, cls="panel-label"))
        room_top = 24 + FONT_SIZE + 4
        peak = max(data) or 1
        values = [number(v, lang) for v in data]
        size = _value_size(values, slot - 2)
        for i, (point, value, shown) in enumerate(zip(points, data, values, strict=True)):
            centre = left + slot * (i + 0.5)
            bar_h = (panel_h - room_top) * value / peak
            fill = f"url(#{current_ids[colour]})" if point.current else colour
            body.append(el(
                "rect",
                {"class": f"bar {key}" + (" current" if point.current else ""),
                 "x": centre - bar_w / 2, "y": base - bar_h, "width": bar_w, "height": bar_h,
                 "fill": fill, "stroke": colour, "stroke-width": 1},
                title(f"{point.year} · {name}: {shown}"),
            ))
            body.append(text(centre, base - bar_h - 5, shown, anchor="middle", size=size,
                             weight="bold", cls="value"))
        body.append(el("line", {"x1": left, "y1": base, "x2": WIDTH - right, "y2": base,
                                "stroke": AXIS, "stroke-width": 1}))
    axis_y = legend_h + 2 * panel_h + panel_gap + 18
    for i, point in enumerate(points):
        centre = left + slot * (i + 0.5)
        body.append(text(centre, axis_y, str(point.year), anchor="middle",
                         weight="bold" if point.current else None, cls="x-label"))
    desc = "; ".join(
        f"{p.year}: {label('visitors', lang)} {number(p.visitors, lang)}, "
        f"{label('exhibitors', lang)} {number(p.exhibitors, lang)}"
        for p in points
    )
    defs = [hatch(current_ids[BAR], BAR), hatch(current_ids[BAR_2], BAR_2)]
    return root(lang=lang, width=WIDTH, height=height, label=heading, desc=desc,
                kind="chart-editions", body=body, defs=defs)


def _legend(lang: str, current_pattern: str, has_current: bool) -> str:
    """The legend row: visitors, exhibitors and (if drawn) this edition's hatching.

    Left to right; for a right-to-left language from the right edge, swatches right of words.
    """
    entries = [(label("visitors", lang), BAR), (label("exhibitors", lang), BAR_2)]
    if has_current:
        entries.append((label("this_edition", lang), f"url(#{current_pattern})"))
    rtl = text_dir(lang) == "rtl"
    x = 16.0
    parts: list[str] = []
    for name, fill in entries:
        shown = fit(name, 180)
        swatch_x = WIDTH - x - 14 if rtl else x
        parts.append(el("rect", {"x": swatch_x, "y": 8.0, "width": 14, "height": 14, "fill": fill,
                                 "stroke": INK, "stroke-width": 0.5}))
        if rtl:
            parts.append(text(WIDTH - x - 20, 20, shown, anchor="end", cls="legend-label"))
        else:
            parts.append(text(x + 20, 20, shown, cls="legend-label"))
        x += 20 + text_width(shown) + 24
    return el("g", {"class": "legend"}, *parts)
