"""The private client list of mailings (never published)."""

from __future__ import annotations

import re

from pydantic import (
    Field,
    field_validator,
)

from .types import (
    CountryCode,
    Id,
    LangCode,
    Model,
    TimeZoneName,
)

SEGMENT_RE = re.compile(r"^[a-z][a-z0-9-]*$")


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
    """How the letter greets them, e.g. 'Dear Ms Kim'; a polite default per language otherwise."""
    address: str | None = Field(default=None, max_length=1000)
    """Postal address, lines separated by newlines."""

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
