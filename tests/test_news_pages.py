"""News pages as Markdown, and built by MkDocs (strict) as the site builder will."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from news_support import many_stories, tiny_show, write_story

from generator.load import load_show
from generator.markup import md_text as markdown_text
from generator.site.config import LanguagePlan, language_config, write_config
from generator.site.news import PER_PAGE, news_pages


@pytest.fixture(scope="module")
def show():
    return tiny_show()


def test_paths_of_one_language(show):
    assert sorted(news_pages(show, "en", None)) == [
        "news/category/machines.md", "news/category/notes.md", "news/closing.md", "news/index.md",
        "news/notes-one.md",
    ]
    # zh has its own 'closing' and the English-only 'notes-one' as a fallback page
    assert "news/notes-one.md" in news_pages(show, "zh", None)


def test_index_lists_newest_first_with_links_dates_and_subscribe(show):
    index = news_pages(show, "en", None)["news/index.md"]
    assert index.index("[Thank you for coming](notes-one.md)") < index.index("[The fair closes with record deals](closing.md)")
    assert '<time datetime="2026-06-11T18:00:00+02:00">June 11, 2026</time> · [Machines](category/machines.md)' in index
    assert '<a href="../feed.xml" type="application/rss+xml">RSS</a>' in index
    assert '<a href="../atom.xml" type="application/atom+xml">Atom</a>' in index


def test_untranslated_story_is_listed_and_paged_with_marker_and_lang(show):
    pages = news_pages(show, "zh", None)
    index = pages["news/index.md"]
    item = re.search(r'<article class="sp-news-item sp-news-fallback" lang="en" dir="ltr" markdown>(.*?)</article>', index, re.S)
    assert item and "[Thank you for coming](notes-one.md)" in item.group(1)
    assert '<span class="sp-only-in" lang="zh" dir="ltr">仅有English版</span>' in item.group(1)
    page = pages["news/notes-one.md"]
    assert '<p class="sp-fallback-note" lang="zh" dir="ltr">本文尚未翻译，以下为英语原文。</p>' in page
    assert '<div class="sp-foreign" lang="en" dir="ltr" markdown>' in page
    assert "2026年6月12日 09:00" in page  # the date is in the reader's language
    assert '<a href="../../../en/news/notes-one/" hreflang="en" lang="en" dir="ltr">English</a>' in page


def test_story_page(show):
    page = news_pages(show, "en", None)["news/closing.md"]
    assert page.startswith('---\ndescription: "Two days, 1,400 visits and deals worth 2 million euros."\n'
                           'image: "https://tiny.example.org/en/media/acme.svg"\n---\n')  # link previews
    assert "# The fair closes with record deals\n" in page
    assert "[Machines](category/machines.md)" in page
    assert "![Acme logo](../media/acme.svg){ .sp-news-image }" in page
    # the editor's Markdown rendered and sanitised (generator.markup), its .md link as MkDocs writes it
    assert 'See the <a href="../../schedule/">schedule</a> for what happened.' in page
    assert '<a href="../../../zh/news/closing/" hreflang="zh" lang="zh" dir="ltr">中文</a>' in page
    assert '<a href="../../feed.xml" type="application/rss+xml">RSS</a>' in page
    assert "sp-foreign" not in page


def test_author_and_update_are_shown(tiny):
    write_story(tiny, "en", "late", title="Late", key="late", date="2026-06-13T10:00:00+02:00",
                extra="author: Erika Muster\nupdated: 2026-06-14T08:15:00+02:00\n")
    page = news_pages(load_show(tiny), "en", None)["news/late.md"]
    assert "· By Erika Muster · Updated <time datetime=\"2026-06-14T08:15:00+02:00\">June 14, 2026" in page


def test_category_page_with_one_story(show):
    page = news_pages(show, "en", None)["news/category/machines.md"]
    assert page.count('<article class="sp-news-item"') == 1
    assert "[The fair closes with record deals](../closing.md)" in page
    assert "news/category/machines/feed.xml" in page
    assert "Categories: **Machines** · [Notes](notes.md)" in page


def test_index_is_paginated(tiny):
    many_stories(tiny, 23)
    pages = news_pages(load_show(tiny), "en", None)
    assert {p for p in pages if p.startswith("news/page/") or p == "news/index.md"} == {
        "news/index.md", "news/page/2.md", "news/page/3.md"}
    counts = [pages[p].count('<article class="sp-news-item"') for p in ("news/index.md", "news/page/2.md", "news/page/3.md")]
    assert counts == [PER_PAGE, PER_PAGE, 25 - 2 * PER_PAGE]
    assert "[Story 22](story-22.md)" in pages["news/index.md"]  # newest first
    # the arrows are wrapped so that right-to-left pages mirror them (.sp-arrow in showpress.css)
    left, right = ('<span class="sp-arrow" aria-hidden="true">←</span>', '<span class="sp-arrow" aria-hidden="true">→</span>')
    assert f"[Older stories {right}](page/2.md)" in pages["news/index.md"]
    assert "Newer stories" not in pages["news/index.md"]
    assert f"[{left} Newer stories](../index.md) · [Older stories {right}](3.md)" in pages["news/page/2.md"]
    assert "[Story 22](../story-22.md)" not in pages["news/page/3.md"]


def test_markdown_text_escapes_html_and_markdown():
    assert markdown_text('<script>x</script> *a* [b](c) "q"') == (
        '&lt;script&gt;x&lt;/script&gt; \\*a\\* \\[b\\]\\(c\\) "q"')


def build_language(show, lang: str, out: Path) -> Path:
    """A minimal MkDocs project of one language with the news pages, built with --strict."""
    docs = out / "docs" / lang
    pages = news_pages(show, lang, None)
    pages["index.md"] = "# Home\n"
    pages["schedule.md"] = "# Schedule\n"
    for path, text in pages.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    shutil.copytree(show.root / "data" / "media", docs / "media")
    config = out / f"mkdocs-{lang}.yml"
    # the site builder's own configuration (showpress's theme overrides: main.html escapes the
    # front matter it prints), with only these pages in the navigation and no plugins
    root = {"theme": {"name": "material"}, "plugins": [],
            "markdown_extensions": ["attr_list", "md_in_html", {"toc": {"permalink": True}}]}
    settings = language_config(show, root, LanguagePlan(lang, docs, out / "site" / lang))
    settings.update(plugins=[], nav=["index.md", "schedule.md", "news/index.md"])
    write_config(config, settings)
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run([str(mkdocs), "build", "--strict", "-q", "-f", str(config)],
                            capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    return out / "site" / lang


@pytest.mark.slow
def test_mkdocs_builds_the_pages_strictly_and_escapes_front_matter(tiny, tmp_path):
    evil = '</title><script>alert(1)</script> *x*'
    write_story(tiny, "en", "evil", title=evil, key="evil", date="2026-06-13T10:00:00+02:00",
                summary='"><script>alert(2)</script>', body="[schedule](../schedule.md)")
    show = load_show(tiny)
    site = build_language(show, "en", tmp_path)
    build_language(show, "zh", tmp_path)
    html = (site / "news" / "evil" / "index.html").read_text(encoding="utf-8")
    doc = lxml.html.fromstring(html)
    article = doc.get_element_by_id("titlescriptalert1script-x").text_content()
    assert article.startswith(evil)
    # the front matter holds the summary as written; main.html escapes it once (no &amp;amp;)
    assert '<meta name="description" content="&#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt;">' in html
    assert '<meta property="og:description" content="&#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt;">' in html
    assert "&amp;lt;" not in html and "<script>alert" not in html
    assert doc.xpath('//a[text()="schedule"]/@href') == ["../../schedule/"]
    # the fallback story is a real page of the zh site, with its text marked as English
    zh = lxml.html.fromstring((tmp_path / "site" / "zh" / "news" / "notes-one" / "index.html").read_text(encoding="utf-8"))
    (foreign,) = zh.xpath('//div[@class="sp-foreign"]')
    assert foreign.get("lang") == "en" and "Thank you for coming" in foreign.text_content()
    index = lxml.html.fromstring((site / "news" / "index.html").read_text(encoding="utf-8"))
    assert index.xpath('//a[@type="application/rss+xml"]/@href') == ["../feed.xml"]
    assert index.xpath("//article//h2/a[not(@class)]/@href") == ["evil/", "notes-one/", "closing/"]
