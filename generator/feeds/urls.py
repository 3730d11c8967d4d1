"""Addresses of news stories: the slug of each story in each language's news folder.

Every other address (pages, feeds, calendars, forms, absolute links) is owned by :mod:`generator.urls`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..show import RESERVED_SLUGS
from ..urls import lang_root, page_address

if TYPE_CHECKING:
    from ..show import NewsItem, Show

__all__ = ["RESERVED_SLUGS", "category_docs_path", "story_docs_path", "story_guid", "story_slugs", "story_url"]


def story_slugs(show: Show, lang: str) -> dict[tuple[str, str], str]:
    """(item language, item slug) -> the story's slug in ``lang``'s news folder (:meth:`Show.story_slugs`:
    a reserved or taken file name gets the source language appended)."""
    return show.story_slugs(lang)


def story_docs_path(show: Show, lang: str, item: NewsItem) -> str:
    """Where a story's page lives in ``lang``'s docs dir, e.g. 'news/closing.md'."""
    return f"news/{show.story_slug(lang, item)}.md"


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
