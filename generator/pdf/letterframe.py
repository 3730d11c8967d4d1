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
from dataclasses import dataclass
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_interval

from ..language import Language, language_for
from ..models import Client
from ..show import Show
from .clients import client_language
from .lettertexts import default_body, next_edition, occasion_for, own_text, phase, place
from .templates import Texts

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
    try:
        Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        return client.language
    return tag


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


def _facts(show: Show, language: Language, t: Texts, today: dt.date) -> dict[str, str]:
    info = show.info
    facts = {"show": t.plain(info.name), "short": t.plain(info.short_name),
             "place": place(language, t.plain(info.venue.name), t.plain(info.venue.city)),
             "dates": format_interval(show.first_day, show.last_day, "yMMMd", locale=language.locale),
             "next_dates": "", "theme": ""}
    if any(e.starts > show.last_day for e in info.planned_editions):
        edition = next_edition(show)
        facts.update(next_dates=format_interval(edition.starts, edition.ends, "yMMMd", locale=language.locale),
                     theme=t.plain(edition.theme))
    return facts


def shared_context(show: Show, variant: Variant, kind: str, today: dt.date) -> dict[str, Any]:
    """What every letter of ``variant`` prints alike (pure): the blank letter's context."""
    mailing = show.info.mailing
    assert mailing is not None  # checked by the caller
    language = language_for(variant.tag, show)
    t = Texts(variant.lang, show.languages, frame=variant.tag)
    if kind == "invitation":
        next_edition(show)
    entry = own_text(show, kind, variant.segment, variant.occasion)
    own = entry.body if entry is not None else (mailing.thank_you if kind == "thank-you" else None)
    organiser = next((o for o in show.info.organisers if o.role == "organiser"), None)
    return {
        "anchor": "blank", "blank": True, "lang": variant.tag, "dir": language.direction,
        "convention": convention(language), "script": language.script, "kind": kind,
        "occasion": variant.occasion, "month": today.month, "year": today.year + (today.month == 12),
        "sender": t(organiser.name) if organiser else t(show.info.name), "show": t(show.info.name),
        "date": language.date(today, "long"),
        "body": default_body(language, kind, _facts(show, language, t, today), phase_now=phase(show, today),
                             occasion=variant.occasion),
        "body_md": t.md(own) if own else None,
        "survey_prompt": language.gettext(
            "Please tell us about your experience: scan the QR code or open the address below. "
            "The survey takes three minutes and your answers help us prepare the next edition."),
        "closing": language.gettext("Yours sincerely,"),
        "signatory": t(mailing.signatory), "signatory_title": t(mailing.signatory_title),
    }


def framed(language: Language, salutation: str) -> str:
    """A given salutation inside the language's frame ("Ms Murphy" -> "Dear Ms Murphy,"), not
    framed twice when the client file already wrote the frame ("Dear Ms Murphy")."""
    message = language.gettext("Dear %(salutation)s,")
    head, _, tail = message.partition("%(salutation)s")
    given = salutation.strip().rstrip(",:;،，：")
    if head.strip() and given.casefold().startswith(head.strip().casefold()):
        return given + tail
    return message % {"salutation": given}


def client_context(language: Language, client: Client) -> dict[str, Any]:
    """The client's own lines of a letter (the convention partial sets them in their frame)."""
    greeting = (framed(language, client.salutation) if client.salutation
                else language.gettext("Dear %(name)s,") % {"name": client.name})
    return {"name": client.name, "organisation": client.organisation, "address": client.address,
            "salutation": client.salutation, "greeting": greeting,
            "is_organisation": bool(client.organisation) and client.name == client.organisation}
