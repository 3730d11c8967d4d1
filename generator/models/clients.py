"""The private client list of mailings (never published)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import (
    Field,
    field_validator,
)

from .letters import Occasion
from .types import (
    CountryCode,
    Id,
    LangCode,
    Model,
    TimeZoneName,
)

SEGMENT_RE = re.compile(r"^[a-z][a-z0-9-]*$")
Gender = Literal["female", "male", "other"]
"""How a letter's greeting agrees with the client, where the language's greeting does."""
GENDERS = ("female", "male", "other")


class Client(Model):
    """A key client for personalised mailings (private: never published)."""

    id: Id
    """Client id, unique in the file; becomes the PDF's file name and the survey token's subject."""
    name: str = Field(min_length=1, max_length=300)
    """Name as it goes on the letter."""
    language: LangCode
    """Working language; a language the show lacks falls back to English, else the default."""
    organisation: str | None = Field(default=None, max_length=300)
    """Company or institution."""
    segment: str | None = None
    """exhibitor, group-visitor, visitor, vip, media, sponsor, service-provider..."""
    country: CountryCode | None = None
    """ISO country code."""
    timezone: TimeZoneName | None = None
    """Client's time zone."""
    salutation: str | None = Field(default=None, max_length=200)
    """How the letter addresses them, without the frame: 'Ms Murphy', 'Monsieur', '李总', '田中様',
    '김민준 대표'. The letter sets it inside its language's frame ('Dear Ms Murphy,', '尊敬的李总：',
    '김민준 대표님께'); without it the letter greets the name or uses the language's formal default
    ('Madame, Monsieur,', 'Sehr geehrte Damen und Herren,')."""
    gender: Gender | None = None
    """female, male or other, for languages whose greeting agrees with it: female 'Sehr geehrte Frau
    Müller,', 'Estimada Sra. García:', 'Madame,'; male 'Sehr geehrter Herr Müller,', 'Estimado Sr.
    García:', 'Monsieur,'; other or left out: the language's neutral form ('Guten Tag Alex Müller,';
    an organisation: 'Sehr geehrte Damen und Herren,'). With a salutation, it chooses the frame's
    agreement ('Sehr geehrte Frau Dr. Vollmer,')."""
    family_name: str | None = Field(default=None, min_length=1, max_length=300)
    """The name that follows Ms/Mr/Frau/Sra. in the greeting ('Müller', 'García López'); the whole
    name when left out."""
    address: str | None = Field(default=None, max_length=1000)
    """Postal address, lines separated by newlines."""
    observes: list[Occasion] | None = None
    """Occasions the client marks, which choose a greetings letter's occasion: lunar-new-year,
    new-year, christmas, seasons, eid-al-fitr (in CSV separated by ';', e.g. 'eid-al-fitr;christmas').
    When left out, the client's country chooses (Lunar New Year for CN/TW/HK/MO/KR/VN/SG,
    New Year for JP, season's greetings elsewhere)."""

    @field_validator("observes", mode="before")
    @classmethod
    def _split_observes(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]
        return value

    @field_validator("gender", mode="before")
    @classmethod
    def _gender_word(cls, value: object) -> object:
        if isinstance(value, str):
            word = value.strip().lower()
            if word not in GENDERS:
                raise ValueError(f"gender must be female, male or other (not {value!r}); leave it empty "
                                 "for the language's neutral greeting")
            return word
        return value

    @field_validator("segment")
    @classmethod
    def _segment_shape(cls, value: str | None) -> str | None:
        if value is not None and not SEGMENT_RE.match(value):
            raise ValueError("segment must be lower-case words joined by '-', e.g. group-visitor")
        return value


class ClientsFile(Model):
    """A YAML client list: `clients:` followed by client entries."""

    clients: list[Client]
    """The clients."""
