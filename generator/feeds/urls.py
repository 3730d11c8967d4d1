"""Addresses of news stories: the slug of each story in each language's news folder.

Every other address (pages, feeds, calendars, forms, absolute links) is owned by :mod:`generator.urls`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..urls import lang_root, page_address

if TYPE_CHECKING:
    from ..show import NewsItem, Show

RESERVED_SLUGS = frozenset({"index", "page", "category", "feed", "atom"})
"""Story file names that would clash with the news index, its pages, categories or feeds."""


def story_slugs(show: Show, lang: str) -> dict[tuple[str, str], str]:
    """(item language, item slug) -> the story's slug in ``lang``'s news folder.

    A story keeps its file name unless that is reserved (``index``, ``page``...) or already taken in
    ``lang`` (a fallback story named like a story of ``lang``); then the source language is appended.
    Stories written in ``lang`` are named first, so their addresses never depend on fallbacks.
    """
    slugs: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    pairs = sorted(show.news_for(lang), key=lambda pair: (pair[1], pair[0].path))
    for item, _fallback in pairs:
        slug = item.slug
        if slug in RESERVED_SLUGS or slug in taken:
            slug = f"{item.slug}-{item.lang}"
            n = 2
            while slug in taken:
                slug, n = f"{item.slug}-{item.lang}-{n}", n + 1
        taken.add(slug)
        slugs[(item.lang, item.slug)] = slug
    return slugs


def story_docs_path(show: Show, lang: str, item: NewsItem) -> str:
    """Where a story's page lives in ``lang``'s docs dir, e.g. 'news/closing.md'."""
    return f"news/{story_slugs(show, lang)[(item.lang, item.slug)]}.md"


def story_url(show: Show, lang: str, item: NewsItem) -> str:
    """Absolute address of a story's page in ``lang``."""
    return page_address(show, lang, story_docs_path(show, lang, item))


def story_guid(show: Show, item: NewsItem) -> str:
    """Feed id of a story version: built from its key, so it survives title, slug and body edits.

    One id per language version (each feed holds one language), never a locator: isPermaLink=false.
    """
    return f"{lang_root(show, item.lang)}news/{item.meta.key}"


def category_docs_path(category_id: str) -> str:
    return f"news/category/{category_id}.md"
