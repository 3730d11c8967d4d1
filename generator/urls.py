"""Addresses on the built site: the one owner of how a page, feed, calendar, brochure or form is reached.

The site is built with ``use_directory_urls``: the docs path ``news/closing.md`` of language ``en``
is served at ``<site_url>en/news/closing/``. Pages link each other relatively (:func:`href`,
:func:`relative_url`); feeds, calendars, letters, link previews and the collector need absolute
addresses, all made from :func:`site_root`, the one place that normalises ``show.yml``'s
``site_url``. The collector's own address (``collector_url``) is normalised by :func:`action_url`.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Literal
from urllib.parse import urljoin, urlsplit

if TYPE_CHECKING:
    from .show import Show

FeedKind = Literal["rss", "atom"]

FEED_FILES: dict[FeedKind, str] = {"rss": "feed.xml", "atom": "atom.xml"}
"""File name of each news feed kind, in the language root or a category's folder."""

SCHEDULE_CALENDAR = "schedule.ics"
"""The whole programme as iCalendar, relative to the language root."""

BROCHURE = "brochure.pdf"
"""The general brochure of a language, relative to the language root."""


def _with_slash(url: str) -> str:
    return url.rstrip("/") + "/"


def site_root(show: Show) -> str:
    """The site's address with exactly one trailing slash: 'https://expo.example.org/'."""
    return _with_slash(show.info.site_url)


def site_host(show: Show) -> str:
    """The site's host name ('expo.example.org'), e.g. for calendar UIDs."""
    return urlsplit(site_root(show)).hostname or "showpress.invalid"


def lang_root(show: Show, lang: str) -> str:
    """Absolute address of a language's home page, e.g. 'https://expo.example.org/en/'."""
    return f"{site_root(show)}{lang}/"


def absolute_url(show: Show, lang: str, path: str = "") -> str:
    """A file or page of ``lang``'s site (``path`` relative to the language root) as an absolute URL."""
    return lang_root(show, lang) + path


def page_url(docs_path: str) -> str:
    """The directory URL a docs path is served at, relative to its language root:
    'index.md' -> '', 'a/index.md' -> 'a/', 'a/b.md' -> 'a/b/'; other files keep their path."""
    if not docs_path.endswith(".md"):
        return docs_path
    stem = docs_path[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def page_address(show: Show, lang: str, docs_path: str) -> str:
    """Absolute address of the page at ``docs_path`` in ``lang``."""
    return absolute_url(show, lang, page_url(docs_path))


def href(from_docs_path: str, to: str) -> str:
    """A relative link from one page to a docs path (page or plain file), as the browser needs it."""
    here = page_url(from_docs_path)
    target = page_url(to)
    rel = posixpath.relpath("/" + target, "/" + here) if target else posixpath.relpath("/", "/" + here)
    if rel == ".":
        return "./"
    if target.endswith("/") or not target:
        rel = rel.rstrip("/") + "/"
    return rel


def relative_url(from_docs_path: str, to_site_path: str) -> str:
    """A link from a generated page to a file of the built language site (for raw HTML links).

    ``to_site_path`` is relative to the language root, e.g. 'feed.xml' or '../zh/news/a/'.
    """
    depth = page_url(from_docs_path).count("/")
    return "../" * depth + to_site_path or "./"


def absolute_link(show: Show, lang: str, docs_path: str, link: str) -> str:
    """A link written in the Markdown page at ``docs_path`` of ``lang``, made absolute.

    '../schedule.md#day-2' in 'news/a.md' -> 'https://…/en/schedule/#day-2'; 'media/x.png' keeps its
    name; links with a scheme (https:, mailto:) and protocol-relative ones are left alone.
    """
    parts = urlsplit(link)
    if parts.scheme or link.startswith("//"):
        return link
    root = lang_root(show, lang)
    here = root + page_url(docs_path)
    if not parts.path:
        return here + link if link else here
    if parts.path.startswith("/"):
        return urljoin(root, link)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(docs_path), parts.path))
    if target.startswith("../"):  # outside the language, e.g. '../../zh/news/a/': as the file sees it
        return urljoin(root + docs_path, link)
    if target == ".":
        target = ""
    url = root + page_url(target)
    if parts.query:
        url += "?" + parts.query
    if parts.fragment:
        url += "#" + parts.fragment
    return url


# --- what lives beside the pages ---------------------------------------------------------------


def feed_path(kind: FeedKind, category: str | None = None) -> str:
    """Path of a news feed relative to the language root: 'feed.xml', 'news/category/x/atom.xml'."""
    folder = f"news/category/{category}/" if category else ""
    return folder + FEED_FILES[kind]


def event_calendar_path(event_id: str) -> str:
    """One event as iCalendar, relative to the language root: 'events/<event-id>.ics'."""
    return f"events/{event_id}.ics"


def event_url(show: Show, lang: str, event_id: str) -> str:
    """The event on the schedule page: '<site_url><lang>/schedule/#event-<event-id>' (its anchor there)."""
    return f"{lang_root(show, lang)}schedule/#event-{event_id}"


def media_url(show: Show, lang: str, media_path: str) -> str:
    """Absolute address of a file under data/media/ (copied to <lang>/media/ by the site builder)."""
    return absolute_url(show, lang, media_path)


# --- forms and the collector -------------------------------------------------------------------


def form_docs_path(form_id: str) -> str:
    """Docs path of a form's page: 'forms/<id>.md' (served at '<lang>/forms/<id>/')."""
    return f"forms/{form_id}.md"


def form_thanks_docs_path(form_id: str) -> str:
    """Docs path of a form's thank-you page: 'forms/<id>/thanks.md'."""
    return f"forms/{form_id}/thanks.md"


def form_url(show: Show, lang: str, form_id: str) -> str:
    """Absolute address of a form's page, 'https://<site>/<lang>/forms/<id>/' (also the survey link's base)."""
    return page_address(show, lang, form_docs_path(form_id))


def form_thanks_url(show: Show, lang: str, form_id: str) -> str:
    """Absolute address of a form's thank-you page, 'https://<site>/<lang>/forms/<id>/thanks/'."""
    return page_address(show, lang, form_thanks_docs_path(form_id))


def action_url(show: Show, form_id: str) -> str:
    """Where a form posts: the collector's public URL + ``f/<form id>``."""
    return _with_slash(show.info.collector_url) + f"f/{form_id}"

