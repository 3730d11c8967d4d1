"""Core data pages of the site: ``core_pages(show, lang, today) -> {docs path: Markdown}``.

Every page is Markdown whose body is HTML blocks rendered from a Jinja template in
``site_templates/pages/`` (autoescape on): text from YAML is escaped, editors' Markdown fields are
inserted as Markdown. Links inside HTML blocks are not rewritten by MkDocs, so they are computed
here as relative directory URLs (:func:`href`).
"""

from __future__ import annotations

import datetime as dt
import logging
import posixpath
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from ..graphics import charts, floorplan
from ..i18n import text_dir, tr
from ..show import Show
from .labels import labels_for
from .structured import exhibition_event, schedule_events
from .templates import country_name, long_date, make_environment, weekday_date

log = logging.getLogger(__name__)

PAGES = {
    "home": "index.md",
    "about": "about.md",
    "statistics": "statistics.md",
    "halls": "halls.md",
    "exhibitors": "exhibitors/index.md",
    "schedule": "schedule.md",
    "visiting": "visiting.md",
    "services": "services.md",
    "rules": "rules.md",
    "construction": "construction.md",
    "inquiry": "inquiry.md",
}
"""Label key -> docs path of each core page, in navigation order."""


def exhibitor_path(exhibitor_id: str) -> str:
    """Docs path of one exhibitor's page (out of the navigation)."""
    return f"exhibitors/{exhibitor_id}.md"


def page_url(docs_path: str) -> str:
    """The directory URL MkDocs gives a docs path: 'a/index.md' -> 'a/', 'a/b.md' -> 'a/b/'."""
    if not docs_path.endswith(".md"):
        return docs_path
    stem = docs_path[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def href(from_docs_path: str, to: str) -> str:
    """A relative link from one page to a docs path (page or plain file), as the browser needs it."""
    here = page_url(from_docs_path)
    target = page_url(to)
    rel = posixpath.relpath("/" + target, "/" + here) if target else posixpath.relpath("/", "/" + here)
    if rel == ".":
        return "./"
    if target.endswith("/") or not target:
        rel = rel.rstrip("/") + "/"
    return rel


def phase(show: Show, today: dt.date) -> str:
    """'upcoming', 'open' or 'closed' on ``today`` (a date in the show's time zone)."""
    if today < show.first_day:
        return "upcoming"
    if today <= show.last_day:
        return "open"
    return "closed"


def show_today(show: Show, today: dt.date | None) -> dt.date:
    """The given date, or today's date in the show's time zone."""
    return today or dt.datetime.now(show.info.zone).date()


def survey_id(show: Show) -> str | None:
    """The survey the post-show banner points to: the first for visitors or the public, else the
    mailing's (the key clients' survey, normally reached through their personal link), else the first."""
    surveys = [f for f in show.forms if f.kind == "survey"]
    for form in surveys:
        if form.audience in ("visitor", "public"):
            return form.id
    if show.info.mailing is not None:
        return show.info.mailing.survey
    return surveys[0].id if surveys else None


def _graphic(svg: str | None) -> Markup | None:
    """An SVG from generator.graphics, inlined in the page (None: nothing to draw)."""
    return Markup(svg) if svg else None


class PageContext:
    """What every page template sees: the show, the language and its helpers."""

    def __init__(self, show: Show, lang: str, today: dt.date, links: dict[str, Any]):
        self.show = show
        self.lang = lang
        self.today = today
        self.links = links

    def base(self, docs_path: str) -> dict[str, Any]:
        show, lang = self.show, self.lang
        return {
            "show": show,
            "info": show.info,
            "lang": lang,
            "dir": text_dir(lang),
            "L": labels_for(lang),
            "today": self.today,
            "phase": phase(show, self.today),
            "t": lambda text: tr(text, lang, show.languages),
            "date": lambda d: long_date(d, lang),
            "weekday": lambda d: weekday_date(d, lang),
            "country": lambda code: country_name(code, lang),
            "link": lambda to: href(docs_path, to),
            "links": self.links,
        }


def _exhibitor_halls(show: Show) -> dict[str, list[str]]:
    halls: dict[str, list[str]] = {}
    for exhibitor in show.exhibitors:
        found: list[str] = []
        for booth_id in exhibitor.booths:
            hall = show.booths.get(booth_id, (None, None))[0]
            if hall is not None and hall.id not in found:
                found.append(hall.id)
        halls[exhibitor.id] = found
    return halls


def core_pages(
    show: Show,
    lang: str,
    today: dt.date | None = None,
    *,
    env: Environment | None = None,
    links: dict[str, Any] | None = None,
) -> dict[str, str]:
    """Every core data page in ``lang``: {docs path: Markdown}.

    ``links`` tells the home page what exists beside the pages: ``brochure`` (bool), ``feeds``
    (list of FeedLink), ``news`` (bool), ``survey`` (form id or None).
    """
    env = env or make_environment(show.root)
    day = show_today(show, today)
    ctx = PageContext(show, lang, day, {"brochure": False, "feeds": [], "news": False, "survey": None, **(links or {})})
    t = lambda text: tr(text, lang, show.languages)  # noqa: E731
    halls_of = _exhibitor_halls(show)
    exhibitors = sorted(show.exhibitors, key=lambda e: t(e.short_name or e.name).casefold())
    categories = {c.id: c for c in show.exhibitors_file.categories}
    by_id = {e.id: e for e in show.exhibitors}
    out: dict[str, str] = {}

    def render(template: str, docs_path: str, **extra: Any) -> None:
        out[docs_path] = env.get_template(f"pages/{template}").render(**ctx.base(docs_path), **extra)

    render("home.md.j2", PAGES["home"], json_ld_data=exhibition_event(show, lang))
    render("about.md.j2", PAGES["about"])
    render(
        "statistics.md.j2",
        PAGES["statistics"],
        charts={
            "visitors_per_day": _graphic(charts.visitors_per_day(show, lang)),
            "exhibitors_by_country": _graphic(charts.exhibitors_by_country(show, lang)),
            "editions": _graphic(charts.editions(show, lang)),
        },
        exhibitor_count=show.info.statistics.exhibitors or len(show.exhibitors),
        country_count=show.info.statistics.countries or len({e.country for e in show.exhibitors}),
    )
    halls_path = PAGES["halls"]

    def exhibitor_link(exhibitor_id: str) -> str | None:
        return href(halls_path, exhibitor_path(exhibitor_id))

    render(
        "halls.md.j2",
        halls_path,
        site_plan=_graphic(floorplan.floor_plan(show, lang, None, hall_link_for=lambda h: f"#hall-{h}")),
        plans={h.id: _graphic(floorplan.floor_plan(show, lang, h.id, link_for=exhibitor_link))
               for h in show.halls},
        holders={b: by_id[x] for b, x in show.booth_holders.items() if x in by_id},
    )
    render(
        "directory.md.j2",
        PAGES["exhibitors"],
        exhibitors=exhibitors,
        halls_of=halls_of,
        categories=categories,
    )
    for exhibitor in show.exhibitors:
        render(
            "exhibitor.md.j2",
            exhibitor_path(exhibitor.id),
            e=exhibitor,
            halls_of=halls_of,
            categories=categories,
        )
    places = {p.id: p for p in show.schedule.places}
    days: dict[dt.date, list[Any]] = {}
    for event in sorted(show.schedule.events, key=lambda ev: (ev.starts, ev.ends)):
        days.setdefault(event.starts.date(), []).append(event)
    render(
        "schedule.md.j2",
        PAGES["schedule"],
        days=days,
        places=places,
        iso=lambda d: show.local(d).isoformat(),
        json_ld_data=schedule_events(show, lang, [ev for evs in days.values() for ev in evs]),
    )
    entrances = {en.id: en for en in show.visiting.entrances}
    render("visiting.md.j2", PAGES["visiting"], v=show.visiting, entrances=entrances)
    render("services.md.j2", PAGES["services"], v=show.visiting)
    render("rules.md.j2", PAGES["rules"])
    render("construction.md.j2", PAGES["construction"])
    render("inquiry.md.j2", PAGES["inquiry"], desk=show.info.inquiry)
    return out


def media_files(show: Show) -> list[Path]:
    """Files under data/media/ that pages may show (copied into every language)."""
    media = show.root / "data" / "media"
    return sorted(p for p in media.rglob("*") if p.is_file()) if media.is_dir() else []
