"""The report as a page in the editor's language: dates and numbers in their locale, times in the
show's time zone, and one response-rate chart per segment drawn against the five-week window."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_datetime, get_timezone_name
from jinja2 import Environment
from markupsafe import Markup

from ..graphics import svg
from ..i18n import tr
from ..language import Language, language_for
from ..show import Show
from .report import WINDOW_DAYS, OptionCount, RateLine, Report

WIDTH, HEIGHT = 560.0, 190.0
LEFT, RIGHT, TOP, BOTTOM = 44.0, 16.0, 14.0, 40.0
"""Plot margins of a rate chart, in px."""


def _x(day: float) -> float:
    return LEFT + (WIDTH - LEFT - RIGHT) * day / WINDOW_DAYS


def _y(rate: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - rate)


def rate_chart(line: RateLine, days_since: int | None, language: Language) -> Markup:
    """An SVG line chart of ``line.by_day`` over the five weeks; the days to come are left empty."""
    _ = language.gettext
    last = WINDOW_DAYS if days_since is None else max(0, min(days_since, WINDOW_DAYS))
    body = [svg.el("rect", {"x": LEFT, "y": TOP, "width": WIDTH - LEFT - RIGHT, "height": HEIGHT - TOP - BOTTOM,
                            "fill": "#f5f7fa", "stroke": "#c5cbd3"})]
    for rate in (0.0, 0.5, 1.0):
        body.append(svg.el("line", {"x1": LEFT, "x2": WIDTH - RIGHT, "y1": _y(rate), "y2": _y(rate),
                                    "stroke": "#dde2e8"}))
        body.append(svg.text(LEFT - 6, _y(rate) + 4, language.percent(rate), anchor="end", size=11))
    for day in range(0, WINDOW_DAYS + 1, 7):
        body.append(svg.text(_x(day), HEIGHT - BOTTOM + 15, language.number(day), anchor="middle", size=11))
    body.append(svg.text((LEFT + WIDTH - RIGHT) / 2, HEIGHT - 6, _("Days since the letters went out"),
                         anchor="middle", size=11))
    points = " ".join(f"{svg.num(_x(day))},{svg.num(_y(rate))}" for day, rate in enumerate(line.by_day[:last + 1]))
    body.append(svg.el("polyline", {"points": points, "fill": "none", "stroke": "#1565c0", "stroke-width": 2.5}))
    if days_since is not None and days_since <= WINDOW_DAYS:
        body.append(svg.el("line", {"x1": _x(last), "x2": _x(last), "y1": TOP, "y2": HEIGHT - BOTTOM,
                                    "stroke": "#b00020", "stroke-dasharray": "4 3"}))
        right = last > WINDOW_DAYS * 0.8  # the label on the side with room
        body.append(svg.text(_x(last) + (-4 if right else 4), TOP + 14, _("Today"), anchor="end" if right else "start",
                             size=11, fill="#b00020"))
    label = _("Response rate of %(group)s, day by day, over the five weeks after the letters went out") % {
        "group": line.group}
    return Markup(svg.root(lang=language.tag, width=WIDTH, height=HEIGHT, label=label, kind="rate-chart",
                           body=body))


@dataclass(frozen=True)
class Bar:
    """One option's bar: its count, its length as a share of the longest bar, its share of all answers."""

    label: str
    count: int
    width: float
    percent: int


def bar_rows(options: list[OptionCount], lang: str, languages: list[str]) -> list[Bar]:
    """Options with their share of the largest count, for drawing bars."""
    top = max((o.count for o in options), default=0) or 1
    total = sum(o.count for o in options) or 1
    return [Bar(tr(o.label, lang, languages), o.count, o.count / top, round(100 * o.count / total))
            for o in options]


def render_html(show: Show, report: Report, lang: str, env: Environment) -> str:
    """The report page in the editor's language ``lang`` (self-contained: inline CSS and SVG charts)."""
    language = language_for(lang, show)
    zone = show.info.zone

    def when(stamp: str, fmt: str = "short") -> str:
        return format_datetime(dt.datetime.fromisoformat(stamp), fmt, tzinfo=zone, locale=language.locale)

    return env.get_template("report.html").render(
        show=show, data=report, lang=lang, i18n=language, languages=show.languages,
        bars=lambda options: bar_rows(options, lang, show.languages),
        chart=lambda line: rate_chart(line, report.days_since, language),
        when=when, zone_name=get_timezone_name(zone, locale=language.locale),
        sent=language.date(dt.date.fromisoformat(report.sent)) if report.sent else None,
        percent=language.percent, topics=_topic_names(language),
    )


def _topic_names(language: Language) -> dict[str, str]:
    _ = language.gettext
    return {"exhibits": _("Exhibits"), "transport": _("Transport"), "shopping": _("Shopping"),
            "services": _("Services")}
