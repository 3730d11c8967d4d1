"""schema.org JSON-LD for the home page (ExhibitionEvent) and the schedule (Event)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..i18n import tr
from ..models import Event
from ..show import Show
from ..urls import lang_root


def _place(show: Show, lang: str) -> dict[str, Any]:
    venue = show.info.venue
    t = lambda text: tr(text, lang, show.languages)  # noqa: E731
    return {
        "@type": "Place",
        "name": t(venue.name),
        "address": {"@type": "PostalAddress", "streetAddress": t(venue.address), "addressLocality": t(venue.city)},
        "geo": {"@type": "GeoCoordinates", "latitude": venue.latitude, "longitude": venue.longitude},
    }


def exhibition_event(show: Show, lang: str) -> dict[str, Any]:
    """The show as a schema.org ExhibitionEvent."""
    info = show.info
    t = lambda text: tr(text, lang, show.languages)  # noqa: E731
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ExhibitionEvent",
        "name": t(info.name),
        "alternateName": t(info.short_name),
        "startDate": show.local(_at(show.first_day, info.days[0].opens)).isoformat(),
        "endDate": show.local(_at(show.last_day, info.days[-1].closes)).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "inLanguage": lang,
        "url": lang_root(show, lang),
        "location": _place(show, lang),
    }
    if info.theme:
        data["description"] = t(info.theme)
    if info.organisers:
        data["organizer"] = [
            {"@type": "Organization", "name": t(o.name), **({"url": o.website} if o.website else {})}
            for o in info.organisers
        ]
    return data


def schedule_events(show: Show, lang: str, events: list[Event]) -> list[dict[str, Any]]:
    """The programme as schema.org Event objects, each a sub-event of the show."""
    t = lambda text: tr(text, lang, show.languages)  # noqa: E731
    places = {p.id: p for p in show.schedule.places}
    out = []
    for event in events:
        item: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": t(event.title),
            "startDate": show.local(event.starts).isoformat(),
            "endDate": show.local(event.ends).isoformat(),
            "inLanguage": lang,
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": {**_place(show, lang), "name": t(places[event.place].name) if event.place in places
                         else t(show.info.venue.name)},
            "superEvent": {"@type": "ExhibitionEvent", "name": t(show.info.name)},
        }
        if event.description:
            item["description"] = t(event.description)
        if event.speakers:
            item["performer"] = [{"@type": "Person", "name": t(s.name)} for s in event.speakers]
        out.append(item)
    return out


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time)
