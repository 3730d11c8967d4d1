"""Search finds exhibitors and news in each language of the sample show, in a real Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from collector_support import free_port
from site_support import build, copy_sample, serving

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    project = copy_sample(tmp_path_factory.mktemp("search"), site_url=f"http://127.0.0.1:{port}/",
                          collector_url="http://127.0.0.1:9/")
    build(project, project / "site", today="2026-05-20")
    with serving(project / "site", port) as url:
        yield url


@pytest.fixture(scope="module")
def page(base_url: str):  # noqa: ANN201 - a Playwright page
    if not Path(CHROMIUM).exists():
        if os.environ.get("SHOWPRESS_REQUIRE_CHROMIUM") == "1":
            pytest.fail("chromium is required (SHOWPRESS_REQUIRE_CHROMIUM=1) but /usr/bin/chromium is missing")
        pytest.skip("no chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield browser.new_page(viewport={"width": 1280, "height": 900})
        browser.close()


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("zh", "机器人", "/zh/exhibitors/haizhou-robotics/"),
        ("zh", "协作机器人", "/zh/news/2026-05-13-smart-manufacturing-deals/"),
        ("en", "cobot", "/en/exhibitors/haizhou-robotics/"),
        ("en", "palletising", "/en/exhibitors/haizhou-robotics/"),
        ("ko", "협동로봇", "/ko/news/2026-05-13-smart-manufacturing-deals/"),
        ("ja", "ロボット", "/ja/exhibitors/haizhou-robotics/"),
        ("ja", "協働ロボット", "/ja/news/2026-05-13-smart-manufacturing-deals/"),
        ("ja", "清里精機", "/ja/news/2026-05-13-smart-manufacturing-deals/"),
        ("ja", "清里精機", "/ja/exhibitors/kiyosato-seiki/"),
        # In the exhibitor's description as インライン検査システム: kanji + katakana, like 協働ロボット
        ("ja", "検査システム", "/ja/exhibitors/kiyosato-seiki/"),
    ],
)
def test_search_finds_exhibitors_and_news(page, base_url: str, lang: str, query: str, expected: str) -> None:  # noqa: ANN001
    hrefs = _search(page, f"{base_url}{lang}/", query)
    assert any(href.endswith(expected) for href in hrefs), hrefs


def test_japanese_search_does_not_match_single_characters(page, base_url: str) -> None:  # noqa: ANN001
    """Only one exhibitor mentions パレタイジング: an index cut into single characters would list dozens."""
    hrefs = _search(page, f"{base_url}ja/", "パレタイジング")
    assert hrefs, hrefs
    assert all(href.endswith("/ja/exhibitors/haizhou-robotics/") for href in hrefs), hrefs


def _search(page, url: str, query: str) -> list[str]:  # noqa: ANN001
    """Type ``query`` into Material's search box on ``url``; the result links (without fragment or query)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.goto(url)
    box = page.locator("input.md-search__input")
    box.click()
    results = page.locator(".md-search-result__list a.md-search-result__link")
    for attempt in range(6):  # a query typed before the search worker has its index is dropped: type again
        box.fill(query)
        box.press("End")  # Material searches on key events; a programmatic fill alone triggers nothing
        try:
            results.first.wait_for(timeout=5000)
            break
        except PlaywrightTimeout:
            if attempt == 5:
                raise
    return [href.split("#")[0].split("?")[0] for href in results.evaluate_all("els => els.map(a => a.href)")]
