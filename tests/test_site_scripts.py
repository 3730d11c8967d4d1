"""Right for every script, on the built site in a real Chromium: right-to-left pages (direction on
<html>, neutral runs isolated, nothing hidden that widens the page), search as people type it in
Arabic, French, Korean and Japanese, and CJK line breaking in the site CSS.

The project is the tiny fixture show with Arabic, French, Korean and Japanese added, and one
exhibitor named in each of them."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from collector_support import free_port
from site_support import build, serving

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
TINY = Path(__file__).resolve().parent / "fixtures" / "tiny"
LANGUAGES = "[en, zh, ar, fr, ko, ja, he]"
TEAPOT = """
  - id: teapot
    name: {en: Teapot House, zh: 茶壶之家, ar: دار الإبريق, fr: La Théière Émaillée, ko: 협동로봇공방,
           ja: 清里精機}
    country: FR
    categories: [food]
    booths: [A-03]
    website: https://teapot.example.com/
    description: {en: Enamelled teapots., fr: Théières émaillées., ar: أباريق مطلية بالمينا.}
"""


def scripts_project(dest: Path, site_url: str) -> Path:
    """The tiny fixture show in ``dest``, in seven languages (two right to left), with the exhibitor ``teapot``."""
    shutil.copytree(TINY, dest)
    show = dest / "data" / "show.yml"
    text = show.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^languages:.*$", f"languages: {LANGUAGES}", text)
    text = re.sub(r"(?m)^site_url:.*$", f"site_url: {site_url}", text)
    text = re.sub(r"(?m)^collector_url:.*$", "collector_url: http://127.0.0.1:9/", text)
    show.write_text(text, encoding="utf-8")
    halls = dest / "data" / "halls.yml"
    halls.write_text(halls.read_text(encoding="utf-8").replace("{id: A-03, size_m2: 18, status: free",
                                                               "{id: A-03, size_m2: 18, status: sold"),
                     encoding="utf-8")
    exhibitors = dest / "data" / "exhibitors.yml"
    exhibitors.write_text(exhibitors.read_text(encoding="utf-8").rstrip("\n") + "\n" + TEAPOT.lstrip("\n"),
                          encoding="utf-8")
    return dest


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    port = free_port()
    project = scripts_project(tmp_path_factory.mktemp("scripts") / "show", f"http://127.0.0.1:{port}/")
    build(project, project / "site", today="2026-05-20")
    with serving(project / "site", port) as url:
        yield project / "site", url


@pytest.fixture(scope="module")
def browser():  # noqa: ANN201 - a Playwright browser
    if not Path(CHROMIUM).exists():
        if os.environ.get("SHOWPRESS_REQUIRE_CHROMIUM") == "1":
            pytest.fail("chromium is required (SHOWPRESS_REQUIRE_CHROMIUM=1) but /usr/bin/chromium is missing")
        pytest.skip("no chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):  # noqa: ANN001, ANN201
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    yield page
    page.close()


# --- right to left --------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["ar", "he"])
def test_right_to_left_pages_carry_direction_and_language_on_html(site, lang: str) -> None:  # noqa: ANN001
    folder, _ = site
    for rel in ("index.html", "inquiry/index.html", "exhibitors/teapot/index.html", "forms/ask/index.html"):
        head = (folder / lang / rel).read_text(encoding="utf-8")[:400]
        assert re.search(rf'<html lang="{lang}" dir="rtl"', head), (rel, head)
    assert '<html lang="en" dir="ltr"' in (folder / "en" / "index.html").read_text(encoding="utf-8")[:400]


@pytest.mark.parametrize("lang", ["ar", "he"])
@pytest.mark.parametrize("width", [390, 1280])
def test_phone_number_reads_left_to_right_on_a_right_to_left_page(site, browser, width: int,  # noqa: ANN001
                                                                   lang: str) -> None:
    """+49 30 5550 101 must show its groups in that order from left to right, not "101 5550 30 49+"."""
    _, url = site
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{url}{lang}/inquiry/")
    lefts = page.evaluate("""() => {
      const link = document.querySelector('a[href^="tel:"]');
      const node = link.firstChild, text = node.textContent, out = [];
      for (const m of text.matchAll(/\\+?\\d+/g)) {
        const r = document.createRange(); r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
        out.push([m[0], r.getBoundingClientRect().left]);
      }
      return out;
    }""")
    page.close()
    assert [group for group, _ in lefts] == ["+49", "30", "5550", "101"], lefts
    xs = [x for _, x in lefts]
    assert xs == sorted(xs), lefts


@pytest.mark.parametrize("lang", ["ar", "he"])
@pytest.mark.parametrize("width", [390, 1280])
def test_right_to_left_form_page_does_not_scroll_sideways(site, browser, width: int,  # noqa: ANN001
                                                          lang: str) -> None:
    _, url = site
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{url}{lang}/forms/ask/")
    assert page.locator("form input[name=website]").count() == 1
    scroll, inner = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    page.close()
    assert scroll <= inner, (scroll, inner)


def test_back_arrow_points_the_reading_way(site, page) -> None:  # noqa: ANN001
    _, url = site
    page.goto(f"{url}ar/exhibitors/teapot/")
    arrow = page.locator(".sp-arrow").first
    assert arrow.evaluate("e => getComputedStyle(e).transform") == "matrix(-1, 0, 0, 1, 0, 0)"
    page.goto(f"{url}en/exhibitors/teapot/")
    assert page.locator(".sp-arrow").first.evaluate("e => getComputedStyle(e).transform") == "none"


# --- CJK and Korean line breaking -----------------------------------------------------------------

def test_korean_keeps_words_whole_and_weekday_stays_on_one_line(site, browser) -> None:  # noqa: ANN001
    _, url = site
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.goto(f"{url}ko/")
    assert page.evaluate("() => getComputedStyle(document.querySelector('.md-content p')).wordBreak") == "keep-all"
    page.goto(f"{url}zh/visiting/")
    days = page.locator("td .sp-nowrap")
    assert days.count() >= 1
    for i in range(days.count()):
        assert days.nth(i).evaluate("e => e.getClientRects().length") == 1, days.nth(i).inner_text()
    page.close()


# --- search ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("lang", "query"),
    [
        ("ar", "ابريق"),        # indexed as الإبريق: without hamza and without the article
        ("ar", "الابريق"),      # with the article, without hamza
        ("fr", "theiere"),      # indexed as Théière
        ("fr", "emaillee"),
        ("ko", "로봇"),          # a part of 협동로봇공방
        ("ko", "로봇공방"),
        ("ja", "精機"),          # a part of the kanji run 清里精機
        ("ja", "清里精機"),
    ],
)
def test_search_finds_what_people_type(site, page, lang: str, query: str) -> None:  # noqa: ANN001
    _, url = site
    hrefs = search(page, f"{url}{lang}/", query)
    assert any(href.endswith(f"/{lang}/exhibitors/teapot/") for href in hrefs), hrefs


def test_search_parts_do_not_match_everything(site, page) -> None:  # noqa: ANN001
    """A bigram index still tells words apart: 精密 (not in any Japanese text) finds nothing."""
    _, url = site
    assert search(page, f"{url}ja/", "精密", expect=False) == []


def search(page, url: str, query: str, *, expect: bool = True) -> list[str]:  # noqa: ANN001
    """Type ``query`` into Material's search box on ``url``; the result links (without fragment or query).
    With ``expect=False``, wait for the worker's answer and return what it lists (maybe nothing)."""
    page.goto(url)
    box = page.locator("input.md-search__input")
    box.click()
    results = page.locator(".md-search-result__list a.md-search-result__link")
    placeholder = page.locator(".md-search-result__meta").inner_text()
    for attempt in range(6):  # a query typed before the worker has its index is dropped: type again
        box.fill(query)
        box.press("End")  # Material searches on key events; a programmatic fill alone triggers nothing
        try:
            if expect:
                results.first.wait_for(timeout=3000)
            else:
                page.wait_for_function("p => document.querySelector('.md-search-result__meta').textContent !== p",
                                       arg=placeholder, timeout=3000)
            break
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError: type again
            if attempt == 5:
                raise
    return [h.split("#")[0].split("?")[0] for h in results.evaluate_all("els => els.map(e => e.href)")]
