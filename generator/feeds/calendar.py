"""The schedule as iCalendar (RFC 5545): one calendar per language and one file per event.

Times are written with ``TZID=<the show's zone>`` and a VTIMEZONE generated from zoneinfo, so a
calendar in another zone shows them right. Nothing depends on the build time: DTSTAMP is the show's
first day (00:00 show time, in UTC), UIDs are ``<event-id>@<site host>``.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone
from icalendar import Event as VEvent

from ..i18n import tr
from ..language import language_for
from ..urls import event_url, site_host

if TYPE_CHECKING:
    from ..models import Event
    from ..show import Show

PRODID = "-//showpress//showpress schedule//EN"
"""Who made the calendar (RFC 5545 3.7.3); the same for every show and language."""


def event_uid(show: Show, event: Event) -> str:
    """Stable across builds, titles and languages: '<event-id>@<site host>'."""
    return f"{event.id}@{site_host(show)}"


def calendar_stamp(show: Show) -> dt.datetime:
    """DTSTAMP for every event: the show's first day at 00:00 show time, in UTC (never now())."""
    first = dt.datetime.combine(show.first_day, dt.time(0), tzinfo=show.info.zone)
    return first.astimezone(dt.UTC)


def _timezone(show: Show) -> Timezone:
    """VTIMEZONE of the show's zone, covering the years of its events and days."""
    years = [d.date.year for d in show.info.days] + [e.starts.year for e in show.schedule.events]
    return _vtimezone(show.info.timezone, min(years) - 1, max(years) + 1)


@functools.lru_cache(maxsize=16)
def _vtimezone(name: str, first_year: int, last_year: int) -> Timezone:
    """Computing the transitions is slow (~20 ms) and every event's .ics needs the same block.

    The component is shared between calendars and never changed after it is made.
    """
    return Timezone.from_tzinfo(
        ZoneInfo(name), tzid=name, first_date=dt.date(first_year, 1, 1), last_date=dt.date(last_year, 12, 31),
    )


def _calendar(show: Show, lang: str, name: str | None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name is not None:
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", show.info.timezone)
        cal.add("x-wr-caldesc", tr(show.info.name, lang, show.languages))
    cal.add_component(_timezone(show))
    return cal


def _location(show: Show, lang: str, event: Event) -> str:
    """'Main stage, Hall A, Test Hall Centre, Messeplatz 1, Berlin' in the reader's language."""
    parts: list[str] = []
    place = next((p for p in show.schedule.places if p.id == event.place), None)
    if place is not None:
        parts.append(tr(place.name, lang, show.languages))
        if place.hall and place.hall in {h.id for h in show.halls}:
            hall = next(h for h in show.halls if h.id == place.hall)
            parts.append(tr(hall.name, lang, show.languages))
    venue = show.info.venue
    parts += [tr(venue.name, lang, show.languages), tr(venue.address, lang, show.languages)]
    return ", ".join(p for p in parts if p)


def _description(show: Show, lang: str, event: Event) -> str:
    lines: list[str] = []
    if event.description:
        lines.append(tr(event.description, lang, show.languages))
    if event.speakers:
        names = []
        for speaker in event.speakers:
            name = tr(speaker.name, lang, show.languages)
            if speaker.affiliation:
                name += f" ({tr(speaker.affiliation, lang, show.languages)})"
            names.append(name)
        language = language_for(lang, show)
        lines.append(language.gettext("Speakers: %(names)s") % {"names": language.list(names)})
    lines.append(event_url(show, lang, event.id))
    return "\n\n".join(lines)


def _vevent(show: Show, lang: str, event: Event) -> VEvent:
    vevent = VEvent()
    vevent.add("uid", event_uid(show, event))
    vevent.add("dtstamp", calendar_stamp(show))
    vevent.add("dtstart", show.local(event.starts))
    vevent.add("dtend", show.local(event.ends))
    vevent.add("summary", tr(event.title, lang, show.languages))
    vevent.add("description", _description(show, lang, event))
    vevent.add("location", _location(show, lang, event))
    vevent.add("url", event_url(show, lang, event.id))
    if event.category:
        cat = next((c for c in show.info.categories if c.id == event.category), None)
        if cat is not None:
            vevent.add("categories", [tr(cat.name, lang, show.languages)])
    vevent.add("geo", (show.info.venue.latitude, show.info.venue.longitude))
    return vevent


def _sorted_events(show: Show) -> list[Event]:
    return sorted(show.schedule.events, key=lambda e: (show.local(e.starts), e.id))


def schedule_calendar(show: Show, lang: str) -> bytes:
    """Every event of the show, titles and descriptions in ``lang``."""
    schedule = language_for(lang, show).gettext("Schedule")
    name = f"{tr(show.info.short_name, lang, show.languages)} · {schedule}"
    cal = _calendar(show, lang, name)
    for event in _sorted_events(show):
        cal.add_component(_vevent(show, lang, event))
    return cal.to_ical()


def event_calendar(show: Show, event: Event, lang: str) -> bytes:
    """One event ("add to calendar"): no calendar name, so clients import it, not subscribe."""
    cal = _calendar(show, lang, None)
    cal.add_component(_vevent(show, lang, event))
    return cal.to_ical()

