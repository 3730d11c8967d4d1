"""Unit tests of the site's page providers and helpers (no MkDocs run)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from generator.load import load_show
from generator.markup import md_text as md_inline
from generator.site.config import LanguagePlan, language_config, load_root_config
from generator.site.gather import alternates, gather
from generator.site.pages import core_pages, phase
from generator.urls import href, page_url

TINY = Path(__file__).parent / "fixtures" / "tiny"


@pytest.fixture(scope="module")
def show():
    return load_show(TINY)


@pytest.mark.parametrize(
    ("docs_path", "url"),
    [("index.md", ""), ("about.md", "about/"), ("exhibitors/index.md", "exhibitors/"),
     ("exhibitors/acme.md", "exhibitors/acme/"), ("brochure.pdf", "brochure.pdf")],
)
def test_page_url_follows_mkdocs_directory_urls(docs_path, url):
    assert page_url(docs_path) == url


@pytest.mark.parametrize(
    ("here", "to", "expected"),
    [("index.md", "exhibitors/acme.md", "exhibitors/acme/"),
     ("exhibitors/index.md", "exhibitors/acme.md", "acme/"),
     ("exhibitors/acme.md", "exhibitors/index.md", "../"),
     ("exhibitors/acme.md", "media/acme.svg", "../../media/acme.svg"),
     ("halls.md", "index.md", "../"),
     ("index.md", "index.md", "./")],
)
def test_href_is_relative_between_directory_urls(here, to, expected):
    assert href(here, to) == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [(dt.date(2026, 6, 9), "upcoming"), (dt.date(2026, 6, 10), "open"), (dt.date(2026, 6, 11), "open"),
     (dt.date(2026, 6, 12), "closed")],
)
def test_phase_from_the_build_date(show, today, expected):
    assert phase(show, today) == expected


@pytest.mark.parametrize(
    ("today", "phase_name", "banner"),
    [(dt.date(2026, 5, 1), "upcoming", False), (dt.date(2026, 6, 10), "open", False),
     (dt.date(2026, 6, 20), "closed", True)],
)
def test_home_page_shows_the_phase_and_the_post_show_banner_only_when_closed(show, today, phase_name, banner):
    home = core_pages(show, "en", today, links={"news": True, "survey": "feedback"})["index.md"]
    assert f'data-phase="{phase_name}"' in home
    assert ('id="post-show"' in home) is banner
    if banner:
        assert 'href="news/"' in home
        assert 'href="forms/feedback/"' in home


def test_yaml_text_is_escaped_in_every_page(show):
    for lang in show.languages:
        pages = core_pages(show, lang, dt.date(2026, 6, 1))
        # front matter is YAML data, not HTML: main.html escapes each page.meta value it prints
        bodies = [re.sub(r"\A---\n.*?\n---\n", "", page, flags=re.S) for page in pages.values()]
        assert "<script>alert" not in "".join(bodies)
    acme = core_pages(show, "en", dt.date(2026, 6, 1))["exhibitors/acme.md"]
    assert "Precision tools &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more" in acme


def test_md_inline_makes_markdown_inert():
    assert md_inline("[x](javascript:alert(1)) *b* <i>") == (
        r"\[x\]\(javascript:alert\(1\)\) \*b\* &lt;i&gt;"
    )


def test_editors_markdown_fields_are_rendered_and_sanitised(show):
    about = core_pages(show, "en", dt.date(2026, 6, 1))["about.md"]
    assert '<div class="sp-md">\n<p>Founded in <strong>2020</strong>.</p>\n</div>' in about


def test_json_ld_on_home_and_schedule(show):
    pages = core_pages(show, "zh", dt.date(2026, 6, 1))
    assert '"@type": "ExhibitionEvent"' in pages["index.md"]
    assert '"startDate": "2026-06-10T09:00:00+02:00"' in pages["index.md"]
    assert pages["schedule.md"].count('"@type": "Event"') == 2


def test_alternates_map_untranslated_pages_to_the_other_home(show):
    contents = gather(show, dt.date(2026, 6, 20), brochures=False)
    alt = alternates(show, contents)
    assert alt["ar"]["press/"] == {"en": "", "zh": ""}
    assert "exhibitors/acme/" not in alt["en"]  # same URL in every language


def test_language_config_keeps_exhibitors_out_of_the_nav_and_sets_search(show, tmp_path):
    root = load_root_config(Path(__file__).parent.parent)
    plan = LanguagePlan(lang="zh", docs_dir=tmp_path / "docs", site_dir=tmp_path / "site", has_news=True)
    config = language_config(show, root, plan)
    nav_paths = re.findall(r"'([^']+\.md)'", str(config["nav"]))
    assert "exhibitors/index.md" in nav_paths
    assert not any(p.startswith("exhibitors/") and p != "exhibitors/index.md" for p in nav_paths)
    assert "/exhibitors/" in config["not_in_nav"]
    assert config["theme"]["language"] == "zh" and config["theme"]["font"] is False
    assert config["site_url"] == "https://tiny.example.org/zh/"
    search = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    assert search["lang"] == ["zh"] and "\\u200b" in search["separator"]


def test_root_config_refuses_google_fonts(tmp_path):
    shutil.copytree(TINY, tmp_path / "show")
    (tmp_path / "show" / "mkdocs.yml").write_text("theme: {name: material, font: {text: Roboto}}\n")
    from generator.errors import BuildError

    with pytest.raises(BuildError, match="theme.font must be false"):
        load_root_config(tmp_path / "show")
