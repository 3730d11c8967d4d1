"""Core data pages of the site: ``core_pages(show, lang, today) -> {docs path: Markdown}``.

Every page is Markdown whose body is HTML blocks rendered from a Jinja template in
``site_templates/pages/`` (autoescape on): text from YAML is escaped, editors' Markdown fields are
inserted as Markdown. Links inside HTML blocks are not rewritten by MkDocs, so they are computed
here as relative directory URLs (:func:`href`).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template
from markupsafe import Markup, escape

from ..collation import collated, sort_text
from ..dates import show_today
from ..graphics import charts, floorplan
from ..i18n import shown_in, text_dir, tr
from ..language import language_for
from ..projectfiles import walk_files
from ..show import Show
from ..urls import absolute_url, href
from . import halls
from .corecache import (
    DIRECTORY,
    REST,
    WHOLE,
    CoreCache,
    Reads,
    ShowDigests,
    catalog_digest,
    own_page_templates,
)
from .home import home_context
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


def phase(show: Show, today: dt.date) -> str:
    """'upcoming', 'open' or 'closed' on ``today`` (a date in the show's time zone)."""
    if today < show.first_day:
        return "upcoming"
    if today <= show.last_day:
        return "open"
    return "closed"


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
    """An SVG from generator.graphics, inlined in the page (None: nothing to draw).

    Its root's ``lang`` attribute is dropped: HTML allows no ``lang`` on an inline ``<svg>`` (the
    Nu Html Checker says so); its ``xml:lang``, which HTML parsers keep on SVG, carries the language."""
    if not svg:
        return None
    head, sep, rest = svg.partition(">")
    return Markup(re.sub(r' lang="[^"]*"', "", head, count=1) + sep + rest)


def share_front_matter(show: Show, lang: str, description: str | None, image: str | None) -> Markup:
    """Front matter for a page's own link preview: its description (one line, at most 200
    characters; main.html prints it as meta description, og:description and twitter:description)
    and its image as an absolute URL (og:image; the show's card otherwise)."""
    lines = []
    if description:
        text = " ".join(description.split())
        text = text if len(text) <= 200 else text[:199] + "…"  # not escaped: main.html escapes it (as news.yaml_string)
        lines.append(f"description: {json.dumps(text, ensure_ascii=False)}")
    if image:
        url = absolute_url(show, lang, image)
        lines.append(f"image: {json.dumps(url)}")
    return Markup("---\n" + "\n".join(lines) + "\n---\n") if lines else Markup("")


class PageContext:
    """What every page template sees: the show, the language and its helpers."""

    def __init__(self, show: Show, lang: str, today: dt.date, links: dict[str, Any]):
        self.show = show
        self.lang = lang
        self.today = today
        self.links = links
        self.language = language_for(lang, show)
        """The page's :class:`Language`, built once for every page of the language."""
        self.languages = show.languages
        """The fallback order of data texts (read for every text of every page)."""
        self.countries: dict[str, str] = {}
        """Country code -> its name in ``lang``, looked up once for all the pages of this context."""
        self.fell_back: set[str] = set()
        """Languages that texts of the page being rendered fell back to (for its note)."""

    def marked(self, text: dict[str, str] | None) -> str | Markup:
        """The text in the page's language; one that fell back inside ``<span lang dir>`` of its own."""
        value = tr(text, self.lang, self.languages)
        other = shown_in(text, self.lang, self.languages)
        if other is None or other == self.lang:
            return value
        self.fell_back.add(other)
        return Markup('<span lang="{}" dir="{}">{}</span>').format(other, text_dir(other), value)

    def marked_attrs(self, text: dict[str, str] | None) -> Markup:
        """`` lang=".." dir=".."`` for an element whose whole text fell back (a heading through
        attr_list, an ``<option>``); empty when the text is in the page's language."""
        other = shown_in(text, self.lang, self.languages)
        if other is None or other == self.lang:
            return Markup("")
        self.fell_back.add(other)
        return Markup(' lang="{}" dir="{}"').format(other, text_dir(other))

    def country(self, code: str) -> str:
        """A country's name in the page's language (:func:`generator.site.templates.country_name`)."""
        if code not in self.countries:
            self.countries[code] = country_name(code, self.lang)
        return self.countries[code]

    def fallback_note(self) -> str:
        """Once per page where a text fell back: a short note in the page's language."""
        if not self.fell_back:
            return ""
        note = self.language.gettext(
            "Some texts on this page are not translated yet and are shown in another language.")
        return f'\n\n<p class="sp-fallback-note">{escape(note)}</p>\n'

    def base(self, docs_path: str) -> dict[str, Any]:
        show, lang, languages = self.show, self.lang, self.languages
        return {
            "show": show,
            "info": show.info,
            "lang": lang,
            "dir": text_dir(lang),
            "i18n": self.language,
            "today": self.today,
            "phase": phase(show, self.today),
            "t": lambda text: tr(text, lang, languages),
            "tx": self.marked,  # text content only (never an attribute): marks a fallback's language
            "tx_attrs": self.marked_attrs,  # the same mark as attributes of the element holding the text
            "date": lambda d: long_date(d, lang),
            "weekday": lambda d: weekday_date(d, lang),
            "country": self.country,
            "link": lambda to: href(docs_path, to),
            "links": self.links,
        }


def _exhibitor_links(page: str) -> Callable[[str], str]:
    """Links from ``page`` to exhibitors' pages, for a floor plan's booths."""
    return lambda exhibitor_id: href(page, exhibitor_path(exhibitor_id))


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
    cache: CoreCache | None = None,
    base: Any = None,
    digests: ShowDigests | None = None,
) -> dict[str, str]:
    """Every core data page in ``lang``: {docs path: Markdown}.

    ``links`` tells the home page what exists beside the pages: ``brochure`` (bool), ``feeds``
    (list of FeedLink), ``news`` (bool), ``survey`` (form id or None), ``latest`` (the newest
    stories, :func:`generator.site.news.latest_entries`), ``hero`` (:func:`generator.site.home.hero_link`).
    ``cache``: reuse each page whose reads are unchanged (:mod:`generator.site.corecache`);
    ``base``: what the caller knows every page reads besides the show (the template files);
    ``digests``: the show's data digests, shared by the languages of one build.
    """
    env = env or make_environment(show.root)
    day = show_today(show, today)
    ctx = PageContext(show, lang, day, {"brochure": False, "feeds": [], "news": False, "survey": None, "latest": [],
                                        "hero": None, **(links or {})})
    out: dict[str, str] = {}
    loaded: dict[str, Template] = {}
    store, links_key = None, ""
    if cache is not None:
        fine = not own_page_templates(show.root)
        tags = (lang, *language_for(lang, show).fallbacks)
        links_key = repr(sorted(ctx.links.items()))  # read by the home page only (unless templates are the project's)
        store = cache.language(lang, (base, str(show.root), lang, day, "" if fine else links_key,
                                      catalog_digest(show, tags), fine))
        digests = digests or ShowDigests(show)

    def render(template: str, docs_path: str, extra: Callable[[], dict[str, Any]] | None = None,
               reads: Reads = WHOLE, also: str = "") -> None:
        digest = ""
        if store is not None and digests is not None:
            digest = digests.of(reads if store.base[-1] else WHOLE) + also
            found = store.pages.get(docs_path)
            if found is not None and found[0] == digest:
                out[docs_path] = found[1]
                return
        ctx.fell_back.clear()
        values = extra() if extra is not None else {}
        if template not in loaded:  # once per call: get_template checks the file's time on every call
            loaded[template] = env.get_template(f"pages/{template}")
        out[docs_path] = loaded[template].render(**ctx.base(docs_path), **values)
        out[docs_path] += ctx.fallback_note()
        if store is not None:
            store.pages[docs_path] = (digest, out[docs_path])
            store.rendered.append(docs_path)

    def part(name: str, reads: Reads, make: Callable[[], Any]) -> Any:
        """A part of a page that reads less than the page (made again only when that changed)."""
        if store is None or digests is None:
            return make()
        digest = digests.of(reads if store.base[-1] else WHOLE)
        found = store.parts.get(name)
        if found is None or found[0] != digest:
            found = store.parts[name] = (digest, make())
        return found[1]

    home = PAGES["home"]
    render("home.md.j2", home, lambda: dict(
        json_ld_data=exhibition_event(show, lang),
        **home_context(show, language_for(lang, show), day, phase(show, day), ctx.links.get("hero"),
                       lambda to: href(home, to))), also=links_key)
    render("about.md.j2", PAGES["about"], lambda: dict(
        past_editions=sorted(show.info.past_editions, key=lambda p: p.year, reverse=True)))
    render("statistics.md.j2", PAGES["statistics"], lambda: _statistics(show, lang))
    _hall_pages(show, lang, render, part)
    _exhibitor_pages(show, lang, render)
    _practical_pages(show, lang, render)
    if store is not None:  # pages no longer made (a removed exhibitor) are forgotten
        store.pages = {path: store.pages[path] for path in out}
    return out


def _statistics(show: Show, lang: str) -> dict[str, Any]:
    return dict(
        charts={
            "visitors_per_day": _graphic(charts.visitors_per_day(show, lang)),
            "exhibitors_by_country": _graphic(charts.exhibitors_by_country(show, lang)),
            "editions": _graphic(charts.editions(show, lang)),
        },
        exhibitor_count=show.info.statistics.exhibitors or len(show.exhibitors),
        country_count=show.info.statistics.countries or len({e.country for e in show.exhibitors}),
        visitor_count=sum(d.visitors for d in show.info.statistics.visitors_per_day),
    )


def _practical_pages(show: Show, lang: str, render: Callable[..., None]) -> None:
    """Schedule, visiting, services, rules, construction and inquiry: they name no exhibitor (corecache.REST)."""
    render("schedule.md.j2", PAGES["schedule"], lambda: _schedule(show, lang), reads=REST)
    render("visiting.md.j2", PAGES["visiting"], lambda: dict(
        v=show.visiting, entrances={en.id: en for en in show.visiting.entrances}), reads=REST)
    render("services.md.j2", PAGES["services"], lambda: dict(v=show.visiting), reads=REST)
    render("rules.md.j2", PAGES["rules"], reads=REST)
    render("construction.md.j2", PAGES["construction"], lambda: dict(
        milestones=sorted(show.info.construction, key=lambda m: m.date)), reads=REST)
    render("inquiry.md.j2", PAGES["inquiry"], lambda: dict(desk=show.info.inquiry), reads=REST)


def _schedule(show: Show, lang: str) -> dict[str, Any]:
    days: dict[dt.date, list[Any]] = {}
    for event in sorted(show.schedule.events, key=lambda ev: (ev.starts, ev.ends)):
        days.setdefault(event.starts.date(), []).append(event)
    return dict(days=days, places={p.id: p for p in show.schedule.places}, iso=lambda d: show.local(d).isoformat(),
                json_ld_data=schedule_events(show, lang, [ev for evs in days.values() for ev in evs]))


def _hall_pages(show: Show, lang: str, render: Callable[..., None], part: Callable[..., Any]) -> None:
    """The halls page, and one page per hall for a large show (:mod:`generator.site.halls`)."""
    by_id = {e.id: e for e in show.exhibitors}
    halls_path = PAGES["halls"]

    def exhibitor_link(exhibitor_id: str) -> str | None:
        return href(halls_path, exhibitor_path(exhibitor_id))

    per_hall = halls.split(show)
    hall_pages = {h.id: halls.hall_path(h.id) for h in show.halls}
    holders = {b: by_id[x] for b, x in show.booth_holders.items() if x in by_id}

    def hall_link(hall_id: str) -> str:
        return href(halls_path, hall_pages[hall_id]) if per_hall else f"#hall-{hall_id}"

    def summaries() -> dict[str, halls.HallSummary]:
        return {h.id: halls.summary(h, language_for(lang, show)) for h in show.halls}

    render("halls.md.j2", halls_path, lambda: dict(
        per_hall=per_hall, hall_pages=hall_pages, holders=holders, summaries=summaries(),
        plans={h.id: part(f"halls-plan-{h.id}", ("hall", h.id), lambda h=h: halls.legible(
            _graphic(floorplan.floor_plan(show, lang, h.id, link_for=exhibitor_link)))) for h in show.halls},
        site_plan=halls.legible(_graphic(floorplan.floor_plan(show, lang, None, hall_link_for=hall_link)))))
    for hall in show.halls if per_hall else ():
        page = hall_pages[hall.id]

        def hall_values(hall: Any = hall, page: str = page) -> dict[str, Any]:
            plan = halls.legible(_graphic(floorplan.floor_plan(show, lang, hall.id, link_for=_exhibitor_links(page))))
            return dict(hall=hall, plan=plan, holders=holders, summary=halls.summary(hall, language_for(lang, show)))

        render("hall.md.j2", page, hall_values, reads=("hall", hall.id))


def _exhibitor_pages(show: Show, lang: str, render: Callable[..., None]) -> None:
    """The exhibitor directory and one page per exhibitor."""
    t = lambda text: tr(text, lang, show.languages)  # noqa: E731
    halls_of = _exhibitor_halls(show)
    categories = {c.id: c for c in collated(show.exhibitors_file.categories, lang, lambda c: t(c.name))}
    render("directory.md.j2", PAGES["exhibitors"], lambda: dict(
        exhibitors=collated(show.exhibitors, lang, lambda e: sort_text(t(e.short_name or e.name), e.sort_as, lang)),
        halls_of=halls_of,
        categories=categories,
        countries=collated({e.country for e in show.exhibitors}, lang, lambda code: country_name(code, lang)),
    ), reads=DIRECTORY)
    for exhibitor in show.exhibitors:
        render("exhibitor.md.j2", exhibitor_path(exhibitor.id), lambda e=exhibitor: dict(
            e=e,
            booth_page=lambda booth_id: halls.booth_page(show, booth_id),
            halls_of=halls_of,
            categories=categories,
            front_matter=share_front_matter(show, lang, t(e.description) if e.description else None, e.logo),
        ), reads=("exhibitor", exhibitor.id))


def media_files(show: Show) -> list[Path]:
    """Regular files under data/media/ that pages may show (copied into every language); symbolic
    links and what they point to are never collected (``showpress check`` refuses them)."""
    return walk_files(show.root / "data" / "media")[0]
