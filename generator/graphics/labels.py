"""The few words the graphics print themselves, per language, and locale-aware formatting.

Words come from small dictionaries (zh, en, ko, ja, ar; English for any other language);
numbers, dates and country names come from Babel's CLDR data, so any language Babel knows
gets them right.
"""

from __future__ import annotations

import datetime as dt

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton
from babel.numbers import format_decimal

LABELS: dict[str, dict[str, str]] = {
    "free": {"en": "Free", "zh": "空闲", "ko": "빈 부스", "ja": "空き", "ar": "متاح"},
    "reserved": {"en": "Reserved", "zh": "已预订", "ko": "예약됨", "ja": "予約済み", "ar": "محجوز"},
    "sold": {"en": "Sold", "zh": "已售出", "ko": "판매 완료", "ja": "成約済み", "ar": "مباع"},
    "other": {"en": "Other", "zh": "其他", "ko": "기타", "ja": "その他", "ar": "أخرى"},
    "visitors": {"en": "Visitors", "zh": "观众人次", "ko": "관람객", "ja": "来場者数", "ar": "الزوار"},
    "exhibitors": {"en": "Exhibitors", "zh": "展商数量", "ko": "참가업체", "ja": "出展者数", "ar": "العارضون"},
    "this_edition": {"en": "This edition", "zh": "本届", "ko": "이번 회", "ja": "今回", "ar": "هذه الدورة"},
    "visitors_per_day": {
        "en": "Visitors per day", "zh": "每日观众人次", "ko": "일별 관람객",
        "ja": "日別来場者数", "ar": "الزوار يوميًا",
    },
    "exhibitors_by_country": {
        "en": "Exhibitors by country or region", "zh": "各国家和地区展商数量", "ko": "국가·지역별 참가업체",
        "ja": "国・地域別出展者数", "ar": "العارضون حسب البلد أو المنطقة",
    },
    "editions": {
        "en": "Editions over the years", "zh": "历届展会", "ko": "역대 전시회",
        "ja": "歴代の開催実績", "ar": "الدورات عبر السنين",
    },
    "site_plan": {"en": "Site plan", "zh": "展馆总平面图", "ko": "전시장 배치도", "ja": "会場全体図", "ar": "مخطط الموقع"},
    "floor_plan": {"en": "Floor plan", "zh": "展位平面图", "ko": "부스 배치도", "ja": "小間割り図", "ar": "مخطط القاعة"},
    "booth_count": {"en": "{n} booths", "zh": "{n} 个展位", "ko": "부스 {n}개", "ja": "{n} 小間", "ar": "الأجنحة: {n}"},
    "free_count": {"en": "{n} free", "zh": "空闲 {n}", "ko": "빈 부스 {n}", "ja": "空き {n}", "ar": "متاح: {n}"},
}
"""Key -> {language: word}. English is the fallback for a language without an entry."""


def label(key: str, lang: str) -> str:
    """The word for ``key`` in ``lang`` (or its base language), else English."""
    words = LABELS[key]
    return words.get(lang) or words.get(lang.split("-")[0]) or words["en"]


def counted(key: str, count: int, lang: str) -> str:
    """A counting phrase such as '12 booths' / '12 个展位', the number formatted for ``lang``."""
    return label(key, lang).replace("{n}", number(count, lang))


def status_label(status: str, lang: str) -> str:
    """The word for a booth status (free, reserved, sold) in ``lang``; English as fallback."""
    if status not in ("free", "reserved", "sold"):
        raise ValueError(f"unknown booth status {status!r}")
    return label(status, lang)


def babel_locale(lang: str) -> Locale:
    """The Babel locale of a BCP 47 language code; English when Babel does not know it."""
    try:
        return Locale.parse(lang, sep="-")
    except (UnknownLocaleError, ValueError):
        try:
            return Locale.parse(lang.split("-")[0])
        except (UnknownLocaleError, ValueError):
            return Locale.parse("en")


def number(value: float, lang: str) -> str:
    """A number with the language's digit grouping and decimal sign."""
    return format_decimal(value, locale=babel_locale(lang))


def short_date(day: dt.date, lang: str) -> str:
    """Month and day as the language writes them: 'Jun 10', '6月10日', '10 يونيو'."""
    return format_skeleton("MMMd", day, locale=babel_locale(lang))


def weekday(day: dt.date, lang: str) -> str:
    """The abbreviated weekday: 'Wed', '周三', '수'."""
    return format_skeleton("EEE", day, locale=babel_locale(lang))


def country_name(code: str, lang: str) -> str:
    """The name of a country or region in ``lang`` (the code itself if CLDR lacks it)."""
    return babel_locale(lang).territories.get(code, code)
