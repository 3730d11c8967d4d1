"""`showpress check --missing LANG` on the arfr fixture: data fields, news, editors' pages and
interface messages missing in one language; a language the show lacks is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import edit
from generator.cli import cli

ARFR = Path(__file__).parent / "fixtures" / "arfr"


@pytest.fixture
def arfr(tmp_path: Path) -> Path:
    target = tmp_path / "show"
    shutil.copytree(ARFR, target)
    return target


def check(project: Path, *args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, ["check", "--project", str(project), *args])
    return result.exit_code, result.output.splitlines()


def test_missing_lists_news_stories_and_editors_pages_of_other_languages(arfr):
    code, lines = check(arfr, "--missing", "de")
    assert code == 0
    assert "content/fr/news/merci.md: news story 'thanks' has no de version: " \
           "add content/de/news/ with `key: thanks`" in lines
    assert "content/ar/press.md: page 'press.md' has no de version: add content/de/press.md" in lines
    assert not any("news story 'closing'" in line for line in lines)  # de has it


def test_missing_lists_data_fields_with_positions(arfr):
    edit(arfr / "data" / "halls.yml", "name: {ar: القاعة ب, fr: Hall B, de: Halle B, zh-Hant: B館}",
         "name: {ar: القاعة ب, fr: Hall B, zh-Hant: B館}")
    code, lines = check(arfr, "--missing", "de")
    assert code == 0
    assert "data/halls.yml:12:11: halls[1].name" in lines
    assert "data/halls.yml:3:11: halls[0].name" not in lines


def test_empty_settings_are_not_counted_as_missing_texts(arfr):
    """`fallbacks: {}` and a form's `phases: {}` are no texts (they were listed and counted)."""
    code, lines = check(arfr, "--missing", "fr")
    assert code == 0
    assert not [line for line in lines if line.endswith((": fallbacks", ".phases"))]
    assert any("│ fr " in line and "55/55" in line for line in lines)


def test_missing_lists_interface_messages_of_a_language_without_a_catalog(arfr):
    edit(arfr / "data" / "show.yml", "languages: [ar, fr, de, zh-Hant]", "languages: [ar, fr, de, zh-Hant, ca]")
    code, lines = check(arfr, "--missing", "ca")
    assert code == 0
    interface = [line for line in lines if line.startswith("locale/ca.po: interface message ")]
    assert "locale/ca.po: interface message 'Floor plan' has no ca translation" in interface
    assert len(interface) > 200
    # a shipped complete language lacks nothing of the interface
    _, lines = check(arfr, "--missing", "zh-Hant")
    assert not [line for line in lines if "interface message 'Floor plan'" in line]


def test_missing_for_a_language_the_show_does_not_have_is_refused(arfr):
    code, lines = check(arfr, "--missing", "en")
    assert code != 0
    assert lines[-1] == ("Error: --missing en: 'en' is not a language of this show "
                         "(data/show.yml languages: ar, fr, de, zh-Hant); add it there first")
    assert not any("Translation completeness" in line for line in lines)
