"""data/show.yml: the show itself, its days, venue, organisers, history, figures and settings."""

from __future__ import annotations

import datetime as dt
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import (
    Field,
    field_validator,
    model_validator,
)

from .identity import Identity
from .types import (
    AbsoluteUrl,
    Email,
    Id,
    LangCode,
    LocalTime,
    Model,
    Text,
    TimeZoneName,
)


class Venue(Model):
    """Where the show takes place."""

    name: Text
    """Name of the venue, e.g. the exhibition centre."""
    address: Text
    """Postal address, one line per language."""
    city: Text
    """City, used in titles and on the brochure cover."""
    latitude: float = Field(ge=-90, le=90)
    """Latitude of the main entrance, in decimal degrees."""
    longitude: float = Field(ge=-180, le=180)
    """Longitude of the main entrance, in decimal degrees."""


class ShowDay(Model):
    """One day of the show with its opening hours."""

    date: dt.date
    """The calendar date, e.g. 2026-05-12."""
    opens: LocalTime
    """Opening time in the show's time zone, two-digit hours, e.g. '09:00' (quotes optional)."""
    closes: LocalTime
    """Closing time in the show's time zone, two-digit hours, e.g. '17:00' (quotes optional)."""
    audience: Text | None = None
    """Who may enter that day, e.g. {en: Trade visitors only}."""

    @model_validator(mode="after")
    def _closes_after_opening(self) -> ShowDay:
        if self.closes <= self.opens:
            raise ValueError(f"closes ({self.closes:%H:%M}) must be after opens ({self.opens:%H:%M})")
        return self


class Organiser(Model):
    """An organisation behind the show."""

    role: Literal["host", "organiser", "co-organiser", "supporter"]
    """Its role: host, organiser, co-organiser or supporter."""
    name: Text
    """Its name."""
    website: AbsoluteUrl | None = None
    """Its website."""


class Office(Model):
    """An office of the organiser where clients can get help."""

    name: Text
    """Name of the office, e.g. {en: Seoul representative office}."""
    address: Text
    """Postal address."""
    phone: str | None = None
    """Phone number in international form, e.g. '+86 10 5555 0100' (quote it)."""
    email: Email | None = None
    """E-mail address."""
    timezone: TimeZoneName | None = None
    """Time zone of the office, for clients abroad."""


class PastEdition(Model):
    """Figures of an earlier edition, for the history page and charts."""

    edition: int = Field(ge=1)
    """Edition number."""
    year: int = Field(ge=1900, le=2200)
    """Year it took place."""
    theme: Text | None = None
    """Theme of that edition."""
    visitors: int = Field(ge=0)
    """Number of visits."""
    exhibitors: int = Field(ge=0)
    """Number of exhibitors."""
    countries: int = Field(ge=0)
    """Number of countries and regions of exhibitors."""
    deals_musd: float | None = Field(default=None, ge=0)
    """Value of deals signed, in millions of US dollars."""


class PlannedEdition(Model):
    """A future edition announced on the site."""

    edition: int = Field(ge=1)
    """Edition number."""
    starts: dt.date
    """First day."""
    ends: dt.date
    """Last day."""
    theme: Text
    """Its announced theme."""


class DailyVisitors(Model):
    """Visits counted on one day of this edition."""

    date: dt.date
    """The day."""
    visitors: int = Field(ge=0)
    """Visits counted at the gates."""


class Statistics(Model):
    """This edition's figures."""

    visitors_per_day: list[DailyVisitors] = []
    """Visits per show day (filled in during and after the show)."""
    exhibitors: int | None = Field(default=None, ge=0)
    """Number of exhibitors; computed from data/exhibitors.yml when left out."""
    countries: int | None = Field(default=None, ge=0)
    """Number of countries and regions; computed from the exhibitors when left out."""
    deals_musd: float | None = Field(default=None, ge=0)
    """Value of deals signed, in millions of US dollars."""
    note: Text | None = None
    """Source or remark printed under the figures."""


class Section(Model):
    """A titled block of Markdown text (rules, history, purpose...)."""

    title: Text
    """Heading of the section."""
    body: Text
    """Markdown text of the section."""


class Milestone(Model):
    """A step of the venue construction progress."""

    date: dt.date
    """Date of the step (planned or reached)."""
    title: Text
    """What happens."""
    status: Literal["done", "in-progress", "planned"]
    """done, in-progress or planned."""
    percent: int = Field(default=0, ge=0, le=100)
    """Completion in percent."""


class Category(Model):
    """A news category: a sub-show or a topic."""

    id: Id
    """Identifier used in news front matter (`category:`) and in URLs."""
    name: Text
    """Display name."""
    kind: Literal["sub-show", "topic"] = "topic"
    """sub-show (a show within the show, with its own halls and dates) or topic."""
    halls: list[Id] = []
    """For a sub-show: the halls it occupies."""


class InquiryDesk(Model):
    """The desk that answers special questions."""

    email: Email
    """E-mail address of the desk."""
    phone: str | None = None
    """Phone number (quote it)."""
    hours: Text | None = None
    """When the desk answers, e.g. {en: Mon–Fri 9:00–17:00 CST}."""
    form: Id | None = None
    """Id of the inquiry form in data/forms.yml."""


class Mailing(Model):
    """Settings of personalised client mailings."""

    signatory: Text
    """Name of the person who signs the letters."""
    signatory_title: Text
    """Their title, e.g. {en: Director, Organising Committee}."""
    survey: Id
    """Id of the survey in data/forms.yml that the QR code on letters opens."""
    thank_you: Text | None = None
    """Body of the thank-you letter (Markdown); a neutral default is used when left out."""


class ShowInfo(Model):
    """data/show.yml: the show itself."""

    name: Text
    """Full name of the show."""
    short_name: Text
    """Short name for titles and headers."""
    edition: int = Field(ge=1)
    """Number of this edition."""
    languages: list[LangCode] = Field(min_length=1)
    """Languages of the site; the first one is the default language."""
    site_url: AbsoluteUrl
    """Public address of the site, e.g. https://expo.example.org/ (feeds and QR codes need it)."""
    collector_url: AbsoluteUrl
    """Public address of the feedback collector that the forms post to."""
    timezone: TimeZoneName
    """IANA time zone of the show, e.g. Asia/Shanghai; all times in the data are in it."""
    days: list[ShowDay] = Field(min_length=1)
    """The show days with opening hours, in order."""
    venue: Venue
    """Where the show takes place."""
    organisers: list[Organiser] = []
    """Host, organiser, co-organisers and supporters."""
    offices: list[Office] = []
    """Offices of the organiser."""
    theme: Text | None = None
    """Theme of this edition."""
    history: Text | None = None
    """History of the show (Markdown)."""
    purpose: Text | None = None
    """Purpose of the show (Markdown)."""
    past_editions: list[PastEdition] = []
    """Figures of earlier editions."""
    planned_editions: list[PlannedEdition] = []
    """Future editions with themes and dates."""
    statistics: Statistics = Statistics()
    """This edition's figures."""
    categories: list[Category] = []
    """News categories: sub-shows and topics."""
    participation: list[Section] = []
    """Rules for taking part as an exhibitor."""
    investment: list[Section] = []
    """Rules and opportunities for investors and sponsors."""
    construction: list[Milestone] = []
    """Venue construction progress."""
    inquiry: InquiryDesk
    """The inquiry desk."""
    mailing: Mailing | None = None
    """Settings of personalised client mailings."""
    identity: Identity = Identity()
    """The site's look: logo, colours for light and dark, the home page's hero picture, sponsors."""
    fallbacks: dict[LangCode, list[LangCode]] = {}
    """Per language, the languages to show when a text is missing, in order, e.g.
    ``{fr: [en, ar]}``; default: English if the show has it, then the default language."""

    @field_validator("languages")
    @classmethod
    def _unique_languages(cls, value: list[str]) -> list[str]:
        seen: set[str] = set()
        for lang in value:
            if lang in seen:
                raise ValueError(f"language {lang!r} is listed twice")
            seen.add(lang)
        return value

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)
