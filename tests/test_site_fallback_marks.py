"""Text shown in a fallback language carries its own lang and dir on every page type, and hreflang
never announces a fallback news story as a page in the reader's language (issue 10)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from lxml import html

from generator.i18n import iter_texts
from generator.load import load_show
from generator.models import ANY_LANG
from generator.site.build import BuildOptions, build_site

TINY = Path(__file__).parent / "fixtures" / "tiny"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fallback") / "site"
    build_site(load_show(TINY), BuildOptions(out=out, today=dt.date(2026, 6, 20), brochures=False, jobs=1))
    return out


@pytest.fixture(scope="module")
def same_everywhere() -> set[str]:
    """Texts the fixture gives once for every language (names, brands): never a fallback."""
    show = load_show(TINY)
    models = [show.info, show.exhibitors_file, show.halls_file, show.schedule, show.visiting]
    return {" ".join(t[ANY_LANG].split()) for m in models for _, t in iter_texts(m) if ANY_LANG in t}


def _page(site: Path, lang: str, url: str) -> html.HtmlElement:
    return html.fromstring((site / lang / url / "index.html").read_bytes())


def _en_texts(site: Path, url: str, same: set[str]) -> list[tuple[str, str | None, str | None]]:
    """(text, lang, dir) of every element of the ar page whose own text is not in Arabic but is in
    the same page in English: data that fell back, with the nearest lang and dir around it."""
    ar, en = _page(site, "ar", url), _page(site, "en", url)
    en_text = " ".join(en.xpath("//article")[0].text_content().split())
    found = []
    for el in ar.xpath("//article//*[text()][not(ancestor-or-self::svg)]"):  # plans: xml:lang, graphics
        if el.tag in ("script", "style", "time", "bdi", "code"):
            continue
        text = " ".join((el.text or "").split())
        if len(text) < 4 or not any(c.isalpha() for c in text) or any("\u0600" <= c <= "\u06ff" for c in text):
            continue
        if text not in en_text or text.isupper() or text in same or "@" in text or "/" in text:
            continue
        lang = next((a.get("lang") for a in el.iterancestors() if a.get("lang")), None) if not el.get("lang") else el.get("lang")
        where = el if el.get("dir") else next((a for a in el.iterancestors() if a.get("dir")), el)
        found.append((text, lang, where.get("dir")))
    return found


@pytest.mark.parametrize("url", ["exhibitors", "halls", "schedule", "about", "visiting", "services"])
def test_every_english_text_on_an_arabic_page_is_marked_english(built: Path, url: str,
                                                                same_everywhere: set[str]) -> None:
    texts = _en_texts(built, url, same_everywhere)
    assert texts, f"ar/{url}: the fixture has no English-only text here any more; pick another page"
    wrong = [t for t in texts if t[1] != "en" or t[2] != "ltr"]
    assert not wrong, f"ar/{url}: texts in English not marked lang=en dir=ltr: {wrong}"


def test_an_exhibitors_heading_in_english_is_marked(built: Path, same_everywhere: set[str]) -> None:
    shown = []
    for page in (built / "ar" / "exhibitors").glob("*/index.html"):
        tree = html.fromstring(page.read_bytes())
        h1 = tree.xpath("//article//h1")[0]
        name = " ".join(h1.text_content().replace("¶", "").split())
        if name not in same_everywhere and not any("\u0600" <= c <= "\u06ff" for c in name):
            shown.append((page.parent.name, h1.get("lang"), h1.get("dir")))
    assert shown, "no exhibitor of the fixture is named only in English any more"
    assert all(lang == "en" and d == "ltr" for _, lang, d in shown), shown


def test_a_story_shown_from_english_is_not_announced_as_chinese(built: Path) -> None:
    for lang in ("en", "zh", "ar"):
        head = _page(built, lang, "news/notes-one").xpath("//head/link[@rel=' alternate']/@hreflang")
        assert "en" in head, (lang, head)
        assert "zh" not in head and "ar" not in head, (lang, head)
    # a story that zh has in Chinese still has its zh alternate
    assert "zh" in _page(built, "en", "news/closing").xpath("//head/link[@rel=' alternate']/@hreflang")
