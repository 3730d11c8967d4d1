"""Typed models of every data file of a show.

One model per file in ``data/`` (plus news front matter and the private client list). Every field
carries a docstring: pydantic turns it into the JSON Schema ``description`` that editors see as
autocompletion help, and ``tests/test_models.py`` fails when one is missing.

Translatable text is a :data:`Text`: a mapping ``{language: text}``. A plain string is accepted
too and means "the same in every language" (names of people, brand names). Fallback to the
default language happens at render time (:mod:`generator.i18n`), never here.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

ANY_LANG = "*"
"""Key under which a plain string is stored: the same text in every language."""


def _text_from_str(value: object) -> object:
    if isinstance(value, str):
        return {ANY_LANG: value}
    return value


def _text_not_empty(value: dict[str, str]) -> dict[str, str]:
    if not value:
        raise ValueError("text is empty: give at least the default language, e.g. {zh: ..., en: ...}")
    return value


Text = Annotated[
    dict[Annotated[str, StringConstraints(pattern=r"^([a-z]{2,3}(-[A-Za-z0-9]{2,8})*|\*)$")], str],
    BeforeValidator(_text_from_str, json_schema_input_type=str | dict[str, str]),
    AfterValidator(_text_not_empty),
]
"""Translatable text: ``{lang: text}``; a plain string means the same text in every language."""

Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=64)]
"""An identifier: letters, digits, ``-``, ``_`` and ``.``; used in URLs and cross-references."""

LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
"""A BCP 47 language code such as ``zh``, ``en``, ``pt-BR``."""

CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
"""An ISO 3166-1 alpha-2 country code in capitals, e.g. ``CN``, ``KR``, ``DE``."""

AbsoluteUrl = Annotated[str, StringConstraints(pattern=r"^https?://[^\s/$.?#][^\s]*$")]
"""An absolute http(s) URL: feeds, QR codes and e-mails need the full address."""

MediaPath = Annotated[str, StringConstraints(pattern=r"^media/[^\s]+$")]
"""A file under ``data/media/``, written as ``media/...``."""

Email = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
"""An e-mail address."""


def _check_timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {value!r}: use an IANA name such as Asia/Shanghai") from None
    return value


TimeZoneName = Annotated[str, AfterValidator(_check_timezone)]
"""An IANA time zone name such as ``Asia/Shanghai`` or ``Europe/Berlin``."""


class Model(BaseModel):
    """Base of every data model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


# --------------------------------------------------------------------------- show.yml


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
    opens: dt.time
    """Opening time in the show's time zone, e.g. '09:00' (quote it)."""
    closes: dt.time
    """Closing time in the show's time zone, e.g. '17:00' (quote it)."""
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


# --------------------------------------------------------------------------- halls.yml


class Rect(Model):
    """A rectangle on the floor plan, in metres from the plan's top-left corner."""

    x: float = Field(ge=0)
    """Distance from the left edge, in metres."""
    y: float = Field(ge=0)
    """Distance from the top edge, in metres."""
    width: float = Field(gt=0)
    """Width in metres."""
    height: float = Field(gt=0)
    """Height in metres."""


BoothStatus = Literal["free", "reserved", "sold"]


class Booth(Model):
    """A booth (stand space) in a hall."""

    id: Id
    """Booth number, unique in the show, e.g. H1-001."""
    size_m2: float = Field(gt=0)
    """Floor area in square metres."""
    status: BoothStatus = "free"
    """free, reserved or sold; sold booths must be given to an exhibitor."""
    plan: Rect | None = None
    """Where the booth lies on its hall's plan."""


class Hall(Model):
    """An exhibition hall."""

    id: Id
    """Hall identifier, e.g. H1."""
    name: Text
    """Display name."""
    area_m2: float | None = Field(default=None, gt=0)
    """Gross exhibition area in square metres."""
    facilities: list[Text] = []
    """Facilities in the hall: loading doors, power, water, Wi-Fi, cafés..."""
    plan: Rect | None = None
    """The hall's outline on the site plan (also the coordinate frame of its booths)."""
    booths: list[Booth] = []
    """The booths of the hall."""


class HallsFile(Model):
    """data/halls.yml: halls and their booths."""

    halls: list[Hall] = Field(min_length=1)
    """The halls of the venue."""


# --------------------------------------------------------------------------- exhibitors.yml


class ExhibitorCategory(Model):
    """A product category used to filter the exhibitor directory."""

    id: Id
    """Identifier used in exhibitor `categories:`."""
    name: Text
    """Display name."""


class Exhibitor(Model):
    """A company or institution exhibiting at the show."""

    id: Id
    """Identifier, unique; becomes the page address."""
    name: Text
    """Full name per language."""
    short_name: Text | None = None
    """Short name for lists and the floor plan."""
    country: CountryCode
    """ISO country code of its seat, e.g. CN, KR, JP, DE (quote NO for Norway)."""
    categories: list[Id] = []
    """Ids of its product categories (see `categories:` in this file)."""
    booths: list[Id] = []
    """Ids of its booths (see data/halls.yml)."""
    website: AbsoluteUrl | None = None
    """Its website."""
    description: Text | None = None
    """A short description of the company (plain text, not HTML)."""
    products: list[Text] = []
    """Products shown at the fair."""
    logo: MediaPath | None = None
    """Logo image under data/media/."""


class ExhibitorsFile(Model):
    """data/exhibitors.yml: product categories and exhibitors."""

    categories: list[ExhibitorCategory] = []
    """Product categories."""
    exhibitors: list[Exhibitor] = []
    """Exhibitors."""


# --------------------------------------------------------------------------- schedule.yml


class Place(Model):
    """A room, stage or area where events take place."""

    id: Id
    """Identifier used by events."""
    name: Text
    """Display name."""
    hall: Id | None = None
    """The hall it is in, if any."""


class Speaker(Model):
    """A speaker at an event."""

    name: Text
    """Name as printed."""
    affiliation: Text | None = None
    """Organisation and role."""


class Event(Model):
    """An event of the programme."""

    id: Id
    """Identifier, unique; used as calendar UID."""
    kind: Literal["ceremony", "forum", "performance", "award", "meeting", "tour", "other"] = "other"
    """ceremony, forum, performance, award, meeting, tour or other."""
    title: Text
    """Title per language."""
    starts: dt.datetime
    """Start in the show's time zone, e.g. '2026-05-12 09:30'."""
    ends: dt.datetime
    """End in the show's time zone."""
    place: Id
    """Id of the place (see `places:` in this file)."""
    speakers: list[Speaker] = []
    """Speakers."""
    description: Text | None = None
    """Description (plain text)."""
    category: Id | None = None
    """Sub-show or topic (a category of data/show.yml)."""

    @model_validator(mode="after")
    def _ends_after_start(self) -> Event:
        if self.ends <= self.starts:
            raise ValueError(
                f"ends ({self.ends:%Y-%m-%d %H:%M}) must be after starts ({self.starts:%Y-%m-%d %H:%M})"
            )
        return self


class ScheduleFile(Model):
    """data/schedule.yml: places and events."""

    places: list[Place] = []
    """Rooms, stages and areas."""
    events: list[Event] = []
    """The programme."""


# --------------------------------------------------------------------------- visiting.yml


class Entrance(Model):
    """An entrance to the venue."""

    id: Id
    """Identifier used by transport and parking."""
    name: Text
    """Display name, e.g. {en: East Gate}."""
    description: Text | None = None
    """How to find it; which halls are nearest."""
    halls: list[Id] = []
    """Halls nearest to this entrance."""


class Transport(Model):
    """A way to reach the venue."""

    mode: Literal["metro", "bus", "train", "airport", "taxi", "car", "bike", "shuttle", "walk"]
    """metro, bus, train, airport, taxi, car, bike, shuttle or walk."""
    title: Text
    """Line or route name."""
    description: Text
    """How to get there."""
    entrance: Id | None = None
    """The entrance it brings you to."""
    walking_minutes: int | None = Field(default=None, ge=0)
    """Walking time from the stop to that entrance."""


class Parking(Model):
    """A car park."""

    name: Text
    """Name of the car park."""
    spaces: int | None = Field(default=None, ge=0)
    """Number of spaces."""
    price: Text | None = None
    """Price, e.g. {en: CNY 10 per hour}."""
    entrance: Id | None = None
    """Nearest entrance."""
    walking_minutes: int | None = Field(default=None, ge=0)
    """Walking time to that entrance."""


class Service(Model):
    """A supporting service for exhibitors and visitors."""

    kind: Literal[
        "reception", "lodging", "parking", "stand-building", "guides", "ticketing",
        "medical", "translation", "catering", "logistics", "business-centre", "other",
    ]
    """Kind of service."""
    title: Text
    """Title."""
    description: Text
    """What it offers and how to book (Markdown)."""
    contact: str | None = None
    """Phone, e-mail or desk location."""
    image: MediaPath | None = None
    """Photo under data/media/."""


class Ticket(Model):
    """A ticket type."""

    name: Text
    """Ticket name."""
    price: Text
    """Price with currency."""
    description: Text | None = None
    """Who it is for and what it includes."""


class VisitingFile(Model):
    """data/visiting.yml: getting there and services."""

    entrances: list[Entrance] = []
    """Entrances of the venue."""
    transport: list[Transport] = []
    """Public transport and other ways to come."""
    parking: list[Parking] = []
    """Car parks."""
    tickets: list[Ticket] = []
    """Ticket types."""
    ticketing: Text | None = None
    """How to buy or register for tickets (Markdown)."""
    accessibility: Text | None = None
    """Accessibility information (Markdown)."""
    services: list[Service] = []
    """Supporting services."""


# --------------------------------------------------------------------------- forms.yml


class Option(Model):
    """An answer option of a choice question."""

    id: Id
    """Identifier stored with answers."""
    label: Text
    """Label shown to the respondent."""


class Question(Model):
    """A question of a form."""

    id: Id
    """Identifier stored with answers; unique in its form."""
    kind: Literal["single", "multiple", "text", "email", "rating"]
    """single or multiple choice, free text, e-mail, or rating (1–5)."""
    label: Text
    """The question."""
    topic: Literal["exhibits", "transport", "shopping", "services", "general", "contact"] = "general"
    """Topic of the question, for the report."""
    options: list[Option] = []
    """Options of a choice question (2–3 is best for on-site surveys)."""
    required: bool = False
    """Whether an answer is required."""
    max_length: int = Field(default=2000, ge=1, le=20000)
    """Longest accepted text answer, in characters."""

    @model_validator(mode="after")
    def _options_match_kind(self) -> Question:
        if self.kind in ("single", "multiple") and len(self.options) < 2:
            raise ValueError(f"a {self.kind} choice question needs at least two options")
        if self.kind not in ("single", "multiple") and self.options:
            raise ValueError(f"a {self.kind} question takes no options; use kind: single or multiple")
        return self


class Lottery(Model):
    """An optional lottery that lifts the response rate."""

    prize: Text
    """What can be won."""
    consent: Text
    """Consent text the respondent must accept to take part."""


class Form(Model):
    """A survey or the inquiry form."""

    id: Id
    """Identifier; part of the form's address and of the collector URL."""
    kind: Literal["survey", "inquiry"] = "survey"
    """survey or inquiry."""
    audience: Literal["visitor", "exhibitor", "client", "public"] = "visitor"
    """Who it is for."""
    title: Text
    """Title."""
    intro: Text | None = None
    """Introduction shown above the questions (Markdown)."""
    questions: list[Question] = Field(min_length=1)
    """The questions, in order."""
    lottery: Lottery | None = None
    """Optional lottery entry."""
    thanks: Text
    """Thank-you message shown after sending."""


class FormsFile(Model):
    """data/forms.yml: surveys and the inquiry form."""

    forms: list[Form] = []
    """All forms."""


# --------------------------------------------------------------------------- news front matter


class NewsMeta(Model):
    """Front matter of a news story in content/<lang>/news/*.md."""

    title: str = Field(min_length=1)
    """Title in the language of the file."""
    date: dt.datetime
    """Publication time with its time zone, e.g. 2026-05-16T18:00:00+08:00."""
    category: Id
    """Id of a category in data/show.yml (a sub-show or topic)."""
    summary: str = Field(min_length=1)
    """One or two sentences shown in lists and feeds."""
    key: Id
    """The same key on every translation of one story links them across languages."""
    image: MediaPath | None = None
    """Lead image under data/media/."""
    image_alt: str | None = None
    """Description of the image for readers who cannot see it."""
    author: str | None = None
    """Author's name."""
    updated: dt.datetime | None = None
    """Time of the last significant edit, with its time zone."""


class PageMeta(Model):
    """Optional front matter of an editor's page in content/<lang>/."""

    title: str | None = None
    """Page title; the first heading is used when left out."""
    key: Id | None = None
    """Links translations of one page; defaults to the file's path."""
    description: str | None = None
    """Summary for search engines and link previews."""


# --------------------------------------------------------------------------- clients (private)

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


DATA_FILES: dict[str, type[Model]] = {
    "show.yml": ShowInfo,
    "halls.yml": HallsFile,
    "exhibitors.yml": ExhibitorsFile,
    "schedule.yml": ScheduleFile,
    "visiting.yml": VisitingFile,
    "forms.yml": FormsFile,
}
"""Each file under data/ and the model that reads it."""

SCHEMA_MODELS: dict[str, type[Model]] = {
    **DATA_FILES,
    "news.frontmatter": NewsMeta,
    "page.frontmatter": PageMeta,
    "clients.yml": ClientsFile,
}
"""Everything `showpress schema` writes a JSON Schema for."""
