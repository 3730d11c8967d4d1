"""The checkers a public body runs, over the built site (issue 13; tests/checkers.py):

- the Nu Html Checker over EVERY built page of the sample show and of the tiny fixture (right to
  left in ``ar``): 0 errors;
- axe-core in Chromium over every page type in every language of both, at 390 and 1280 px:
  0 serious or critical findings;
- no dead same-site link and no resource from another host;
- a deliberately broken copy of the tiny fixture (an unlabelled field, a dead link, an external
  font, an invalid attribute) makes each of these checks report it.

Each show is built once for the module (``--today 2026-05-20``: after the sample show) and served
on loopback; one vnu run checks the three built folders while axe runs in Chromium.
"""

from __future__ import annotations

import gzip
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from checkers import (
    NuRun,
    axe_findings,
    dead_links,
    require_checkers,
    third_party_resources,
)
from collector_support import free_port
from site_support import build, copy_sample, serving

pytestmark = [pytest.mark.slow]
TODAY = "2026-05-20"
TINY = Path(__file__).parent / "fixtures" / "tiny"
BROKEN_PAGE = """# Broken on purpose

<form action="#"><input type="text" name="unlabelled"></form>

<a href="../no-such-page/">A dead link</a>

<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto">

<div tabindex="">An invalid attribute value</div>
"""
"""An editor's page that breaks each checker once (content/en/broken.md in a copy of the tiny show)."""


@dataclass(frozen=True)
class Site:
    name: str
    folder: Path
    url: str
    languages: tuple[str, ...]


@dataclass(frozen=True)
class Sites:
    sample: Site
    tiny: Site
    broken: Site
    nu: NuRun


def _built(tmp: Path, name: str, project: Path, port: int) -> Site:
    site = tmp / f"{name}-site"
    build(project, site, today=TODAY)
    languages = tuple(sorted(p.parent.name for p in site.glob("*/index.html")))
    return Site(name, site, f"http://127.0.0.1:{port}/", languages)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    """The three shows built, vnu started over all of them, and each served on loopback."""
    require_checkers(browser=True)
    tmp = tmp_path_factory.mktemp("checkers")
    ports = {name: free_port() for name in ("sample", "tiny", "broken")}
    sample = copy_sample(tmp / "sample", site_url=f"http://127.0.0.1:{ports['sample']}/",
                         collector_url="http://127.0.0.1:9/")
    tiny = tmp / "tiny"
    shutil.copytree(TINY, tiny, ignore=shutil.ignore_patterns(".cache"))
    broken = tmp / "broken"
    shutil.copytree(TINY, broken, ignore=shutil.ignore_patterns(".cache"))
    (broken / "content" / "en" / "broken.md").write_text(BROKEN_PAGE, encoding="utf-8")
    built = {name: _built(tmp, name, project, ports[name])
             for name, project in (("sample", sample), ("tiny", tiny), ("broken", broken))}
    nu = NuRun.start(*(site.folder for site in built.values()))
    try:
        with serving(built["sample"].folder, ports["sample"]), serving(built["tiny"].folder, ports["tiny"]), \
                serving(built["broken"].folder, ports["broken"]):
            yield Sites(built["sample"], built["tiny"], built["broken"], nu)
    finally:
        nu.stop()


def _first(folder: Path, pattern: str) -> str:
    """The URL path of the first built page matching ``pattern`` (a page type's example)."""
    found = sorted(p.parent for p in folder.glob(pattern) if p.parent.name not in ("category", "thanks"))
    assert found, f"no page matches {pattern} in {folder}"
    return found[0].relative_to(folder).as_posix() + "/"


def page_types(site: Site, lang: str) -> list[str]:
    """One URL per page type of ``lang``: home, directory, exhibitor, halls, schedule, visiting,
    about, statistics, news list, news story, form, inquiry."""
    root = site.folder / lang
    paths = ["", "exhibitors/", _first(root, "exhibitors/*/index.html"), "halls/", "schedule/", "visiting/",
             "about/", "statistics/", "news/", _first(root, "news/*/index.html"), _first(root, "forms/*/index.html"),
             "inquiry/"]
    return [f"{site.url}{lang}/{path}" for path in paths]


# --------------------------------------------------------------------------- Nu Html Checker


def test_nu_html_checker_finds_no_error_on_any_page(sites: Sites) -> None:
    errors = [e for e in sites.nu.errors() if not e.path.is_relative_to(sites.broken.folder)]
    checked = sum(1 for site in (sites.sample, sites.tiny) for _ in site.folder.rglob("*.html"))
    assert checked > 300
    assert errors == [], f"{len(errors)} vnu errors:\n" + "\n".join(map(str, errors[:40]))


def test_nu_html_checker_reports_the_broken_page(sites: Sites) -> None:
    errors = [e for e in sites.nu.errors() if e.path.is_relative_to(sites.broken.folder)]
    assert [e.path.relative_to(sites.broken.folder).as_posix() for e in errors] == ["en/broken/index.html"]
    assert "tabindex" in errors[0].message


# --------------------------------------------------------------------------- links and hosts


@pytest.mark.parametrize("name", ["sample", "tiny"])
def test_no_dead_link_and_no_third_party_resource(sites: Sites, name: str) -> None:
    site: Site = getattr(sites, name)
    assert dead_links(site.folder, site.url) == []
    assert third_party_resources(site.folder, site.url) == []


def test_the_crawler_reports_the_dead_link_and_the_external_font(sites: Sites) -> None:
    assert dead_links(sites.broken.folder, sites.broken.url) == ["/en/broken/index.html: ../no-such-page/"]
    assert third_party_resources(sites.broken.folder, sites.broken.url) == [
        "/en/broken/index.html: https://fonts.googleapis.com/css2?family=Roboto"
    ]


# --------------------------------------------------------------------------- axe-core


@pytest.mark.parametrize("name", ["sample", "tiny"])
def test_axe_finds_nothing_serious_on_any_page_type_in_any_language(sites: Sites, browser: Any, name: str) -> None:
    site: Site = getattr(sites, name)
    urls = [url for lang in site.languages for url in page_types(site, lang)]
    found = axe_findings(browser, urls)
    assert len(urls) >= 12 * len(site.languages)
    assert found == [], f"{len(found)} serious/critical:\n" + "\n".join(map(str, found[:40]))


def test_axe_reports_the_unlabelled_field(sites: Sites, browser: Any) -> None:
    found = axe_findings(browser, [f"{sites.broken.url}en/broken/"])
    assert {(f.rule, f.width) for f in found} >= {("label", 390), ("label", 1280)}
    assert any("unlabelled" in target for f in found for target in f.targets)


# --------------------------------------------------------------------------- the root page


@pytest.mark.parametrize(("locale", "landing"), [("fr-FR", "en/"), ("de-DE", "en/"), ("ko-KR", "ko/"),
                                                 ("zh-TW", "zh/"), ("ja", "ja/")])
def test_root_page_picks_the_best_language(sites: Sites, browser: Any, locale: str, landing: str) -> None:
    """Browser locales the sample (zh, en, ko, ja) lacks follow the fallback chain: English first."""
    context = browser.new_context(locale=locale)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(sites.sample.url)
    page.wait_for_url(sites.sample.url + landing)
    context.close()
    assert errors == []  # the script is a file: the root page's CSP lets it run


def test_root_page_remembers_a_chosen_language_and_works_without_javascript(sites: Sites, browser: Any) -> None:
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.goto(sites.sample.url + "?choose")
    page.locator("a[hreflang=ja]").click()
    page.wait_for_url(sites.sample.url + "ja/")
    page.goto(sites.sample.url)
    page.wait_for_url(sites.sample.url + "ja/")
    context.close()
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    page.goto(sites.sample.url)
    assert page.url == sites.sample.url
    assert page.locator("a[hreflang]").evaluate_all("links => links.map(a => a.getAttribute('href'))") == [
        "zh/", "en/", "ko/", "ja/"]
    context.close()


# --------------------------------------------------------------------------- discovery


def _meta(html: str, key: str) -> str | None:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return found.group(1) if found else None


def test_every_page_has_link_preview_tags(sites: Sites) -> None:
    site = sites.sample
    pages = list(site.folder.glob("*/**/index.html"))
    for path in pages:
        html = path.read_text(encoding="utf-8")
        for key in ("og:title", "og:description", "og:image", "og:url", "og:locale", "twitter:card"):
            assert _meta(html, key), f"{path}: no {key}"
        assert _meta(html, "og:url").startswith(site.url)
        assert _meta(html, "og:image").startswith(site.url)
    en = site.folder / "en"
    home = (en / "index.html").read_text(encoding="utf-8")
    assert _meta(home, "og:locale") == "en_US"
    assert _meta(home, "og:image") == f"{site.url}en/assets/images/showpress-share.png"
    assert (en / "assets" / "images" / "showpress-share.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    exhibitor = (en / _first(en, "exhibitors/*/index.html") / "index.html").read_text(encoding="utf-8")
    story = (en / "news" / "2026-05-12-opening-day" / "index.html").read_text(encoding="utf-8")
    generic = _meta(home, "og:description")
    assert _meta(exhibitor, "og:description") not in (None, generic)
    assert _meta(exhibitor, "og:image").startswith(f"{site.url}en/media/logos/")
    assert _meta(story, "og:description").startswith("The 12th China (Haizhou) International Industrial ")
    assert _meta(story, "og:image") == f"{site.url}en/media/news/opening.svg"


def test_root_sitemap_index_robots_and_lastmod_from_today(sites: Sites) -> None:
    site = sites.sample
    index = (site.folder / "sitemap.xml").read_text(encoding="utf-8")
    assert [f"{site.url}{lang}/sitemap.xml" for lang in ("zh", "en", "ko", "ja")] == \
        re.findall(r"<loc>([^<]*)</loc>", index)
    assert f"<lastmod>{TODAY}</lastmod>" in index
    assert (site.folder / "robots.txt").read_text(encoding="utf-8").splitlines()[-1] == f"Sitemap: {site.url}sitemap.xml"
    for lang in site.languages:
        sitemap = (site.folder / lang / "sitemap.xml").read_text(encoding="utf-8")
        lastmods = set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap))
        assert lastmods == {TODAY}
        assert "/thanks/" not in sitemap and "/forms/" in sitemap
        assert "/thanks/" not in gzip.decompress((site.folder / lang / "sitemap.xml.gz").read_bytes()).decode()
