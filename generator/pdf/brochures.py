"""The general brochure: one PDF per language from the same data as the site.

``brochure_context`` gathers what the templates print (pure); ``render_brochure`` turns it into
PDF bytes through WeasyPrint (cached by content hash); ``write_brochures`` writes
``<out_dir>/<lang>/brochure.pdf`` for every language, languages spread over processes.

For a caller with its own process pool (the site build): ``brochure_job(show, lang, ...)`` gives
the cached bytes or a :class:`BrochureJob` (HTML, CSS and options, no show), and
``pool.submit(write_job, job, target)`` renders and writes it in a worker.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.dates import format_date, format_interval
from babel.numbers import format_decimal

from ..collation import heading, sort_key, sort_text
from ..errors import BuildError, UsageError
from ..graphics.printing import print_graphics
from ..i18n import text_dir
from ..language import language_for, print_font_rules
from ..show import Show
from ..urls import BROCHURE
from ..workers import PRELOAD_PDF, process_pool, release_memory, wait_for
from .cache import PdfCache, sources_digest
from .choices import PAPERS
from .keepwords import keep_words
from .printshop import SHEET_MARGIN_MM, crop_marks, pad_pages
from .render import render_pdf
from .templates import Texts, environment, stylesheet

log = logging.getLogger(__name__)

NEWS_IN_BROCHURE = 5
"""How many of the latest stories the brochure prints."""


def _exhibitors(show: Show, lang: str, t: Texts, countries: Mapping[str, str]) -> list[dict[str, Any]]:
    """Every exhibitor as printed, in the reader's collation order."""
    order = sort_key(lang)
    exhibitors = []
    for ex in show.exhibitors:
        name, name_lang = t.pick(ex.name)
        in_halls = sorted({show.booths[b][0].id for b in ex.booths if b in show.booths})
        exhibitors.append({
            "id": ex.id, "name": t.mark(name, name_lang), "sort": order(sort_text(name, ex.sort_as, lang)),
            "heading": heading(sort_text(name, ex.sort_as, lang), lang),
            "country": countries.get(ex.country, ex.country), "booths": ", ".join(ex.booths),
            "halls": in_halls, "website": ex.website,
            "description": t(ex.description) if ex.description else None,
            "products": [t(p) for p in ex.products],
            "logo": ex.logo, "logo_alt": t.plain(ex.name),
        })
    exhibitors.sort(key=lambda e: e["sort"])
    return exhibitors


def _halls(show: Show, t: Texts, number: Callable[[float | int | None], str],
           exhibitors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every hall with its booths and who holds them."""
    by_id = {e["id"]: e for e in exhibitors}
    halls: list[dict[str, Any]] = []
    for hall in show.halls:
        rows = []
        for booth in hall.booths:
            holder = show.booth_holders.get(booth.id)
            rows.append({"booth": booth.id, "size": number(booth.size_m2), "status": booth.status,
                         "exhibitor": by_id[holder] if holder in by_id else None})
        counts = {s: sum(1 for b in hall.booths if b.status == s) for s in ("free", "reserved", "sold")}
        halls.append({"id": hall.id, "name": t(hall.name), "name_plain": t.plain(hall.name),
                      "area": number(hall.area_m2), "area_m2": hall.area_m2, "facilities": [t(f) for f in hall.facilities],
                      "booths": rows, "counts": counts})
    return halls


def _schedule(show: Show, t: Texts, date: Callable[..., str]) -> list[dict[str, Any]]:
    """The programme, day by day in the show's time zone."""
    places = {p.id: t(p.name) for p in show.schedule.places}
    days: dict[dt.date, list[dict[str, Any]]] = {}
    for event in sorted(show.schedule.events, key=lambda e: (e.starts, e.id)):
        starts, ends = show.local(event.starts), show.local(event.ends)
        days.setdefault(starts.date(), []).append({
            "time": f"{starts:%H:%M}–{ends:%H:%M}", "title": t(event.title),
            "place": places.get(event.place, event.place),
            "speakers": [{"name": t(s.name), "affiliation": t(s.affiliation) if s.affiliation else None}
                         for s in event.speakers],
            "description": t(event.description) if event.description else None,
        })
    return [{"date": date(day, "full"), "events": events} for day, events in sorted(days.items())]


def _news(show: Show, lang: str, t: Texts, date: Callable[..., str], today: dt.date | None) -> list[dict[str, Any]]:
    """The latest stories published by ``today``."""
    news = []
    for item, fallback in show.news_for(lang):
        if today is not None and show.local(item.date).date() > today:
            continue
        news.append({"title": t.mark(item.meta.title, item.lang if fallback else lang),
                     "summary": t.mark(item.meta.summary, item.lang if fallback else lang),
                     "date": date(show.local(item.date).date()), "fallback": fallback})
        if len(news) == NEWS_IN_BROCHURE:
            break
    return news


def _chapters(show: Show, _: Callable[[str], str], halls: list[dict[str, Any]],
              has_schedule: bool) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """The table of contents: chapter anchors, titles and sections."""
    info = show.info
    chapters: list[tuple[str, str, list[tuple[str, str]]]] = [
        ("glance", _("The show at a glance"), []),
        ("history", _("History and purpose"), [("statistics", _("Statistics"))]),
        ("halls", _("Halls and floor plan"), [(f"hall-{h['id']}", h["name"]) for h in halls]),
        ("exhibitors-by-hall", _("Exhibitors by hall"), []),
        ("exhibitors-by-name", _("Exhibitors by name"), []),
    ]
    if has_schedule:
        chapters.append(("schedule", _("Programme"), []))
    chapters.append(("visiting", _("Visiting and services"), []))
    if info.participation or info.investment or info.construction:
        chapters.append(("participation", _("Participation rules"), []))
    chapters += [("inquiry", _("Inquiry desk"), []), ("news", _("Latest news"), [])]
    return chapters


def _figures(show: Show, _: Callable[[str], str],
             number: Callable[[float | int | None], str]) -> list[tuple[str, str]]:
    """The key figures of the edition that have a value."""
    stats = show.info.statistics
    visitors = sum(d.visitors for d in stats.visitors_per_day)
    figures = [
        (_("Visitors"), number(visitors) if visitors else None),
        (_("Exhibitors"), number(stats.exhibitors if stats.exhibitors is not None
                                                 else len(show.exhibitors))),
        (_("Countries and regions"), number(stats.countries if stats.countries is not None
                                                else len({e.country for e in show.exhibitors}))),
        (_("Deals (million USD)"), number(stats.deals_musd)),
    ]
    return [(label, value) for label, value in figures if value]


def brochure_context(show: Show, lang: str, *, today: dt.date | None = None) -> dict[str, Any]:
    """Everything the brochure templates print for ``lang`` (pure: no files, no rendering)."""
    t = Texts(lang, show.languages)
    language = language_for(lang, show)
    locale = language.locale
    info = show.info
    countries = locale.territories

    def number(value: float | int | None) -> str:
        return "" if value is None else format_decimal(value, locale=locale)

    def date(value: dt.date, fmt: str = "long") -> str:
        return format_date(value, fmt, locale=locale)

    exhibitors = _exhibitors(show, lang, t, countries)
    halls = _halls(show, t, number, exhibitors)
    schedule = _schedule(show, t, date)
    organiser = next((o for o in info.organisers if o.role == "organiser"), None) or (
        info.organisers[0] if info.organisers else None)
    return {
        "lang": lang, "dir": text_dir(lang), "t": t, "i18n": language, "info": info,
        "chapters": _chapters(show, language.gettext, halls, bool(schedule)),
        "author": t.plain(organiser.name) if organiser else t.plain(info.name),
        "venue_plain": t.plain(info.venue.name),
        "name": t(info.name), "name_plain": t.plain(info.name), "short_name": t(info.short_name),
        "short_plain": t.plain(info.short_name),
        "dates": format_interval(show.first_day, show.last_day, "yMMMd", locale=locale),
        "days": [{"date": date(d.date, "full"), "hours": f"{d.opens:%H:%M}–{d.closes:%H:%M}",
                  "audience": t(d.audience) if d.audience else None} for d in info.days],
        "venue": t(info.venue.name), "city": t(info.venue.city), "address": t(info.venue.address),
        "organisers": [{"role": o.role, "name": t(o.name)} for o in info.organisers],
        "offices": [{"name": t(o.name), "address": t(o.address), "phone": o.phone, "email": o.email}
                    for o in info.offices],
        "figures": _figures(show, language.gettext, number),
        "past_editions": [{"edition": p.edition, "year": p.year, "visitors": number(p.visitors),
                           "exhibitors": number(p.exhibitors), "countries": number(p.countries),
                           "deals": number(p.deals_musd), "theme": t(p.theme) if p.theme else None}
                          for p in info.past_editions],
        "planned_editions": [{"edition": p.edition, "theme": t(p.theme),
                              "dates": format_interval(p.starts, p.ends, "yMMMd", locale=locale)}
                             for p in info.planned_editions],
        "construction": [{"date": date(m.date), "title": t(m.title), "status": m.status,
                          "percent": m.percent} for m in info.construction],
        "halls": halls, "exhibitors": exhibitors, "schedule": schedule,
        "news": _news(show, lang, t, date, today),
        "visiting": show.visiting, "country_name": lambda code: countries.get(code, code),
        "entrances": {e.id: t(e.name) for e in show.visiting.entrances},
        "graphics": print_graphics(show, lang),  # the one door for graphics into print
    }


def brochure_css(lang: str, *, paper: str = "A4", bleed: bool = False, page_offset: int = 0,
                 pdf_x4: bool = False, languages: Iterable[str] = ()) -> str:
    """The print stylesheet for one language and paper (page offset: pages printed before it);
    ``languages``: the other languages its text may come in (the show's), for their fonts."""
    if paper not in PAPERS:
        raise UsageError(f"unknown paper {paper!r}: use {' or '.join(PAPERS)}")
    return stylesheet("print.css", paper=PAPERS[paper], bleed=SHEET_MARGIN_MM if bleed else 0,
                      page_offset=page_offset, font_rules=print_font_rules([lang, *languages]), pdf_x4=pdf_x4)


def brochure_html(show: Show, lang: str, *, today: dt.date | None = None) -> str:
    """The brochure's HTML for ``lang``, words kept whole where the script needs it (:mod:`.keepwords`)."""
    return keep_words(environment(show.root).get_template("brochure.html").render(brochure_context(show, lang, today=today)),
                      lang)


@dataclass(frozen=True)
class BrochureJob:
    """One language's brochure as plain inputs: rendered by :func:`write_job` in any process
    (a worker of the caller's pool) without the show, which stays where the job was made."""

    lang: str
    html: str
    css: str
    root: Path
    tagged: bool = True
    pdf_x4: bool = False
    bleed: bool = False
    pad_to: int = 1
    cache: PdfCache | None = None
    key: str | None = None
    """The cache key the rendered PDF is stored under (None: not stored)."""


def brochure_job(
    show: Show, lang: str, *, paper: str = "A4", bleed: bool = False, today: dt.date | None = None,
    tagged: bool = True, page_offset: int = 0, cache: PdfCache | None = None,
    sources: str | None = None, pad_to: int = 1, pdf_x4: bool = False,
) -> BrochureJob | bytes:
    """The brochure of ``lang``: its PDF bytes when the cache holds them, else the job that renders it.

    ``bleed``: 3 mm bleed and crop marks in a slug; ``pad_to``: blank pages to a multiple of it;
    ``pdf_x4``: PDF/X-4 with a CMYK output intent (printshop.py)."""
    css = brochure_css(lang, paper=paper, bleed=bleed, page_offset=page_offset, pdf_x4=pdf_x4,
                       languages=show.languages)
    key = None
    if cache is not None:
        key = cache.key(show.root, sources or sources_digest(show.root), kind="brochure", lang=lang,
                        paper=paper, bleed=bleed, today=today, tagged=tagged, page_offset=page_offset,
                        pad_to=pad_to, pdf_x4=pdf_x4)
        cached = cache.get(key)
        if cached is not None:
            return cached
    return BrochureJob(lang, brochure_html(show, lang, today=today), css, show.root, tagged=tagged,
                       pdf_x4=pdf_x4, bleed=bleed, pad_to=pad_to, cache=cache, key=key)


def render_job(job: BrochureJob) -> bytes:
    """The PDF of ``job`` (and stored in its cache)."""
    data = render_pdf(job.html, job.css, job.root, tagged=job.tagged, pdf_x4=job.pdf_x4)
    if job.bleed:
        data = crop_marks(data)
    if job.pad_to > 1:
        data = pad_pages(data, job.pad_to)
    if job.cache is not None and job.key is not None:
        job.cache.put(job.key, data)
    return data


def render_brochure(
    show: Show, lang: str, *, paper: str = "A4", bleed: bool = False, today: dt.date | None = None,
    tagged: bool = True, page_offset: int = 0, cache: PdfCache | None = None,
    sources: str | None = None, pad_to: int = 1, pdf_x4: bool = False,
) -> bytes:
    """The brochure of ``lang`` as PDF bytes, from the cache when nothing it depends on changed
    (the options: those of :func:`brochure_job`)."""
    job = brochure_job(show, lang, paper=paper, bleed=bleed, today=today, tagged=tagged, page_offset=page_offset,
                       cache=cache, sources=sources, pad_to=pad_to, pdf_x4=pdf_x4)
    return job if isinstance(job, bytes) else render_job(job)


def _write(target: Path, data: bytes) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".pdf.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    return target


def write_job(job: BrochureJob, target: Path) -> Path:
    """Render ``job`` and write it to ``target`` atomically: what a worker process runs. Memory freed
    by the worker's previous job (an engine build, in the site build's pool) goes back to the system
    before, and the rendering's after, so a worker stays small between jobs."""
    release_memory()
    try:
        return _write(target, render_job(job))
    finally:
        release_memory()


def brochure_jobs(
    show: Show, langs: Iterable[str], *, paper: str = "A4", bleed: bool = False, today: dt.date | None = None,
    use_cache: bool = True, pad_to: int = 1, pdf_x4: bool = False,
) -> Iterator[tuple[str, BrochureJob | bytes]]:
    """Each language's brochure in turn (its HTML made when asked for, so one is held at a time):
    its cached PDF bytes, or the :class:`BrochureJob` that renders it (``write_job``)."""
    options: dict[str, Any] = {
        "paper": paper, "bleed": bleed, "today": today, "sources": sources_digest(show.root), "pad_to": pad_to,
        "pdf_x4": pdf_x4, "cache": PdfCache.for_project(show.root, enabled=use_cache)}
    for lang in langs:
        yield lang, brochure_job(show, lang, **options)


def write_brochures(
    show: Show, out_dir: Path, *, langs: list[str] | None = None, paper: str = "A4",
    bleed: bool = False, today: dt.date | None = None, use_cache: bool = True,
    progress: Callable[[str], None] | None = None, pad_to: int = 1, pdf_x4: bool = False,
    workers: int | None = None,
) -> dict[str, Path]:
    """Write ``<out_dir>/<lang>/brochure.pdf`` per language; languages rendered in parallel
    (``workers`` processes, default one per CPU; none started when the cache holds every PDF).

    Each language's HTML is made here while the workers render the ones before it: a worker
    holds one brochure's HTML and layout, never the show."""
    chosen = langs or show.languages
    unknown = [lang for lang in chosen if lang not in show.languages]
    if unknown:
        raise UsageError(f"the show has no language {', '.join(unknown)} (it has {', '.join(show.languages)})")
    brochure_css(chosen[0], paper=paper)  # refuse a bad paper before starting processes
    if pad_to < 1:
        raise UsageError(f"--pad-to {pad_to}: use a page multiple of 1 or more (4 for saddle stitching)")
    jobs = brochure_jobs(show, chosen, paper=paper, bleed=bleed, today=today, use_cache=use_cache, pad_to=pad_to,
                         pdf_x4=pdf_x4)
    written: dict[str, Path] = {}
    futures: dict[str, Future[Path]] = {}

    def done(lang: str, path: Path) -> None:
        written[lang] = path
        if progress:
            progress(lang)

    try:
        with contextlib.ExitStack() as stack:
            pool: Executor | None = None
            for lang, job in jobs:
                target = out_dir / lang / BROCHURE
                if isinstance(job, bytes):
                    done(lang, _write(target, job))
                    continue
                if pool is None:  # the first PDF to render: start the workers
                    count = min(len(chosen), workers or os.cpu_count() or 1)
                    pool = stack.enter_context(process_pool(count, preload=PRELOAD_PDF))
                futures[lang] = pool.submit(write_job, job, target)
                if futures[lang].done():  # one worker runs inline: report each language as it ends
                    done(lang, wait_for(futures.pop(lang), f"brochure of language {lang!r} ({target})"))
            for lang, future in futures.items():
                done(lang, wait_for(future, f"brochure of language {lang!r} ({out_dir / lang / BROCHURE})"))
    except OSError as exc:
        raise BuildError(f"could not write the brochures to {out_dir}: {exc}") from exc
    return {lang: written[lang] for lang in chosen}
