"""The offline show guide in headless Chromium: after one visit of a language's home page, its
halls, directory and schedule pages load with the network cut, and say that they are offline."""

from __future__ import annotations

from pathlib import Path

import pytest
from collector_support import free_port
from site_support import build, serving
from test_forms_browser import ARGS, CHROMIUM, require_chromium

from conftest import TINY
from generator.language import language_for
from generator.load import load_show

pytestmark = [pytest.mark.slow]
OFFLINE = "You are offline: showing the pages saved on this device"


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_chromium()
    out = tmp_path_factory.mktemp("offline") / "site"
    build(TINY, out, today="2026-06-10")
    return out


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_guide_pages_load_offline_after_one_visit(tiny_site: Path, lang: str) -> None:
    from playwright.sync_api import sync_playwright

    message = language_for(lang, load_show(TINY)).gettext(OFFLINE)
    with serving(tiny_site, free_port()) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 800})
        page = context.new_page()
        page.goto(f"{base}{lang}/")
        assert page.locator("#sp-offline").count() == 0  # online: no banner
        scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
        assert scope == f"{base}{lang}/"
        page.wait_for_function(
            """(urls) => caches.keys().then(keys => Promise.all(keys.map(k => caches.open(k)))).then(
                 cs => Promise.all(urls.map(u => Promise.all(cs.map(c => c.match(u))).then(r => r.some(Boolean)))))
               .then(found => found.every(Boolean))""",
            arg=[f"{base}{lang}/{p}" for p in ("halls/", "exhibitors/", "schedule/")], timeout=20000)
        context.set_offline(True)
        for path, heading in (("halls/", "h1"), ("exhibitors/", "h1"), ("schedule/", "h1")):
            response = page.goto(f"{base}{lang}/{path}")
            assert response is not None and response.ok, path
            assert response.from_service_worker, path
            assert page.locator(heading).count() >= 1, path
            banner = page.locator("#sp-offline")
            assert banner.inner_text() == message, path
            assert banner.get_attribute("role") == "status"
            styled = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
            assert styled in ("sticky", "fixed"), f"{path}: Material's CSS did not load offline"
        context.set_offline(False)
        page.goto(f"{base}{lang}/schedule/")
        assert page.locator("#sp-offline").count() == 0
        browser.close()
