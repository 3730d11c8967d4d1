"""Texts in print: a text in another language or direction than the document around it is marked,
so WeasyPrint lays it out in its own direction (an English body in an Arabic letter kept readable)."""

from __future__ import annotations

from generator.pdf.templates import Texts, strong_direction


def test_a_fallback_text_inside_another_frame_carries_its_language_and_direction():
    t = Texts("en", ["zh", "en"], frame="ar")
    assert str(t({"zh": "海州", "en": "Haizhou Co., Ltd."})) == '<span lang="en" dir="ltr">Haizhou Co., Ltd.</span>'
    assert str(t.md({"en": "USD 1.94 billion."})).startswith('<div lang="en" dir="ltr">')


def test_a_same_in_every_language_text_of_the_other_direction_is_isolated():
    assert str(Texts("en", ["en"], frame="ar")({"*": "Lin Ruohai"})) == '<span dir="ltr">Lin Ruohai</span>'
    assert str(Texts("en", ["en"])({"*": "أحمد"})) == '<span dir="rtl">أحمد</span>'
    assert str(Texts("ar", ["ar"])({"*": "أحمد"})) == "أحمد"


def test_the_document_language_itself_is_not_marked():
    t = Texts("en", ["zh", "en"])
    assert str(t({"zh": "海州", "en": "Haizhou & Co"})) == "Haizhou &amp; Co"
    assert str(t({"zh": "海州"})) == '<span lang="zh" dir="ltr">海州</span>'


def test_strong_direction_reads_the_first_strong_character():
    assert strong_direction("1.94 USD") == "ltr"
    assert strong_direction("(٣) أحمد") == "rtl"
    assert strong_direction("2026 – 42") is None
