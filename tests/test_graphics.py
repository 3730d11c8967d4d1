"""SVG charts and floor plans (generator.graphics) on the tiny fixture show."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.graphics import charts
from generator.graphics.floorplan import floor_plan
from generator.graphics.svg import fit, text_width
from generator.language import language_for
from generator.load import load_show
from generator.models import Booth, DailyVisitors, Exhibitor, Hall, PastEdition, Rect
from generator.phrases import phrase
from generator.show import Show

TINY = Path(__file__).parent / "fixtures" / "tiny"
NS = {"s": "http://www.w3.org/2000/svg"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
HOSTILE = "Evil <b>&amp; \"Co\"</b> & Sons"


@pytest.fixture(scope="module")
def show() -> Show:
    return load_show(TINY)


def parse(svg: str | None) -> ET.Element:
    assert svg is not None
    return ET.fromstring(svg)


def classes(element: ET.Element) -> list[str]:
    return (element.get("class") or "").split()


def with_class(tree: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in tree.iter() if name in classes(e)]


def texts(tree: ET.Element, cls: str | None = None) -> list[str]:
    return ["".join(t.itertext()) for t in tree.iter(f"{{{NS['s']}}}text") if cls is None or cls in classes(t)]


def all_graphics(show: Show, lang: str) -> dict[str, str | None]:
    return {
        "visitors": charts.visitors_per_day(show, lang),
        "countries": charts.exhibitors_by_country(show, lang),
        "editions": charts.editions(show, lang),
        "site": floor_plan(show, lang),
        "hall": floor_plan(show, lang, "A"),
    }


def hostile_show(show: Show) -> Show:
    """The tiny show with an exhibitor whose names hold markup, holding the free booth A-03."""
    evil = Exhibitor(id="evil", name={"en": HOSTILE}, short_name={"en": "<Evil & Co>"}, country="FR",
                     booths=["A-03"])
    exhibitors = show.exhibitors_file.model_copy(update={"exhibitors": [*show.exhibitors, evil]})
    return dataclasses.replace(show, exhibitors_file=exhibitors)


# --------------------------------------------------------------------------- every graphic


@pytest.mark.parametrize("lang", ["en", "zh", "ar", "ko", "ja"])
def test_every_graphic_is_well_formed_accessible_and_localised(show: Show, lang: str) -> None:
    for kind, svg in all_graphics(show, lang).items():
        tree = parse(svg)
        assert tree.tag == "{http://www.w3.org/2000/svg}svg", kind
        assert tree.get("role") == "img", kind
        assert tree.get("aria-label"), kind
        assert tree.get("lang") == lang and tree.get(XML_LANG) == lang, kind
        assert tree.get("viewBox", "").startswith("0 0 "), kind
        assert "sans-serif" in tree.get("font-family", ""), kind
        head = tree.find("s:title", NS)
        assert head is not None and head.text == tree.get("aria-label"), kind
        assert "http" not in (svg or "").replace("http://www.w3.org/", ""), f"{kind}: external reference"


def test_fonts_give_regional_han_glyphs(show: Show) -> None:
    families = {lang: parse(charts.editions(show, lang)).get("font-family", "") for lang in ("zh", "ja", "ko")}
    assert families["zh"].startswith("'Noto Sans CJK SC'")
    assert families["ja"].startswith("'Noto Sans CJK JP'")
    assert families["ko"].startswith("'Noto Sans CJK KR'")
    assert "Noto Sans Arabic" in parse(charts.editions(show, "ar")).get("font-family", "")


def test_output_is_deterministic(show: Show) -> None:
    for lang in ("en", "zh"):
        first, second = all_graphics(show, lang), all_graphics(load_show(TINY), lang)
        assert first == second


# --------------------------------------------------------------------------- charts


def test_visitors_per_day_one_bar_per_day_with_values_and_local_dates(show: Show) -> None:
    tree = parse(charts.visitors_per_day(show, "zh"))
    assert len(with_class(tree, "bar")) == 2
    assert texts(tree, "value") == ["800", "600"]
    assert texts(tree, "x-label") == ["6月10日", "6月11日"]
    assert texts(tree, "x-sub") == ["周三", "周四"]
    assert tree.findtext("s:title", namespaces=NS) == "每日观众"
    en = parse(charts.visitors_per_day(show, "en"))
    assert texts(en, "x-label") == ["Jun 10", "Jun 11"]


def test_bar_heights_follow_values(show: Show) -> None:
    bars = with_class(parse(charts.visitors_per_day(show, "en")), "bar")
    heights = [float(b.get("height", "0")) for b in bars]
    assert heights[0] > heights[1] > 0
    assert heights[1] / heights[0] == pytest.approx(600 / 800, rel=0.01)


def test_many_days_and_large_numbers_use_language_grouping(show: Show) -> None:
    days = [DailyVisitors(date=dt.date(2026, 6, 1) + dt.timedelta(days=i), visitors=1_234_567 + i)
            for i in range(9)]
    stats = show.info.statistics.model_copy(update={"visitors_per_day": days})
    big = dataclasses.replace(show, info=show.info.model_copy(update={"statistics": stats}))
    tree = parse(charts.visitors_per_day(big, "en"))
    assert len(with_class(tree, "bar")) == 9
    assert texts(tree, "value")[0] == "1,234,567"
    de = dataclasses.replace(big, info=big.info.model_copy(update={"languages": ["de"]}))
    assert texts(parse(charts.visitors_per_day(de, "de")), "value")[0] == "1.234.567"


def test_exhibitors_by_country_localised_names(show: Show) -> None:
    tree = parse(charts.exhibitors_by_country(show, "zh"))
    assert len(with_class(tree, "bar")) == 3
    assert sorted(texts(tree, "y-label")) == sorted(["德国", "挪威", "韩国"])
    assert texts(tree, "value") == ["1", "1", "1"]


def test_exhibitors_by_country_sums_the_rest_into_other(show: Show) -> None:
    extra = [Exhibitor(id=f"x{i}", name=f"X{i}", country=c) for i, c in enumerate(["DE", "DE", "FR", "JP"])]
    exhibitors = show.exhibitors_file.model_copy(update={"exhibitors": [*show.exhibitors, *extra]})
    bigger = dataclasses.replace(show, exhibitors_file=exhibitors)
    tree = parse(charts.exhibitors_by_country(bigger, "en", top=2))
    bars = with_class(tree, "bar")
    assert len(bars) == 3
    assert texts(tree, "y-label")[0] == "Germany" and texts(tree, "value")[0] == "3"
    assert texts(tree, "y-label")[-1] == "Other"
    assert texts(tree, "value")[-1] == "3"  # 4 countries left with one exhibitor each, minus the 2nd shown
    assert "other" in classes(bars[-1]) and bars[-1].get("fill", "").startswith("url(#")
    assert texts(parse(charts.exhibitors_by_country(bigger, "ja", top=2)), "y-label")[-1] == "その他"


def test_editions_includes_this_edition_and_a_legend(show: Show) -> None:
    tree = parse(charts.editions(show, "en"))
    visitors = with_class(tree, "visitors")
    exhibitors = with_class(tree, "exhibitors")
    assert len(visitors) == len(exhibitors) == 3
    assert texts(tree, "x-label") == ["2022", "2024", "2026"]
    assert "current" in classes(visitors[-1]) and "current" not in classes(visitors[0])
    assert texts(tree, "value") == ["1,000", "1,500", "1,400", "20", "25", "3"]
    assert texts(tree, "legend-label") == ["Visitors", "Exhibitors", "This edition"]


def test_charts_without_data_return_none(show: Show) -> None:
    info = show.info.model_copy(update={"past_editions": [], "statistics": show.info.statistics.model_copy(
        update={"visitors_per_day": []})})
    empty = dataclasses.replace(show, info=info,
                                exhibitors_file=show.exhibitors_file.model_copy(update={"exhibitors": []}))
    assert charts.visitors_per_day(empty, "en") is None
    assert charts.exhibitors_by_country(empty, "en") is None
    assert charts.editions(empty, "en") is None
    only_past = dataclasses.replace(empty, info=info.model_copy(update={"past_editions": [
        PastEdition(edition=1, year=2020, visitors=5, exhibitors=2, countries=1)]}))
    assert len(with_class(parse(charts.editions(only_past, "en")), "visitors")) == 1


# --------------------------------------------------------------------------- floor plans


def test_hall_plan_booths_statuses_and_holders(show: Show) -> None:
    tree = parse(floor_plan(show, "en", "A"))
    booths = with_class(tree, "booth")
    assert [b.get("data-booth") for b in booths] == ["A-01", "A-02", "A-03"]
    assert [b.get("data-status") for b in booths] == ["sold", "reserved", "free"]
    assert [c for b in booths for c in classes(b) if c.startswith("booth-")] == [
        "booth-sold", "booth-reserved", "booth-free"]
    labels = texts(tree, "booth-label")
    assert labels == ["A-01", "Acme", "A-02", "Hanil Foods", "A-03"]
    assert texts(tree, "legend-label") == ["Sold (1)", "Reserved (1)", "Free (1)"]
    fills = {b.get("data-status"): b.find("s:rect", NS).get("fill") for b in booths}  # type: ignore[union-attr]
    assert len(set(fills.values())) == 3 and fills["reserved"].startswith("url(#")


def test_hall_plan_in_chinese_uses_short_names_and_status_words(show: Show) -> None:
    tree = parse(floor_plan(show, "zh", "A"))
    assert "阿克米" in texts(tree, "booth-label")
    assert texts(tree, "legend-label") == ["已售 (1)", "已预订 (1)", "空闲 (1)"]
    assert tree.findtext("s:title", namespaces=NS) == "A馆平面图"


def test_hall_plan_links_to_exhibitors(show: Show) -> None:
    svg = floor_plan(show, "en", "A", link_for=lambda e: None if e == "hanil" else f"../exhibitors/{e}/?a=1&b=2")
    tree = parse(svg)
    links = tree.findall(".//s:a", NS)
    assert [a.get("href") for a in links] == ["../exhibitors/acme/?a=1&b=2"]
    assert "&amp;b=2" in (svg or "")
    assert tree.get("role") == "group"
    assert links[0].find("s:g", NS).get("data-booth") == "A-01"  # type: ignore[union-attr]


def test_site_plan_draws_halls_with_plan_only(show: Show) -> None:
    tree = parse(floor_plan(show, "en"))
    halls = with_class(tree, "hall")
    assert [h.get("data-hall") for h in halls] == ["A"]
    assert texts(tree, "label") == ["Hall A", "3 booths", "1 free"]
    linked = parse(floor_plan(show, "en", hall_link_for=lambda h: f"halls/{h}/"))
    assert [a.get("href") for a in linked.findall(".//s:a", NS)] == ["halls/A/"]


def test_nothing_to_draw_returns_none_and_unknown_hall_raises(show: Show) -> None:
    assert floor_plan(show, "en", "B") is None  # hall B has no booth with a plan
    no_plans = show.halls_file.model_copy(update={"halls": [h.model_copy(update={"plan": None}) for h in show.halls]})
    assert floor_plan(dataclasses.replace(show, halls_file=no_plans), "en") is None
    with pytest.raises(KeyError):
        floor_plan(show, "en", "nope")


def test_hall_without_plan_is_framed_by_its_booths(show: Show) -> None:
    hall = Hall(id="C", name="Hall C", booths=[
        Booth(id="C-1", size_m2=9, status="sold", plan=Rect(x=0, y=0, width=3, height=3)),
        Booth(id="C-2", size_m2=9, plan=Rect(x=30, y=10, width=3, height=3)),
        Booth(id="C-3", size_m2=9),
    ])
    halls = show.halls_file.model_copy(update={"halls": [*show.halls, hall]})
    tree = parse(floor_plan(dataclasses.replace(show, halls_file=halls), "en", "C"))
    assert [b.get("data-booth") for b in with_class(tree, "booth")] == ["C-1", "C-2"]
    outline = with_class(tree, "hall-outline")[0]
    assert float(outline.get("width", "0")) / float(outline.get("height", "1")) == pytest.approx(33 / 13, rel=1e-3)


# --------------------------------------------------------------------------- escaping and fitting


def test_hostile_names_are_escaped(show: Show) -> None:
    evil = hostile_show(show)
    svg = floor_plan(evil, "en", "A", link_for=lambda e: f"/x/{e}?q=<script>")
    assert svg is not None and "<Evil" not in svg and "<script>" not in svg
    tree = parse(svg)
    booth = [b for b in with_class(tree, "booth") if b.get("data-booth") == "A-03"][0]
    assert "<Evil & Co>" in "".join(booth.itertext())
    assert tree.findall(".//s:a", NS)[-1].get("href") == "/x/evil?q=<script>"
    countries = parse(charts.exhibitors_by_country(evil, "en"))
    assert "France" in texts(countries, "y-label")


def test_long_names_are_shortened_with_an_ellipsis(show: Show) -> None:
    long_name = "Internationale Präzisionswerkzeug- und Maschinenbaugesellschaft für Industrie und Handwerk mbH & Co. KG"
    giant = Exhibitor(id="giant", name=long_name, country="DE", booths=["A-03"])
    cjk = Exhibitor(id="cjk", name="中华人民共和国国际精密工具与机械制造集团有限公司" * 3, country="CN", booths=["A-02"])
    exhibitors = show.exhibitors_file.model_copy(update={"exhibitors": [
        e for e in show.exhibitors if e.id != "hanil"] + [giant, cjk]})
    tree = parse(floor_plan(dataclasses.replace(show, exhibitors_file=exhibitors), "en", "A"))
    for booth in with_class(tree, "booth"):
        width = float(booth.find("s:rect", NS).get("width", "0"))  # type: ignore[union-attr]
        for label in booth.iter(f"{{{NS['s']}}}text"):
            assert text_width(label.text or "", float(label.get("font-size", "13"))) <= width
    labels = texts(tree, "booth-label")
    assert labels[labels.index("A-03") + 1] == "Internationale"
    assert labels[-1].endswith("…") and len(labels[labels.index("A-03"):]) <= 4
    cjk_lines = labels[labels.index("A-02") + 1:labels.index("A-03")]
    assert cjk_lines[0].startswith("中华") and cjk_lines[-1].endswith("…")


def test_fit_estimates_cjk_wider_than_latin() -> None:
    assert text_width("中文", 10) == pytest.approx(20)
    assert text_width("ab", 10) == pytest.approx(11)
    assert fit("short", 100) == "short"
    assert fit("中华人民共和国", 45, 10) == "中华人…"  # 3 em + the ellipsis
    assert fit("abcdefghijklmnopqrstuvwxyz", 60, 10).endswith("…")
    assert text_width(fit("abcdefghijklmnopqrstuvwxyz", 60, 10), 10) <= 60
    assert fit("中", 5, 10) == ""


# --------------------------------------------------------------------------- labels


def test_status_words_come_from_the_catalog_with_english_fallback() -> None:
    def status(code: str, tag: str) -> str:
        return phrase(language_for(tag), "booth", code)

    assert status("sold", "ko") == "판매됨"
    assert status("free", "ar") == "متاح"
    assert status("sold", "zh") == "已售"
    assert status("reserved", "en") == "Reserved"
    assert status("sold", "zh-TW") != "已售"  # never Simplified Chinese for a Traditional reader
    with pytest.raises(ValueError, match="unknown booth 'gone'"):
        status("gone", "en")


def test_locale_formats_fall_back_for_unknown_languages() -> None:
    assert language_for("xx").number(1234.5) == "1,234.5"
    assert language_for("ko").skeleton("MMMd", dt.date(2026, 6, 10)) == "6월 10일"
    assert language_for("ja").country("KR") == "韓国"
    assert language_for("en").country("ZZ") in ("ZZ", "Unknown Region")


def test_a_single_leftover_country_is_named_not_other(show: Show) -> None:
    tree = parse(charts.exhibitors_by_country(show, "en", top=2))
    assert len(with_class(tree, "bar")) == 3 and "Other" not in texts(tree, "y-label")


def test_balanced_wrap_avoids_a_lone_last_character() -> None:
    from generator.graphics.svg import balanced_wrap, wrap

    assert wrap("索莱纳能源公司", 70, 11, 3) == ["索莱纳能源公", "司"]
    assert balanced_wrap("索莱纳能源公司", 70, 11, 3) == ["索莱纳能", "源公司"]
    assert balanced_wrap("Samsung Heavy Industries", 150, 12, 3) == ["Samsung Heavy", "Industries"]
    assert balanced_wrap("Acme", 100, 11, 3) == ["Acme"]
    assert balanced_wrap("Kiyosato Seiki", 60, 11, 3) == ["Kiyosato", "Seiki"]  # never inside a word


def test_right_to_left_legends_start_at_the_right(show: Show) -> None:
    for svg in (floor_plan(show, "ar", "A"), charts.editions(show, "ar")):
        tree = parse(svg)
        width = float(tree.get("width", "0"))
        legend = with_class(tree, "legend")[0]
        first = legend.find("s:rect", NS)
        assert first is not None and float(first.get("x", "0")) > width / 2
        words = list(legend.iter(f"{{{NS['s']}}}text"))
        # logical anchors: with direction="rtl" the default anchor (start) is the right edge
        assert {(t.get("direction"), t.get("text-anchor")) for t in words} == {("rtl", None)}


# --------------------------------------------------------------------------- printing (WeasyPrint)


def test_for_weasyprint_leaves_non_rtl_text_alone(show: Show) -> None:
    from generator.graphics.printing import for_weasyprint

    for lang in ("zh", "en", "ja"):
        svg = floor_plan(hostile_show(show), lang, "A")
        assert svg is not None
        printed = for_weasyprint(svg, lang).svg
        assert re.findall(r"<text\b.*?</text>", printed) == re.findall(r"<text\b.*?</text>", svg)
        assert "DejaVu" not in printed and "'Noto Sans'" in printed


def test_for_weasyprint_shapes_and_orders_arabic(show: Show) -> None:
    from generator.graphics.printing import for_weasyprint, visual_line

    evil = Exhibitor(id="evil", name={"ar": "شركة <الأمل> & أولاده"}, country="EG", booths=["A-03"])
    arabic = dataclasses.replace(show, exhibitors_file=show.exhibitors_file.model_copy(
        update={"exhibitors": [*show.exhibitors, evil]}))
    logical = floor_plan(arabic, "ar", "A")
    printed = for_weasyprint(logical or "", "ar").svg
    tree = parse(printed)
    assert tree.findtext("s:title", namespaces=NS) == parse(logical).findtext("s:title", namespaces=NS)
    legend = texts(tree, "legend-label")
    assert legend[0] == visual_line("مباع (1)") != "مباع (1)"
    assert legend[0].startswith("(1) ")  # visual order, brackets mirrored
    assert all("\ufe70" <= c <= "\ufeff" for c in legend[0][4:])  # contextual presentation forms
    booth = [b for b in with_class(tree, "booth") if b.get("data-booth") == "A-03"][0]
    name = "".join(t.text or "" for t in booth.iter(f"{{{NS['s']}}}text"))
    assert "<" in name and "&" in name and "A-03" in name


@pytest.mark.slow
def test_weasyprint_draws_the_arabic_legend_shaped(show: Show, tmp_path: Path) -> None:
    import subprocess

    import weasyprint

    from generator.graphics.printing import for_weasyprint, visual_line

    svg = for_weasyprint(floor_plan(show, "ar", "A") or "", "ar").svg
    pdf = tmp_path / "plan.pdf"
    weasyprint.HTML(string=f'<html lang="ar"><body>{svg}</body></html>').write_pdf(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    drawn = "".join(out.stdout.split())
    # pdftotext puts right-to-left runs back into logical order: the contextual forms come back.
    assert visual_line("محجوز")[::-1] in drawn and "محجوز" not in drawn
    assert "A-01" in drawn and "Acme" in drawn


def test_japanese_lines_never_start_with_small_kana_or_closing_marks() -> None:
    from generator.graphics.svg import NO_BREAK_BEFORE, wrap

    for width in range(30, 120, 7):
        lines = wrap("アトリエ・ヴェルメイユ（東京）ショップ。", width, 11, 6)
        assert all(line[0] not in NO_BREAK_BEFORE for line in lines[1:]), lines
        assert all(line[-1] != "（" for line in lines), lines
