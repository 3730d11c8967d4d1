"""CJK and Korean typography in the BUILT brochures of the sample show: no stray spaces in joined
Chinese, Korean words never split at a line end, cover titles broken only between words."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from generator.graphics.printing import print_graphics
from generator.load import load_show
from generator.pdf.brochures import brochure_html, render_brochure
from generator.pdf.keepwords import WORD_JOINER, _words

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 5, 20)
HANGUL = re.compile(r"[\uac00-\ud7a3]")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def brochures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Page texts (pdftotext, one string per page) of the zh, ja and ko brochures."""
    show = load_show(ROOT)
    out = tmp_path_factory.mktemp("cjk")
    pages = {}
    for lang in ("zh", "ja", "ko"):
        pdf = out / f"{lang}.pdf"
        pdf.write_bytes(render_brochure(show, lang, today=TODAY))
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        pages[lang] = text.split("\f")
    return pages


def test_joined_chinese_has_no_stray_space(brochures) -> None:  # noqa: ANN001
    assert "2017 年起设立" in brochures["zh"][3].replace("\n", "")


def test_korean_words_are_never_split_at_a_line_end(brochures) -> None:  # noqa: ANN001
    plain = re.sub(r"<[^>]+>", " ", brochure_html(load_show(ROOT), "ko", today=TODAY)).replace(WORD_JOINER, "")
    words = set(re.findall(r"\w+", plain))
    graphics = print_graphics(load_show(ROOT), "ko")  # charts and plans draw their own lines
    for svg in [graphics.visitors_per_day, graphics.editions, graphics.by_country, graphics.site_plan,
                *graphics.hall_plans.values()]:
        words |= set(re.findall(r"\w+", re.sub(r"<[^>]+>", " ", svg.svg))) if svg else set()
    split = []
    for page in brochures["ko"]:
        for line in page.splitlines():
            runs = re.findall(r"\w+", line)
            split += [run for run in runs[:1] + runs[-1:] if HANGUL.search(run) and run not in words]
    assert not split, split[:20]


def test_korean_word_joiners_are_not_in_the_text(brochures) -> None:  # noqa: ANN001
    """The joiners that keep Korean words whole are drawn as nothing and extracted as nothing: a
    reader who copies or searches the brochure's text gets the words as written."""
    assert WORD_JOINER in brochure_html(load_show(ROOT), "ko", today=TODAY)
    text = "".join(brochures["ko"])
    assert WORD_JOINER not in text and "\ufffd" not in text
    assert "전시회" in text.replace("\n", " ") or "박람회" in text.replace("\n", " ")


@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_cover_title_breaks_only_between_words(brochures, lang: str) -> None:  # noqa: ANN001
    title = load_show(ROOT).info.name[lang]
    lines = [line.strip() for line in brochures[lang][0].splitlines() if line.strip()]
    title_lines = [line for line in lines if line in title]
    assert "".join(title_lines) == title, (title_lines, title)
    boundaries = {len("".join(_words(title, lang)[:i])) for i in range(len(_words(title, lang)) + 1)}
    cut = 0
    for line in title_lines[:-1]:
        cut += len(line)
        assert cut in boundaries, f"{title[:cut]}/{title[cut:]}"


def test_labels_take_the_locale_punctuation(brochures) -> None:  # noqa: ANN001
    """The colon and brackets after a label come from the catalog: full width in zh and ja."""
    zh, ko = "".join(brochures["zh"]), "".join(brochures["ko"])
    assert re.search(r"面积：[\d,]+平方米 · 展位：\d+（空闲 \d+，已预订 \d+，已售 \d+）", zh)
    assert "面积:" not in zh and "(空闲" not in zh
    assert re.search(r"면적: [\d,]+m²", ko)  # CLDR units (Language.area)
