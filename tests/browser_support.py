"""Debian's headless Chromium through Playwright, for the tests that look at the built site in a
real browser: where it is, how it starts, how a test skips without it (or fails, when
SHOWPRESS_REQUIRE_CHROMIUM=1 says it must run), and typing into Material's search box.

The ``browser`` and ``page`` fixtures of tests/conftest.py are made from :func:`chromium`."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import pytest
from collector_support import free_port
from site_support import build, serving

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SEARCH_TRIES = 6
"""A query typed before Material's search worker has its index is dropped: it is typed again."""


def chromium_missing() -> str | None:
    """What headless Chromium lacks here (its program or Playwright), or None when it can run."""
    if not CHROMIUM.exists():
        return str(CHROMIUM)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        return f"playwright ({error})"
    return None


def skip_or_fail(needs: str, why: str) -> NoReturn:
    """Skip a test that ``needs`` what is not here (``why``); fail it instead when
    SHOWPRESS_REQUIRE_CHROMIUM=1 says the browser tests must run."""
    if os.environ.get("SHOWPRESS_REQUIRE_CHROMIUM") == "1":
        pytest.fail(f"this test needs {needs}, required by SHOWPRESS_REQUIRE_CHROMIUM=1, but {why}")
    pytest.skip(f"needs {needs}: {why}")


def require_chromium() -> None:
    """Skip without Chromium and Playwright; fail instead when SHOWPRESS_REQUIRE_CHROMIUM=1."""
    missing = chromium_missing()
    if missing is not None:
        skip_or_fail("headless Chromium", f"missing {missing}")


@contextmanager
def chromium() -> Iterator[Any]:
    """A launched headless Chromium (a Playwright ``Browser``), closed at the end."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def served_site(make_project: Callable[[str], Path], *, today: str) -> Iterator[tuple[Path, str]]:
    """The project ``make_project(site_url)`` makes for a free loopback port, built by the real
    `showpress build` and served there; yields (the built site folder, its URL)."""
    port = free_port()
    project = make_project(f"http://127.0.0.1:{port}/")
    build(project, project / "site", today=today)
    with serving(project / "site", port) as url:
        yield project / "site", url


def search(page: Any, url: str, query: str, *, expect: bool = True) -> list[str]:
    """Type ``query`` into Material's search box on ``url``; the result links (without fragment or query).

    With ``expect=False``, wait for the worker's answer and return what it lists (maybe nothing)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.goto(url)
    box = page.locator("input.md-search__input")
    box.click()
    results = page.locator(".md-search-result__list a.md-search-result__link")
    placeholder = None if expect else page.locator(".md-search-result__meta").inner_text()
    for attempt in range(SEARCH_TRIES):
        box.fill(query)
        box.press("End")  # Material searches on key events; a programmatic fill alone triggers nothing
        try:
            if expect:
                results.first.wait_for(timeout=5000)
            else:
                page.wait_for_function("p => document.querySelector('.md-search-result__meta').textContent !== p",
                                       arg=placeholder, timeout=5000)
            break
        except PlaywrightTimeout:
            if attempt == SEARCH_TRIES - 1:
                raise
    return [href.split("#")[0].split("?")[0] for href in results.evaluate_all("els => els.map(a => a.href)")]
