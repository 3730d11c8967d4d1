"""Addresses of news, feeds and events on the built site, and links made absolute for feeds.

The site is built with MkDocs' ``use_directory_urls``: ``news/closing.md`` is served at
``<site_url><lang>/news/closing/``. Feeds and calendars are read outside the site, so every
address in them is absolute, including those inside a story's HTML.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

if TYPE_CHECKING:
    from ..models import Event
    from ..show import NewsItem, Show

RESERVED_SLUGS = frozenset({"index", "page", "category", "feed", "atom"})
"""Story file names that would clash with the news index, its pages, categories or feeds."""


def lang_root(show: Show, lang: str) -> str:
    """Absolute address of a language's home page, e.g. 'https://expo.example.org/en/'."""
    base = show.info.site_url if show.info.site_url.endswith("/") else show.info.site_url + "/"
    return f"{base}{lang}/"


def docs_url(docs_path: str) -> str:
    """A page's address relative to its language root: 'news/a.md' -> 'news/a/', 'index.md' -> ''."""
    if not docs_path.endswith(".md"):
        return docs_path
    stem = docs_path[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


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
    return lang_root(show, lang) + docs_url(story_docs_path(show, lang, item))


def story_guid(show: Show, item: NewsItem) -> str:
    """Feed id of a story version: built from its key, so it survives title, slug and body edits.

    One id per language version (each feed holds one language), never a locator: isPermaLink=false.
    """
    return f"{lang_root(show, item.lang)}news/{item.meta.key}"


def category_docs_path(category_id: str) -> str:
    return f"news/category/{category_id}.md"


def media_url(show: Show, lang: str, media_path: str) -> str:
    """Absolute address of a file under data/media/ (copied to <lang>/media/ by the site builder)."""
    return lang_root(show, lang) + media_path


def event_url(show: Show, lang: str, event: Event) -> str:
    """The event on the schedule page: '<site_url><lang>/schedule/#event-<event-id>' (its anchor there)."""
    return f"{lang_root(show, lang)}schedule/#event-{event.id}"


def relative_url(from_docs_path: str, to_site_path: str) -> str:
    """A link from a generated page to a file of the built language site (for raw HTML links).

    ``to_site_path`` is relative to the language root, e.g. 'feed.xml' or '../zh/news/a/'.
    """
    depth = docs_url(from_docs_path).count("/")
    return "../" * depth + to_site_path or "./"


def absolute_link(show: Show, lang: str, docs_path: str, link: str) -> str:
    """A link written in the Markdown page at ``docs_path`` of ``lang``, made absolute.

    '../schedule.md#day-2' in 'news/a.md' -> 'https://…/en/schedule/#day-2'; 'media/x.png' keeps its
    name; links with a scheme (https:, mailto:) and protocol-relative ones are left alone.
    """
    parts = urlsplit(link)
    if parts.scheme or link.startswith("//"):
        return link
    page_url = lang_root(show, lang) + docs_url(docs_path)
    if not parts.path:
        return page_url + link if link else page_url
    if parts.path.startswith("/"):
        return urljoin(lang_root(show, lang), link)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(docs_path), parts.path))
    if target.startswith("../"):  # outside the language, e.g. '../../zh/news/a/': as the file sees it
        return urljoin(lang_root(show, lang) + docs_path, link)
    if target == ".":
        target = ""
    url = lang_root(show, lang) + docs_url(target)
    if parts.query:
        url += "?" + parts.query
    if parts.fragment:
        url += "#" + parts.fragment
    return url
