"""Core pages reused page by page (generator/site/corecache.py): a data edit renders again only the
pages that read what changed, and a reused page is always the page a fresh gather makes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pdf_helpers import copy_tiny
from pdf_helpers import replace_text as replace

from generator.load import load_show
from generator.site import gather as gathering
from generator.site import halls
from generator.site.pages import PAGES

TODAY = dt.date(2026, 6, 20)
REST_NAMES = ("schedule", "visiting", "services", "rules", "construction", "inquiry")
"""Pages that read every data file but the exhibitors' entries (corecache.REST)."""
REST_PAGES = sorted(PAGES[name] for name in REST_NAMES)
WHOLE_PAGES = sorted(set(PAGES.values()) - set(REST_PAGES))
"""Pages that read every data file (home, directory, halls, statistics, about)."""
SHIPPED = Path(gathering.__file__).resolve().parents[2] / "site_templates"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """The tiny show with one page per hall (halls/A.md, halls/B.md)."""
    monkeypatch.setattr(halls, "SPLIT_AT", 2)
    return copy_tiny(tmp_path)


def pages(contents: dict[str, gathering.LanguageContent]) -> dict[str, dict[str, str]]:
    return {lang: content.pages for lang, content in contents.items()}


def again(project: Path, cache: gathering.PageCache, today: dt.date = TODAY) -> dict[str, dict[str, str]]:
    """Gather with ``cache``; check the result against a gather without one."""
    reused = pages(gathering.gather(load_show(project), today, brochures=False, cache=cache))
    assert reused == pages(gathering.gather(load_show(project), today, brochures=False)), "a stale page"
    return reused


def rendered(cache: gathering.PageCache) -> dict[str, list[str]]:
    return {lang: sorted(found.rendered) for lang, found in cache.core.languages.items()}


def test_an_exhibitor_edit_renders_again_its_page_its_hall_and_the_pages_of_all_exhibitors(project):
    """A description is not listed: the directory and its hall's page (corecache.LISTED) stay;
    tests/test_speed_edit.py renders them again after a name edit."""
    cache = gathering.PageCache()
    first = again(project, cache)
    assert "halls/B.md" in first["en"] and "exhibitors/nordfisk.md" in first["en"]
    replace(project / "data" / "exhibitors.yml", "Fish from Norway.", "Fresh fish from Norway.")
    second = again(project, cache)
    expected = sorted([*(p for p in WHOLE_PAGES if p != PAGES["exhibitors"]), "exhibitors/nordfisk.md"])
    assert rendered(cache) == {"en": expected, "zh": expected, "ar": expected}
    assert "Fresh fish from Norway." in second["en"]["exhibitors/nordfisk.md"]
    assert second["en"]["exhibitors/acme.md"] == first["en"]["exhibitors/acme.md"]


def test_an_exhibitor_edit_draws_only_its_hall_again_and_renders_no_news_page(project, monkeypatch):
    from generator.graphics import floorplan

    drawn: list[tuple[str, str | None]] = []
    real_plan, real_news = floorplan.floor_plan, gathering.news_pages
    news: list[str] = []

    def plan(show, lang, hall_id=None, **links):  # noqa: ANN001, ANN003, ANN202
        drawn.append((lang, hall_id))
        return real_plan(show, lang, hall_id, **links)

    def news_pages(show, lang, today):  # noqa: ANN001, ANN202
        news.append(lang)
        return real_news(show, lang, today)

    monkeypatch.setattr(floorplan, "floor_plan", plan)
    monkeypatch.setattr(gathering, "news_pages", news_pages)
    cache = gathering.PageCache()
    again(project, cache)
    drawn.clear()
    news.clear()
    replace(project / "data" / "exhibitors.yml", "Fish from Norway.", "Fresh fish from Norway.")
    reused = pages(gathering.gather(load_show(project), TODAY, brochures=False, cache=cache))
    assert sorted(drawn, key=str) == sorted([(lang, None) for lang in ("en", "zh", "ar")],
                                            key=str), "the site plan (a description is not on B's plans)"
    assert news == []
    monkeypatch.setattr(floorplan, "floor_plan", real_plan)
    monkeypatch.setattr(gathering, "news_pages", real_news)
    assert reused == pages(gathering.gather(load_show(project), TODAY, brochures=False))


def test_a_story_edit_renders_again_only_the_home_page_of_the_core_pages(project):
    """The home page lists the latest stories; no other core page reads them."""
    cache = gathering.PageCache()
    again(project, cache)
    replace(project / "content" / "en" / "news" / "closing.md", "record deals\n", "record deals again\n")
    again(project, cache)
    assert rendered(cache) == {"en": ["index.md"], "zh": [], "ar": ["index.md"]}  # ar shows the English story


def test_pages_said_to_read_no_exhibitor_name_none():
    """The templates of the REST pages, and the macros they import, never reach an exhibitor."""
    for name in REST_NAMES:
        source = (SHIPPED / "pages" / f"{name}.md.j2").read_text(encoding="utf-8")
        for macros in re.findall(r'from "([^"]+)" import', source) + re.findall(r'import "([^"]+)"', source):
            source += (SHIPPED / macros).read_text(encoding="utf-8")
        assert not re.search(r"exhibitor|booth_holder|holders", source), name


def test_a_schedule_edit_renders_no_exhibitor_page(project):
    cache = gathering.PageCache()
    again(project, cache)
    schedule = project / "data" / "schedule.yml"
    schedule.write_text(schedule.read_text(encoding="utf-8").replace("Opening", "Grand opening", 1), encoding="utf-8")
    reused = again(project, cache)
    assert rendered(cache)["en"] == sorted([*WHOLE_PAGES, *REST_PAGES])
    assert "Grand opening" in reused["en"]["schedule.md"]


def test_moving_an_exhibitor_renders_both_halls_again(project):
    cache = gathering.PageCache()
    again(project, cache)
    replace(project / "data" / "exhibitors.yml", "booths: [B-01]", "booths: [A-03]")
    again(project, cache)
    assert {"halls/A.md", "halls/B.md"} <= set(rendered(cache)["en"])


def test_an_unchanged_show_renders_no_core_page(project):
    cache = gathering.PageCache()
    again(project, cache)
    again(project, cache)
    assert rendered(cache) == {"en": [], "zh": [], "ar": []}


def test_a_hall_edit_renders_every_exhibitor_page_again(project):
    """halls.yml is read by every exhibitor page (its booths' hall names)."""
    cache = gathering.PageCache()
    again(project, cache)
    replace(project / "data" / "halls.yml", "status: free", "status: reserved")
    again(project, cache)
    assert {"exhibitors/acme.md", "exhibitors/nordfisk.md", "exhibitors/hanil.md"} <= set(rendered(cache)["zh"])


ALL_CORE = sorted([*PAGES.values(), "exhibitors/acme.md", "exhibitors/hanil.md", "exhibitors/nordfisk.md",
                   "halls/A.md", "halls/B.md"])


def test_the_show_catalog_and_the_phase_are_read_by_every_page(project):
    cache = gathering.PageCache()
    again(project, cache)
    (project / "locale").mkdir()
    (project / "locale" / "zh.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "All exhibitors"\nmsgstr "全部展商"\n', encoding="utf-8")
    again(project, cache)
    assert rendered(cache) == {"en": [], "zh": ALL_CORE, "ar": []}
    again(project, cache, load_show(project).first_day)  # another day: the home page tells another phase
    assert rendered(cache) == {"en": ALL_CORE, "zh": ALL_CORE, "ar": ALL_CORE}


def test_own_page_templates_make_every_page_read_the_whole_show(project):
    """A project's exhibitor template may read other exhibitors: its pages are never reused across a data edit."""
    own = project / "site_templates" / "pages"
    own.mkdir(parents=True)
    shipped = SHIPPED / "pages" / "exhibitor.md.j2"
    (own / "exhibitor.md.j2").write_text(
        shipped.read_text(encoding="utf-8") + "\n{% for x in show.exhibitors %}{{ t(x.description) }} {% endfor %}\n",
        encoding="utf-8")
    cache = gathering.PageCache()
    again(project, cache)
    replace(project / "data" / "exhibitors.yml", "Fish from Norway.", "Fresh fish from Norway.")
    reused = again(project, cache)
    assert "Fresh fish from Norway." in reused["en"]["exhibitors/acme.md"]
