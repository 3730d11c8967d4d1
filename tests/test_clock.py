"""One clock: outputs depend on the date the caller gives, never on the day the suite runs."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from conftest import FIXED_TODAY_EPOCH, TINY
from generator.dates import show_today
from generator.errors import UsageError
from generator.load import load_show

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
WALL_CLOCK = re.compile(r"\b(?:date|datetime)\.(?:today|now|utcnow)\(|\btime\.(?:time|localtime|gmtime)\(\)")
# The collector stamps answers and reports with the moment they happen; that is its job.
ALLOWED = {"dates.py"}
ALLOWED_FOLDERS = {"collector"}


@pytest.fixture(scope="module")
def show():
    return load_show(TINY)


def test_only_the_dates_module_reads_the_wall_clock():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if rel.name in ALLOWED and rel.parent == Path(".") or rel.parts[0] in ALLOWED_FOLDERS:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code, _, comment = line.partition("#")
            if comment.strip().startswith("clock:"):
                continue  # a reasoned use that is not a date, e.g. a comparison with file times
            if WALL_CLOCK.search(code) and '"""' not in code:
                offenders.append(f"{rel}:{number}: {line.strip()}")
    assert offenders == [], "use generator.dates.show_today instead:\n" + "\n".join(offenders)


def test_the_suite_runs_on_a_fixed_day(show):
    assert show_today(show) == dt.date(2026, 6, 12)
    assert FIXED_TODAY_EPOCH


def test_an_explicit_date_wins_over_source_date_epoch(show):
    assert show_today(show, dt.date(2030, 1, 2)) == dt.date(2030, 1, 2)


def test_source_date_epoch_is_read_in_the_show_time_zone(show, monkeypatch):
    # 2026-06-11 23:30 UTC is already 12 June in Berlin (UTC+2 in summer).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 6, 11, 23, 30, tzinfo=dt.UTC).timestamp())))
    assert show_today(show) == dt.date(2026, 6, 12)


def test_a_bad_source_date_epoch_is_a_usage_error(show, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH='yesterday': use whole seconds"):
        show_today(show)


def test_without_a_clock_setting_it_is_today_in_the_show_zone(show, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    before = dt.datetime.now(show.info.zone).date()
    day = show_today(show)
    assert day in {before, dt.datetime.now(show.info.zone).date()}  # midnight may pass in between
