"""data/letters.yml: the texts of the letters sent to key clients, per kind and segment.

Every letter has a default body in each shipped interface language (the catalog's); an entry here
replaces it for one kind, optionally only for one client segment (and, for greetings, one
occasion). The frame around the body (greeting, closing, date, signature) follows the client's
language and country and is not written here.
"""

from __future__ import annotations

from typing import Literal

from .types import Model, Text

LetterKind = Literal["brochure", "thank-you", "reminder", "invitation", "greetings"]
"""The kinds of letters a mailing writes."""

Segment = Literal["exhibitor", "buyer", "visitor", "group-visitor", "vip", "media", "sponsor",
                  "service-provider", "investor", "government", "association", "partner"]
"""Client segments a letter text may be written for (the client file's ``segment`` column)."""

Occasion = Literal["lunar-new-year", "new-year", "christmas", "seasons", "eid-al-fitr"]
"""Occasions of a greetings letter: Lunar New Year, New Year (年賀状 in Japan), Christmas,
season's greetings, Eid al-Fitr."""


class LetterText(Model):
    """The body of one kind of letter, for every client or for one segment."""

    kind: LetterKind
    """brochure, thank-you, reminder, invitation or greetings."""
    segment: Segment | None = None
    """Only for clients of this segment (exhibitor, buyer, media, sponsor, vip...); all when left out."""
    occasion: Occasion | None = None
    """Greetings only: the occasion this text is for (lunar-new-year, new-year, christmas, seasons,
    eid-al-fitr); every occasion when left out."""
    body: Text
    """The letter's body in Markdown, per language. It sits between the greeting and the closing:
    write neither here. Do not ask for the survey: the letter's survey box does (thank-you, reminder)."""


class LettersFile(Model):
    """data/letters.yml: the show's own letter texts, overriding the shipped defaults."""

    letters: list[LetterText] = []
    """Letter texts; the most specific entry wins (kind with segment and occasion, then kind alone)."""
