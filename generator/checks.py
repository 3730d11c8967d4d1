"""Cross-checks of a loaded show: references, uniqueness, dates, translations, files.

``check_show(show)`` returns problems and prints nothing; each problem names the file, line and
column of the value concerned, says what is wrong and what to do.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from .errors import Problem
from .floorchecks import check_floor
from .i18n import Completeness, has_lang, iter_texts, tr
from .load import dotted, rel
from .models import ANY_LANG
from .projectfiles import MISSING, Refused, reference_problem, short, walk_files
from .show import Show
from .yamlsource import Loc

SHOW, HALLS, EXHIBITORS, SCHEDULE, VISITING, FORMS = (
    f"data/{name}.yml" for name in ("show", "halls", "exhibitors", "schedule", "visiting", "forms")
)


@dataclass
class _Report:
    show: Show
    problems: list[Problem]

    def add(self, path: str, loc: Loc, message: str, *, key: bool = False, severity: str = "error") -> None:
        positions = self.show.positions.get(path)
        line, col = positions.of(loc, key=key) if positions else (0, 0)
        where = dotted(loc)
        self.problems.append(Problem(path, line, col, f"{where}: {message}" if where else message, severity))


def known(ids: Iterable[str], wrong: str, limit: int = 6) -> str:
    """'(known: A-01 … B-01)' or '(did you mean A-10? known: …)' for a dangling reference."""
    ids = sorted(set(ids))
    if not ids:
        return "(none are defined)"
    close = difflib.get_close_matches(wrong, ids, n=3, cutoff=0.5)
    listing = ", ".join(ids) if len(ids) <= limit else f"{ids[0]} … {ids[-1]}"
    if close:
        return f"(did you mean {' or '.join(repr(c) for c in close)}? known: {listing})"
    return f"(known: {listing})"


def _unique(report: _Report, path: str, items: list[tuple[Loc, str]], what: str) -> None:
    first: dict[str, Loc] = {}
    for loc, ident in items:
        if ident in first:
            line = report.show.positions[path].of(first[ident])[0] if path in report.show.positions else 0
            report.add(path, loc, f"duplicate {what} id '{ident}' (first used at line {line}): give each a unique id")
        else:
            first[ident] = loc


def _check_ids(report: _Report) -> None:
    show = report.show
    _unique(report, HALLS, [(("halls", i, "id"), h.id) for i, h in enumerate(show.halls)], "hall")
    _unique(report, HALLS, [(("halls", i, "booths", j, "id"), b.id)
                            for i, h in enumerate(show.halls) for j, b in enumerate(h.booths)], "booth")
    ex = show.exhibitors_file
    _unique(report, EXHIBITORS, [(("exhibitors", i, "id"), e.id) for i, e in enumerate(ex.exhibitors)], "exhibitor")
    _unique(report, EXHIBITORS, [(("categories", i, "id"), c.id) for i, c in enumerate(ex.categories)], "category")
    _unique(report, SHOW, [(("categories", i, "id"), c.id) for i, c in enumerate(show.info.categories)], "category")
    sched = show.schedule
    _unique(report, SCHEDULE, [(("places", i, "id"), p.id) for i, p in enumerate(sched.places)], "place")
    _unique(report, SCHEDULE, [(("events", i, "id"), e.id) for i, e in enumerate(sched.events)], "event")
    _unique(report, VISITING, [(("entrances", i, "id"), e.id) for i, e in enumerate(show.visiting.entrances)],
            "entrance")
    _unique(report, FORMS, [(("forms", i, "id"), f.id) for i, f in enumerate(show.forms)], "form")
    for i, form in enumerate(show.forms):
        _unique(report, FORMS, [(("forms", i, "questions", j, "id"), q.id) for j, q in enumerate(form.questions)],
                "question")
        for j, q in enumerate(form.questions):
            _unique(report, FORMS, [(("forms", i, "questions", j, "options", k, "id"), o.id)
                                    for k, o in enumerate(q.options)], "option")


def _check_booths(report: _Report) -> None:
    show = report.show
    booths = show.booths
    holder: dict[str, tuple[str, Loc]] = {}
    for i, exhibitor in enumerate(show.exhibitors):
        for j, booth_id in enumerate(exhibitor.booths):
            loc = ("exhibitors", i, "booths", j)
            if booth_id not in booths:
                report.add(EXHIBITORS, loc, f"no booth '{booth_id}' in {HALLS} {known(booths, booth_id)}")
                continue
            if booth_id in holder and holder[booth_id][0] != exhibitor.id:
                report.add(EXHIBITORS, loc, f"booth '{booth_id}' is already given to exhibitor "
                           f"'{holder[booth_id][0]}': a booth can have only one exhibitor")
                continue
            holder[booth_id] = (exhibitor.id, loc)
            if booths[booth_id][1].status == "free":
                report.add(EXHIBITORS, loc, f"booth '{booth_id}' is given to this exhibitor but is 'free' in "
                           f"{HALLS}: set its status to sold or reserved")
    for i, hall in enumerate(show.halls):
        for j, booth in enumerate(hall.booths):
            if booth.status == "sold" and booth.id not in holder:
                report.add(HALLS, ("halls", i, "booths", j, "status"), f"booth '{booth.id}' is sold but no "
                           f"exhibitor has it: add it to an exhibitor's booths in {EXHIBITORS}, or set status: "
                           "reserved or free")


def _ref(report: _Report, path: str, loc: Loc, value: str | None, ids: Iterable[str], what: str, where: str) -> None:
    ids = list(ids)
    if value is not None and value not in ids:
        report.add(path, loc, f"no {what} '{value}' in {where} {known(ids, value)}")


def _check_references(report: _Report) -> None:
    show = report.show
    info = show.info
    hall_ids = [h.id for h in show.halls]
    show_cats = [c.id for c in info.categories]
    ex_cats = [c.id for c in show.exhibitors_file.categories]
    places = [p.id for p in show.schedule.places]
    entrances = [e.id for e in show.visiting.entrances]
    for i, cat in enumerate(info.categories):
        for j, hall in enumerate(cat.halls):
            _ref(report, SHOW, ("categories", i, "halls", j), hall, hall_ids, "hall", HALLS)
    for i, exhibitor in enumerate(show.exhibitors):
        for j, cat_id in enumerate(exhibitor.categories):
            _ref(report, EXHIBITORS, ("exhibitors", i, "categories", j), cat_id, ex_cats, "category",
                 f"the categories of {EXHIBITORS}")
    for i, place in enumerate(show.schedule.places):
        _ref(report, SCHEDULE, ("places", i, "hall"), place.hall, hall_ids, "hall", HALLS)
    for i, event in enumerate(show.schedule.events):
        _ref(report, SCHEDULE, ("events", i, "place"), event.place, places, "place", f"the places of {SCHEDULE}")
        _ref(report, SCHEDULE, ("events", i, "category"), event.category, show_cats, "category", SHOW)
    for i, entrance in enumerate(show.visiting.entrances):
        for j, hall in enumerate(entrance.halls):
            _ref(report, VISITING, ("entrances", i, "halls", j), hall, hall_ids, "hall", HALLS)
    for field in ("transport", "parking"):
        for i, item in enumerate(getattr(show.visiting, field)):
            _ref(report, VISITING, (field, i, "entrance"), item.entrance, entrances, "entrance",
                 f"the entrances of {VISITING}")
    surveys = [f.id for f in show.forms if f.kind == "survey"]
    inquiries = [f.id for f in show.forms if f.kind == "inquiry"]
    _ref(report, SHOW, ("inquiry", "form"), info.inquiry.form, inquiries, "inquiry form", FORMS)
    if info.mailing:
        _ref(report, SHOW, ("mailing", "survey"), info.mailing.survey, surveys, "survey", FORMS)
    for item in show.news:
        if item.meta.category not in show_cats:
            report.add(item.path, ("category",), f"no category '{item.meta.category}' in {SHOW} "
                       f"{known(show_cats, item.meta.category)}")


def _line(report: _Report, path: str, loc: Loc) -> int:
    positions = report.show.positions.get(path)
    return positions.of(loc)[0] if positions else 0


def _days_in_order(report: _Report) -> bool:
    """One problem for the first show day listed twice or out of order; whether the days are in order."""
    days = [d.date for d in report.show.info.days]
    for i in range(1, len(days)):
        if days[i] > days[i - 1]:
            continue
        before = _line(report, SHOW, ("days", i - 1))
        if days[i] == days[i - 1]:
            report.add(SHOW, ("days", i, "date"), f"{days[i]} is listed twice (also at line {before}): "
                       "list each show day once")
        else:
            report.add(SHOW, ("days", i, "date"), f"{days[i]} comes after {days[i - 1]} (line {before}): list the "
                       "show days in order, first day first, and check each date (events and visitor figures "
                       "are checked against the days once they are in order)")
        return False
    return True


def _check_dates(report: _Report) -> None:
    show = report.show
    info = show.info
    days = [d.date for d in info.days]
    for i, planned in enumerate(info.planned_editions):
        if planned.ends < planned.starts:
            report.add(SHOW, ("planned_editions", i, "ends"), "ends before it starts")
    _check_news_dates(report)
    if not _days_in_order(report):
        return
    for i, day in enumerate(info.statistics.visitors_per_day):
        if day.date not in days:
            report.add(SHOW, ("statistics", "visitors_per_day", i, "date"),
                       f"{day.date} is not a show day ({days[0]} … {days[-1]})")
    hours = {d.date: d for d in info.days}
    by_place: dict[str, list[tuple[int, dt.datetime, dt.datetime]]] = {}
    for i, event in enumerate(show.schedule.events):
        starts, ends = show.local(event.starts), show.local(event.ends)
        if starts.date() not in hours or ends.date() != starts.date():
            report.add(SCHEDULE, ("events", i, "starts"), f"event '{event.id}' on {starts:%Y-%m-%d %H:%M} is not "
                       f"within one show day ({days[0]} … {days[-1]}): check its date")
        by_place.setdefault(event.place, []).append((i, starts, ends))
    for place, slots in by_place.items():
        slots.sort(key=lambda slot: slot[1])
        for (i, _, e1), (j, s2, _) in pairwise(slots):
            if s2 < e1:
                first = show.schedule.events[i]
                report.add(SCHEDULE, ("events", j, "starts"), f"event '{show.schedule.events[j].id}' overlaps "
                           f"'{first.id}' in place '{place}' ({s2:%Y-%m-%d %H:%M} < {e1:%H:%M}): "
                           "move it or use another place")
    for item in show.news:
        for field in ("date", "updated"):
            moment = getattr(item.meta, field)
            if moment is not None and moment.tzinfo is None:
                report.add(item.path, (field,), f"{moment:%Y-%m-%d %H:%M} has no time zone: write it "
                           f"with an offset, e.g. {moment:%Y-%m-%dT%H:%M:%S}{_offset(show, moment)}")


def _check_news_dates(report: _Report) -> None:
    """A story dated more than a year after the show, or before the previous edition's year, is a typo."""
    info = report.show.info
    days = sorted(d.date for d in info.days)
    if not days:
        return
    latest = days[-1] + dt.timedelta(days=365)
    previous = [p.year for p in info.past_editions if p.edition < info.edition]
    earliest = dt.date(max(previous), 1, 1) if previous else days[0] - dt.timedelta(days=365)
    for item in report.show.news:
        day = item.meta.date.date()
        if day > latest:
            report.add(item.path, ("date",), f"{day} is more than a year after the show's last day ({days[-1]}): "
                       "check the year")
        elif day < earliest:
            since = f"the previous edition ({max(previous)})" if previous else f"a year before the show ({days[0]})"
            report.add(item.path, ("date",), f"{day} is before {since}: check the year")


def _check_short_names(report: _Report) -> None:
    """Two exhibitors shown with the same (short) name in one language cannot be told apart."""
    show = report.show
    clashes: dict[tuple[int, int], list[str]] = {}
    for lang in show.languages:
        seen: dict[str, int] = {}
        for i, exhibitor in enumerate(show.exhibitors):
            shown = tr(exhibitor.short_name or exhibitor.name, lang, show.languages).strip().casefold()
            if shown in seen:
                clashes.setdefault((seen[shown], i), []).append(lang)
            else:
                seen[shown] = i
    for (first, later), langs in sorted(clashes.items()):
        other, exhibitor = show.exhibitors[first], show.exhibitors[later]
        field = "short_name" if exhibitor.short_name else "name"
        shown = tr(exhibitor.short_name or exhibitor.name, langs[0], show.languages)
        report.add(EXHIBITORS, ("exhibitors", later, field), f"'{shown}' ({', '.join(langs)}) is also how exhibitor "
                   f"'{other.id}' (line {_line(report, EXHIBITORS, ('exhibitors', first))}) is listed: readers "
                   "cannot tell them apart; give one of them a distinguishing short_name, e.g. with its city, "
                   "country or trade")


def _check_floor(report: _Report) -> None:
    check_floor(report.show.halls, report.add, lambda loc: _line(report, HALLS, loc))


def _offset(show: Show, moment: dt.datetime) -> str:
    offset = show.local(moment).strftime("%z")
    return f"{offset[:3]}:{offset[3:]}"


def _check_languages(report: _Report) -> None:
    show = report.show
    langs = set(show.languages)
    declared = ", ".join(show.languages)
    for path, model in _data_models(show):
        for loc, text in iter_texts(model):
            for lang in text:
                if lang != ANY_LANG and lang not in langs:
                    report.add(path, (*loc, lang), f"language '{lang}' is not declared in {SHOW} "
                               f"(languages: {declared}): add it there or fix the key", key=True)
    content = show.root / "content"
    if content.is_dir():
        for folder in sorted(p.name for p in content.iterdir() if p.is_dir()):
            if folder not in langs:
                report.problems.append(Problem(f"content/{folder}", 0, 0, f"language '{folder}' is not declared "
                                               f"in {SHOW} (languages: {declared}): add it there or rename the folder"))
    seen: dict[tuple[str, str], str] = {}
    for item in show.news:
        slot = (item.lang, item.meta.key)
        if slot in seen:
            report.add(item.path, ("key",), f"key '{item.meta.key}' is also used by {seen[slot]}: one story per "
                       "language per key; give this story its own key")
        else:
            seen[slot] = item.path


def _data_models(show: Show) -> list[tuple[str, object]]:
    return [(SHOW, show.info), (HALLS, show.halls_file), (EXHIBITORS, show.exhibitors_file),
            (SCHEDULE, show.schedule), (VISITING, show.visiting), (FORMS, show.forms_file),
            ("data/letters.yml", show.letters_file)]


def _check_files(report: _Report) -> None:
    show = report.show
    data = show.root / "data"
    media: list[tuple[str, Loc, str]] = []
    for i, e in enumerate(show.exhibitors):
        if e.logo:
            media.append((EXHIBITORS, ("exhibitors", i, "logo"), e.logo))
    identity = show.info.identity
    for loc, ref in ((("identity", "logo"), identity.logo),
                     (("identity", "hero", "image"), identity.hero.image if identity.hero else None),
                     *((("identity", "sponsors", i, "logo"), sp.logo) for i, sp in enumerate(identity.sponsors))):
        if ref:
            media.append((SHOW, loc, ref))
    for i, s in enumerate(show.visiting.services):
        if s.image:
            media.append((VISITING, ("services", i, "image"), s.image))
    for item in show.news:
        if item.meta.image:
            media.append((item.path, ("image",), item.meta.image))
    files, refused = walk_files(data / "media")
    near = sorted(p.relative_to(data).as_posix() for p in files)
    for path, loc, ref in media:
        found = reference_problem(data, ref)
        if found == MISSING:
            hint = known(near, ref) if near else "(data/media/ has no files yet)"
            report.add(path, loc, f"image 'data/{short(ref)}' does not exist: add the file or fix the path {hint}")
        elif found:
            report.add(path, loc, found)
    _refuse(report, refused, "data/media/")
    content = show.root / "content"
    _refuse(report, walk_files(content)[1], "content/")


def _refuse(report: _Report, refused: list[Refused], folder: str) -> None:
    """One problem for each file a folder holds that showpress will not publish."""
    for entry in refused:
        name = rel(report.show.root, entry.path)
        if entry.reason.startswith("a symbolic link"):
            thing = "folder" if entry.reason.endswith("folder") else "file"
            message = (f"{entry.reason}: showpress publishes only real files from inside {folder}; replace the link "
                       f"with a copy of the {thing}, or delete it")
        elif entry.reason.startswith("cannot be read"):
            message = f"{entry.reason}: make it readable by the user who runs showpress"
        else:
            message = f"{entry.reason}: showpress publishes only regular files; delete it"
        report.problems.append(Problem(name, 0, 0, message))


def _check_urls(report: _Report) -> None:
    info = report.show.info
    for field in ("site_url", "collector_url"):
        url = getattr(info, field)
        if "?" in url or "#" in url:
            report.add(SHOW, (field,), f"'{url}' must not contain '?' or '#': give the plain address")
        elif not url.endswith("/"):
            report.add(SHOW, (field,), f"'{url}' must end with '/' (e.g. '{url}/'), so that pages resolve below it")


def _check_identity(report: _Report) -> None:
    from .site.identity import identity_problems

    for loc, message in identity_problems(report.show):
        report.add(SHOW, loc, message)


def check_show(show: Show) -> list[Problem]:
    """Every cross-file problem of a loaded show, sorted by file and line."""
    report = _Report(show, [])
    for step in (_check_ids, _check_booths, _check_floor, _check_references, _check_dates, _check_short_names,
                 _check_languages, _check_files, _check_urls, _check_identity):
        step(report)
    return sorted(report.problems)


def completeness(show: Show) -> list[Completeness]:
    """How much of the show's text and news exists in each language."""
    texts = [text for _, model in _data_models(show) for _, text in iter_texts(model)]
    keys = {item.meta.key for item in show.news}
    rows = []
    for lang in show.languages:
        done = sum(1 for text in texts if has_lang(text, lang))
        news_done = len({item.meta.key for item in show.news if item.lang == lang})
        rows.append(Completeness(lang, done, len(texts), news_done, len(keys)))
    return rows


def missing_translations(show: Show, lang: str) -> list[str]:
    """Where text is missing in ``lang``: 'data/exhibitors.yml:12:5: exhibitors[3].description'."""
    out = []
    for path, model in _data_models(show):
        positions = show.positions.get(path)
        for loc, text in iter_texts(model):
            if not has_lang(text, lang):
                line, col = positions.of(loc) if positions else (0, 0)
                out.append(f"{path}:{line}:{col}: {dotted(loc)}")
    return out
