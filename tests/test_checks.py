"""One broken-data fixture per rule, each asserting the exact message with its file and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from conftest import edit, problems
from generator.load import load_show

CASES_FILE = Path(__file__).with_name("broken_data_cases.yml")
"""One case per rule: the file to break, the text replaced and its replacement, the exact messages."""


def broken_data_cases() -> list[object]:
    """The cases of CASES_FILE as pytest parameters, each named by its ``id``."""
    cases = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
    return [pytest.param(case["file"], case["old"], case["new"], case["expected"], id=case["id"])
            for case in cases]


@pytest.mark.parametrize(("path", "old", "new", "expected"), broken_data_cases())
def test_broken_data_gives_exact_message(tiny: Path, path: str, old: str, new: str, expected: list[str]) -> None:
    assert problems(tiny) == []
    edit(tiny / path, old, new)
    assert problems(tiny) == expected


def test_open_quote_is_found_past_an_apostrophe(tiny: Path) -> None:
    """`De l'argile` is plain text with an apostrophe; the quote left open is on the website line."""
    edit(tiny / "data/exhibitors.yml", "    country: DE\n", "    country: DE\n    sort_as: {fr: De l'argile}\n")
    edit(tiny / "data/exhibitors.yml", "website: https://acme.example.com/", "website: 'https://acme.example.com/")
    assert problems(tiny) == [
        "data/exhibitors.yml:13:55: YAML syntax error: while parsing a block mapping expected <block end>, but found "
        "'<scalar>'; is a ' quote on line 12 not closed?"]


def test_tiny_fixture_is_clean(tiny: Path) -> None:
    assert problems(tiny) == []


def test_every_problem_is_reported_not_just_the_first(tiny: Path) -> None:
    edit(tiny / "data/exhibitors.yml", "booths: [A-02]", "booths: [A-09]")
    edit(tiny / "data/schedule.yml", "place: stage\n    category", "place: stag\n    category")
    edit(tiny / "content/en/news/notes-one.md", "key: thanks", "key: closing")
    found = problems(tiny)
    assert [line.split(":")[0] for line in found] == [
        "content/en/news/notes-one.md", "data/exhibitors.yml", "data/schedule.yml"]


def test_validation_errors_in_several_files_are_all_reported(tiny: Path) -> None:
    edit(tiny / "data/halls.yml", "size_m2: 36,", "size_m2: big,")
    edit(tiny / "data/exhibitors.yml", "    country: DE\n", "    country: DE\n    webiste: x\n")
    edit(tiny / "content/zh/news/closing.md", "key: closing", "kee: closing")
    found = problems(tiny)
    assert len(found) == 4, found  # the news file lacks `key` and has the unknown `kee`
    assert {line.split(":")[0] for line in found} == {
        "data/halls.yml", "data/exhibitors.yml", "content/zh/news/closing.md"}


def test_norway_stays_a_country_code(tiny: Path) -> None:
    """YAML 1.1 reads NO as false; showpress reads it as the text 'NO'."""
    edit(tiny / "data/exhibitors.yml", "country: 'NO'", "country: NO")
    assert problems(tiny) == []


def test_undeclared_content_language_folder(tiny: Path) -> None:
    (tiny / "content/fr").mkdir()
    assert problems(tiny) == ["content/fr: language 'fr' is not declared in data/show.yml (languages: en, zh, ar): "
                              "add it there or rename the folder"]


def test_client_list_in_data_is_refused(tiny: Path) -> None:
    (tiny / "data/clients.yml").write_text("clients: []\n", encoding="utf-8")
    assert problems(tiny) == ["data/clients.yml: unknown data file: showpress reads show.yml, halls.yml, "
                              "exhibitors.yml, schedule.yml, visiting.yml, forms.yml, letters.yml; rename or move it (client "
                              "lists must not live in data/)"]


@pytest.mark.parametrize(("starts", "ends"), [
    ("'2026-06-10T09:00:00+02:00'", "'2026-06-10 10:00'"),
    ("'2026-06-10T09:00:00+02:00'", "'2026-06-10T10:00:00+02:00'"),
])
def test_event_offset_of_the_show_is_read_as_local_time(tiny: Path, starts: str, ends: str) -> None:
    """An offset equal to the show's own is the same moment: loaded as naive show-local time, so the
    checks, pages, feeds and calendars never compare aware and naive datetimes."""
    edit(tiny / "data/schedule.yml", "starts: '2026-06-10 09:00'\n    ends: '2026-06-10 10:00'",
         f"starts: {starts}\n    ends: {ends}")
    assert problems(tiny) == []
    event = load_show(tiny).schedule.events[0]
    assert (event.starts, event.ends) == (dt.datetime(2026, 6, 10, 9), dt.datetime(2026, 6, 10, 10))
    assert event.starts.tzinfo is None and event.ends.tzinfo is None


def test_event_offset_in_the_autumn_hour_keeps_its_moment(tiny: Path) -> None:
    """02:30 happens twice in Berlin on 2026-10-25; the offset says which, and the naive time keeps it."""
    edit(tiny / "data/show.yml", "  - {date: 2026-06-11, opens: '09:00', closes: '16:00'}",
         "  - {date: 2026-06-11, opens: '09:00', closes: '16:00'}\n  - {date: 2026-10-25, opens: '00:00', "
         "closes: '23:00'}")
    edit(tiny / "data/schedule.yml", "starts: '2026-06-10 09:00'\n    ends: '2026-06-10 10:00'",
         "starts: '2026-10-25T02:30:00+01:00'\n    ends: '2026-10-25T04:00:00+01:00'")
    show = load_show(tiny)
    assert problems(tiny) == []
    starts = show.local(show.schedule.events[0].starts)
    assert starts.utcoffset() == dt.timedelta(hours=1)
    assert starts.astimezone(dt.UTC) == dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC)
