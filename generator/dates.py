"""Dates and times in the show's time zone, worded the way the reader's language writes them (Babel).

Every function takes the ``show`` (for its time zone) and the reader's ``lang``. A naive datetime
is taken as show-local (as in the data files); an aware one is converted to the show's zone, so a
story dated ``18:00+02:00`` reads ``18:00`` in Berlin and ``00:00`` the next day in Shanghai.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING

from babel import Locale
from babel.dates import format_date, format_interval, format_time

from .language import language_for

if TYPE_CHECKING:
    from .show import Show

CLOCK_VARIABLE = "SOURCE_DATE_EPOCH"
"""The reproducible-builds convention: when set (seconds since 1970), it is "now" for every phase,
letter date and deadline, so a build or a test run gives the same output on any day."""

def locale_for(lang: str) -> Locale:
    """Babel locale of a language code such as ``zh``, ``pt-BR``; English when Babel lacks it:
    the locale of its :class:`~generator.language.Language` (the one owner of a reader's language)."""
    return language_for(lang).locale


def language_name(lang: str, in_lang: str | None = None) -> str:
    """The name of ``lang`` in ``in_lang`` (default: in itself, e.g. '中文', '한국어')."""
    name = locale_for(lang).get_display_name(locale_for(in_lang or lang))
    return name or lang


def _join(locale: Locale, date_text: str, time_text: str) -> str:
    """Date and time joined the locale's way ('{1}, {0}' in English, '{1} {0}' in Chinese)."""
    pattern = str(locale.datetime_formats["medium"])
    return pattern.replace("{1}", date_text).replace("{0}", time_text)


def _local(moment: dt.datetime, show: Show) -> dt.datetime:
    return show.local(moment)


def format_date_local(value: dt.date | dt.datetime, show: Show, lang: str, fmt: str = "long") -> str:
    """A date (or the date of a moment in the show's zone): 'June 11, 2026', '2026年6月11日'."""
    if isinstance(value, dt.datetime):
        value = _local(value, show).date()
    return format_date(value, fmt, locale=locale_for(lang))


def format_datetime_local(moment: dt.datetime, show: Show, lang: str, fmt: str = "long") -> str:
    """A moment in the show's time zone: 'June 11, 2026, 6:00 PM', '2026年6月11日 18:00'."""
    local = _local(moment, show)
    locale = locale_for(lang)
    date_text = format_date(local.date(), fmt, locale=locale)
    time_text = format_time(local.time(), "short", locale=locale)
    return _join(locale, date_text, time_text)


def format_time_range(start: dt.datetime, end: dt.datetime, show: Show, lang: str, fmt: str = "long") -> str:
    """An event's span: 'June 11, 2026, 2:00 – 3:30 PM'; both ends in full when days differ."""
    local_start, local_end = _local(start, show), _local(end, show)
    locale = locale_for(lang)
    if local_start.date() != local_end.date():
        return f"{format_datetime_local(start, show, lang, fmt)} – {format_datetime_local(end, show, lang, fmt)}"
    twelve_hour = "a" in locale.time_formats["short"].pattern
    times = format_interval(
        local_start.time(), local_end.time(), skeleton="hm" if twelve_hour else "Hm", locale=locale,
    )
    return _join(locale, format_date(local_start.date(), fmt, locale=locale), times)


def local_today(zone: dt.tzinfo) -> dt.date:
    """Today in ``zone``: the date of ``SOURCE_DATE_EPOCH`` when set, else of the wall clock."""
    epoch = os.environ.get(CLOCK_VARIABLE, "").strip()
    if epoch:
        try:
            seconds = int(epoch)
        except ValueError:
            from .errors import UsageError

            raise UsageError(f"{CLOCK_VARIABLE}={epoch!r}: use whole seconds since 1970 (e.g. 1781136000), "
                             "or unset it") from None
        return dt.datetime.fromtimestamp(seconds, zone).date()
    return dt.datetime.now(zone).date()


def show_today(show: Show, today: dt.date | None = None) -> dt.date:
    """The one clock of the generator: ``today`` when given (``--today``), else the date of
    ``SOURCE_DATE_EPOCH`` when set, else today's date, both in the show's time zone.

    Nothing else in the build reads the wall clock (a test enforces it), so every phase, letter
    date and deadline follows from what the caller passed.
    """
    if today is not None:
        return today
    return local_today(show.info.zone)
