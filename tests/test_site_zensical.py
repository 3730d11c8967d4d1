"""The same shows built with Zensical instead of MkDocs + Material: the same pages, every internal
link resolving, the language selector and hreflang landing on the same page, search finding a known
exhibitor in zh and en, and everything showpress adds after the engine (feeds, calendars, offline
scrubbing, right-to-left pages) still there.

Skipped when zensical is not installed, unless SHOWPRESS_REQUIRE_ZENSICAL=1 (scripts/test.sh sets it).
The Nu Html Checker runs over both engines' builds of both shows: 0 errors.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from checkers import nu_errors, require_checkers
from site_support import copy_sample, showpress_command
from test_site_links import broken_links, target

from conftest import TINY
from generator.errors import BuildError
from generator.load import load_show
from generator.site.build import BuildOptions, build_site
from generator.site.engines import choose_engine, search_index, zensical_installed
from generator.site.offline import external_references

pytestmark = pytest.mark.slow

LANG_LINK = re.compile(r'<a href="([^"]*)" hreflang="([^"]*)"[^>]*class="md-select__link sp-lang-link')
HREFLANG = re.compile(r'<link rel=" alternate" hreflang="([^"]*)" href="([^"]*)"')


def _need_zensical() -> None:
    if zensical_installed():
        return
    if os.environ.get("SHOWPRESS_REQUIRE_ZENSICAL") == "1":
        pytest.fail("zensical is required (SHOWPRESS_REQUIRE_ZENSICAL=1) but not installed: "
                    "bash scripts/setup.sh --test installs it")
    pytest.skip("zensical is not installed (pip install -e '.[zensical]')")


@pytest.fixture(scope="module")
def tiny_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The tiny fixture show (en, zh, ar) built by each engine."""
    _need_zensical()
    sites: dict[str, Path] = {}
    for engine in ("mkdocs", "zensical"):
        project = tmp_path_factory.mktemp(f"tiny-{engine}") / "show"
        shutil.copytree(TINY, project)
        build_site(load_show(project), BuildOptions(out=project / "site", today=dt.date(2026, 6, 20), jobs=2,
                                                    brochures=False, engine=engine))
        sites[engine] = project / "site"
    return sites


@pytest.fixture(scope="module")
def sample_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample show (zh, en, ko, ja) built by each engine with the real `showpress build`."""
    _need_zensical()
    sites: dict[str, Path] = {}
    for engine in ("mkdocs", "zensical"):
        project = copy_sample(tmp_path_factory.mktemp(f"sample-{engine}"), site_url="https://show.example.org/",
                              collector_url="https://collect.example.org/")
        args = [*showpress_command(), "build", "--project", str(project), "--today", "2026-05-20",
                "--no-brochures", "--engine", engine]
        done = subprocess.run(args, cwd=project, capture_output=True, text=True, timeout=900, check=False)
        assert done.returncode == 0, f"{engine}: {done.stdout}\n{done.stderr}"
        sites[engine] = project / "site"
    return sites


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def _feeds(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for ext in ("*.xml", "*.ics") for p in site.rglob(ext)
            if p.name != "sitemap.xml"}


@pytest.mark.parametrize("show", ["tiny", "sample"])
def test_the_same_pages_and_feeds(request: pytest.FixtureRequest, show: str) -> None:
    sites = request.getfixturevalue(f"{show}_sites")
    assert _pages(sites["zensical"]) == _pages(sites["mkdocs"])
    assert _feeds(sites["zensical"]) == _feeds(sites["mkdocs"])
    assert len(_pages(sites["zensical"])) > 30


@pytest.mark.parametrize("show", ["tiny", "sample"])
def test_every_internal_link_resolves(request: pytest.FixtureRequest, show: str) -> None:
    broken, checked = broken_links(request.getfixturevalue(f"{show}_sites")["zensical"])
    assert broken == []
    assert checked > 500


@pytest.mark.parametrize("show", ["tiny", "sample"])
def test_language_selector_and_hreflang_land_on_the_same_page(request: pytest.FixtureRequest, show: str) -> None:
    sites = request.getfixturevalue(f"{show}_sites")
    compared = 0
    for rel in sorted(_pages(sites["mkdocs"])):
        if rel.count("/") < 1 or rel.endswith("404.html"):
            continue  # the root page sends readers on; 404 pages have no place of their own
        page = sites["zensical"] / rel
        html = page.read_text(encoding="utf-8")
        expected = sites["mkdocs"] / rel
        links = LANG_LINK.findall(html)
        assert links == LANG_LINK.findall(expected.read_text(encoding="utf-8")), rel
        assert HREFLANG.findall(html) == HREFLANG.findall(expected.read_text(encoding="utf-8")), rel
        for href, lang in links:
            landed = target(sites["zensical"], page, href)
            assert landed is not None and landed.is_file(), f"{rel}: {href}"
            assert landed.relative_to(sites["zensical"]).parts[0] == lang
        compared += len(links)
    assert compared > 100


@pytest.mark.parametrize(
    ("lang", "word", "expected"),
    [("zh", "机器人", "exhibitors/haizhou-robotics/"), ("en", "cobot", "exhibitors/haizhou-robotics/")],
)
def test_search_index_finds_a_known_exhibitor(sample_sites: dict[str, Path], lang: str, word: str,
                                              expected: str) -> None:
    """Zensical's search UI is not Material's (its results are not .md-search-result links), so this
    looks in the index its worker searches: the exhibitor's page is there with the word, as with MkDocs."""
    for engine, site in sample_sites.items():
        found = search_index(site / lang)
        assert found is not None, engine
        path, entries = found
        hits = {e["location"].split("#")[0] for e in entries if word in (e.get("title", "") + e.get("text", ""))}
        assert expected in hits, (engine, path, sorted(hits)[:10])
    index = (sample_sites["zensical"] / lang / "search.json").read_text(encoding="utf-8")
    assert f'"lang":["{lang}"]' in index  # Intl.Segmenter cuts Han text in the browser for zh


def test_right_to_left_and_offline(tiny_sites: dict[str, Path]) -> None:
    site = tiny_sites["zensical"]
    assert '<body dir="rtl"' in (site / "ar" / "index.html").read_text(encoding="utf-8")
    assert '<body dir="ltr"' in (site / "en" / "index.html").read_text(encoding="utf-8")
    assert external_references(site) == []
    assert not list(site.rglob("*.map"))


def test_staged_project_is_self_contained(tiny_sites: dict[str, Path]) -> None:
    """Zensical refuses docs_dir/site_dir outside the folder of its config file."""
    import yaml

    stage = tiny_sites["zensical"].parent / ".cache" / "showpress" / "staging" / "en"
    config = yaml.safe_load((stage / "mkdocs.yml").read_text(encoding="utf-8"))
    assert (config["docs_dir"], config["site_dir"], config["theme"]["custom_dir"]) == ("docs", "site", "overrides")
    assert (stage / "overrides" / "main.html").is_file()


def test_overrides_use_no_python_string_methods() -> None:
    """MiniJinja (Zensical) has no .endswith, .get, .items() ...: the overrides keep to filters and tests."""
    method = re.compile(r"\.(?:endswith|startswith|get|items|keys|values|split|strip|lower|upper|replace|join)\(")
    overrides = Path(__file__).resolve().parents[1] / "site_templates" / "overrides"
    found = [f"{p.name}: {m.group(0)}" for p in overrides.rglob("*.html")
             for m in method.finditer(p.read_text(encoding="utf-8"))]
    assert found == []


def test_an_unknown_engine_is_named_with_its_file() -> None:
    with pytest.raises(BuildError, match=r"mkdocs.yml: showpress.engine is 'hugo'; use one of mkdocs, zensical"):
        choose_engine(None, {"showpress": {"engine": "hugo"}})
    assert choose_engine(None, {}) == "mkdocs"
    assert choose_engine("mkdocs", {"showpress": {"engine": "zensical"}}) == "mkdocs"


@pytest.mark.parametrize("show", ["tiny", "sample"])
def test_nu_html_checker_finds_no_error_with_either_engine(request: pytest.FixtureRequest, show: str) -> None:
    require_checkers()
    sites = request.getfixturevalue(f"{show}_sites")
    errors = nu_errors(sites["mkdocs"], sites["zensical"])
    assert not errors, f"{len(errors)} Nu Html Checker error(s), e.g.\n" + "\n".join(map(str, errors[:20]))


def test_the_directory_is_out_of_zensical_search_only(tiny_sites: dict[str, Path]) -> None:
    """At show scale the directory's text passes Zensical's per-field search limit and fails the
    build (2,000 exhibitors in ko/ja); its exhibitors each have their own page in the index."""
    for engine, directory_indexed in (("mkdocs", True), ("zensical", False)):
        found = search_index(tiny_sites[engine] / "en")
        assert found is not None, engine
        locations = {entry["location"] for entry in found[1]}
        assert ("exhibitors/" in locations) is directory_indexed, (engine, sorted(locations)[:20])
        assert "exhibitors/acme/" in locations, engine
