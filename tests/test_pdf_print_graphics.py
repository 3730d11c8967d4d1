"""Graphics in the BUILT brochures: Arabic shaped and in logical order, Noto faces only.

WeasyPrint draws SVG text letter by letter with no bidi and no shaping, so every chart and plan
reaches print through generator.graphics.printing (the one door). These tests read the PDFs
back with poppler: the text of the pages that hold a figure (found through the tagged PDF's
/Figure structure elements) must give the graphics' words in logical order.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from pdf_helpers import TINY, copy_tiny, pdffonts, pdftext
from pypdf import PdfReader

from generator.load import load_show
from generator.pdf.brochures import write_brochures

pytestmark = pytest.mark.slow

BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\\s]")


def squeezed(text: str) -> str:
    """Text as compared here: presentation forms back to letters (NFKC), no bidi controls, no spaces.

    pdftotext wraps right-to-left runs in embedding controls and may move a space across a
    direction boundary; the order of the letters is what matters.
    """
    return BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", text))


def arabic_runs(words: str) -> list[str]:
    """The runs of Arabic letters in ``words``, as :func:`squeezed` gives them.

    Only the letters' order is compared: where poppler puts a number or a bracket next to a
    right-to-left run is its own heuristic, not the graphic's.
    """
    return re.findall("[\u0600-\u06ff]+", squeezed(words))


def figure_pages(pdf: Path) -> list[int]:
    """1-based numbers of the pages that hold a tagged /Figure (a chart or plan, an image)."""
    reader = PdfReader(pdf)
    numbers = {page.indirect_reference.idnum: i + 1 for i, page in enumerate(reader.pages)}
    found: set[int] = set()
    stack = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if not isinstance(node, dict):
            continue
        if node.get("/S") == "/Figure" and node.get("/Pg") is not None:
            found.add(numbers[node.raw_get("/Pg").idnum])
        kids = node.get("/K")
        stack.extend(kids if isinstance(kids, list) else [kids] if kids is not None else [])
    return sorted(found)


def graphics_text(pdf: Path) -> str:
    return "\n".join(squeezed(pdftext(pdf, page, page)) for page in figure_pages(pdf))


def non_noto_fonts(pdf: Path) -> list[str]:
    names = [row["name"].split("+", 1)[-1] for row in pdffonts(pdf)]
    return [name for name in names if not name.startswith("Noto-")]


@pytest.fixture(scope="module")
def tiny_brochures(tmp_path_factory) -> dict[str, Path]:
    return write_brochures(load_show(TINY), tmp_path_factory.mktemp("tiny"), use_cache=False)


def arabic_names(root: Path) -> Path:
    """The tiny show with an Arabic hall name and an exhibitor known by its Arabic short name."""
    halls = root / "data" / "halls.yml"
    halls.write_text(halls.read_text(encoding="utf-8").replace(
        "name: {en: Hall A, zh: A馆}", "name: {en: Hall A, zh: A馆, ar: القاعة الكبرى}"), encoding="utf-8")
    exhibitors = root / "data" / "exhibitors.yml"
    exhibitors.write_text(exhibitors.read_text(encoding="utf-8").replace(
        "name: {en: Hanil Foods, zh: 韩一食品}",
        "name: {en: Hanil Foods, zh: 韩一食品, ar: شركة الواحة للتجارة}\n    short_name: الواحة"),
        encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def arabic_brochures(tmp_path_factory) -> dict[str, Path]:
    root = arabic_names(copy_tiny(tmp_path_factory.mktemp("arabic-show")))
    return write_brochures(load_show(root), root / "out", langs=["ar", "zh"], use_cache=False)


def test_tiny_ar_graphics_give_back_month_names_and_legend_in_logical_order(tiny_brochures):
    pages = figure_pages(tiny_brochures["ar"])
    assert len(pages) >= 3, pages
    text = graphics_text(tiny_brochures["ar"])
    for words in ("10 يونيو", "الأربعاء", "الخميس",  # visitors per day: dates, weekdays
                  "الزوار", "العارضون", "هذه الدورة",  # editions: legend
                  "مباع (1)", "محجوز (1)", "متاح (1)",  # hall plan: legend
                  "الأجنحة: 3", "متاح: 1"):  # site plan: counts
        for run in arabic_runs(words):
            assert run in text, (words, run)
    for reversed_words in ("ونيوي", "عابم", "راوزلا"):
        assert reversed_words not in text


def test_arabic_hall_and_exhibitor_names_in_plans(arabic_brochures):
    text = graphics_text(arabic_brochures["ar"])
    assert squeezed("القاعة الكبرى") in text  # site plan
    assert squeezed("الواحة") in text  # held booth on the hall plan
    assert "ةحاولا" not in text
    # an Arabic name on a Chinese plan is shaped and ordered too (the sample's Hall 6 case)
    zh = graphics_text(arabic_brochures["zh"])
    assert squeezed("الواحة") in zh and "ةحاولا" not in zh


def test_arabic_letters_are_drawn_joined(arabic_brochures):
    """Joined letters are contextual presentation forms in the PDF text; unjoined ones are not."""
    raw = "".join(pdftext(arabic_brochures["ar"], page, page) for page in figure_pages(arabic_brochures["ar"]))
    assert "\ufe8d\ufedf\ufeee\ufe8d\ufea3\ufe94" in raw  # ﺍﻟﻮﺍﺣﺔ: alef, lam initial, waw final, ...


def test_every_brochure_uses_noto_faces_only(tiny_brochures, arabic_brochures):
    for pdf in [*tiny_brochures.values(), *arabic_brochures.values()]:
        assert non_noto_fonts(pdf) == [], pdf


def test_print_svg_comes_only_through_the_door() -> None:
    from generator.graphics.printing import PrintSvg, for_weasyprint

    with pytest.raises(TypeError, match="only from generator.graphics.printing"):
        PrintSvg("<svg/>")
    assert for_weasyprint('<svg font-family="x"><text x="1" y="2">a</text></svg>', "en").data_uri.startswith(
        "data:image/svg+xml;base64,")


def test_a_raw_svg_string_cannot_reach_the_brochure_template() -> None:
    """The print templates read ``graphic.data_uri``: a str (a graphic that skipped the door) stops the build."""
    import dataclasses

    import jinja2

    from generator.pdf.brochures import brochure_context
    from generator.pdf.templates import environment

    context = brochure_context(load_show(TINY), "ar")
    raw = dataclasses.replace(context["graphics"], visitors_per_day="<svg>raw</svg>")
    with pytest.raises(jinja2.UndefinedError):
        environment().get_template("brochure.html").render({**context, "graphics": raw})


def test_rtl_text_anchor_becomes_the_left_to_right_one() -> None:
    from generator.graphics.printing import for_weasyprint

    svg = ('<svg font-family="x"><text x="9" y="2" direction="rtl">مباع</text>'
           '<text x="9" y="2" direction="rtl" text-anchor="end">مباع</text></svg>')
    printed = for_weasyprint(svg, "ar").svg
    assert 'direction' not in printed
    assert printed.count('text-anchor="end"') == 1 and printed.count('text-anchor="start"') == 1
    assert "font-family=\"'Noto Sans Arabic'," in printed
