"""What the news templates lay out (``site_templates/news/``): one frozen view model per page kind.

:mod:`generator.site.news` computes every value (links, dates in the reader's locale, interface
words in the reader's language, rendered Markdown); a template only places them. A project's own
news templates (``site_templates/news/`` in its folder) receive the same models as ``page``.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup


@dataclass(frozen=True)
class Subscribe:
    """The feed links under a list or a story."""

    lang: str
    label: str
    rss: str
    atom: str


@dataclass(frozen=True)
class Entry:
    """One story as lists (and the home page's highlights) show it."""

    title: str
    href: str
    iso: str
    date_text: str
    category_name: str
    category_href: str
    summary: str
    image: str | None
    image_alt: str
    fallback: bool
    """The story is not in the reader's language (shown in ``lang``, marked "only in …")."""
    lang: str
    dir: str
    reader_lang: str
    reader_dir: str
    only_in: str


@dataclass(frozen=True)
class CategoryLink:
    name: str
    href: str
    current: bool


@dataclass(frozen=True)
class Translation:
    """A link to the same story in another language."""

    lang: str
    dir: str
    name: str
    href: str


@dataclass(frozen=True)
class ListPage:
    """A page of the news index or a category (``list.md.j2``)."""

    front_description: Markup
    heading: str
    subscribe: Subscribe
    categories: tuple[CategoryLink, ...]
    categories_label: str
    entries: tuple[Entry, ...]
    no_news: str
    newer: str | None
    older: str | None
    newer_label: str
    older_label: str


@dataclass(frozen=True)
class StoryPage:
    """One story (``story.md.j2``)."""

    front_description: Markup
    front_image: Markup | None
    fallback: bool
    not_translated: str
    lang: str
    dir: str
    reader_lang: str
    reader_dir: str
    title: str
    iso: str
    date_text: str
    category_name: str
    category_href: str
    author: str | None
    by_author: str
    updated_iso: str | None
    updated_label: str
    updated_text: str
    image: str | None
    image_alt: str
    body: Markup
    translations: tuple[Translation, ...]
    other_languages: str
    subscribe: Subscribe
