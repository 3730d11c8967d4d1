"""Right for every script, on the built site in a real Chromium: right-to-left pages (direction on
<html>, neutral runs isolated, nothing hidden that widens the page), search as people type it in
Arabic, French, Korean and Japanese, and CJK line breaking in the site CSS.

The project is the tiny fixture show with Arabic, French, Korean and Japanese added, and one
exhibitor named in each of them."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import search, served_site

pytestmark = pytest.mark.slow

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
RIGHT_TO_LEFT = pytest.mark.parametrize("lang", ["ar", "he"])
PHONE_AND_DESKTOP = pytest.mark.parametrize("page", [390, 1280], indirect=True)
"""The ``page`` fixture (tests/conftest.py) at a phone's and a desktop's width, in CSS px."""


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
    folder = tmp_path_factory.mktemp("scripts")
    with served_site(lambda site_url: scripts_project(folder / "show", site_url), today="2026-05-20") as served:
        yield served


# --- right to left --------------------------------------------------------------------------------

@RIGHT_TO_LEFT
def test_right_to_left_pages_carry_direction_and_language_on_html(site, lang: str) -> None:  # noqa: ANN001
    folder, _ = site
    for rel in ("index.html", "inquiry/index.html", "exhibitors/teapot/index.html", "forms/ask/index.html"):
        head = (folder / lang / rel).read_text(encoding="utf-8")[:400]
        assert re.search(rf'<html lang="{lang}" dir="rtl"', head), (rel, head)
    assert '<html lang="en" dir="ltr"' in (folder / "en" / "index.html").read_text(encoding="utf-8")[:400]


@RIGHT_TO_LEFT
@PHONE_AND_DESKTOP
def test_phone_number_reads_left_to_right_on_a_right_to_left_page(site, page, lang: str) -> None:  # noqa: ANN001
    """+49 30 5550 101 must show its groups in that order from left to right, not "101 5550 30 49+"."""
    _, url = site
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
    assert [group for group, _ in lefts] == ["+49", "30", "5550", "101"], lefts
    xs = [x for _, x in lefts]
    assert xs == sorted(xs), lefts


@RIGHT_TO_LEFT
@PHONE_AND_DESKTOP
def test_right_to_left_form_page_does_not_scroll_sideways(site, page, lang: str) -> None:  # noqa: ANN001
    _, url = site
    page.goto(f"{url}{lang}/forms/ask/")
    assert page.locator("form input[name=website]").count() == 1
    scroll, inner = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, (scroll, inner)


def test_back_arrow_points_the_reading_way(site, page) -> None:  # noqa: ANN001
    _, url = site
    page.goto(f"{url}ar/exhibitors/teapot/")
    arrow = page.locator(".sp-arrow").first
    assert arrow.evaluate("e => getComputedStyle(e).transform") == "matrix(-1, 0, 0, 1, 0, 0)"
    page.goto(f"{url}en/exhibitors/teapot/")
    assert page.locator(".sp-arrow").first.evaluate("e => getComputedStyle(e).transform") == "none"


# --- CJK and Korean line breaking -----------------------------------------------------------------

@pytest.mark.parametrize("page", [390], indirect=True)
def test_korean_keeps_words_whole_and_weekday_stays_on_one_line(site, page) -> None:  # noqa: ANN001
    _, url = site
    page.goto(f"{url}ko/")
    assert page.evaluate("() => getComputedStyle(document.querySelector('.md-content p')).wordBreak") == "keep-all"
    page.goto(f"{url}zh/visiting/")
    days = page.locator("td .sp-nowrap")
    assert days.count() >= 1
    for i in range(days.count()):
        assert days.nth(i).evaluate("e => e.getClientRects().length") == 1, days.nth(i).inner_text()


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
