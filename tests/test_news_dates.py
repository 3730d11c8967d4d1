"""Dates and times in the show's zone, in the reader's language."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from news_support import tiny_show

from generator.dates import (
    format_date_local,
    format_datetime_local,
    format_time_range,
    language_name,
    locale_for,
)


def plain(text: str) -> str:
    """Babel writes narrow no-break and thin spaces (U+202F, U+2009); compare with plain ones."""
    return text.replace("\u202f", " ").replace("\u2009", " ")


@pytest.fixture(scope="module")
def show():
    return tiny_show()


def test_aware_moment_is_shown_in_the_show_zone(show):
    shanghai = dt.datetime(2026, 6, 12, 0, 30, tzinfo=ZoneInfo("Asia/Shanghai"))  # 18:30 the day before in Berlin
    assert plain(format_datetime_local(shanghai, show, "en")) == "June 11, 2026, 6:30 PM"
    assert format_datetime_local(shanghai, show, "zh") == "2026年6月11日 18:30"
    assert format_date_local(shanghai, show, "ja") == "2026年6月11日"


def test_naive_moment_is_show_local(show):
    assert format_datetime_local(dt.datetime(2026, 6, 10, 9, 0), show, "de") == "10. Juni 2026, 09:00"


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "June 11, 2026, 2:00 – 3:30 PM"),
    ("zh", "2026年6月11日 14:00–15:30"),
    ("ko", "2026년 6월 11일 PM 2:00~3:30"),
    ("ja", "2026年6月11日 14時00分～15時30分"),
])
def test_time_range_on_one_day(show, lang, expected):
    start, end = dt.datetime(2026, 6, 11, 14, 0), dt.datetime(2026, 6, 11, 15, 30)
    assert plain(format_time_range(start, end, show, lang)) == expected


def test_time_range_over_two_days(show):
    text = format_time_range(dt.datetime(2026, 6, 10, 20, 0), dt.datetime(2026, 6, 11, 2, 0), show, "en")
    assert plain(text) == "June 10, 2026, 8:00 PM – June 11, 2026, 2:00 AM"


def test_unknown_language_falls_back_to_english_and_names(show):
    assert locale_for("xx-Nope") == locale_for("en")
    assert locale_for("pt-BR").territory == "BR"
    assert language_name("zh") == "中文"
    assert language_name("en", "zh") == "英语"
