"""Numbers, times, units and percentages in templates come from CLDR (generator.language.Language:
number, percent, time, time_range, area, minutes, date...), never from hand-written formats."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator.language import language_for

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE_DIRS = (ROOT / "site_templates", ROOT / "generator" / "collector" / "templates")
HAND_WRITTEN = {
    "str.format with a number format": re.compile(r"['\"]\{:[,.0-9]"),
    "strftime": re.compile(r"strftime\("),
    "printf-style format filter": re.compile(r"\|\s*format\b"),
    "a unit pasted after a number": re.compile(r"(\}\}|~)\s*['\"]?\s*(m²|m2|min|km|%)(?![\w(])"),
    "a percent sign pasted after a value": re.compile(r"\}\}\s*%"),
}
ALLOWED = {
    ("site_templates/pages/visiting.md.j2", "printf-style format filter"):
        "map coordinates are machine values (latitude, longitude with a dot), the same in every language",
}


def _template_lines():
    for folder in TEMPLATE_DIRS:
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".j2", ".html") and path.is_file():
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    yield path.relative_to(ROOT).as_posix(), number, line


def test_templates_have_no_hand_written_number_time_or_unit_formats():
    found = [f"{path}:{number}: {what}: {line.strip()[:120]}"
             for path, number, line in _template_lines()
             for what, pattern in HAND_WRITTEN.items()
             if pattern.search(line) and (path, what) not in ALLOWED]
    assert not found, "use the language object (i18n.number, i18n.time_range, i18n.area...):\n" + "\n".join(found)


def test_the_grep_sees_each_kind_of_hand_written_format():
    samples = {"str.format with a number format": "{{ '{:,}'.format(n) }}",
               "strftime": "{{ ev.starts.strftime('%H:%M') }}",
               "printf-style format filter": "{{ '%.1f' | format(x) }}",
               "a unit pasted after a number": '{{ value=hall.area ~ " m²" }}',
               "a percent sign pasted after a value": "({{ row.percent }}%)"}
    for what, sample in samples.items():
        assert HAND_WRITTEN[what].search(sample), what
    assert not HAND_WRITTEN["a unit pasted after a number"].search('{{ _("Size (m²)") }}')


CLDR_WAY = {
    "en": {"hours": "09:00\u2009–\u200918:00", "area": "400 m²", "number": "1,500"},
    "fr": {"hours": "09:00\u2009–\u200918:00", "area": "400\u202fm²", "number": "1\u202f500"},
    "de": {"hours": "09:00–18:00 Uhr", "area": "400 m²", "number": "1.500"},
    "zh-Hant": {"hours": "09:00 – 18:00", "area": "400 平方公尺", "number": "1,500"},
    "ja": {"hours": "9時00分～18時00分", "area": "400 m²", "number": "1,500"},
}
"""By language tag: 09:00 to 18:00, 400 square metres and the number 1500, as CLDR writes them."""


@pytest.mark.parametrize(("tag", "expected"), CLDR_WAY.items())
def test_language_formats_times_units_and_numbers_the_cldr_way(tag, expected):
    language = language_for(tag)
    assert language.time_range(dt.time(9), dt.time(18)) == expected["hours"]
    assert language.area(400) == expected["area"]
    assert language.number(1500) == expected["number"]
