import pytest
from pydantic import TypeAdapter

from generator.cjk import cjk_punctuation, join_cjk_lines
from generator.models.types import Text


def test_breaks_between_chinese_or_japanese_characters_go() -> None:
    assert join_cjk_lines("軽量協働ロボット6台の\nデモラインが") == "軽量協働ロボット6台のデモラインが"
    assert join_cjk_lines("组成的演示产线，\n正在为一家") == "组成的演示产线，正在为一家"


def test_other_breaks_stay() -> None:
    text = "English words\nwrap here.\n\n협동로봇이\n주인공\n\n- 列表\n- 第二项\n\n# 标题\n段落\n"
    assert join_cjk_lines(text) == text
    assert join_cjk_lines("数字 10\n万元") == "数字 10\n万元"  # a break after a Latin digit is a space


def test_code_blocks_are_untouched() -> None:
    text = "前文\n后文\n```\n代码\n代码\n```\n后\n记\n"
    assert join_cjk_lines(text) == "前文后文\n```\n代码\n代码\n```\n后记\n"


FULL_WIDTH = {
    "面积: 36 m² (空闲 3, 已售 5)": "面积：36 m²（空闲 3，已售 5）",
    "設備: 電源": "設備：電源",
    "駅から (徒歩3分)": "駅から（徒歩3分）",
    "你好! 再见?": "你好！再见？",
}
"""Punctuation between Han or kana characters, and the full-width forms it takes."""
KEPT_HALF_WIDTH = ["开放 10:00, 闭馆 18:00", "価格 1,200円", "Hall A (A馆)", "見本市(Expo)", "CIIE 2025: 成交"]
"""Punctuation next to Latin letters or digits, which stays as it is."""


@pytest.mark.parametrize(("text", "expected"), FULL_WIDTH.items())
def test_cjk_punctuation_is_full_width_between_han_and_kana(text: str, expected: str) -> None:
    assert cjk_punctuation(text) == expected


@pytest.mark.parametrize("text", KEPT_HALF_WIDTH)
def test_cjk_punctuation_is_never_full_width_between_latin_letters_or_digits(text: str) -> None:
    assert cjk_punctuation(text) == text


def test_yaml_text_is_joined_and_punctuated_when_loaded() -> None:
    """Every translatable text from YAML goes through the same door as news (not only news)."""
    adapter = TypeAdapter(Text)
    value = adapter.validate_python({"zh": "2017 年起\n设立国际展区 (第六届)", "ja": "6台の\nデモライン",
                                     "ko": "로봇을\n만듭니다", "en": "two\nlines: (kept)"})
    assert value == {"zh": "2017 年起设立国际展区（第六届）", "ja": "6台のデモライン",
                     "ko": "로봇을\n만듭니다", "en": "two\nlines: (kept)"}
