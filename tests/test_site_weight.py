"""Lighter, honest pages on the built tiny fixture show (en, zh, ar): scripts and styles only where
needed, no repeated requests, a page-weight budget, meta descriptions escaped once, category feeds
with the stories their pages list, fallback texts marked with their own language."""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import pytest
from collector_support import free_port
from site_support import build, serving

from conftest import TINY, edit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from page_weight import page_weight  # noqa: E402

pytestmark = pytest.mark.slow

FORM_PAGE = "# Press kit\n\nAsk us:\n\n<!-- showpress:form ask -->\n"
SCRIPT_OR_STYLE = re.compile(r'<(?:script\b[^>]*?\ssrc|link\b[^>]*?rel="stylesheet"[^>]*?\shref)="([^"]+)"')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The tiny show with "Fish & Chips <b>" as an exhibitor's description and an editor's page
    with a form marker, built once and served over HTTP."""
    port = free_port()
    project = tmp_path_factory.mktemp("weight") / "show"
    shutil.copytree(TINY, project)
    edit(project / "data" / "exhibitors.yml", "description: {en: Fish from Norway.}",
         'description: {en: "Fish & Chips <b>"}')
    edit(project / "data" / "show.yml", "site_url: https://tiny.example.org/", f"site_url: http://127.0.0.1:{port}/")
    (project / "content" / "en" / "press-kit.md").write_text(FORM_PAGE, encoding="utf-8")
    build(project, project / "site", today="2026-06-20")
    with serving(project / "site", port) as url:
        yield project / "site", url


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.glob("*/**/index.html"))


def test_forms_and_directory_assets_only_on_the_pages_that_need_them(site: tuple[Path, str]) -> None:
    root, _ = site
    checked = 0
    for path in pages(root):
        html = path.read_text(encoding="utf-8")
        assets = " ".join(SCRIPT_OR_STYLE.findall(html))
        has_form = 'class="sp-form"' in html
        has_directory = "data-sp-directory" in html
        where = path.relative_to(root)
        assert ("showpress-forms.js" in assets) == has_form, where
        assert ("showpress-forms.css" in assets) == has_form, where
        assert ("directory.js" in assets) == has_directory, where
        checked += 1
    assert checked > 40
    press = (root / "en" / "press-kit" / "index.html").read_text(encoding="utf-8")
    assert 'class="sp-form"' in press and "showpress-forms.js" in press  # an editor's page with a form marker


def test_no_link_makes_material_fetch_the_sitemap(site: tuple[Path, str]) -> None:
    """Material's bundle fetches ``sitemap.xml`` beside every ``link[rel=alternate]`` (exact value)."""
    root, _ = site
    for path in pages(root):
        assert not re.search(r'<link rel="?alternate"?[\s>]', path.read_text(encoding="utf-8")), path


def test_a_page_view_requests_each_file_once_and_never_the_sitemap(site: tuple[Path, str], browser: Any) -> None:
    _, url = site
    for page_url in ("en/", "en/exhibitors/", "ar/forms/feedback/"):
        page = browser.new_page()
        requested: list[str] = []
        page.on("request", lambda request, seen=requested: seen.append(request.url))
        page.goto(url + page_url, wait_until="networkidle")
        page.close()
        assert not [r for r in requested if r.endswith("sitemap.xml")], (page_url, requested)
        assert len(requested) == len(set(requested)), (page_url, requested)


def test_page_weight_budget(site: tuple[Path, str]) -> None:
    """HTML + own scripts and styles, gzip: every page of the tiny show under 100 kB (Material's
    bundle and styles are ~65 kB of it); the forms' files are not on the directory or home page."""
    root, _ = site
    for page in ("en/index.html", "en/exhibitors/index.html", "en/exhibitors/acme/index.html",
                 "ar/forms/feedback/index.html"):
        weight = page_weight(root, page)
        assert weight.total < 100_000, (page, weight)
    home = page_weight(root, "en/index.html")
    assert not [a for a in home.assets if "forms" in a or "directory" in a], home.assets


def test_meta_description_is_escaped_exactly_once(site: tuple[Path, str]) -> None:
    html = (site[0] / "en" / "exhibitors" / "nordfisk" / "index.html").read_text(encoding="utf-8")
    for name in ('name="description"', 'property="og:description"', 'name="twitter:description"'):
        assert f'<meta {name} content="Fish &amp; Chips &lt;b&gt;">' in html, name
    assert "&amp;amp;" not in html


def test_category_feeds_hold_the_stories_their_pages_list(site: tuple[Path, str]) -> None:
    root, _ = site
    for lang in ("en", "zh", "ar"):
        for feed in sorted((root / lang / "news" / "category").glob("*/atom.xml")):
            page = (feed.parent / "index.html").read_text(encoding="utf-8")
            listed = page.count('class="sp-news-item')
            atom = feedparser.parse(feed.read_bytes())
            rss = feedparser.parse((feed.parent / "feed.xml").read_bytes())
            assert atom.bozo == 0 and rss.bozo == 0, feed
            assert len(atom.entries) == len(rss.entries) >= (1 if listed else 0), feed
            for entry, item in zip(atom.entries, rss.entries, strict=True):
                assert entry.title == item.title
                language = entry.content[0].language
                assert item.get("language", lang) == language, (feed, item)
                assert entry.link.startswith(f"{site[1]}{lang}/news/"), entry.link  # the page in this site
    zh_notes = feedparser.parse((root / "zh" / "news" / "category" / "notes" / "atom.xml").read_bytes())
    assert [(e.title, e.content[0].language) for e in zh_notes.entries] == [("Thank you for coming", "en")]


def test_fallback_texts_carry_their_own_language_and_the_page_says_so_once(site: tuple[Path, str]) -> None:
    root, _ = site
    ar = (root / "ar" / "exhibitors" / "nordfisk" / "index.html").read_text(encoding="utf-8")
    assert '<p class="sp-description"><span lang="en" dir="ltr">Fish &amp; Chips &lt;b&gt;</span></p>' in ar
    assert ar.count('class="sp-fallback-note"') == 1
    en = (root / "en" / "exhibitors" / "nordfisk" / "index.html").read_text(encoding="utf-8")
    assert "sp-fallback-note" not in en and '<span lang="en"' not in en
    inquiry = (root / "ar" / "inquiry" / "index.html").read_text(encoding="utf-8")
    assert '<strong><span lang="en" dir="ltr">Head office</span></strong>' in inquiry


def test_opening_hours_read_in_order_on_arabic_pages(site: tuple[Path, str]) -> None:
    for page in ("visiting", ""):
        html = (site[0] / "ar" / page / "index.html").read_text(encoding="utf-8")
        ranges = re.findall(r'<span class="sp-nowrap" dir="ltr">(\d\d:\d\d)–(\d\d:\d\d)</span>', html)
        assert ranges and all(opens < closes for opens, closes in ranges), page


def test_hreflang_never_claims_a_page_missing_in_that_language(site: tuple[Path, str]) -> None:
    html = (site[0] / "ar" / "press" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<link rel=" alternate" hreflang="([\w-]+)"', html) == ["ar", "x-default"]
