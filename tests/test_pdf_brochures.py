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


def test_a_brochure_job_renders_without_the_show_the_same_bytes(show, tmp_path):
    """What a worker receives is HTML, CSS and options (small, picklable), not the show."""
    import pickle

    from generator.pdf.brochures import BrochureJob, brochure_job, write_job

    job = brochure_job(show, "zh", tagged=False)
    assert isinstance(job, BrochureJob)
    assert not any(isinstance(value, type(show)) for value in vars(job).values())
    shipped = pickle.loads(pickle.dumps(job))
    target = write_job(shipped, tmp_path / "zh" / "brochure.pdf")
    assert target.read_bytes() == render_brochure(show, "zh", tagged=False)
    assert not list(tmp_path.rglob("*.tmp"))


def test_no_worker_is_started_when_every_brochure_is_cached(show, tmp_path, monkeypatch):
    from generator.pdf import brochures

    monkeypatch.setenv("SHOWPRESS_CACHE_DIR", str(tmp_path / "cache"))
    first = write_brochures(show, tmp_path / "one", langs=["en", "zh"], workers=2)

    def no_pool(*args, **kwargs):
        raise AssertionError("a process pool was started for PDFs the cache holds")

    monkeypatch.setattr(brochures, "process_pool", no_pool)
    again = write_brochures(show, tmp_path / "two", langs=["en", "zh"], workers=2)
    assert list(again) == ["en", "zh"]
    for lang in again:
        assert again[lang].read_bytes() == first[lang].read_bytes()


def test_the_collector_runs_rarely_while_rendering_and_as_before_after():
    import gc

    from generator.pdf.render import RENDER_GC_THRESHOLD, rare_collections

    before = gc.get_threshold()
    with rare_collections():
        with rare_collections():  # nested (two renders in two threads): the outer one restores
            assert gc.get_threshold()[0] >= RENDER_GC_THRESHOLD
        assert gc.get_threshold()[0] >= RENDER_GC_THRESHOLD
    assert gc.get_threshold() == before


def test_one_worker_reports_each_language_as_soon_as_it_is_written(show, tmp_path):
    seen: list[tuple[str, list[str]]] = []

    def progress(lang: str) -> None:
        seen.append((lang, sorted(p.parent.name for p in tmp_path.rglob("brochure.pdf"))))

    write_brochures(show, tmp_path, langs=["en", "zh"], workers=1, use_cache=False, progress=progress)
    assert seen == [("en", ["en"]), ("zh", ["en", "zh"])]
