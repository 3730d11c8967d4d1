"""The general brochure: one PDF per language from the same data as the site.

``brochure_context`` gathers what the templates print (pure); ``render_brochure`` turns it into
PDF bytes through WeasyPrint (cached by content hash); ``write_brochures`` writes
``<out_dir>/<lang>/brochure.pdf`` for every language, languages spread over processes.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date, format_interval
from babel.numbers import format_decimal

from ..collation import heading, sort_key, sort_text
from ..errors import BuildError, UsageError
from ..graphics.printing import print_graphics
from ..i18n import text_dir
from ..language import language_for, parse_locale, print_font_rules
from ..show import Show
from ..workers import PRELOAD_PDF, process_pool, wait_for
from .cache import PdfCache, sources_digest
from .keepwords import keep_words
from .printshop import SHEET_MARGIN_MM, crop_marks, pad_pages
from .render import render_pdf
from .templates import Texts, environment, stylesheet

log = logging.getLogger(__name__)

PAPERS = {"A4": "A4", "letter": "letter"}
"""Paper sizes offered, as CSS @page size values."""

NEWS_IN_BROCHURE = 5
"""How many of the latest stories the brochure prints."""


def babel_locale(lang: str) -> Locale:
    """The CLDR locale of ``lang`` (a thin wrapper of :func:`generator.language.parse_locale`)."""
    return parse_locale(lang)


def brochure_context(show: Show, lang: str, *, today: dt.date | None = None) -> dict[str, Any]:
    """Everything the brochure templates print for ``lang`` (pure: no files, no rendering)."""
    t = Texts(lang, show.languages)
    locale = babel_locale(lang)
    info = show.info
    countries = locale.territories

    def number(value: float | int | None) -> str:
        return "" if value is None else format_decimal(value, locale=locale)

    def date(value: dt.date, fmt: str = "long") -> str:
        return format_date(value, fmt, locale=locale)

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
    schedule = [{"date": date(day, "full"), "events": events} for day, events in sorted(days.items())]

    news = []
    for item, fallback in show.news_for(lang):
        if today is not None and show.local(item.date).date() > today:
            continue
        news.append({"title": t.mark(item.meta.title, item.lang if fallback else lang),
                     "summary": t.mark(item.meta.summary, item.lang if fallback else lang),
                     "date": date(show.local(item.date).date()), "fallback": fallback})
        if len(news) == NEWS_IN_BROCHURE:
            break

    language = language_for(lang, show)
    _ = language.gettext
    chapters: list[tuple[str, str, list[tuple[str, str]]]] = [
        ("glance", _("The show at a glance"), []),
        ("history", _("History and purpose"), [("statistics", _("Statistics"))]),
        ("halls", _("Halls and floor plan"), [(f"hall-{h['id']}", h["name"]) for h in halls]),
        ("exhibitors-by-hall", _("Exhibitors by hall"), []),
        ("exhibitors-by-name", _("Exhibitors by name"), []),
    ]
    if schedule:
        chapters.append(("schedule", _("Programme"), []))
    chapters.append(("visiting", _("Visiting and services"), []))
    if info.participation or info.investment or info.construction:
        chapters.append(("participation", _("Participation rules"), []))
    chapters += [("inquiry", _("Inquiry desk"), []), ("news", _("Latest news"), [])]
    organiser = next((o for o in info.organisers if o.role == "organiser"), None) or (
        info.organisers[0] if info.organisers else None)

    stats = info.statistics
    visitors = sum(d.visitors for d in stats.visitors_per_day)
    figures = [
        (_("Visitors"), number(visitors) if visitors else None),
        (_("Exhibitors"), number(stats.exhibitors if stats.exhibitors is not None
                                                 else len(show.exhibitors))),
        (_("Countries and regions"), number(stats.countries if stats.countries is not None
                                                else len({e.country for e in show.exhibitors}))),
        (_("Deals (million USD)"), number(stats.deals_musd)),
    ]
    return {
        "lang": lang, "dir": text_dir(lang), "t": t, "i18n": language, "info": info, "chapters": chapters,
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
        "figures": [(label, value) for label, value in figures if value],
        "past_editions": [{"edition": p.edition, "year": p.year, "visitors": number(p.visitors),
                           "exhibitors": number(p.exhibitors), "countries": number(p.countries),
                           "deals": number(p.deals_musd), "theme": t(p.theme) if p.theme else None}
                          for p in info.past_editions],
        "planned_editions": [{"edition": p.edition, "theme": t(p.theme),
                              "dates": format_interval(p.starts, p.ends, "yMMMd", locale=locale)}
                             for p in info.planned_editions],
        "construction": [{"date": date(m.date), "title": t(m.title), "status": m.status,
                          "percent": m.percent} for m in info.construction],
        "halls": halls, "exhibitors": exhibitors, "schedule": schedule, "news": news,
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
    return keep_words(environment().get_template("brochure.html").render(brochure_context(show, lang, today=today)),
                      lang)


def render_brochure(
    show: Show, lang: str, *, paper: str = "A4", bleed: bool = False, today: dt.date | None = None,
    tagged: bool = True, page_offset: int = 0, cache: PdfCache | None = None,
    sources: str | None = None, pad_to: int = 1, pdf_x4: bool = False,
) -> bytes:
    """The brochure of ``lang`` as PDF bytes, from the cache when nothing it depends on changed.

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
    data = render_pdf(brochure_html(show, lang, today=today), css, show.root, tagged=tagged, pdf_x4=pdf_x4)
    if bleed:
        data = crop_marks(data)
    if pad_to > 1:
        data = pad_pages(data, pad_to)
    if cache is not None and key is not None:
        cache.put(key, data)
    return data


def _render_one(show: Show, lang: str, target: Path, options: dict[str, Any]) -> Path:
    cache = PdfCache.for_project(show.root, enabled=options.pop("use_cache"))
    data = render_brochure(show, lang, cache=cache, **options)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".pdf.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    return target


def write_brochures(
    show: Show, out_dir: Path, *, langs: list[str] | None = None, paper: str = "A4",
    bleed: bool = False, today: dt.date | None = None, use_cache: bool = True,
    progress: Callable[[str], None] | None = None, pad_to: int = 1, pdf_x4: bool = False,
) -> dict[str, Path]:
    """Write ``<out_dir>/<lang>/brochure.pdf`` per language; languages rendered in parallel."""
    chosen = langs or show.languages
    unknown = [lang for lang in chosen if lang not in show.languages]
    if unknown:
        raise UsageError(f"the show has no language {', '.join(unknown)} (it has {', '.join(show.languages)})")
    brochure_css(chosen[0], paper=paper)  # refuse a bad paper before starting processes
    if pad_to < 1:
        raise UsageError(f"--pad-to {pad_to}: use a page multiple of 1 or more (4 for saddle stitching)")
    options = {"paper": paper, "bleed": bleed, "today": today, "sources": sources_digest(show.root),
               "use_cache": use_cache, "pad_to": pad_to, "pdf_x4": pdf_x4}
    written: dict[str, Path] = {}
    workers = min(len(chosen), os.cpu_count() or 1)
    try:
        if workers <= 1:
            for lang in chosen:
                written[lang] = _render_one(show, lang, out_dir / lang / "brochure.pdf", dict(options))
                if progress:
                    progress(lang)
        else:
            with process_pool(workers, preload=PRELOAD_PDF) as pool:
                futures = {lang: pool.submit(_render_one, show, lang, out_dir / lang / "brochure.pdf",
                                             dict(options)) for lang in chosen}
                for lang, future in futures.items():
                    written[lang] = wait_for(future, f"brochure of language {lang!r} ({out_dir / lang / 'brochure.pdf'})")
                    if progress:
                        progress(lang)
    except OSError as exc:
        raise BuildError(f"could not write the brochures to {out_dir}: {exc}") from exc
    return written
