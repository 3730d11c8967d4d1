"""Charts legible in every script and mirrored for right-to-left: measured with the real fonts,
checked in a real Chromium on the built tiny fixture site (en, zh, ar) at 390 px and 1280 px."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import served_site

from generator.graphics import charts
from generator.graphics.printing import for_weasyprint
from generator.graphics.svg import text_width
from generator.load import load_show

TINY = Path(__file__).resolve().parent / "fixtures" / "tiny"
SVG = "{http://www.w3.org/2000/svg}"

BOXES = """() => [...document.querySelectorAll('svg.showpress-graphic')].map(svg => {
  const vb = svg.viewBox.baseVal;
  return {kind: svg.getAttribute('class'), box: [vb.x, vb.y, vb.width, vb.height],
    texts: [...svg.querySelectorAll('text')].map(t => {
      const b = t.getBBox(); return {t: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height}; }),
    bars: [...svg.querySelectorAll('rect.bar')].map(r => { const b = r.getBBox(); return [b.x, b.width]; })};
})"""


def test_cjk_is_measured_with_the_cjk_face() -> None:
    assert text_width("中文", 10, lang="zh") == pytest.approx(20)
    assert text_width("中文", 10, lang="zh", bold=True) == pytest.approx(20)


def test_arabic_bar_chart_is_mirrored_and_every_label_is_right_to_left() -> None:
    svg = charts.exhibitors_by_country(load_show(TINY), "ar")
    assert svg is not None
    tree = ET.fromstring(svg)
    width = float(tree.get("width", "0"))
    bars = [b for b in tree.iter(f"{SVG}rect") if "bar" in (b.get("class") or "").split()]
    right_edges = {round(float(b.get("x", "0")) + float(b.get("width", "0")), 2) for b in bars}
    assert len(right_edges) == 1 and right_edges.pop() > width / 2  # the axis is on the right
    assert {t.get("direction") for t in tree.iter(f"{SVG}text")} == {"rtl"}
    printed = for_weasyprint(svg, "ar").svg  # WeasyPrint ignores direction: anchors made visual
    assert 'direction="rtl"' not in printed


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("charts") / "show"
    with served_site(lambda _: Path(shutil.copytree(TINY, project)), today="2026-05-20") as (_, url):
        yield url


def _problems(chart: dict) -> list[str]:  # type: ignore[type-arg]
    x0, y0, w, h = chart["box"]
    found = []
    texts = chart["texts"]
    for i, a in enumerate(texts):
        if a["x"] < x0 - 0.5 or a["y"] < y0 - 0.5 or a["x"] + a["w"] > x0 + w + 0.5 or a["y"] + a["h"] > y0 + h + 0.5:
            found.append(f"{a['t']!r} outside the viewBox: {a}")
        for b in texts[i + 1:]:
            if a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]:
                found.append(f"{a['t']!r} overlaps {b['t']!r}")
    return found


@pytest.mark.slow
@pytest.mark.parametrize("page", [390, 1280], indirect=True)
@pytest.mark.parametrize("lang", ["ar", "en", "zh"])
def test_chart_labels_never_overlap_or_leave_the_chart(site, page, lang: str) -> None:  # noqa: ANN001
    page.goto(f"{site}{lang}/statistics/")
    found = page.evaluate(BOXES)
    assert len(found) == 3
    for label in (t for chart in found for t in chart["texts"]):  # the real font, an upper bound
        if label["t"] and not label["t"][0].isdigit():
            measured = text_width(label["t"], 13, lang=lang, bold=True)
            assert label["w"] <= measured * 1.06 + 0.5, label  # small sizes round up a little
    for chart in found:
        assert chart["texts"] and not _problems(chart), (chart["kind"], _problems(chart))
        starts = [x for x, _ in chart["bars"]] if "country" in chart["kind"] else []
        if starts:  # bars start from the axis: the right one in Arabic, the left one otherwise
            ends = {round(x + w, 1) for x, w in chart["bars"]} if lang == "ar" else {round(x, 1) for x in starts}
            assert len(ends) == 1, chart["bars"]
            assert (ends.pop() > chart["box"][2] / 2) == (lang == "ar"), chart["bars"]
