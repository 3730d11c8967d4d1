"""One broken-data fixture per rule, each asserting the exact message with its file and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import edit, problems
from generator.load import load_show

CASES = [
    pytest.param(
        "data/exhibitors.yml", "    country: DE\n", "    country: DE\n   bad: [\n",
        ["data/exhibitors.yml:9:4: YAML syntax error: while parsing a block collection expected <block end>, "
         "but found '<block mapping start>'; check indentation and quoting"],
        id="yaml-syntax",
    ),
    pytest.param(
        "data/exhibitors.yml", "    country: DE\n", "    country: DE\n    webiste: https://x.example.com/\n",
        ["data/exhibitors.yml:9:5: exhibitors[0].webiste: unknown key 'webiste': did you mean 'website'? "
         "allowed here: booths, categories, country, description, id, logo, name, products, short_name, sort_as, website"],
        id="unknown-key",
    ),
    pytest.param(
        "data/halls.yml", "size_m2: 36,", "size_m2: big,",
        ["data/halls.yml:14:29: halls[1].booths[0].size_m2: Input should be a valid number, "
         "unable to parse string as a number (got 'big')"],
        id="wrong-type",
    ),
    pytest.param(
        "data/show.yml", "edition: 3", "edition: 'three'",
        ["data/show.yml:4:10: edition: Input should be a valid integer, unable to parse string as an integer "
         "(got 'three')"],
        id="wrong-type-int",
    ),
    pytest.param(
        "data/exhibitors.yml", "    country: KR\n", "\n",
        ["data/exhibitors.yml:21:5: exhibitors[2].country: missing required key 'country': add it"],
        id="missing-key",
    ),
    pytest.param(
        "data/exhibitors.yml", "booths: [A-02]", "booths: [A-09]",
        ["data/exhibitors.yml:25:14: exhibitors[2].booths[0]: no booth 'A-09' in data/halls.yml "
         "(did you mean 'A-03' or 'A-02' or 'A-01'? known: A-01, A-02, A-03, B-01)"],
        id="dangling-booth",
    ),
    pytest.param(
        "data/exhibitors.yml", "  - id: hanil", "  - id: acme",
        ["data/exhibitors.yml:21:9: exhibitors[2].id: duplicate exhibitor id 'acme' (first used at line 5): "
         "give each a unique id"],
        id="duplicate-id",
    ),
    pytest.param(
        "data/exhibitors.yml", "booths: [A-02]", "booths: [A-01]",
        ["data/exhibitors.yml:25:14: exhibitors[2].booths[0]: booth 'A-01' is already given to exhibitor 'acme': "
         "a booth can have only one exhibitor"],
        id="booth-twice",
    ),
    pytest.param(
        "data/halls.yml", "id: A-02, size_m2: 18, status: reserved", "id: A-02, size_m2: 18, status: free",
        ["data/exhibitors.yml:25:14: exhibitors[2].booths[0]: booth 'A-02' is given to this exhibitor but is "
         "'free' in data/halls.yml: set its status to sold or reserved"],
        id="assigned-booth-free",
    ),
    pytest.param(
        "data/halls.yml", "id: A-03, size_m2: 18, status: free", "id: A-03, size_m2: 18, status: sold",
        ["data/halls.yml:10:41: halls[0].booths[2].status: booth 'A-03' is sold but no exhibitor has it: add it "
         "to an exhibitor's booths in data/exhibitors.yml, or set status: reserved or free"],
        id="sold-booth-unassigned",
    ),
    pytest.param(
        "data/schedule.yml", "starts: '2026-06-11 14:00'\n    ends: '2026-06-11 15:30'",
        "starts: '2026-06-14 14:00'\n    ends: '2026-06-14 15:30'",
        ["data/schedule.yml:14:13: events[1].starts: event 'forum' on 2026-06-14 14:00 is not within one show "
         "day (2026-06-10 … 2026-06-11): check its date"],
        id="event-outside-show",
    ),
    pytest.param(
        "data/schedule.yml", "starts: '2026-06-11 14:00'\n    ends: '2026-06-11 15:30'",
        "starts: '2026-06-10 09:30'\n    ends: '2026-06-10 11:00'",
        ["data/schedule.yml:14:13: events[1].starts: event 'forum' overlaps 'opening' in place 'stage' "
         "(2026-06-10 09:30 < 10:00): move it or use another place"],
        id="events-overlap",
    ),
    pytest.param(
        "data/schedule.yml", "ends: '2026-06-11 15:30'", "ends: '2026-06-11 13:30'",
        ["data/schedule.yml:11:5: events[1]: ends (2026-06-11 13:30) must be after starts (2026-06-11 14:00)"],
        id="event-ends-before-start",
    ),
    pytest.param(
        "data/schedule.yml", "starts: '2026-06-10 09:00'", "starts: '2026-06-10T09:00:00+08:00'",
        ["data/schedule.yml:7:13: events[0].starts: '2026-06-10T09:00:00+08:00' has the offset +08:00, but the "
         "show's time zone (Europe/Berlin) is at +02:00 then: write the show's local time without an offset (that "
         "moment is '2026-06-10 03:00' there)"],
        id="event-offset-not-the-shows",
    ),
    pytest.param(
        "data/schedule.yml", "ends: '2026-06-10 10:00'", "ends: '2026-06-10T08:00:00Z'",
        ["data/schedule.yml:8:11: events[0].ends: '2026-06-10T08:00:00+00:00' has the offset +00:00, but the "
         "show's time zone (Europe/Berlin) is at +02:00 then: write the show's local time without an offset (that "
         "moment is '2026-06-10 10:00' there)"],
        id="event-offset-utc",
    ),
    pytest.param(
        "data/show.yml", "opens: '09:00', closes: '16:00'", "opens: '09:00+02:00', closes: '16:00'",
        ["data/show.yml:11:31: days[1].opens: '09:00:00+02:00' has an offset: write the time of day without one, "
         "e.g. '09:00'; it is read in the show's time zone"],
        id="opening-hours-offset",
    ),
    pytest.param(
        "data/schedule.yml", "place: stage\n    category", "place: stag\n    category",
        ["data/schedule.yml:16:12: events[1].place: no place 'stag' in the places of data/schedule.yml "
         "(did you mean 'stage'? known: stage)"],
        id="dangling-place",
    ),
    pytest.param(
        "content/zh/news/closing.md", "date: 2026-06-11T18:00:00+02:00", "date: 2026-06-11 18:00",
        ["content/zh/news/closing.md:3:7: date: 2026-06-11 18:00 has no time zone: write it with an offset, "
         "e.g. 2026-06-11T18:00:00+02:00"],
        id="news-date-without-zone",
    ),
    pytest.param(
        "content/en/news/notes-one.md", "key: thanks", "key: closing",
        ["content/en/news/notes-one.md:6:6: key: key 'closing' is also used by content/en/news/closing.md: one "
         "story per language per key; give this story its own key"],
        id="news-key-twice-in-language",
    ),
    pytest.param(
        "content/en/news/notes-one.md", "category: notes", "category: note",
        ["content/en/news/notes-one.md:4:11: category: no category 'note' in data/show.yml "
         "(did you mean 'notes'? known: machines, notes)"],
        id="news-dangling-category",
    ),
    pytest.param(
        "data/exhibitors.yml", "description: {en: Fish from Norway.}",
        "description: {en: Fish from Norway., fr: Poisson}",
        ["data/exhibitors.yml:20:42: exhibitors[1].description.fr: language 'fr' is not declared in "
         "data/show.yml (languages: en, zh, ar): add it there or fix the key"],
        id="undeclared-language",
    ),
    pytest.param(
        "data/exhibitors.yml", "logo: media/acme.svg", "logo: media/acme.png",
        ["data/exhibitors.yml:14:11: exhibitors[0].logo: image 'data/media/acme.png' does not exist: add the "
         "file or fix the path (did you mean 'media/acme.svg'? known: media/acme.svg)"],
        id="missing-image",
    ),
    pytest.param(
        "data/show.yml", "site_url: https://tiny.example.org/", "site_url: tiny.example.org",
        ["data/show.yml:6:11: site_url: 'tiny.example.org' must be an absolute address starting with https:// "
         "(feeds, QR codes and e-mails need it)"],
        id="relative-site-url",
    ),
    pytest.param(
        "data/show.yml", "collector_url: https://collect.tiny.example.org/",
        "collector_url: https://collect.tiny.example.org",
        ["data/show.yml:7:16: collector_url: 'https://collect.tiny.example.org' must end with '/' "
         "(e.g. 'https://collect.tiny.example.org/'), so that pages resolve below it"],
        id="url-without-slash",
    ),
    pytest.param(
        "data/show.yml", "\ntimezone: Europe/Berlin", "\ntimezone: Berlin",
        ["data/show.yml:8:11: timezone: unknown time zone 'Berlin': use an IANA name such as Asia/Shanghai"],
        id="bad-time-zone",
    ),
    pytest.param(
        "data/show.yml", "survey: feedback", "survey: ask",
        ["data/show.yml:43:11: mailing.survey: no survey 'ask' in data/forms.yml (known: feedback)"],
        id="mailing-survey-is-not-a-survey",
    ),
    pytest.param(
        "data/show.yml", "  - {date: 2026-06-11, opens: '09:00', closes: '16:00'}",
        "  - {date: 2026-06-11, opens: '09:00', closes: '16:00'}\n  - {date: 2026-06-11, opens: '09:00', closes: '16:00'}",
        ["data/show.yml:12:12: days[2].date: 2026-06-11 is listed twice (also at line 11): list each show day once"],
        id="show-day-twice",
    ),
    pytest.param(
        "data/show.yml", "  - {date: 2026-06-10, opens", "  - {date: 2026-06-12, opens",
        ["data/show.yml:11:12: days[1].date: 2026-06-11 comes after 2026-06-12 (line 10): list the show days in "
         "order, first day first, and check each date (events and visitor figures are checked against the days "
         "once they are in order)"],
        id="show-days-out-of-order-one-message",
    ),
    # ---------------------------------------------------------------- floor plan geometry
    pytest.param(
        "data/halls.yml", "{x: 1, y: 6, width: 6, height: 3}", "{x: 16, y: 6, width: 6, height: 3}",
        ["data/halls.yml:10:53: halls[0].booths[2].plan: booth 'A-03' reaches x 16–22 m, y 6–9 m, beyond its "
         "hall's plan (20 × 20 m): a booth's x and y are metres from its hall's top-left corner; move the booth "
         "inside or make the hall's plan larger"],
        id="booth-outside-its-hall",
    ),
    pytest.param(
        "data/halls.yml", "plan: {x: 8, y: 1,", "plan: {x: 5, y: 1,",
        ["data/halls.yml:9:57: halls[0].booths[1].plan: booth 'A-02' overlaps booth 'A-01' (line 8) by 2 × 3 m: "
         "move one of them (x and y are metres from the hall's top-left corner)"],
        id="booths-overlap",
    ),
    pytest.param(
        "data/halls.yml", "    name: {en: Hall B, zh: B馆}\n",
        "    name: {en: Hall B, zh: B馆}\n    plan: {x: 10, y: 5, width: 20, height: 20}\n",
        ["data/halls.yml:13:11: halls[1].plan: hall 'B' overlaps hall 'A' (line 2) by 10 × 15 m on the site plan: "
         "move one of them (a hall's x and y are metres from the site plan's top-left corner)"],
        id="halls-overlap",
    ),
    pytest.param(
        "data/halls.yml", "id: A-01, size_m2: 18,", "id: A-01, size_m2: 30,",
        ["data/halls.yml:8:29: halls[0].booths[0].size_m2: 30 m² does not match the booth's plan, 6 × 3 = 18 m²: "
         "correct size_m2 or the plan's width and height (they may differ by up to 10%)"],
        id="booth-area-disagrees-with-plan",
    ),
    # ---------------------------------------------------------------- what editors type
    pytest.param(
        "content/en/news/notes-one.md", "date: 2026-06-12", "date: 2027-07-01",
        ["content/en/news/notes-one.md:3:7: date: 2027-07-01 is more than a year after the show's last day "
         "(2026-06-11): check the year"],
        id="news-dated-a-year-ahead",
    ),
    pytest.param(
        "content/en/news/notes-one.md", "date: 2026-06-12", "date: 2023-06-12",
        ["content/en/news/notes-one.md:3:7: date: 2023-06-12 is before the previous edition (2024): check the year"],
        id="news-dated-before-previous-edition",
    ),
    pytest.param(
        "data/exhibitors.yml", "name: {en: Hanil Foods, zh: 韩一食品}",
        "name: {en: Hanil Foods, zh: 韩一食品}\n    short_name: {en: ACME}",
        ["data/exhibitors.yml:23:17: exhibitors[2].short_name: 'ACME' (en, ar) is also how exhibitor 'acme' "
         "(line 5) is listed: readers cannot tell them apart; give one of them a distinguishing short_name, e.g. "
         "with its city, country or trade"],
        id="short-name-twice-in-a-language",
    ),
    pytest.param(
        "data/exhibitors.yml", "name: {en: Hanil Foods, zh: 韩一食品}", "name: Nordfisk AS",
        ["data/exhibitors.yml:22:11: exhibitors[2].name: 'Nordfisk AS' (en, zh, ar) is also how exhibitor "
         "'nordfisk' (line 15) is listed: readers cannot tell them apart; give one of them a distinguishing "
         "short_name, e.g. with its city, country or trade"],
        id="same-name-without-short-name",
    ),
    pytest.param(
        "data/show.yml", "visitors: 1000,", "visitors: ١٤٢٠٠,",
        ["data/show.yml:25:40: past_editions[0].visitors: '١٤٢٠٠' is written with other digits: use the digits "
         "0–9, e.g. 14200"],
        id="arabic-indic-digits",
    ),
    pytest.param(
        "data/halls.yml", "size_m2: 36,", "size_m2: １２,",
        ["data/halls.yml:14:29: halls[1].booths[0].size_m2: '１２' is written with other digits: use the digits "
         "0–9, e.g. 12"],
        id="full-width-digits",
    ),
    pytest.param(
        "data/exhibitors.yml", "name: Nordfisk AS", "name: 1863",
        ["data/exhibitors.yml:16:11: exhibitors[1].name: expected text, got the int 1863: quote it: '1863'"],
        id="bare-number-as-text",
    ),
    pytest.param(
        "data/exhibitors.yml", "name: Nordfisk AS", "name: true",
        ["data/exhibitors.yml:16:11: exhibitors[1].name: expected text, got the bool true: quote it: 'true'"],
        id="bare-boolean-as-text",
    ),
    # ---------------------------------------------------------------- YAML hints that point at the cause
    pytest.param(
        "content/en/news/notes-one.md", "title: Thank you for coming", "title: 'Thank you for coming\nsubtitle: x",
        ["content/en/news/notes-one.md:8:1: YAML syntax error: while scanning a quoted scalar found unexpected end "
         "of stream; is a ' quote on line 2 not closed?"],
        id="front-matter-quote-names-the-file-line",
    ),
    pytest.param(
        "data/exhibitors.yml", "    country: DE\n", "    country: DE\n    sort_as: {fr: De l'argile}\n\tnote: x\n",
        ["data/exhibitors.yml:10:1: YAML syntax error: a tab in the indentation: use spaces, not tabs"],
        id="tab-is-not-blamed-on-a-quote",
    ),
]


@pytest.mark.parametrize(("path", "old", "new", "expected"), CASES)
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
