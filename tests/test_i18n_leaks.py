"""No interface text in another language: the arfr fixture (ar default and right to left, fr, de,
zh-Hant; no English) built whole, then every page, feed, calendar, chart, plan, brochure, letter
and collector problem page searched for English interface strings of showpress's catalog, of
Material's own interface and of the mkdocs.yml showpress writes (see tests/leaks.py)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import feedparser
import httpx
import icalendar
import pytest
from collector_support import running_collector
from leaks import Needle, data_strings, find_leaks, needles_and_translations, visible_text

from generator.collector.settings import Settings
from generator.load import load_show
from generator.pdf.mailing import run_mailing
from generator.site.build import BuildOptions, build_site

ARFR = Path(__file__).parent / "fixtures" / "arfr"
LANGS = ("ar", "fr", "de", "zh-Hant")
CLIENTS = {"c-ar": ("أحمد المنصور", "ar", "AE"), "c-fr": ("Claire Martin", "fr", "FR"),
           "c-de": ("Jonas Weber", "de", "DE"), "c-zh": ("陳大文", "zh-Hant", "TW")}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("arfr") / "show"
    shutil.copytree(ARFR, root)
    return root


@pytest.fixture(scope="module")
def show(project):
    return load_show(project)


@pytest.fixture(scope="module")
def site(project, show):
    """The whole site after the show closed, with feeds, calendars and brochures."""
    build_site(show, BuildOptions(out=project / "site", today=dt.date(2026, 6, 20), jobs=2))
    return project / "site"


@pytest.fixture(scope="module")
def searched(show):
    """Per language: (needles, everything to take out before searching: data + own translations)."""
    data = [*data_strings(show), *(name for name, _, _ in CLIENTS.values())]
    out = {}
    for lang in LANGS:
        needles, own = needles_and_translations(show, lang)
        out[lang] = (needles, [*data, *own])
    return out


def _report(leaks: dict[str, list[str]]) -> str:
    return "\n".join(f"{where}: {', '.join(found)}" for where, found in sorted(leaks.items()))


def test_the_detector_finds_english_interface_text(show, searched):
    """The check can fail: an English heading, a Material word and an English toggle are found."""
    needles, taken_out = searched["fr"]
    html = ('<html lang="fr"><body><h2>Floor plan</h2><p lang="en">Floor plan</p>'
            '<button title="Dark mode"></button><input placeholder="Search"></body></html>')
    found = find_leaks(visible_text(html, "fr"), needles, taken_out)
    assert any("'Floor plan'" in leak for leak in found)
    assert any("'Dark mode'" in leak for leak in found)
    assert any("material: search.placeholder" in leak for leak in found)
    assert len([leak for leak in found if "'Floor plan'" in leak]) == 1
    # data is never a leak: an exhibitor named like an English word is taken out first
    assert find_leaks("Acme Outils SA", [Needle("Acme", "test")], taken_out) == []


def test_no_page_of_any_language_shows_interface_text_of_another(site, searched):
    leaks: dict[str, list[str]] = {}
    pages = 0
    for lang in LANGS:
        needles, taken_out = searched[lang]
        for page in sorted((site / lang).rglob("*.html")):
            pages += 1
            found = find_leaks(visible_text(page.read_bytes(), lang), needles, taken_out)
            if found:
                leaks[str(page.relative_to(site))] = found
    assert pages >= 4 * 20
    assert not leaks, f"{len(leaks)} pages with English interface text:\n{_report(leaks)}"


def test_the_root_page_speaks_each_language_in_its_own_lang(site, searched):
    root = (site / "index.html").read_bytes()
    leaks = {lang: find_leaks(visible_text(root, lang), *searched[lang]) for lang in LANGS}
    assert not any(leaks.values()), leaks


def test_feeds_have_no_interface_text_of_another_language(site, searched):
    leaks: dict[str, list[str]] = {}
    feeds = 0
    for lang in LANGS:
        for path in sorted((site / lang).rglob("*.xml")):
            if path.name.startswith("sitemap"):
                continue
            feeds += 1
            parsed = feedparser.parse(path.read_bytes())
            parts = [parsed.feed.get("title", ""), parsed.feed.get("subtitle", "")]
            for entry in parsed.entries:
                parts.append(entry.get("title", ""))
                parts += [visible_text(f"<div>{html}</div>", lang) for html in
                          [entry.get("summary", ""), *(c.value for c in entry.get("content", []))] if html]
            found = find_leaks("\n".join(parts), *searched[lang])
            if found:
                leaks[str(path.relative_to(site))] = found
    assert feeds >= 4 * 6  # RSS and Atom: the language's feed and one per category
    assert not leaks, _report(leaks)


def test_calendars_have_no_interface_text_of_another_language(site, searched):
    leaks: dict[str, list[str]] = {}
    fields = ("SUMMARY", "DESCRIPTION", "LOCATION", "X-WR-CALNAME", "X-WR-CALDESC", "NAME")
    calendars = [path for lang in LANGS for path in sorted((site / lang).rglob("*.ics"))]
    for path in calendars:
        lang = path.relative_to(site).parts[0]
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        text = "\n".join(str(part.get(name, "")) for part in calendar.walk() for name in fields)
        assert text.strip(), path
        found = find_leaks(text, *searched[lang])
        if found:
            leaks[str(path.relative_to(site))] = found
    assert len(calendars) == 4 * 3  # the schedule and one file per event
    assert not leaks, _report(leaks)


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def test_brochures_with_their_charts_and_plans_have_no_interface_text_of_another_language(site, searched):
    leaks = {}
    for lang in LANGS:
        text = _pdf_text(site / lang / "brochure.pdf")
        assert len(text) > 1000
        found = find_leaks(text, *searched[lang])
        if found:
            leaks[lang] = found
    assert not leaks, _report(leaks)


@pytest.mark.parametrize("kind", ["thank-you", "brochure"])
def test_letters_are_in_the_clients_language_only(show, searched, tmp_path, kind):
    clients = tmp_path / "clients.csv"
    rows = [f"{cid},{name},{lang},,{country}" for cid, (name, lang, country) in CLIENTS.items()]
    clients.write_text("id,name,language,organisation,country\n" + "\n".join(rows) + "\n", encoding="utf-8")
    run_mailing(show, clients, tmp_path / "out", secret="s", kind=kind, today=dt.date(2026, 6, 20),
                use_cache=False, workers=1)
    leaks = {}
    for cid, (_, lang, _) in CLIENTS.items():
        (pdf,) = (tmp_path / "out").glob(f"*{cid}*.pdf")
        found = find_leaks(subprocess.run(["pdftotext", "-l", "2", str(pdf), "-"], check=True,
                                          capture_output=True, text=True).stdout, *searched[lang])
        if found:
            leaks[cid] = found
    assert not leaks, _report(leaks)


def test_the_collectors_problem_page_is_in_the_forms_language(show, searched, tmp_path):
    settings = Settings(show=show, db_url=f"sqlite:///{tmp_path / 'answers.db'}", rate_per_minute=0)
    with running_collector(settings) as collector:
        for lang in LANGS:
            response = httpx.post(f"{collector.url}/f/feedback", data={"lang": lang, "comments": "x"},
                                  headers={"Origin": "https://arfr.example.org"}, timeout=20)
            assert response.status_code == 400, response.text
            assert f'lang="{lang}"' in response.text
            found = find_leaks(visible_text(response.text, lang), *searched[lang])
            assert not found, (lang, found)
