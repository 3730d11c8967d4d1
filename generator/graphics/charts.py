"""Statistics charts as SVG text: visitors per day, exhibitors by country, editions over the years.

Pure functions of the show and a language. Every value is printed on its bar (direct labels),
so the charts read without colour and without axes; the edition chart also marks this edition
with a hatch pattern, which survives greyscale printing. A chart with no data returns ``None``
so that pages and brochures can leave the section out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..collation import collator
from ..language import language_for
from ..phrases import N_
from ..show import Show
from .frame import Frame
from .svg import FONT_SIZE, el, root, title

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


def _value_size(frame: Frame, values: list[str], room: float) -> float:
    """A font size at which the widest (bold) value label fits into ``room`` (never truncate numbers)."""
    widest = max((frame.measure(v, bold=True) for v in values), default=0.0)
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
    language = language_for(lang)
    heading = language.gettext("Visitors per day")
    values = [language.number(d.visitors) for d in days]
    dates = [language.skeleton("MMMd", d.date) for d in days]
    frame = Frame(lang, WIDTH)
    ascent, descent = frame.line()
    sub_ascent, sub_descent = frame.line(11)
    left, right, top = 16, 16, ascent + descent + 6
    plot_h = 220.0
    base = top + plot_h
    date_y = base + 4 + ascent
    sub_y = date_y + descent + 2 + sub_ascent
    height = sub_y + sub_descent + 4
    slot = (WIDTH - left - right) / len(days)
    bar_w = min(slot * 0.62, 90)
    peak = max(d.visitors for d in days) or 1
    size = _value_size(frame, values, slot - 2)
    body: list[str] = []
    for i, (day, value, date) in enumerate(zip(days, values, dates, strict=True)):
        centre = left + slot * (i + 0.5)
        bar_h = plot_h * day.visitors / peak
        body.append(el(
            "rect",
            {"class": "bar", "x": frame.rect_x(centre - bar_w / 2, bar_w), "y": base - bar_h, "width": bar_w,
             "height": max(bar_h, 0.0), "fill": BAR},
            title(f"{date}: {value}"),
        ))
        body.append(frame.text(centre, base - bar_h - 6, value, anchor="middle", size=size,
                               weight="bold", cls="value"))
        body.append(frame.text(centre, date_y, frame.fit(date, slot - 4), anchor="middle", cls="x-label"))
        body.append(frame.text(centre, sub_y, frame.fit(language.skeleton("EEE", day.date), slot - 4, 11),
                               anchor="middle", size=11, fill=MUTED, cls="x-sub"))
    body.append(el("line", {"x1": left, "y1": base, "x2": WIDTH - right, "y2": base,
                            "stroke": AXIS, "stroke-width": 1}))
    desc = "; ".join(f"{d}: {v}" for d, v in zip(dates, values, strict=True))
    return root(lang=lang, width=WIDTH, height=height, label=heading, desc=desc,
                kind="chart-visitors-per-day", body=body)


# --------------------------------------------------------------------------- exhibitors by country


def country_counts(show: Show, lang: str, top: int = 10) -> list[tuple[str, str, int]]:
    """(code, localised name, count) of the ``top`` countries, then ('', Other, rest) if any.

    "Other" sums two or more countries; a single country left over is shown by name.

    Sorted by count (largest first), then by localised name in the reader's order (ICU), so the
    order is stable.
    """
    counts = Counter(e.country for e in show.exhibitors)
    rows = sorted(((code, language_for(lang).country(code), n) for code, n in counts.items()),
                  key=lambda r: (-r[2], collator(lang).getSortKey(r[1]), r[0]))
    if top < 1:
        top = 1
    if len(rows) <= top + 1:  # an "Other" bar for one country would hide its name
        return rows
    shown, rest = rows[:top], rows[top:]
    return [*shown, ("", language_for(lang).gettext("Other"), sum(r[2] for r in rest))]


def exhibitors_by_country(show: Show, lang: str, top: int = 10) -> str | None:
    """Horizontal bar chart of exhibitors per country or region, names in ``lang``.

    The ``top`` countries are drawn one per bar; the others are summed into one hatched
    "Other" bar. Returns ``None`` when the show has no exhibitors.
    """
    rows = country_counts(show, lang, top)
    if not rows:
        return None
    heading = language_for(lang).gettext("Exhibitors by country or region")
    frame = Frame(lang, WIDTH)
    names = [r[1] for r in rows]
    values = [language_for(lang).number(r[2]) for r in rows]
    ascent, descent = frame.line(FONT_SIZE, "".join(names))
    row_h, gap, top_pad, bottom_pad = max(26.0, ascent + descent + 2), 6, 10, 10
    height = top_pad + len(rows) * row_h + bottom_pad
    label_w = min(max(frame.measure(n) for n in names) + 1, WIDTH * 0.42)
    x0 = 12 + label_w + 8
    value_room = max(frame.measure(v, bold=True) for v in values) + 6 + 4
    plot_w = WIDTH - x0 - value_room - 8
    peak = max(r[2] for r in rows) or 1
    other_id = "showpress-hatch-other"
    body: list[str] = []
    for i, ((code, name, count), value) in enumerate(zip(rows, values, strict=True)):
        y = top_pad + i * row_h
        bar_w = max(plot_w * count / peak, 1.0)
        mid = y + row_h / 2 + (ascent - descent) / 2
        body.append(frame.text(x0 - 8, mid, frame.fit(name, label_w), anchor="end", cls="y-label"))
        body.append(el(
            "rect",
            {"class": "bar" + (" other" if not code else ""), "data-country": code or None,
             "x": frame.rect_x(x0, bar_w), "y": y + gap / 2, "width": bar_w, "height": float(row_h - gap),
             "fill": f"url(#{other_id})" if not code else BAR},
            title(f"{name}: {value}"),
        ))
        body.append(frame.text(x0 + bar_w + 6, mid, value, weight="bold", cls="value"))
    body.append(el("line", {"x1": frame.x(x0), "y1": float(top_pad), "x2": frame.x(x0),
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
    language = language_for(lang)
    heading = language.gettext("Editions over the years")
    frame = Frame(lang, WIDTH)
    ascent, descent = frame.line()
    left, right = 16, 16
    panel_h, panel_gap = 130.0, 16.0
    current_ids = {BAR: "showpress-hatch-current-1", BAR_2: "showpress-hatch-current-2"}
    legend, legend_h = _legend(frame, current_ids[BAR], any(p.current for p in points))
    plot_w = WIDTH - left - right
    slot = plot_w / len(points)
    bar_w = min(slot * 0.6, 70)
    series = [
        ("visitors", N_("Visitors"), BAR, [p.visitors for p in points]),
        ("exhibitors", N_("Exhibitors"), BAR_2, [p.exhibitors for p in points]),
    ]
    body: list[str] = [legend]
    room_top = 2 * (ascent + descent) + 9  # the panel label's line, then the tallest bar's value
    for s, (key, message, colour, data) in enumerate(series):
        panel_top = legend_h + s * (panel_h + panel_gap)
        base = panel_top + panel_h
        name = language.gettext(message)
        body.append(frame.text(left, panel_top + ascent, frame.fit(name, plot_w, bold=True), weight="bold",
                               fill=MUTED, cls="panel-label"))
        peak = max(data) or 1
        values = [language.number(v) for v in data]
        size = _value_size(frame, values, slot - 2)
        for i, (point, value, shown) in enumerate(zip(points, data, values, strict=True)):
            centre = left + slot * (i + 0.5)
            bar_h = (panel_h - room_top) * value / peak
            fill = f"url(#{current_ids[colour]})" if point.current else colour
            body.append(el(
                "rect",
                {"class": f"bar {key}" + (" current" if point.current else ""),
                 "x": frame.rect_x(centre - bar_w / 2, bar_w), "y": base - bar_h, "width": bar_w,
                 "height": bar_h, "fill": fill, "stroke": colour, "stroke-width": 1},
                title(f"{point.year} · {name}: {shown}"),
            ))
            body.append(frame.text(centre, base - bar_h - 5, shown, anchor="middle", size=size,
                                   weight="bold", cls="value"))
        body.append(el("line", {"x1": left, "y1": base, "x2": WIDTH - right, "y2": base,
                                "stroke": AXIS, "stroke-width": 1}))
    axis_y = legend_h + 2 * panel_h + panel_gap + 4 + ascent
    height = axis_y + descent + 4
    for i, point in enumerate(points):
        centre = left + slot * (i + 0.5)
        body.append(frame.text(centre, axis_y, str(point.year), anchor="middle",
                               weight="bold" if point.current else None, cls="x-label"))
    visitors_word, exhibitors_word = language.gettext("Visitors"), language.gettext("Exhibitors")
    desc = "; ".join(
        f"{p.year}: {visitors_word} {language.number(p.visitors)}, {exhibitors_word} {language.number(p.exhibitors)}"
        for p in points
    )
    defs = [hatch(current_ids[BAR], BAR), hatch(current_ids[BAR_2], BAR_2)]
    return root(lang=lang, width=WIDTH, height=height, label=heading, desc=desc,
                kind="chart-editions", body=body, defs=defs)


def _legend(frame: Frame, current_pattern: str, has_current: bool) -> tuple[str, float]:
    """The legend rows: visitors, exhibitors and (if drawn) this edition's hatching; and their height.

    In reading order (from the right edge for a right-to-left language), swatch before word; an
    entry that does not fit the row starts the next one.
    """
    language = language_for(frame.lang)
    entries = [(language.gettext("Visitors"), BAR), (language.gettext("Exhibitors"), BAR_2)]
    if has_current:
        entries.append((language.gettext("This edition"), f"url(#{current_pattern})"))
    ascent, descent = frame.line()
    row_h = max(ascent + descent, 14.0) + 4
    margin = 16.0
    x, y = margin, 4.0
    parts: list[str] = []
    for name, fill in entries:
        shown = frame.fit(name, frame.width - 2 * margin - 20)
        step = 20 + frame.measure(shown) + 24
        if x > margin and x + step - 24 > frame.width - margin:
            x, y = margin, y + row_h
        middle = y + row_h / 2
        parts.append(el("rect", {"x": frame.rect_x(x, 14), "y": middle - 7, "width": 14, "height": 14,
                                 "fill": fill, "stroke": INK, "stroke-width": 0.5}))
        parts.append(frame.text(x + 20, middle + (ascent - descent) / 2, shown, cls="legend-label"))
        x += step
    return el("g", {"class": "legend"}, *parts), y + row_h + 6
