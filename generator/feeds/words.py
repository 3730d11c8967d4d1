"""The few fixed words of news pages, feeds and calendars, per language (English when missing).

Show texts come from the data; these are the interface words around them. Add a language by adding
its column; a missing word falls back to English, never to an empty string.
"""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "news": {"en": "News", "zh": "新闻", "ko": "뉴스", "ja": "ニュース", "ar": "الأخبار"},
    "news_feed_description": {
        "en": "Post-show news of {show}",
        "zh": "{show}展后新闻",
        "ko": "{show} 전시회 후속 뉴스",
        "ja": "{show} 閉幕後のニュース",
        "ar": "أخبار ما بعد {show}",
    },
    "category_feed_description": {
        "en": "{show} news: {category}",
        "zh": "{show}新闻：{category}",
        "ko": "{show} 뉴스: {category}",
        "ja": "{show} ニュース：{category}",
        "ar": "أخبار {show}: {category}",
    },
    "schedule": {"en": "Schedule", "zh": "日程", "ko": "일정", "ja": "スケジュール", "ar": "البرنامج"},
    "subscribe": {"en": "Subscribe", "zh": "订阅", "ko": "구독", "ja": "購読", "ar": "اشترك"},
    "only_in": {
        "en": "only in {language}",
        "zh": "仅有{language}版",
        "ko": "{language}로만 제공",
        "ja": "{language}のみ",
        "ar": "متوفر فقط بـ{language}",
    },
    "not_translated": {
        "en": "This story has not been translated yet; here it is in {language}.",
        "zh": "本文尚未翻译，以下为{language}原文。",
        "ko": "이 기사는 아직 번역되지 않았습니다. {language} 원문입니다.",
        "ja": "この記事はまだ翻訳されていません。{language}の原文を掲載します。",
        "ar": "لم تُترجم هذه المقالة بعد؛ إليك النص بـ{language}.",
    },
    "updated": {"en": "Updated", "zh": "更新于", "ko": "수정", "ja": "更新", "ar": "حُدّث"},
    "by": {"en": "By {author}", "zh": "作者：{author}", "ko": "글: {author}", "ja": "文：{author}", "ar": "بقلم {author}"},
    "other_languages": {
        "en": "Also in", "zh": "其他语言", "ko": "다른 언어", "ja": "他の言語", "ar": "بلغات أخرى",
    },
    "newer": {"en": "Newer stories", "zh": "较新的新闻", "ko": "최신 뉴스", "ja": "新しい記事", "ar": "أخبار أحدث"},
    "older": {"en": "Older stories", "zh": "较早的新闻", "ko": "이전 뉴스", "ja": "古い記事", "ar": "أخبار أقدم"},
    "page_n": {"en": "page {n}", "zh": "第 {n} 页", "ko": "{n}페이지", "ja": "{n}ページ", "ar": "الصفحة {n}"},
    "categories": {"en": "Categories", "zh": "分类", "ko": "분류", "ja": "カテゴリー", "ar": "الفئات"},
    "all_news": {"en": "All news", "zh": "全部新闻", "ko": "모든 뉴스", "ja": "すべてのニュース", "ar": "كل الأخبار"},
    "no_news": {
        "en": "No news yet.", "zh": "暂无新闻。", "ko": "아직 뉴스가 없습니다.", "ja": "ニュースはまだありません。",
        "ar": "لا أخبار بعد.",
    },
    "calendar": {"en": "Calendar", "zh": "日历", "ko": "캘린더", "ja": "カレンダー", "ar": "التقويم"},
    "speakers": {"en": "Speakers", "zh": "演讲嘉宾", "ko": "연사", "ja": "登壇者", "ar": "المتحدثون"},
}
"""Word id -> {lang: text}; ``{name}`` placeholders are filled by :func:`word`."""


def word(word_id: str, lang: str, **values: str) -> str:
    """The word in ``lang`` (English when that language lacks it), placeholders filled."""
    texts = WORDS[word_id]
    text = texts.get(lang) or texts.get(lang.split("-")[0]) or texts["en"]
    return text.format(**values) if values else text
