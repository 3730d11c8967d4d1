"""What a letter says, by kind: the show's own texts (data/letters.yml) over the catalog's defaults.

The default bodies are interface messages (translated in every shipped catalog); an editor's entry
in data/letters.yml for the kind (and the client's segment, and for greetings the occasion)
replaces them. Wording follows the show's phase on the letter's date (a brochure sent after the
show does not look forward to welcoming the reader), and a greetings letter's occasion follows
the client's culture and the date (:func:`occasion_for`).
"""

from __future__ import annotations

import datetime as dt
import logging

from ..errors import UsageError
from ..language import Language
from ..models import Client, LetterText, PlannedEdition
from ..phrases import N_
from ..show import Show

log = logging.getLogger(__name__)

GREETINGS: dict[str, str] = {
    "lunar-new-year": N_(
        "As the Lunar New Year approaches, we send you and your colleagues our warmest wishes for health, "
        "happiness and prosperity in the year ahead. Thank you for your trust and support; we look forward "
        "to continuing our cooperation."),
    "new-year": N_(
        "We send you our best wishes for the New Year. Thank you for your kind support during the past year; "
        "we look forward to continuing to work with you in the year ahead."),
    "christmas": N_(
        "We send you and your colleagues our warmest wishes for a happy Christmas and a peaceful, successful "
        "New Year. Thank you for your support throughout the year."),
    "seasons": N_(
        "We send you and your colleagues our warmest season's greetings and our best wishes for a healthy and "
        "successful New Year. Thank you for your support throughout the year."),
    "eid-al-fitr": N_(
        "On the occasion of Eid al-Fitr, we send you and your family our warmest wishes for peace, health and "
        "happiness. Eid Mubarak. Thank you for your trust and support."),
}
"""Occasion -> msgid of the default greetings body."""

LUNAR_NEW_YEAR = ("2025-01-29", "2026-02-17", "2027-02-06", "2028-01-26", "2029-02-13", "2030-02-03",
                  "2031-01-23", "2032-02-11", "2033-01-31", "2034-02-19", "2035-02-08")
"""First day of the Lunar New Year (Chinese calendar)."""
EID_AL_FITR = ("2025-03-30", "2026-03-20", "2027-03-09", "2028-02-26", "2029-02-14", "2030-02-04",
               "2031-01-24", "2032-01-14", "2033-01-02", "2033-12-23", "2034-12-12", "2035-12-01")
"""Expected first day of Eid al-Fitr (it follows the sighting of the moon: a day either way)."""

LUNAR_COUNTRIES = frozenset({"CN", "TW", "HK", "MO", "KR", "VN", "SG"})
"""Countries whose clients get Lunar New Year greetings by default."""
NEW_YEAR_COUNTRIES = frozenset({"JP"})
"""Countries whose clients get New Year greetings (年賀状 in Japan) by default."""
NENGAJO_POST_BY = (12, 25)
"""Japan Post delivers New Year cards posted by 25 December on 1 January."""
THANK_YOU_WINDOW = dt.timedelta(weeks=5)
"""Recall of a show falls to about 60% within five weeks of closing: thank-you letters go out before."""


def _next(dates: tuple[str, ...], today: dt.date) -> dt.date | None:
    for text in dates:
        day = dt.date.fromisoformat(text)
        if day >= today - dt.timedelta(days=7):
            return day
    return None


def next_date(occasion: str, today: dt.date) -> dt.date | None:
    """When ``occasion`` next falls on or after ``today`` (a week's grace), None when unknown."""
    if occasion == "lunar-new-year":
        return _next(LUNAR_NEW_YEAR, today)
    if occasion == "eid-al-fitr":
        return _next(EID_AL_FITR, today)
    if occasion == "new-year":
        return dt.date(today.year + (today > dt.date(today.year, 1, 7)), 1, 1)
    christmas = dt.date(today.year, 12, 25)
    return christmas if today <= christmas + dt.timedelta(days=7) else christmas.replace(year=today.year + 1)


def occasion_for(client: Client, today: dt.date) -> str:
    """The occasion of a greetings letter: the nearest of the occasions the client marks, else by country."""
    if client.observes:
        dated = [(next_date(o, today) or dt.date.max, i, o) for i, o in enumerate(client.observes)]
        return min(dated)[2]
    if client.country in LUNAR_COUNTRIES:
        return "lunar-new-year"
    if client.country in NEW_YEAR_COUNTRIES:
        return "new-year"
    return "seasons"


def phase(show: Show, today: dt.date) -> str:
    """'upcoming', 'open' or 'closed' on ``today``."""
    if today < show.first_day:
        return "upcoming"
    return "open" if today <= show.last_day else "closed"


def next_edition(show: Show) -> PlannedEdition:
    """The first planned edition after this one; UsageError when none is planned."""
    planned = sorted((e for e in show.info.planned_editions if e.starts > show.last_day), key=lambda e: e.starts)
    if not planned:
        raise UsageError("data/show.yml: no planned edition after this one: add the next edition under "
                         "`planned_editions:` (edition, starts, ends, theme) to send invitations")
    return planned[0]


def own_text(show: Show, kind: str, segment: str | None, occasion: str | None) -> LetterText | None:
    """The most specific entry of data/letters.yml for this letter, or None."""
    best: tuple[int, LetterText] | None = None
    for entry in show.letters_file.letters:
        if entry.kind != kind or entry.segment not in (None, segment) or entry.occasion not in (None, occasion):
            continue
        score = (entry.segment is not None) * 2 + (entry.occasion is not None)
        if best is None or score > best[0]:
            best = (score, entry)
    return best[1] if best else None


def default_body(language: Language, kind: str, facts: dict[str, str], *, phase_now: str,
                 occasion: str | None) -> str:
    """The catalog's body of a letter of ``kind`` (plain text, placeholders filled)."""
    _ = language.gettext
    if kind == "brochure" and phase_now == "closed":
        text = _("Please find enclosed the brochure of %(show)s, held from %(dates)s at %(place)s. It records the "
                 "halls, the exhibitors and the programme of this edition, and we hope it will serve you as a "
                 "useful reference.")
    elif kind == "brochure":
        text = _("Please find enclosed the brochure of %(show)s, which will be held from %(dates)s at %(place)s. "
                 "It describes the halls, the exhibitors, the programme and everything you need for your visit. "
                 "We look forward to welcoming you.")
    elif kind == "reminder":
        text = _("Some weeks ago we wrote to thank you for taking part in %(show)s and to ask for your opinion. "
                 "If you have not had a moment yet, we would still be very glad to hear from you.")
    elif kind == "invitation":
        text = _("We are pleased to invite you to the next edition of %(show)s, which will be held from "
                 "%(next_dates)s at %(place)s on the theme “%(theme)s”. We would be honoured to welcome you "
                 "again and will gladly help you prepare your visit or your participation.")
    elif kind == "greetings":
        message = GREETINGS.get(occasion or "", GREETINGS["seasons"])
        text = _(message)
    else:
        text = _("Thank you for taking part in %(show)s. Your presence made this edition a success, and "
                 "we would be glad to welcome you again at the next one.")
    return text % facts


def place(language: Language, venue: str, city: str) -> str:
    """Where the show is held: the venue, with the city unless the venue's name already says it."""
    if not city or city in venue:
        return venue
    return language.gettext("%(venue)s, %(city)s") % {"venue": venue, "city": city}


def timing_warnings(show: Show, kind: str, today: dt.date, occasions: set[str], countries: set[str]) -> list[str]:
    """Warnings about when this mailing goes out (logged by the caller)."""
    warnings = []
    if kind == "thank-you" and today - show.last_day > THANK_YOU_WINDOW:
        warnings.append(f"the thank-you letters go out {(today - show.last_day).days} days after the show closed "
                        f"({show.last_day}): recall falls to about 60% within five weeks; send them sooner")
    if kind == "greetings" and "new-year" in occasions and "JP" in countries:
        month, day = NENGAJO_POST_BY
        if dt.date(today.year, month, day) < today:
            warnings.append(f"New Year cards (年賀状) posted after {day} December ({today}) do not arrive in "
                            "Japan on 1 January")
    return warnings
