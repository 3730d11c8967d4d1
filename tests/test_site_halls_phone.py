"""The halls on a phone, in headless Chromium at 390 px: plan labels at 9 CSS px or more (the plan
scrolls sideways instead of shrinking), and every column of the booth list on screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from collector_support import free_port
from site_support import build, serving
from test_forms_browser import ARGS, CHROMIUM, require_chromium

from conftest import ROOT, TINY

pytestmark = [pytest.mark.slow]

MEASURE = """() => {
  const vw = document.documentElement.clientWidth;
  const labels = [...document.querySelectorAll('.sp-floorplan svg text')]
    .map(t => t.getBoundingClientRect().height).filter(h => h > 0);
  const cells = [...document.querySelectorAll('table.sp-booths tr > *')].filter(c => c.getBoundingClientRect().width > 0);
  const off = cells.filter(c => { const r = c.getBoundingClientRect(); return r.right > vw + 0.5 || r.left < -0.5; });
  const regions = [...document.querySelectorAll('.sp-plan-scroll')]
    .filter(r => r.tabIndex !== 0 || r.getAttribute('role') !== 'region' || !r.getAttribute('aria-label'));
  return {labels: labels.length, smallest: Math.min(...labels), cells: cells.length, off: off.length,
          page: document.documentElement.scrollWidth, vw, unnamed: regions.length};
}"""


def measure(site: Path, pages: list[str]) -> dict[str, dict[str, float]]:
    from playwright.sync_api import sync_playwright

    found = {}
    with serving(site, free_port()) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
        page = context.new_page()
        for path in pages:
            response = page.goto(base + path)
            assert response is not None and response.ok, path
            found[path] = page.evaluate(MEASURE)
        browser.close()
    return found


def assert_usable(found: dict[str, dict[str, float]], booth_pages: list[str]) -> None:
    for path, m in found.items():
        assert m["labels"] > 0, path
        assert m["smallest"] >= 9, f"{path}: a plan label is {m['smallest']:.1f} px high"
        assert m["off"] == 0, f"{path}: {m['off']} booth-table cells off-screen"
        assert m["page"] <= m["vw"], f"{path}: the page scrolls sideways ({m['page']} px)"
        assert m["unnamed"] == 0, path
    assert all(found[p]["cells"] > 0 for p in booth_pages)


def test_sample_halls_on_a_phone(tmp_path: Path) -> None:
    require_chromium()
    build(ROOT, tmp_path / "site", today="2026-05-13")
    pages = [f"{lang}/halls/{hall}/" for lang in ("zh", "en") for hall in ("H1", "H2", "H3", "H4", "H5", "H6")]
    found = measure(tmp_path / "site", ["zh/halls/", "en/halls/", *pages])
    assert_usable(found, pages)


def test_tiny_halls_on_a_phone_right_to_left(tmp_path: Path) -> None:
    require_chromium()
    build(TINY, tmp_path / "site", today="2026-06-10")
    pages = ["ar/halls/", "en/halls/", "zh/halls/"]
    assert_usable(measure(tmp_path / "site", pages), pages)
