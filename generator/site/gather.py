"""Gather every page and file of every language before anything is written.

Page providers (contract in docs/architecture.md) each return ``{docs path: Markdown}``:
core data pages (:mod:`generator.site.pages`), news (:mod:`generator.site.news`) and forms
(:mod:`generator.site.forms`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from ..feeds import feed_links
from ..feeds.urls import story_docs_path
from ..language import language_for
from ..models import ExhibitorsFile, FormsFile, LettersFile, ScheduleFile, VisitingFile
from ..projectfiles import walk_files
from ..show import Show
from ..urls import page_url
from .corecache import CoreCache, ShowDigests, catalog_digest
from .forms import MARKER_RE, expand_form_markers, form_assets, form_pages
from .home import hero_link
from .identity import IDENTITY_CSS, hero_variants, identity_css
from .news import latest_entries, news_pages
from .offline_guide import SCRIPT as OFFLINE_SCRIPT
from .offline_guide import offline_files
from .pageassets import PER_PAGE, mark_pages
from .pages import PAGES, core_pages, media_files, survey_id
from .searchtune import search_assets
from .sharecard import SHARE_IMAGE, share_card
from .templates import find_template_file, make_environment, template_dirs

log = logging.getLogger(__name__)

OWN_ASSETS = {
    "assets/showpress/showpress.css": "assets/showpress.css",
    "assets/showpress/directory.js": "assets/directory.js",
}
"""Docs path -> file under site_templates/ of the site's own CSS and JS."""


@dataclass
class LanguageContent:
    """Everything one language's docs folder will hold."""

    lang: str
    pages: dict[str, str] = field(default_factory=dict)
    """Docs path -> Markdown."""
    files: dict[str, Path | bytes] = field(default_factory=dict)
    """Docs path -> a file to copy or bytes to write (assets, media, editors' images)."""
    editor_pages: list[tuple[str, str]] = field(default_factory=list)
    extra_css: list[str] = field(default_factory=list)
    extra_javascript: list[str] = field(default_factory=list)
    feeds: list[dict[str, str]] = field(default_factory=list)
    has_news: bool = False


@dataclass
class PageCache:
    """Generated pages of the previous gather, reused by a long-running process (``showpress serve``).

    Each provider sees only the part of the show its pages are made from, in every build (so a
    cached and a fresh page are always the same): core pages the data files (no news, no editors'
    pages), news pages show.yml, halls.yml and the news (:func:`news_only`), form pages the data
    files. A provider's pages are reused while that part (by content digest), the template files,
    the date and the show's catalogs of the language are equal; a language's news pages while the
    stories shown in it and every story's front matter are too. Core pages are reused page by page
    (corecache.py).
    """

    entries: dict[tuple[str, str], tuple[Any, dict[str, str]]] = field(default_factory=dict)
    core: CoreCache = field(default_factory=CoreCache)
    """Core pages, reused page by page (see corecache.py)."""
    env: Any = None
    env_key: Any = None

    def environment(self, project: Path, templates: Any) -> Any:
        """One Jinja environment for the session (recreated when a template file changes)."""
        if self.env is None or self.env_key != (project, templates):
            self.env, self.env_key = make_environment(project), (project, templates)
        return self.env

    def pages(self, provider: str, lang: str, key: Any, make: Callable[[], dict[str, str]]) -> dict[str, str]:
        """``make()``, or the pages it made last time for this provider, language and key."""
        found = self.entries.get((provider, lang))
        if found is None or found[0] != key:
            found = (key, make())
            self.entries[(provider, lang)] = found
        return found[1]


def news_only(show: Show) -> Show:
    """The part of a show news pages are made from: show.yml, halls.yml and the stories (the other
    data files empty), so an exhibitor edit leaves them as they are (ShowDigests.news is their key)."""
    return dataclasses.replace(show, pages=(), exhibitors_file=ExhibitorsFile(), schedule=ScheduleFile(),
                               visiting=VisitingFile(), forms_file=FormsFile(), letters_file=LettersFile())


def templates_fingerprint(project: Path) -> tuple[tuple[str, int, int], ...]:
    """(path, size, mtime) of every template file: changes whenever a template is edited."""
    found = []
    for folder in template_dirs(project):
        for path in folder.rglob("*"):
            if path.is_file():
                stat = path.stat()
                found.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(found))


def brochure_writer() -> Callable[..., Any]:
    """``generator.pdf.brochures.write_brochures``, imported only when brochures are wanted (WeasyPrint is heavy)."""
    from ..pdf.brochures import write_brochures

    return write_brochures


_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def _editor_title(page: Any) -> str:
    if page.meta.title:
        return str(page.meta.title)
    match = _HEADING.search(page.body)
    return match.group(1) if match else Path(page.rel).stem.replace("-", " ").capitalize()


def _editor_markdown(page: Any, body: str) -> str:
    meta = {k: v for k, v in (("title", page.meta.title), ("description", page.meta.description)) if v}
    if not meta:
        return body
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n" + body


def gather(show: Show, today: dt.date, *, brochures: bool, cache: PageCache | None = None) -> dict[str, LanguageContent]:
    """Pages and files of every language (``cache``: reuse unchanged generated pages, see PageCache)."""
    cache = cache or PageCache()
    templates = templates_fingerprint(show.root)
    env = cache.environment(show.root, templates)
    data_only = dataclasses.replace(show, news=(), pages=())
    with_news = news_only(show)
    digests = ShowDigests(data_only)  # core pages: each reused while what it reads is unchanged (corecache.py)
    data_key = (digests.whole, templates, today)
    # A language's news pages read the stories its readers see (bodies included) and every story's
    # front matter (translation links, unique addresses); an edit elsewhere leaves them as they are.
    metas = tuple((item.lang, item.path, item.slug, item.meta) for item in show.news)
    assets: dict[str, Path | bytes] = {path: find_template_file(src, show.root) for path, src in OWN_ASSETS.items()}
    assets.update(form_assets())
    identity_sheet = identity_css(show)
    if identity_sheet is not None:  # after showpress.css, so the show's colours win (site/identity.py)
        assets[IDENTITY_CSS] = identity_sheet
    hero = hero_variants(show)
    media = {f"media/{p.relative_to(show.root / 'data' / 'media').as_posix()}": p for p in media_files(show)}
    contents: dict[str, LanguageContent] = {}
    core = set(PAGES.values())
    for lang in show.languages:
        content = LanguageContent(lang)
        extra: dict[str, Any] = {}
        catalogs = catalog_digest(show, (lang, *language_for(lang, show).fallbacks))
        news_key = (digests.news, templates, today, catalogs, metas, tuple(show.news_for(lang)))
        extra.update(cache.pages("news", lang, news_key, partial(news_pages, with_news, lang, today)))
        extra.update(cache.pages("forms", lang, (*data_key, catalogs), partial(form_pages, data_only, lang, today)))
        content.has_news = "news/index.md" in extra
        content.feeds = [{"title": f.title, "href": f.href, "type": f.type} for f in feed_links(show, lang)]
        links = {
            "brochure": brochures,
            "feeds": content.feeds,
            "news": content.has_news,
            "survey": survey_id(show),
            "latest": latest_entries(show, lang),
            "hero": hero_link(hero),
        }
        content.pages.update(core_pages(data_only, lang, today, env=env, links=links, cache=cache.core, base=templates,
                                        digests=digests))
        content.pages.update(extra)
        with_form = {p for p in extra if p.startswith("forms/") and not p.endswith("/thanks.md")}
        for page in show.pages:
            if page.lang != lang:
                continue
            if page.rel in content.pages:
                log.warning("%s: replaces the generated page %s", page.path, page.rel)
            body = expand_form_markers(page.body, show, lang)
            if body != page.body and MARKER_RE.search(page.body):
                with_form.add(page.rel)
            content.pages[page.rel] = _editor_markdown(page, body)
            if page.rel not in core and not page.rel.startswith(("news/", "forms/")):
                content.editor_pages.append((page.rel, _editor_title(page)))
        folder = show.root / "content" / lang
        for path in walk_files(folder)[0]:  # never through a symbolic link (check refuses them)
            if path.suffix != ".md" and not path.name.startswith("."):
                content.files[path.relative_to(folder).as_posix()] = path
        content.files.update(assets)
        content.files.update(media)
        content.files.update(hero.files if hero else {})
        content.files.update(search_assets(lang))  # the tuned search worker (searchtune.py)
        content.files[SHARE_IMAGE] = share_card(show, lang)  # og:image of pages without their own
        mark_pages(content.pages, PAGES["exhibitors"], with_form)  # per-page scripts (pageassets.py)
        content.extra_css = [p for p in assets if p.endswith(".css") and p not in PER_PAGE]
        content.extra_javascript = [p for p in assets if p.endswith(".js") and p not in PER_PAGE]
        content.files.update(offline_files(show, lang, content.pages))  # the offline show guide
        content.extra_javascript.append(OFFLINE_SCRIPT)
        contents[lang] = content
    return contents


def alternates(show: Show, contents: dict[str, LanguageContent]) -> dict[str, dict[str, dict[str, str]]]:
    """lang -> page URL -> {other lang: URL} wherever the same page is not at the same URL there.

    A page missing in another language maps to its translation (editors' pages by front-matter
    key, news stories by their key), else to that language's home page.
    """
    paths = {lang: set(c.pages) for lang, c in contents.items()}
    translated: dict[str, dict[str, dict[str, str]]] = {lang: {} for lang in contents}
    by_key: dict[str, dict[str, str]] = {}
    for page in show.pages:
        by_key.setdefault(page.meta.key or page.rel, {})[page.lang] = page.rel
    for keyed in by_key.values():
        for lang, path in keyed.items():
            translated.setdefault(lang, {})[path] = {o: p for o, p in keyed.items() if o != lang}
    news_paths = {lang: _news_paths_by_part(found) for lang, found in paths.items()}
    for item in show.news:
        versions = show.translations_of(item)
        for path in news_paths.get(item.lang, {}).get(item.slug, ()):  # news/…/<slug>[.md]/…
            parts = path.split("/")
            for other, twin in versions.items():
                if other == item.lang:
                    continue
                candidate = "/".join(
                    twin.slug if p == item.slug else f"{twin.slug}.md" if p == f"{item.slug}.md" else p
                    for p in parts
                )
                translated[item.lang].setdefault(path, {})[other] = candidate
    out: dict[str, dict[str, dict[str, str]]] = {}
    for lang in contents:
        mapping: dict[str, dict[str, str]] = {}
        for path in paths[lang]:
            row: dict[str, str] = {}
            for other in contents:
                if other == lang or path in paths[other]:
                    continue
                found = translated[lang].get(path, {}).get(other)
                row[other] = page_url(found) if found and found in paths[other] else ""
            if row:
                mapping[page_url(path)] = row
        out[lang] = mapping
    _not_in_reader_language(show, contents, out)
    return out


def _news_paths_by_part(paths: set[str]) -> dict[str, list[str]]:
    """The paths under news/, by each part after the first (a part ``x.md`` also as ``x``): the
    pages of a story by its slug, without going through every page for every story."""
    index: dict[str, list[str]] = {}
    for path in sorted(paths):
        parts = path.split("/")
        if parts[0] != "news":
            continue
        keys = set(parts[1:]) | {part[:-3] for part in parts[1:] if part.endswith(".md")}
        for key in keys:
            index.setdefault(key, []).append(path)
    return index


def _not_in_reader_language(show: Show, contents: dict[str, LanguageContent],
                            out: dict[str, dict[str, dict[str, str]]]) -> None:
    """A story that ``lang``'s readers get in another language (a fallback) is not announced as a
    ``lang`` page: every site's row for that story maps ``lang`` to "" (no hreflang link)."""
    fallen = {lang: {item.meta.key for item, fallback in show.news_for(lang) if fallback} for lang in contents}
    for site in contents:
        for item, _fallback in show.news_for(site):
            path = story_docs_path(show, site, item)
            if path not in contents[site].pages:
                continue
            for lang, keys in fallen.items():
                if item.meta.key in keys:
                    out[site].setdefault(page_url(path), {})[lang] = ""
