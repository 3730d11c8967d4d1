"""Floor plans as SVG text: the site plan of the halls, and one hall's booths by status.

Geometry comes from the ``plan`` rectangles of data/halls.yml, in metres: a hall's ``plan`` lies on
the site plan and is also the frame of its booths' ``plan`` (metres from the hall's top-left
corner). Booth status is shown three ways at once, so that it survives greyscale printing and
colour blindness: fill (white / hatched / solid), a class (``booth-free`` ...) and the legend.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from ..i18n import has_lang, text_dir, tr
from ..language import language_for
from ..models import Booth, Hall, Rect
from ..phrases import phrase
from ..show import Show
from .charts import hatch
from .svg import balanced_wrap, el, fit, root, text, text_width, title, units

WIDTH = 640
MAX_HEIGHT = 720
SITE_MAX_HEIGHT = 420
PAD = 16
LEGEND_H = 34
STATUSES = ("sold", "reserved", "free")

STATUS_FILL = {"free": "#ffffff", "reserved": "#e8b65c", "sold": "#86a8cf"}
"""Fill per status; reserved is drawn hatched over its colour (see :func:`_status_fill`)."""

LinkFor = Callable[[str], "str | None"]


class _BoothWords:
    """What every booth of a plan repeats in ``lang`` (status words, sizes), each formatted once."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.language = language_for(lang)
        self._status: dict[str, str] = {}
        self._size: dict[tuple[type, float], str] = {}

    def status(self, status: str) -> str:
        if status not in self._status:
            self._status[status] = phrase(self.language, "booth", status)
        return self._status[status]

    def size(self, size_m2: float) -> str:
        key = (type(size_m2), size_m2)  # 12 and 12.0 may format differently
        if key not in self._size:
            self._size[key] = f"{self.language.number(size_m2)} m²"
        return self._size[key]


def _status_fill(status: str, prefix: str) -> str:
    return f"url(#{prefix}reserved)" if status == "reserved" else STATUS_FILL[status]


def _status_defs(prefix: str) -> list[str]:
    return [hatch(f"{prefix}reserved", STATUS_FILL["reserved"], "#fff6e0")]


def _link(href: str | None, inner: str) -> str:
    """``inner`` wrapped in a link when there is an address (SVG 2 ``href`` and SVG 1.1 ``xlink:href``)."""
    if not href:
        return inner
    return el("a", {"href": href, "xlink:href": href}, inner)


def floor_plan(show: Show, lang: str, hall_id: str | None = None, *,
               link_for: LinkFor | None = None,
               hall_link_for: LinkFor | None = None) -> str | None:
    """The site plan (``hall_id=None``) or the booth plan of one hall, as SVG text in ``lang``.

    - Site plan: every hall with a ``plan`` rectangle, with its name and booth counts;
      ``hall_link_for(hall_id)`` may give each hall a link (e.g. to its page).
    - Hall plan: every booth of the hall that has a ``plan``, filled by status, labelled with its
      id and the short name (else the name) of the exhibitor holding it, with a legend of the
      statuses; ``link_for(exhibitor_id)`` may give each held booth a link to its exhibitor.
      The frame is the hall's ``plan`` size, else the extent of its booths.

    Returns ``None`` when there is nothing to draw: no hall has a ``plan`` (site plan), or no
    booth of the hall has a ``plan``. Raises ``KeyError`` for an unknown ``hall_id``.
    When links are given, the root's role is ``group`` (not ``img``) so the links stay reachable
    by assistive technology.
    """
    if hall_id is None:
        return _site_plan(show, lang, hall_link_for)
    halls = {h.id: h for h in show.halls}
    if hall_id not in halls:
        raise KeyError(hall_id)
    return _hall_plan(show, halls[hall_id], lang, link_for)


# --------------------------------------------------------------------------- site plan


def _site_plan(show: Show, lang: str, hall_link_for: LinkFor | None) -> str | None:
    halls = [h for h in show.halls if h.plan is not None]
    if not halls:
        return None
    rects = [h.plan for h in halls if h.plan is not None]
    min_x, min_y = min(r.x for r in rects), min(r.y for r in rects)
    span_w = max(r.x + r.width for r in rects) - min_x
    span_h = max(r.y + r.height for r in rects) - min_y
    scale = min((WIDTH - 2 * PAD) / span_w, (SITE_MAX_HEIGHT - 2 * PAD) / span_h)
    width, height = span_w * scale + 2 * PAD, span_h * scale + 2 * PAD
    heading = language_for(lang).gettext("Site plan")
    body: list[str] = []
    linked = False
    for hall in halls:
        r = hall.plan
        assert r is not None
        x, y = PAD + (r.x - min_x) * scale, PAD + (r.y - min_y) * scale
        w, h = r.width * scale, r.height * scale
        name = tr(hall.name, lang, show.languages)
        statuses: Counter[str] = Counter(b.status for b in hall.booths)
        lines: list[tuple[str, float, str | None]] = [(name, 14.0, "bold")]
        if hall.booths:
            lines.append((_counted(lang, language_for(lang).ngettext("%(num)s booth", "%(num)s booths", len(hall.booths)), len(hall.booths)), 11.0, None))
            lines.append((_counted(lang, language_for(lang).ngettext("%(num)s free", "%(num)s free", statuses["free"]), statuses["free"]), 11.0, None))
        parts = [title(f"{name}: " + ", ".join(line for line, _, _ in lines[1:]) if hall.booths else name),
                 el("rect", {"x": x, "y": y, "width": w, "height": h, "fill": "#eef2f7",
                             "stroke": "#1a1a1a", "stroke-width": 1.5})]
        parts += _centred_lines(x, y, w, h, lines)
        group = el("g", {"class": "hall", "data-hall": hall.id}, *parts)
        href = hall_link_for(hall.id) if hall_link_for else None
        linked = linked or bool(href)
        body.append(_link(href, group))
    desc = "; ".join(tr(h.name, lang, show.languages) for h in halls)
    return root(lang=lang, width=width, height=height, label=heading, desc=desc, kind="site-plan",
                body=body, role="group" if linked else "img")


def _centred_lines(x: float, y: float, w: float, h: float,
                   lines: list[tuple[str, float, str | None]]) -> list[str]:
    """As many of ``lines`` as fit the box, centred, each shortened to the box's width."""
    shown: list[tuple[str, float, str | None]] = []
    used = 0.0
    for content, size, weight in lines:
        if used + size * 1.3 > h - 4:
            break
        fitted = fit(content, w - 6, size)
        if not fitted:
            break
        shown.append((fitted, size, weight))
        used += size * 1.3
    out = []
    cursor = y + (h - used) / 2
    for content, size, weight in shown:
        cursor += size * 1.3
        out.append(text(x + w / 2, cursor - size * 0.3, content, anchor="middle", size=size,
                        weight=weight, cls="label"))
    return out


# --------------------------------------------------------------------------- hall plan


def _hall_frame(hall: Hall, booths: list[Booth]) -> tuple[float, float]:
    """Width and height of the hall's drawing, in metres."""
    width = max(b.plan.x + b.plan.width for b in booths if b.plan)
    height = max(b.plan.y + b.plan.height for b in booths if b.plan)
    if hall.plan is not None:
        width, height = max(width, hall.plan.width), max(height, hall.plan.height)
    return width, height


def holder_name(show: Show, booth_id: str, lang: str) -> tuple[str | None, str]:
    """(exhibitor id, short name or name in ``lang``) of the booth's holder; (None, '') if free."""
    exhibitor_id = show.booth_holders.get(booth_id)
    if exhibitor_id is None:
        return None, ""
    exhibitor = show.exhibitor_by_id.get(exhibitor_id)
    if exhibitor is None:
        return exhibitor_id, ""
    # A short name in another language is worse than the full name in the reader's.
    for label in (exhibitor.short_name, exhibitor.name):
        if label and has_lang(label, lang):
            return exhibitor_id, tr(label, lang, show.languages)
    return exhibitor_id, tr(exhibitor.short_name or exhibitor.name, lang, show.languages)


def _hall_plan(show: Show, hall: Hall, lang: str, link_for: LinkFor | None) -> str | None:
    booths = [b for b in hall.booths if b.plan is not None]
    if not booths:
        return None
    frame_w, frame_h = _hall_frame(hall, booths)
    scale = min((WIDTH - 2 * PAD) / frame_w, (MAX_HEIGHT - 2 * PAD - LEGEND_H) / frame_h)
    counts: Counter[str] = Counter(b.status for b in booths)
    legend = _legend_items(lang, counts)
    legend_w = sum(22 + text_width(caption, lang=lang) + 22 for _, caption in legend)
    width = max(frame_w * scale + 2 * PAD, legend_w + 2 * PAD)
    height = frame_h * scale + 2 * PAD + LEGEND_H
    prefix = f"showpress-fp-{hall.id}-"
    hall_name = tr(hall.name, lang, show.languages)
    body = [el("rect", {"class": "hall-outline", "x": float(PAD), "y": float(PAD),
                        "width": frame_w * scale, "height": frame_h * scale,
                        "fill": "#f7f7f7", "stroke": "#1a1a1a", "stroke-width": 2})]
    linked = False
    words = _BoothWords(lang)
    for booth in booths:
        assert booth.plan is not None
        holder, name = holder_name(show, booth.id, lang)
        href = link_for(holder) if (link_for and holder) else None
        linked = linked or bool(href)
        body.append(_link(href, _booth(booth, booth.plan, name, words, scale, prefix)))
    body.append(_legend(legend, prefix, height - LEGEND_H + 6, width if text_dir(lang) == "rtl" else None,
                        lang=lang))
    heading = language_for(lang).gettext("Floor plan of %(hall)s") % {"hall": hall_name}
    summary = ", ".join(f"{phrase(language_for(lang), 'booth', s)} {language_for(lang).number(counts[s])}" for s in STATUSES)
    desc = f"{hall_name}: {summary}"
    return root(lang=lang, width=width, height=height, label=heading, desc=desc, kind="floor-plan",
                body=body, defs=_status_defs(prefix), role="group" if linked else "img")


def _counted(lang: str, message: str, count: int) -> str:
    """A counted phrase ('12 booths') with the number written the language's way."""
    return message % {"num": language_for(lang).number(count)}


def _booth(booth: Booth, plan: Rect, name: str, words: _BoothWords, scale: float, prefix: str) -> str:
    """One booth: its rectangle, its id and its holder's name, shortened to fit."""
    x, y = PAD + plan.x * scale, PAD + plan.y * scale
    w, h = plan.width * scale, plan.height * scale
    tooltip = " · ".join(p for p in (booth.id, name, words.status(booth.status), words.size(booth.size_m2)) if p)
    size = min(14.0, max(11.0, h / 5))
    id_width = text_width(booth.id, size)
    if id_width > w - 4:
        size = max(6.0, size * (w - 4) / id_width)
    parts = [title(tooltip),
             el("rect", {"x": x, "y": y, "width": w, "height": h,
                         "fill": _status_fill(booth.status, prefix), "stroke": "#1a1a1a",
                         "stroke-width": 1})]
    line_h = size * 1.25
    room = int((h - 4) // line_h)
    lines: list[tuple[str, str | None]] = []
    if room >= 1:
        lines.append((fit(booth.id, w - 2, size), "bold"))
    name_size = size
    if name and room >= 2:
        # Shrink a little (to 80 %) rather than break inside a long word; past that, an ellipsis.
        widest = max(text_width(unit.strip(), size) for unit in units(name) if unit.strip())
        if widest > w - 4:
            name_size = max(size * 0.8, size * (w - 4) / widest)
        lines += [(line, None) for line in balanced_wrap(name, w - 4, name_size, min(room - 1, 3),
                                                         hard=False)]
    top = y + (h - line_h * len(lines)) / 2
    for i, (content, weight) in enumerate(lines):
        baseline = top + line_h * (i + 1) - size * 0.3
        parts.append(text(x + w / 2, baseline, content, anchor="middle",
                          size=size if i == 0 else name_size, weight=weight, cls="booth-label"))
    return el("g", {"class": f"booth booth-{booth.status}", "data-booth": booth.id,
                    "data-status": booth.status}, *parts)


def _legend_items(lang: str, counts: Counter[str]) -> list[tuple[str, str]]:
    """(status, caption) of each legend entry: the localised word and the count."""
    return [(s, f"{phrase(language_for(lang), 'booth', s)} ({language_for(lang).number(counts[s])})") for s in STATUSES]


def _legend(items: list[tuple[str, str]], prefix: str, y: float, rtl_width: float | None = None,
            *, lang: str | None = None) -> str:
    """Status swatches with localised words and counts, under the plan (measured in ``lang``'s fonts).

    Left to right; for a right-to-left language (``rtl_width`` given) from the right edge, each
    swatch to the right of its words, which carry ``direction="rtl"`` (their start is their right edge).
    """
    x = float(PAD)
    parts: list[str] = []
    for status, caption in items:
        step = 22 + text_width(caption, lang=lang) + 22
        if rtl_width is None:
            swatch_x, text_x, direction = x, x + 22, None
        else:
            swatch_x, text_x, direction = rtl_width - x - 16, rtl_width - x - 22, "rtl"
        parts.append(el("rect", {"x": swatch_x, "y": y, "width": 16, "height": 16,
                                 "fill": _status_fill(status, prefix), "stroke": "#1a1a1a",
                                 "stroke-width": 1}))
        parts.append(text(text_x, y + 13, caption, direction=direction, cls=f"legend-label legend-{status}"))
        x += step
    return el("g", {"class": "legend"}, *parts)
