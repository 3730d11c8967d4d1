"""General brochures of the tiny fixture: fonts, metadata, tagging, contents, page numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pdf_helpers import TINY, pdffonts, pdfinfo, pdftext
from pypdf import PdfReader

from generator.load import load_show
from generator.pdf.brochures import render_brochure, write_brochures
from generator.pdf.cache import PdfCache
from generator.pdf.render import render_pdf
from generator.pdf.templates import Texts

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def show():
    return load_show(TINY)


@pytest.fixture(scope="module")
def brochures(show, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("brochures")
    return write_brochures(show, out, use_cache=False)


def test_one_brochure_per_language_where_the_site_expects_it(brochures, show):
    assert sorted(brochures) == sorted(show.languages)
    for lang, path in brochures.items():
        assert path.name == "brochure.pdf" and path.parent.name == lang and path.stat().st_size > 10_000


@pytest.mark.parametrize("lang", ["en", "zh", "ar"])
def test_fonts_embedded_and_subset(brochures, lang):
    fonts = pdffonts(brochures[lang])
    assert fonts
    assert all(f["emb"] == "yes" and f["sub"] == "yes" for f in fonts), fonts


@pytest.mark.parametrize(("lang", "title"), [("en", "Tiny Test Fair"), ("zh", "小型测试展"),
                                             ("ar", "معرض الاختبار الصغير")])
def test_metadata_a4_and_tagged(brochures, lang, title):
    info = pdfinfo(brochures[lang])
    assert info["Title"] == title
    assert info["Author"] == "Tiny Fairs Ltd" or info["Author"] == "小型展览公司"
    assert info["Tagged"] == "yes"
    assert "(A4)" in info["Page size"]
    reader = PdfReader(brochures[lang])
    assert reader.trailer["/Root"]["/Lang"] == lang
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_text_has_show_name_and_exhibitors_in_each_language(brochures):
    en, zh = pdftext(brochures["en"]), pdftext(brochures["zh"])
    for name in ("Tiny Test Fair", "Acme Tools GmbH", "Nordfisk AS", "Hanil Foods"):
        assert name in en
    for name in ("小型测试展", "阿克米工具有限公司", "韩一食品", "Nordfisk AS"):
        assert name in zh


def test_data_text_is_escaped_not_markup(brochures):
    text = pdftext(brochures["en"])
    assert "<script>alert('x')</script>" in text  # printed as text, as the editor wrote it


def test_regional_fonts_per_language(brochures):
    assert any("CJK-SC" in f["name"] for f in pdffonts(brochures["zh"]))
    assert any("Arabic" in f["name"] for f in pdffonts(brochures["ar"]))


def test_ja_and_ko_han_get_their_regional_faces(show, tmp_path):
    """The same Han character in ja and ko text picks Noto Sans CJK JP / KR through :lang()."""
    from generator.pdf.brochures import brochure_css

    for lang, face in (("ja", "CJK-JP"), ("ko", "CJK-KR"), ("zh", "CJK-SC")):
        html = f'<html lang="{lang}"><body><p>直角 海</p></body></html>'
        path = tmp_path / f"{lang}.pdf"
        path.write_bytes(render_pdf(html, brochure_css(lang), show.root, tagged=False))
        names = [f["name"] for f in pdffonts(path)]
        assert any(face in n for n in names), names
    html = '<html lang="en"><body><p>Name: <span lang="ja">直角</span></p></body></html>'
    path = tmp_path / "mixed.pdf"
    # The stylesheet holds rules for the languages the document's text comes in (a show's languages).
    path.write_bytes(render_pdf(html, brochure_css("en", languages=["ja"]), show.root, tagged=False))
    assert any("CJK-JP" in f["name"] for f in pdffonts(path))


def test_fallback_text_is_marked_with_its_language():
    t = Texts("zh", ["en", "zh", "ar"])
    assert str(t({"en": "Hall B"})) == '<span lang="en" dir="ltr">Hall B</span>'
    assert str(t({"zh": "B馆", "en": "Hall B"})) == "B馆"
    assert str(t({"*": "Nordfisk AS"})) == "Nordfisk AS"
    assert str(Texts("ar", ["en", "ar"])({"en": "<b>x</b>"})) == '<span lang="en" dir="ltr">&lt;b&gt;x&lt;/b&gt;</span>'


def _page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def test_toc_page_numbers_point_at_the_chapters(brochures):
    pages = _page_texts(brochures["en"])
    toc = pdftext(brochures["en"], 2, 2)
    entries = re.findall(r"^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$", toc, flags=re.M)
    assert len(entries) >= 10
    for title, number in entries:
        assert title in pages[int(number) - 1], (title, number)


def test_running_header_page_numbers_and_bookmarks(brochures):
    reader = PdfReader(brochures["en"])
    third = pdftext(brochures["en"], 3, 3)
    assert "TTF" in third and "The show at a glance" in third  # string-set headers
    assert re.search(r"^\s*3\s*$", third, flags=re.M)  # page number in the footer
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Contents" in titles and "Exhibitors by name" in titles and "Latest news" in titles


def test_letter_paper_and_bleed_with_crop_marks(show, tmp_path):
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(render_brochure(show, "en", paper="letter", tagged=False))
    assert "(letter)" in pdfinfo(letter)["Page size"]
    bleed = PdfReader(__import__("io").BytesIO(render_brochure(show, "en", bleed=True, tagged=False)))
    page = bleed.pages[1]
    assert float(page.mediabox.width) > float(page.trimbox.width) + 16  # 3 mm bleed + marks each side
    assert abs(float(page.trimbox.width) - 595.28) < 0.5


def test_cache_hit_returns_same_bytes_and_options_miss(show, tmp_path):
    cache = PdfCache(tmp_path / "cache")
    first = render_brochure(show, "en", cache=cache, tagged=False)
    assert (cache.hits, cache.misses) == (0, 1)
    again = render_brochure(show, "en", cache=cache, tagged=False)
    assert again == first and cache.hits == 1
    render_brochure(show, "en", cache=cache, tagged=False, paper="letter")
    assert cache.misses == 2
