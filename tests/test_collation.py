"""Names in the reader's order (ICU), with matching index headings, in the directory and the brochure."""

from __future__ import annotations

import re
from pathlib import Path

import icu
import lxml.html
import pytest
from pdf_helpers import copy_tiny

from generator.collation import collated, grouped, heading, sort_text
from generator.load import load_show
from generator.pdf.brochures import brochure_html
from generator.show import Show
from generator.site.pages import PAGES, core_pages

MORE_EXHIBITORS = """
  - {id: caykur, name: {en: Çaykur, zh: 茶库尔, ja: チャイクル, ar: آمنة للشاي}, country: TR}
  - {id: dakota, name: {en: Dakota, zh: 达科他, ja: ダコタ, ar: أحمد داكوتا}, country: US}
  - {id: emaux, name: {en: Atelier d'émaux, zh: 北京珐琅, ja: 七宝工房, ar: إبراهيم للمينا},
     sort_as: {ja: しっぽうこうぼう}, country: FR}
  - {id: infusions, name: {en: Atelier d'infusions, zh: 重庆茶饮, ja: 清里精機, ar: اسم تجاري},
     sort_as: {ja: きよさとせいき}, country: FR}
  - {id: abe, name: {en: Zephyr, zh: 张三商行, ja: 阿部商店, ar: بيت التمر}, sort_as: {ja: あべしょうてん},
     country: JP}
  - {id: sakura, name: {en: Sakura Foods, zh: 樱花食品, ja: さくら食品, ar: تمور}, country: JP}
"""


@pytest.fixture(scope="module")
def show(tmp_path_factory) -> Show:
    root = copy_tiny(tmp_path_factory.mktemp("collation"))
    (root / "data" / "exhibitors.yml").write_text(
        (root / "data" / "exhibitors.yml").read_text(encoding="utf-8").rstrip("\n") + MORE_EXHIBITORS,
        encoding="utf-8")
    show_yml = root / "data" / "show.yml"
    show_yml.write_text(show_yml.read_text(encoding="utf-8").replace(
        "languages: [en, zh, ar]", "languages: [en, zh, ar, ja, fr]"), encoding="utf-8")
    return load_show(root)


def icu_sorted(names: list[str], locale: str) -> list[str]:
    """The expectation, straight from ICU (not through generator.collation)."""
    return sorted(names, key=icu.Collator.createInstance(icu.Locale(locale)).getSortKey)


def directory_names(show: Show, lang: str) -> list[str]:
    page = core_pages(show, lang)[PAGES["exhibitors"]]
    items = '<ul class="sp-directory"' + page.split('<ul class="sp-directory"', 1)[1].split("</ul>", 1)[0] + "</ul>"
    links = lxml.html.fragment_fromstring(items).xpath("./li/a")
    assert links and all(a.get("dir") == "auto" for a in links)  # a name keeps its own direction
    return [a.text_content() for a in links]


def brochure_index(show: Show, lang: str) -> list[tuple[str, list[str]]]:
    """(heading, names) of the brochure's "exhibitors by name" index, from the HTML WeasyPrint gets."""
    html = brochure_html(show, lang).split('id="exhibitors-by-name"', 1)[1].split("</table>", 1)[0]
    groups: list[tuple[str, list[str]]] = []
    for head, name in re.findall(r'<th colspan="3" scope="rowgroup">([^<]*)</th>|<td><strong>(?:<span[^>]*>)?([^<]*)',
                                 html):
        if head:
            groups.append((head, []))
        else:
            groups[-1][1].append(name.replace("&#39;", "'"))
    return groups


def test_french_accents_and_apostrophes(show):
    names = [n.replace("&#39;", "'") for n in directory_names(show, "fr")]
    assert names.index("Çaykur") < names.index("Dakota")  # code points put Ç after Z
    assert names.index("Atelier d'émaux") < names.index("Atelier d'infusions")  # é is an e
    assert names == icu_sorted(names, "fr")
    index = brochure_index(show, "fr")
    assert [h for h, _ in index] == ["A", "C", "D", "H", "N", "S", "Z"]
    listed = [n for _, group in index for n in group]
    assert listed == icu_sorted(listed, "fr") and listed.index("Çaykur") < listed.index("Dakota")


def test_chinese_by_pinyin_with_pinyin_initials(show):
    names = directory_names(show, "zh")
    assert names == icu_sorted(names, "zh@collation=pinyin")
    assert names.index("北京珐琅") < names.index("茶库尔") < names.index("重庆茶饮") < names.index("张三商行")
    index = dict(brochure_index(show, "zh"))
    assert "北京珐琅" in index["B"] and "重庆茶饮" in index["C"] and "张三商行" in index["Z"]
    assert "阿克米工具有限公司" in index["A"]


def test_japanese_by_reading_and_kana(show):
    names = directory_names(show, "ja")
    readings = {"阿部商店": "あべしょうてん", "清里精機": "きよさとせいき", "七宝工房": "しっぽうこうぼう"}
    ordered = [n for n in names if n in readings or n in ("さくら食品", "チャイクル", "ダコタ")]
    assert ordered == ["阿部商店", "清里精機", "さくら食品", "七宝工房", "ダコタ", "チャイクル"]
    assert names == sorted(names, key=lambda n: icu.Collator.createInstance(icu.Locale("ja")).getSortKey(
        readings.get(n, n)))
    index = dict(brochure_index(show, "ja"))
    assert index["あ"] == ["阿部商店"] and index["か"] == ["清里精機"]
    assert index["さ"] == ["さくら食品", "七宝工房"] and index["た"] == ["ダコタ", "チャイクル"]  # ダ is a voiced た


def test_arabic_alef_forms_are_one_letter(show):
    names = directory_names(show, "ar")
    alef = ["آمنة للشاي", "أحمد داكوتا", "إبراهيم للمينا", "اسم تجاري"]
    assert names == icu_sorted(names, "ar")
    assert [n for n in names if n in alef] == icu_sorted(alef, "ar")
    index = dict(brochure_index(show, "ar"))
    assert sorted(index["ا"]) == sorted(alef)
    assert index["ب"] == ["بيت التمر"] and index["ت"] == ["تمور"]


def test_country_and_category_filters_by_translated_name(show):
    page = core_pages(show, "fr")[PAGES["exhibitors"]]
    countries = re.findall(r'<option value="([A-Z]{2})">([^<]*)</option>', page)
    shown = [name for _, name in countries]
    assert shown == icu_sorted(shown, "fr")
    assert [code for code, _ in countries][:2] == ["DE", "KR"]  # Allemagne, Corée du Sud (not by code)
    zh = core_pages(show, "zh")[PAGES["exhibitors"]]
    category = zh.split('name="category"', 1)[1].split("</select>", 1)[0]
    assert re.findall(r'<option value="(\w+)">', category) == ["tools", "food"]  # 工具 gōngjù, 食品 shípǐn


def test_helpers_per_locale():
    assert collated(["Zeta", "Çaykur", "cote"], "fr", str) == ["Çaykur", "cote", "Zeta"]
    assert collated(["張", "一", "大"], "zh-TW", str) == ["一", "大", "張"]  # stroke order
    assert heading("Acme", "ar") == "A" and heading("123", "en") == "…"
    assert [h for h, _ in grouped(["あべ", "アクメ", "かわ"], "ja", str)] == ["あ", "か"]
    assert sort_text("清里精機", {"ja": "きよさとせいき"}, "ja") == "きよさとせいき"
    assert sort_text("清里精機", {"ja": "きよさとせいき"}, "zh") == "清里精機"


def test_sort_as_is_optional_and_documented():
    from generator.models import Exhibitor

    assert "reading" in (Exhibitor.model_fields["sort_as"].description or "")
    schema = Path(__file__).parent.parent / "schemas" / "exhibitors.schema.json"
    assert "sort_as" in schema.read_text(encoding="utf-8")
