"""What the home page shows besides the basics, by the show's phase on the build date.

Before the show: a countdown (days to opening, computed from ``today``; no script) and "plan your
visit". During it: today's hours and programme. After it: this edition's figures and the latest
news. Always: the hero picture, the key figures as large numbers (this edition's once counted,
else the last edition's) and the logo wall of sponsors and exhibitors. Numbers are written by the
reader's language (CLDR through Babel).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from babel.numbers import format_compact_currency

from ..collation import collated, sort_text
from ..i18n import tr
from ..language import Language
from ..show import Show
from .identity import HeroImage

WALL_EXHIBITORS = 24
"""At most this many exhibitors' logos on the home page (the directory has them all)."""


@dataclass(frozen=True)
class Figure:
    """One key figure: the number as the reader writes it, and what it counts."""

    value: str
    label: str


def _deals(language: Language, musd: float) -> str:
    return format_compact_currency(musd * 1_000_000, "USD", locale=language.locale, fraction_digits=1)


def key_figures(show: Show, language: Language, phase: str, today: dt.date) -> tuple[str, list[Figure]]:
    """(heading, figures): this edition's once the show is open and visits are counted up to
    ``today`` (or it has closed), else the last edition's; empty when there is nothing to show."""
    _ = language.gettext
    stats = show.info.statistics
    counted = sum(d.visitors for d in stats.visitors_per_day if d.date <= today)
    if phase == "closed" or (phase == "open" and counted):
        figures = []
        if counted:
            figures.append(Figure(language.number(counted), _("Visits")))
        exhibitors = stats.exhibitors or len(show.exhibitors)
        if exhibitors:
            figures.append(Figure(language.number(exhibitors), _("Exhibitors")))
        countries = stats.countries or len({e.country for e in show.exhibitors})
        if countries:
            figures.append(Figure(language.number(countries), _("Countries and regions")))
        if stats.deals_musd:
            figures.append(Figure(_deals(language, stats.deals_musd), _("Deals signed")))
        return _("This edition in figures"), figures
    past = max(show.info.past_editions, key=lambda e: e.edition, default=None)
    if past is None:
        return "", []
    figures = [Figure(language.number(past.visitors), _("Visits")),
               Figure(language.number(past.exhibitors), _("Exhibitors")),
               Figure(language.number(past.countries), _("Countries and regions"))]
    if past.deals_musd:
        figures.append(Figure(_deals(language, past.deals_musd), _("Deals signed")))
    return _("The last edition in figures"), figures


def countdown(show: Show, language: Language, today: dt.date) -> str | None:
    """'12 days to opening' before the show (None on or after the first day)."""
    days = (show.first_day - today).days
    if days <= 0:
        return None
    return language.ngettext("%(num)s day to opening", "%(num)s days to opening", days) % {
        "num": language.number(days)}


def todays_day(show: Show, today: dt.date) -> Any:
    """The show day (with its hours) that is ``today``, or None."""
    return next((d for d in show.info.days if d.date == today), None)


def todays_events(show: Show, today: dt.date) -> list[Any]:
    """Events starting ``today``, in order."""
    return sorted((e for e in show.schedule.events if show.local(e.starts).date() == today),
                  key=lambda e: (e.starts, e.ends))


def logo_wall(show: Show, lang: str, link: Callable[[str], str]) -> dict[str, list[dict[str, Any]]]:
    """Sponsors, then exhibitors that have a logo (collated, at most :data:`WALL_EXHIBITORS`)."""
    t = lambda text: tr(text, lang, show.languages)  # noqa: E731
    sponsors = [{"name": t(s.name), "logo": link(s.logo), "href": s.website}
                for s in show.info.identity.sponsors]
    with_logo = collated([e for e in show.exhibitors if e.logo], lang,
                         lambda e: sort_text(t(e.short_name or e.name), e.sort_as, lang))
    exhibitors = [{"name": t(e.short_name or e.name), "logo": link(e.logo or ""),
                   "href": link(f"exhibitors/{e.id}.md")} for e in with_logo[:WALL_EXHIBITORS]]
    return {"sponsors": sponsors, "exhibitors": exhibitors}


def hero_link(hero: HeroImage | None) -> dict[str, Any] | None:
    """What the page needs of the hero picture (paths from the language root), without its bytes."""
    if hero is None:
        return None
    return {"src": hero.src, "srcset": hero.srcset, "width": hero.width, "height": hero.height}


def home_context(show: Show, language: Language, today: dt.date, phase: str, hero: dict[str, Any] | None,
                 link: Callable[[str], str]) -> dict[str, Any]:
    """Everything home.md.j2 needs beyond the common page context (``hero``: :func:`hero_link`)."""
    heading, figures = key_figures(show, language, phase, today)
    picture = None
    if hero is not None:
        srcset = ", ".join(f"{link(path)} {width}" for path, width in
                           (part.rsplit(" ", 1) for part in hero["srcset"].split(", ")))
        picture = {**hero, "src": link(hero["src"]), "srcset": srcset}
    return {
        "hero": picture,
        "figures_heading": heading,
        "figures": figures,
        "countdown": countdown(show, language, today) if phase == "upcoming" else None,
        "today_day": todays_day(show, today),
        "today_events": todays_events(show, today) if phase == "open" else [],
        "places": {p.id: p for p in show.schedule.places},
        "wall": logo_wall(show, language.tag, link),
        "logo": link(show.info.identity.logo) if show.info.identity.logo else None,
    }
