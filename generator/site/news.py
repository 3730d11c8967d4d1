"""News pages of one language as Markdown for MkDocs: the index (paginated), categories, stories.

``news_pages(show, lang, today)`` returns ``{path in the docs dir: Markdown}``; nothing is written
here. Every story readers of ``lang`` should see is listed (``Show.news_for``): one not translated
into ``lang`` appears in its own language with a visible "only in …" marker and the ``lang``
attribute on its text, and gets a page in ``lang``'s site too. Pages are made with the Jinja
templates in ``site_templates/news/`` (autoescape on). The editor's Markdown body is rendered and
sanitised by :func:`generator.markup.markdown_block` like every Markdown from data (no scripts).
Material's blog plugin is not used: it needs real files and breaks pagination under ``--dirty``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from jinja2 import Environment
from markupsafe import Markup

from ..dates import format_date_local, format_datetime_local, language_name
from ..feeds.news import story_updated
from ..feeds.urls import category_docs_path, story_docs_path
from ..i18n import text_dir, tr
from ..language import language_for
from ..markup import markdown_block
from ..templating import environment
from ..urls import feed_path, href, media_url, page_url, relative_url
from .newsview import CategoryLink, Entry, ListPage, StoryPage, Subscribe, Translation

if TYPE_CHECKING:
    from ..language import Language
    from ..show import NewsItem, Show

PER_PAGE = 10
"""Stories per page of the news index."""

def yaml_string(value: str) -> Markup:
    """A front-matter value for MkDocs, YAML-quoted and not HTML-escaped: main.html escapes every
    page.meta value it prints (description, image), so escaping here too gave ``&amp;amp;``."""
    return Markup(json.dumps(str(value), ensure_ascii=False))


def template_env(show: Show) -> Environment:
    """The news templates: the show's own site_templates/news/ first, then showpress's."""
    return _template_env(show.root)


@functools.lru_cache(maxsize=8)
def _template_env(root: Path) -> Environment:
    """One environment per project: compiled templates are kept, and edited ones reloaded (auto_reload)."""
    return environment("news", root)


def _link(from_path: str, to_path: str) -> str:
    """A Markdown link between two pages of the docs dir (MkDocs resolves and checks it)."""
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def body_link(page: str, link: str) -> str:
    """A relative link in a story's Markdown as MkDocs would write it on the page:
    ``../schedule.md#day-2`` in ``news/a.md`` -> ``../../schedule/#day-2``; ``media/x.png`` ->
    ``../../news/media/x.png``. Absolute URLs, root paths and fragments stay as they are."""
    parts = urlsplit(link)
    if parts.scheme or link.startswith(("/", "#")) or not parts.path:
        return link
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))
    url = relative_url(page, page_url(target))
    return url + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


def _category_name(show: Show, lang: str, category_id: str) -> str:
    for category in show.info.categories:
        if category.id == category_id:
            return tr(category.name, lang, show.languages)
    return category_id


def _subscribe(language: Language, lang: str, page: str, category: str | None = None) -> Subscribe:
    return Subscribe(
        lang=lang,
        label=language.gettext("Subscribe"),
        rss=relative_url(page, feed_path("rss", category)),
        atom=relative_url(page, feed_path("atom", category)),
    )


def _entry(show: Show, language: Language, page: str, item: NewsItem, fallback: bool) -> Entry:
    """What a list shows of one story (``language``: the reader's, :func:`language_for` once per list)."""
    lang = language.tag
    return Entry(
        title=item.meta.title,
        href=_link(page, story_docs_path(show, lang, item)),
        iso=item.meta.date.isoformat(),
        date_text=format_date_local(item.meta.date, show, lang),
        category_name=_category_name(show, lang, item.meta.category),
        category_href=_link(page, category_docs_path(item.meta.category)),
        summary=item.meta.summary,
        image=_link(page, item.meta.image) if item.meta.image else None,
        image_alt=item.meta.image_alt or "",
        fallback=fallback,
        lang=item.lang,
        dir=text_dir(item.lang),
        reader_lang=lang,
        reader_dir=text_dir(lang),
        only_in=language.gettext("only in %(language)s") % {"language": language_name(item.lang)},
    )


def _categories(show: Show, lang: str, page: str, current: str | None) -> tuple[CategoryLink, ...]:
    return tuple(
        CategoryLink(name=tr(c.name, lang, show.languages), href=_link(page, category_docs_path(c.id)),
                     current=c.id == current)
        for c in show.info.categories
    )


def _list_page(env: Environment, show: Show, language: Language, page: str, heading: str, description: str,
               stories: list[tuple[NewsItem, bool]], category: str | None,
               newer: str | None = None, older: str | None = None) -> str:
    lang = language.tag
    _ = language.gettext
    return env.get_template("list.md.j2").render(page=ListPage(
        front_description=yaml_string(description),
        heading=heading,
        subscribe=_subscribe(language, lang, page, category),
        categories=_categories(show, lang, page, category),
        categories_label=_("Categories"),
        entries=tuple(_entry(show, language, page, item, fallback) for item, fallback in stories),
        no_news=_("No news yet."),
        newer=_link(page, newer) if newer else None,
        older=_link(page, older) if older else None,
        newer_label=_("Newer stories"),
        older_label=_("Older stories"),
    ))


def index_path(number: int) -> str:
    """Docs path of page ``number`` (1-based) of the news index."""
    return "news/index.md" if number == 1 else f"news/page/{number}.md"


def _story_page(env: Environment, show: Show, language: Language, item: NewsItem, fallback: bool) -> str:
    lang = language.tag
    page = story_docs_path(show, lang, item)
    meta = item.meta
    translations = []
    versions = show.translations_of(item)
    for other in show.languages:
        if other != lang and other in versions:
            target = page_url(story_docs_path(show, other, versions[other]))
            translations.append(Translation(
                lang=other, dir=text_dir(other), name=language_name(other),
                href=relative_url(page, f"../{other}/{target}"),
            ))
    updated = story_updated(show, item) if meta.updated else None
    _ = language.gettext
    return env.get_template("story.md.j2").render(page=StoryPage(
        front_description=yaml_string(meta.summary),
        front_image=yaml_string(media_url(show, lang, meta.image)) if meta.image else None,
        fallback=fallback,
        not_translated=_("This story has not been translated yet; here it is in %(language)s.")
        % {"language": language_name(item.lang, lang)},
        lang=item.lang,
        dir=text_dir(item.lang),
        reader_lang=lang,
        reader_dir=text_dir(lang),
        title=meta.title,
        iso=meta.date.isoformat(),
        date_text=format_datetime_local(meta.date, show, lang),
        category_name=_category_name(show, lang, meta.category),
        category_href=_link(page, category_docs_path(meta.category)),
        author=meta.author,
        by_author=_("By %(author)s") % {"author": meta.author} if meta.author else "",
        updated_iso=updated.isoformat() if updated else None,
        updated_label=_("Updated"),
        updated_text=format_datetime_local(updated, show, lang) if updated else "",
        image=_link(page, meta.image) if meta.image else None,
        image_alt=meta.image_alt or "",
        body=markdown_block(item.body, functools.partial(body_link, page)),
        translations=tuple(translations),
        other_languages=_("Also in"),
        subscribe=_subscribe(language, lang, page),
    ))


def latest_entries(show: Show, lang: str, count: int = 3, page: str = "index.md") -> list[Entry]:
    """The ``count`` newest stories for readers of ``lang`` as lists show them, linked from ``page``
    (the home page's highlights), with relative directory URLs for raw HTML."""
    language = language_for(lang, show)
    return [dataclasses.replace(_entry(show, language, page, item, fallback), href=href(page, story_docs_path(show, lang, item)))
            for item, fallback in show.news_for(lang)[:count]]


def news_pages(show: Show, lang: str, today: dt.date | None = None) -> dict[str, str]:
    """Every news page of ``lang``: index pages, one page per category, one per story.

    ``today`` is part of the page-provider contract; news pages do not depend on it.
    """
    env = template_env(show)
    stories = show.news_for(lang)
    pages: dict[str, str] = {}
    language = language_for(lang, show)
    _ = language.gettext
    heading = _("News")
    description = _("Post-show news of %(show)s") % {"show": tr(show.info.name, lang, show.languages)}
    count = max(1, -(-len(stories) // PER_PAGE))
    for number in range(1, count + 1):
        path = index_path(number)
        title = heading if number == 1 else f"{heading} · " + _("page %(num)s") % {"num": number}
        pages[path] = _list_page(
            env, show, language, path, title, description,
            stories[(number - 1) * PER_PAGE: number * PER_PAGE], None,
            newer=index_path(number - 1) if number > 1 else None,
            older=index_path(number + 1) if number < count else None,
        )
    for category in show.info.categories:
        path = category_docs_path(category.id)
        name = tr(category.name, lang, show.languages)
        in_category = [pair for pair in stories if pair[0].meta.category == category.id]
        pages[path] = _list_page(
            env, show, language, path, f"{heading} · {name}",
            _("%(show)s news: %(category)s") % {"show": tr(show.info.short_name, lang, show.languages), "category": name},
            in_category, category.id,
        )
    for item, fallback in stories:
        pages[story_docs_path(show, lang, item)] = _story_page(env, show, language, item, fallback)
    return pages
