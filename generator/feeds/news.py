"""RSS 2.0 and Atom news feeds per language and per category (feedgen 1.0.0, with its faults fixed).

A feed in language X holds the stories *written in X* only, so its ``<language>``/``xml:lang``
is true of every entry and a reader who follows two languages never gets one story twice in the
same tongue. Stories missing in X still reach X's readers on the site (marked as untranslated);
in feeds they are in the feed of the language they are written in.

feedgen 1.0.0 faults worked around here (each has a test in tests/test_feeds_news.py):

1. Atom entry links lose ``rel``, ``type``, ``hreflang`` (lkiesow/python-feedgen#135), which turns
   the image enclosure into a second "alternate" link: :func:`_fix_atom_entry_links` rewrites
   each entry's links after rendering.
2. ``updated`` (feed and entry) and ``lastBuildDate`` default to now(): every one is set from the
   stories (the newest date or update), so two builds are byte-identical.
3. The *last* ``link()`` becomes the RSS channel ``<link>`` (and the last alternate link of an
   entry its RSS ``<link>``): the feed's ``rel="self"`` goes first and the page link last, and
   entries get only their own page as alternate; translations are added to Atom afterwards.
"""

from __future__ import annotations

import datetime as dt
import logging
import mimetypes
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from feedgen.feed import FeedGenerator
from lxml import etree

from ..errors import UsageError
from ..i18n import tr
from .urls import (
    absolute_html,
    category_docs_path,
    docs_url,
    lang_root,
    media_url,
    render_markdown,
    story_docs_path,
    story_guid,
    story_url,
)
from .words import word

if TYPE_CHECKING:
    from ..models import Category
    from ..show import NewsItem, Show

log = logging.getLogger(__name__)

ATOM_NS = "http://www.w3.org/2005/Atom"
FeedKind = Literal["rss", "atom"]
MEDIA_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}
FILE_NAMES = {"rss": "feed.xml", "atom": "atom.xml"}


@dataclass(frozen=True)
class Link:
    """A link of an Atom entry, with every attribute feedgen 1.0.0 would drop."""

    href: str
    rel: str = "alternate"
    type: str | None = None
    hreflang: str | None = None
    title: str | None = None
    length: str | None = None


def feed_path(kind: FeedKind, category: str | None = None) -> str:
    """Path of a feed relative to the language root: 'feed.xml', 'news/category/x/atom.xml'."""
    folder = f"news/category/{category}/" if category else ""
    return folder + FILE_NAMES[kind]


def _category(show: Show, category_id: str) -> Category:
    for category in show.info.categories:
        if category.id == category_id:
            return category
    known = ", ".join(c.id for c in show.info.categories) or "none"
    raise UsageError(f"no news category {category_id!r} in data/show.yml (known: {known})")


def _aware(show: Show, moment: dt.datetime) -> dt.datetime:
    """News dates carry their zone (checked); a naive one is taken as show-local, never as UTC."""
    return moment if moment.tzinfo is not None else show.local(moment)


def story_updated(show: Show, item: NewsItem) -> dt.datetime:
    """When a story last changed: its ``updated`` time, else its date."""
    return _aware(show, item.meta.updated or item.meta.date)


def feed_updated(show: Show, items: list[NewsItem]) -> dt.datetime:
    """The newest story's date or update; with no story, the show's first day at opening time."""
    if items:
        return max(story_updated(show, item) for item in items)
    first = show.info.days[0]
    return dt.datetime.combine(first.date, first.opens, tzinfo=show.info.zone)


def story_html(show: Show, lang: str, item: NewsItem) -> str:
    """The story's body as HTML with absolute links, as on its page in ``lang``."""
    return absolute_html(show, lang, story_docs_path(show, lang, item), render_markdown(item.body))


def entry_links(show: Show, item: NewsItem) -> list[Link]:
    """An entry's Atom links: its page, its translations' pages, its image.

    Translations are rel="related" with hreflang, not a second "alternate": readers such as
    feedparser take the *last* alternate link as the entry's link, which would open another language.
    """
    lang = item.lang
    links = [Link(story_url(show, lang, item), "alternate", "text/html", lang, item.meta.title)]
    versions = show.translations_of(item)
    for other_lang in show.languages:
        if other_lang != lang and other_lang in versions:
            other = versions[other_lang]
            links.append(Link(story_url(show, other_lang, other), "related", "text/html", other_lang, other.meta.title))
    image = image_enclosure(show, item)
    if image is not None:
        links.append(image)
    return links


def image_enclosure(show: Show, item: NewsItem) -> Link | None:
    """The lead image as an enclosure: absolute URL, real length in bytes, media type."""
    if not item.meta.image:
        return None
    path = show.root / "data" / item.meta.image
    if not path.is_file():
        log.warning("%s: image %s not found in data/; the feeds leave it out", item.path, item.meta.image)
        return None
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return Link(media_url(show, item.lang, item.meta.image), "enclosure", media_type, length=str(path.stat().st_size))


def news_feed(show: Show, lang: str, category: str | None = None, kind: FeedKind = "rss") -> bytes:
    """The news feed of ``lang`` (optionally one category) as RSS 2.0 or Atom bytes."""
    if kind not in FILE_NAMES:
        raise UsageError(f"unknown feed kind {kind!r}: use rss or atom")
    items = [n for n in show.news_in(lang) if category is None or n.meta.category == category]
    short_name = tr(show.info.short_name, lang, show.languages)
    root = lang_root(show, lang)
    if category is None:
        title = f"{short_name} · {word('news', lang)}"
        description = word("news_feed_description", lang, show=tr(show.info.name, lang, show.languages))
        page = root + "news/"
    else:
        name = tr(_category(show, category).name, lang, show.languages)
        title = f"{short_name} · {word('news', lang)} · {name}"
        description = word("category_feed_description", lang, show=short_name, category=name)
        page = root + docs_url(category_docs_path(category))

    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.id(page)
    fg.title(title)
    fg.description(description)
    fg.language(lang)
    fg.generator("showpress")
    # Fault 3: the last link() is the RSS channel <link>; self first, the page last.
    fg.link(href=root + feed_path(kind, category), rel="self", type=MEDIA_TYPES[kind])
    fg.link(href=page, rel="alternate", type="text/html", hreflang=lang)
    # Fault 2: updated/lastBuildDate default to now().
    fg.updated(feed_updated(show, items))

    entry_links_by_id: dict[str, list[Link]] = {}
    for item in items:
        guid = story_guid(show, item)
        links = entry_links(show, item)
        entry_links_by_id[guid] = links
        fe = fg.add_entry(order="append")
        fe.id(guid)
        fe.guid(guid, permalink=False)
        fe.title(item.meta.title)
        fe.link(href=links[0].href, rel="alternate", type="text/html", hreflang=lang)
        fe.published(_aware(show, item.meta.date))
        fe.updated(story_updated(show, item))  # fault 2 again: entries default to now()
        fe.summary(item.meta.summary)
        fe.content(story_html(show, lang, item), type="html")
        cat = _category(show, item.meta.category)
        fe.category(term=cat.id, label=tr(cat.name, lang, show.languages),
                    scheme=root + docs_url(category_docs_path(cat.id)))
        if item.meta.author:
            fe.author(name=item.meta.author)
            fe.dc.dc_creator(item.meta.author)
        enclosure = links[-1] if links[-1].rel == "enclosure" else None
        if enclosure is not None:
            fe.enclosure(enclosure.href, enclosure.length, enclosure.type)

    if kind == "rss":
        return fg.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)
    return _fix_atom_entry_links(fg.atom_str(pretty=True, encoding="UTF-8", xml_declaration=True), entry_links_by_id)


def _fix_atom_entry_links(atom: bytes, links_by_id: dict[str, list[Link]]) -> bytes:
    """Fault 1 (feedgen#135): rewrite every entry's <link>s with rel, type, hreflang, title, length."""
    tree = etree.fromstring(atom, etree.XMLParser(remove_blank_text=True))
    for entry in tree.iterfind(f"{{{ATOM_NS}}}entry"):
        entry_id = entry.findtext(f"{{{ATOM_NS}}}id")
        old = entry.findall(f"{{{ATOM_NS}}}link")
        position = list(entry).index(old[0]) if old else len(entry)
        for element in old:
            entry.remove(element)
        for offset, link in enumerate(links_by_id[entry_id]):
            attrs = {k: v for k, v in (("href", link.href), ("rel", link.rel), ("type", link.type),
                                        ("hreflang", link.hreflang), ("title", link.title),
                                        ("length", link.length)) if v is not None}
            element = etree.Element(f"{{{ATOM_NS}}}link", attrs)
            entry.insert(position + offset, element)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)
