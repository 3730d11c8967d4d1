"""data/halls.yml, exhibitors.yml, schedule.yml and visiting.yml: the venue and what happens in it."""

from __future__ import annotations

from typing import Literal

from pydantic import (
    Field,
    model_validator,
)

from .types import (
    AbsoluteUrl,
    CountryCode,
    Id,
    MediaPath,
    Model,
    ShowTime,
    Text,
)


class Rect(Model):
    """A rectangle on a plan, in metres: a hall's from the site plan's top-left corner, a booth's from its
    own hall's top-left corner."""

    x: float = Field(ge=0)
    """Distance from the left edge (of the site plan for a hall, of its hall for a booth), in metres."""
    y: float = Field(ge=0)
    """Distance from the top edge (of the site plan for a hall, of its hall for a booth), in metres."""
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
    """Floor area in square metres; with a plan, within 10% of its width × height."""
    status: BoothStatus = "free"
    """free, reserved or sold; sold booths must be given to an exhibitor."""
    plan: Rect | None = None
    """Where the booth lies in its hall: x and y in metres from the hall's top-left corner, inside the hall's plan."""


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
    """The hall's outline on the site plan, x and y from the site plan's top-left corner; its top-left
    corner is also the origin of its booths' plans."""
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
    sort_as: Text | None = None
    """How the name sorts, per language, when its letters do not tell: the reading in kana of a
    Japanese name in kanji (`{ja: きよさとせいき}`), or a pinyin spelling of a Chinese name with a
    polyphonic character. Never printed; without it names sort by their own letters (ICU rules of
    the reader's language: pinyin, stroke order, French accents, Arabic alef forms...)."""
    country: CountryCode
    """ISO country code of its seat, e.g. CN, KR, JP, DE, NO (Norway: no quotes needed)."""
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
    starts: ShowTime
    """Start in the show's time zone, '2026-05-12 09:30'; an offset only if it is the show's own then."""
    ends: ShowTime
    """End in the show's time zone, written like starts."""
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
        if (self.starts.tzinfo is None) != (self.ends.tzinfo is None):
            raise ValueError("give starts and ends both in the show's time zone, without an offset")
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
