"""Feeds beside the pages: RSS 2.0 and Atom news feeds, and the schedule as iCalendar.

Pure functions return bytes (:func:`news_feed`, :func:`schedule_calendar`, :func:`event_calendar`);
:func:`feed_files` gathers every file of one language for the site builder, which writes them
under ``site/<lang>/`` and puts :func:`feed_links` in every page's ``<head>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..i18n import tr
from ..language import language_for
from ..urls import SCHEDULE_CALENDAR, event_calendar_path, feed_path
from .calendar import event_calendar, schedule_calendar
from .news import MEDIA_TYPES, StoryParts, news_feed

if TYPE_CHECKING:
    from ..show import Show

CALENDAR_TYPE = "text/calendar"


@dataclass(frozen=True)
class FeedLink:
    """A feed to announce with ``<link rel=" alternate" type=… href=… title=…>`` (main.html says why the space)."""

    title: str
    href: str
    """Relative to the language root, e.g. 'feed.xml'."""
    type: str


def feed_files(show: Show, lang: str) -> dict[str, bytes]:
    """Every feed and calendar file of ``lang``, by path relative to ``site/<lang>/``.

    ``feed.xml``/``atom.xml`` (all news written in ``lang``), the same per category under
    ``news/category/<id>/``, ``schedule.ics`` and ``events/<event-id>.ics``.
    """
    files: dict[str, bytes] = {}
    parts = StoryParts(lang)  # each story's HTML and links, made once for the feeds of this call
    for kind in ("rss", "atom"):
        files[feed_path(kind)] = news_feed(show, lang, kind=kind, parts=parts)
        for category in show.info.categories:
            files[feed_path(kind, category.id)] = news_feed(show, lang, category.id, kind, parts=parts)
    files[SCHEDULE_CALENDAR] = schedule_calendar(show, lang)
    for event in show.schedule.events:
        files[event_calendar_path(event.id)] = event_calendar(show, event, lang)
    return files


def feed_links(show: Show, lang: str) -> list[FeedLink]:
    """The feeds of ``lang`` for every page head: news as RSS and Atom, the schedule calendar."""
    name = tr(show.info.short_name, lang, show.languages)
    _ = language_for(lang, show).gettext
    news_word, schedule, calendar = _("News"), _("Schedule"), _("Calendar")
    news = f"{name} · {news_word}"
    return [
        FeedLink(f"{news} (RSS)", feed_path("rss"), MEDIA_TYPES["rss"]),
        FeedLink(f"{news} (Atom)", feed_path("atom"), MEDIA_TYPES["atom"]),
        FeedLink(f"{name} · {schedule} ({calendar})", SCHEDULE_CALENDAR, CALENDAR_TYPE),
    ]


__all__ = ["FeedLink", "event_calendar", "feed_files", "feed_links", "news_feed", "schedule_calendar"]
