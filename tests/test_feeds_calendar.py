"""The schedule as iCalendar, read back with icalendar and with a second parser (ics)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import ics
import pytest
from icalendar import Calendar
from news_support import tiny_show

from generator.feeds import event_calendar, feed_files, schedule_calendar

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(scope="module")
def show():
    return tiny_show()


def test_schedule_round_trips_through_icalendar_with_show_zone(show):
    data = schedule_calendar(show, "en")
    cal = Calendar.from_ical(data)
    assert cal.to_ical() == data
    assert str(cal["prodid"]).startswith("-//showpress//")
    assert str(cal["version"]) == "2.0"
    assert str(cal["x-wr-calname"]) == "TTF · Schedule"
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert sorted(events) == ["forum@tiny.example.org", "opening@tiny.example.org"]
    opening = events["opening@tiny.example.org"]
    assert opening["dtstart"].params["TZID"] == "Europe/Berlin"
    start, end = opening.decoded("dtstart"), opening.decoded("dtend")
    assert start == dt.datetime(2026, 6, 10, 9, 0, tzinfo=BERLIN)
    assert start.utcoffset() == dt.timedelta(hours=2)
    assert end - start == dt.timedelta(hours=1)
    assert str(opening["summary"]) == "Opening ceremony"
    assert str(opening["url"]) == "https://tiny.example.org/en/schedule/#event-opening"
    assert str(opening["location"]) == "Main stage, Hall A, Test Hall Centre, Messeplatz 1, 10115 Berlin"
    assert "Erika Muster (Tiny Fairs Ltd)" in str(opening["description"])
    assert opening.decoded("dtstamp") == dt.datetime(2026, 6, 9, 22, 0, tzinfo=dt.UTC)


def test_second_parser_reads_the_same_times(show):
    for lang in show.languages:
        cal = ics.Calendar(schedule_calendar(show, lang).decode("utf-8"))
        events = {e.uid: e for e in cal.events}
        forum = events["forum@tiny.example.org"]
        assert forum.begin.to("UTC").datetime == dt.datetime(2026, 6, 11, 12, 0, tzinfo=dt.UTC)
        assert forum.end.to("Europe/Berlin").strftime("%H:%M") == "15:30"


def test_titles_are_in_the_language_with_fallback(show):
    zh = Calendar.from_ical(schedule_calendar(show, "zh"))
    assert str(zh["x-wr-calname"]) == "测试展 · 日程"
    assert {str(e["summary"]) for e in zh.walk("VEVENT")} == {"开幕式", "工具论坛"}
    ar = Calendar.from_ical(schedule_calendar(show, "ar"))
    assert {str(e["summary"]) for e in ar.walk("VEVENT")} == {"Opening ceremony", "Tools forum"}


def test_one_file_per_event(show):
    files = feed_files(show, "zh")
    for event in show.schedule.events:
        data = files[f"events/{event.id}.ics"]
        assert data == event_calendar(show, event, "zh")
        cal = Calendar.from_ical(data)
        assert "x-wr-calname" not in cal  # imported as one event, not subscribed as a calendar
        (vevent,) = cal.walk("VEVENT")
        assert str(vevent["uid"]) == f"{event.id}@tiny.example.org"
        assert len(cal.walk("VTIMEZONE")) == 1
        assert len(ics.Calendar(data.decode()).events) == 1


def test_calendars_are_byte_identical_across_builds():
    assert schedule_calendar(tiny_show(), "en") == schedule_calendar(tiny_show(), "en")
