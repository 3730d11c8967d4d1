"""The frame of a client's letter: its locale, paper and culture's conventions, and what it prints.

A client's language **and** country choose the letter's locale (``en`` + GB -> ``en-GB``: "1
December 2026"; ``zh`` + TW -> ``zh-TW``: Traditional Chinese, TC glyphs), the paper (US letter
for US/CA/MX, A4 elsewhere, unless ``--paper`` is given) and the convention family, one template
partial each in ``site_templates/pdf/_conventions/`` (Japanese 拝啓…敬具 and 様, Chinese 尊敬的…：
and 此致 / 敬礼！, Korean …님께 / 드림, Arabic right to left with its honorifics, Western). The
show's texts come in the show language nearest to the client's (:func:`client_language`), while
the frame's words stay in the client's own language wherever showpress ships it.

Letters that print alike share a :class:`Variant` (locale, paper, body): the blank letter is laid
out once per variant (see letters.py and mailing.py).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import icu
from babel.dates import format_interval

from .. import catalog
from ..language import Language, known_locale, language_for
from ..models import Client
from ..show import Show
from .clients import client_language
from .lettertexts import default_body, next_edition, occasion_for, own_text, phase, place
from .templates import Texts, environment

LETTER_PAPER_COUNTRIES = frozenset({"US", "CA", "MX"})
"""Countries where letters go on US letter paper; A4 elsewhere."""


@dataclass(frozen=True, order=True)
class Variant:
    """What letters printing the same shared text have in common."""

    tag: str
    """The letter's locale as a BCP 47 tag (``en-GB``, ``zh-TW``, ``fr``)."""
    lang: str
    """The show language its show texts come in."""
    paper: str
    segment: str | None = None
    """The segment of data/letters.yml's entry for it (None: the entry for every segment, or none)."""
    occasion: str | None = None
    """Greetings only: the occasion."""


def letter_tag(client: Client) -> str:
    """The letter's locale: the client's language with their country when CLDR knows the pair."""
    if "-" in client.language or not client.country:
        return client.language
    tag = f"{client.language}-{client.country}"
    return tag if known_locale(tag) is not None else client.language


def paper_for(client: Client, paper: str | None) -> str:
    """``paper`` when given, else US letter for US/CA/MX clients and A4 for everyone else."""
    if paper:
        return paper
    return "letter" if client.country in LETTER_PAPER_COUNTRIES else "A4"


def variant_for(show: Show, client: Client, kind: str, today: dt.date, paper: str | None) -> Variant:
    """The variant of a client's letter."""
    occasion = occasion_for(client, today) if kind == "greetings" else None
    entry = own_text(show, kind, client.segment, occasion)
    segment = entry.segment if entry is not None else None
    return Variant(letter_tag(client), client_language(letter_tag(client), show.languages),
                   paper_for(client, paper), segment, occasion)


def convention(language: Language) -> str:
    """The convention partial of a language (``_conventions/<name>.html``)."""
    return language.letter_convention


@functools.lru_cache(maxsize=16)
def calendar_of(name: str, project: Path | None = None) -> str:
    """The calendar convention ``name`` dates its letters in: the partial's ``calendar`` (Japanese
    letters: ``japanese``, 令和8年12月1日), ``gregorian`` when it names none."""
    module = environment(project).get_template(f"_conventions/{name}.html").module
    return str(getattr(module, "calendar", "gregorian"))


def _icu_format(language: Language, calendar: str, day: dt.date, skeleton: str | None) -> str:
    """``day`` in ``calendar`` (CLDR's long date, or the best pattern of ``skeleton``), by ICU."""
    locale = icu.Locale(f"{language.locale}@calendar={calendar}")
    if skeleton is None:
        formatter = icu.DateFormat.createDateInstance(icu.DateFormat.kLong, locale)
    else:
        pattern = icu.DateTimePatternGenerator.createInstance(locale).getBestPattern(skeleton)
        formatter = icu.SimpleDateFormat(pattern, locale)
    zone = icu.TimeZone.getGMT()
    formatter.setTimeZone(zone)
    moment = icu.GregorianCalendar(zone)
    moment.clear()
    moment.set(day.year, day.month - 1, day.day)
    return str(formatter.format(moment.getTime()))


def letter_date(language: Language, day: dt.date, calendar: str = "gregorian") -> str:
    """The date of a letter in its convention's calendar ('1 December 2026'; 令和8年12月1日)."""
    if calendar == "gregorian":
        return language.date(day, "long")
    return _icu_format(language, calendar, day, None)


def year_name(language: Language, year: int, calendar: str = "gregorian") -> str:
    """A year as the convention's calendar names it (2027年; 令和9年)."""
    return _icu_format(language, calendar, dt.date(year, 1, 1), "y" if calendar == "gregorian" else "Gy")


class LetterTexts(Texts):
    """The show's texts for a letter: Simplified Chinese written out in Traditional characters (ICU's
    Hans-Hant) when the letter is in Traditional Chinese and the show has only Simplified, so that a
    Taiwanese client's letter is in one script, set as the letter's own language (TC glyphs)."""

    def __init__(self, lang: str, languages: list[str], frame: str):
        super().__init__(lang, languages, frame=frame)
        self.hant = (icu.Transliterator.createInstance("Hans-Hant")
                     if language_for(frame).script == "Hant" else None)

    def pick(self, text: dict[str, str] | None) -> tuple[str, str | None]:
        value, shown = super().pick(text)
        if self.hant is not None and shown is not None and language_for(shown).script == "Hans":
            return str(self.hant.transliterate(value)), self.frame
        return value, shown


def _facts(show: Show, language: Language, t: Texts, today: dt.date) -> dict[str, str]:
    info = show.info
    facts = {"show": t.plain(info.name), "short": t.plain(info.short_name),
             "place": place(language, t.plain(info.venue.name), t.plain(info.venue.city)),
             "dates": format_interval(show.first_day, show.last_day, "yMMMMd", locale=language.locale),
             "next_dates": "", "theme": ""}
    if any(e.starts > show.last_day for e in info.planned_editions):
        edition = next_edition(show)
        facts.update(next_dates=format_interval(edition.starts, edition.ends, "yMMMMd", locale=language.locale),
                     theme=t.plain(edition.theme))
    return facts


def speaks(t: Texts, text: dict[str, str], language: Language) -> bool:
    """Whether the show's own text can stand in a letter in ``language`` without mixing languages:
    it is written in that language (any region or script), or showpress ships no catalog for the
    language, so that its default wording would be in a fallback language too."""
    shown = t.pick(text)[1]
    if shown is None or catalog.shipped_po(language.locale) is None:
        return True
    primary = known_locale(shown)
    return primary is None or primary.language == language.locale.language


def shared_context(show: Show, variant: Variant, kind: str, today: dt.date) -> dict[str, Any]:
    """What every letter of ``variant`` prints alike (pure): the blank letter's context."""
    mailing = show.info.mailing
    assert mailing is not None  # checked by the caller
    language = language_for(variant.tag, show)
    t = LetterTexts(variant.lang, show.languages, frame=variant.tag)
    if kind == "invitation":
        next_edition(show)
    entry = own_text(show, kind, variant.segment, variant.occasion)
    own = entry.body if entry is not None else (mailing.thank_you if kind == "thank-you" else None)
    if own and not speaks(t, own, language):
        own = None
    organiser = next((o for o in show.info.organisers if o.role == "organiser"), None)
    calendar = calendar_of(convention(language), show.root)
    return {
        "anchor": "blank", "blank": True, "lang": variant.tag, "dir": language.direction,
        "convention": convention(language), "script": language.script, "kind": kind,
        "occasion": variant.occasion, "month": today.month,
        "new_year": year_name(language, today.year + (today.month == 12), calendar),
        "sender": t(organiser.name) if organiser else t(show.info.name), "show": t(show.info.name),
        "date": letter_date(language, today, calendar),
        "body": default_body(language, kind, _facts(show, language, t, today), phase_now=phase(show, today),
                             occasion=variant.occasion),
        "body_md": t.md(own) if own else None,
        "survey_prompt": language.gettext(
            "Please tell us about your experience: scan the QR code or open the address below. "
            "The survey takes three minutes and your answers help us prepare the next edition."),
        "closing": language.gettext("Yours sincerely,"),
        "signatory": t(mailing.signatory), "signatory_title": t(mailing.signatory_title),
    }


def _frames(language: Language, gender: str | None) -> list[str]:
    """The language's frames of a given salutation, the one agreeing with ``gender`` first."""
    neutral = language.gettext("Dear %(salutation)s,")
    female = language.pgettext("female", "Dear %(salutation)s,")
    male = language.pgettext("male", "Dear %(salutation)s,")
    first = {"female": female, "male": male}.get(gender or "", neutral)
    return [first, *(frame for frame in (female, male, neutral) if frame != first)]


def framed(language: Language, salutation: str, gender: str | None = None) -> str:
    """A given salutation inside the language's frame ("Ms Murphy" -> "Dear Ms Murphy,"; German
    "Herr Weber" of a man -> "Sehr geehrter Herr Weber,"), not framed twice when the client file
    already wrote a frame of the language ("Dear Ms Murphy", "Sehr geehrter Herr Hofmann")."""
    frames = _frames(language, gender)
    given = salutation.strip().rstrip(",:;،，：!")
    for frame in frames:
        head, _, tail = frame.partition("%(salutation)s")
        if head.strip() and given.casefold().startswith(head.strip().casefold()):
            return given + tail
    return frames[0] % {"salutation": given}


def greeting(language: Language, client: Client) -> str:
    """The greeting of a letter in the Western convention: the given salutation in its frame, else by
    gender ("Sehr geehrte Frau Müller,", "Estimado Sr. García:", "Madame,"), else the language's
    neutral form for a person ("Guten Tag Alex Müller,") or an organisation ("Sehr geehrte Damen und
    Herren,")."""
    if client.salutation:
        return framed(language, client.salutation, client.gender)
    _ = language.gettext
    name = client.family_name or client.name
    if client.gender == "female":
        return _("Dear Ms %(name)s,") % {"name": name}
    if client.gender == "male":
        return _("Dear Mr %(name)s,") % {"name": name}
    if client.organisation and client.name == client.organisation:
        return _("Dear Sir or Madam,")
    return _("Dear %(name)s,") % {"name": client.name}


def client_context(language: Language, client: Client) -> dict[str, Any]:
    """The client's own lines of a letter (the convention partial sets them in their frame)."""
    return {"name": client.name, "organisation": client.organisation, "address": client.address,
            "salutation": client.salutation, "greeting": greeting(language, client), "gender": client.gender,
            "family_name": client.family_name,
            "is_organisation": bool(client.organisation) and client.name == client.organisation}
