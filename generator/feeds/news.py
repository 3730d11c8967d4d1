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
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING

from feedgen.feed import FeedGenerator
from lxml import etree
from markupsafe import escape

from ..errors import UsageError
from ..i18n import tr
from ..language import language_for
from ..markup import render_markdown
from ..urls import FEED_FILES, FeedKind, absolute_link, feed_path, lang_root, media_url, page_address
from .urls import category_docs_path, story_docs_path, story_guid, story_url

if TYPE_CHECKING:
    from ..models import Category
    from ..show import NewsItem, Show

log = logging.getLogger(__name__)

ATOM_NS = "http://www.w3.org/2005/Atom"
MEDIA_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}


@dataclass(frozen=True)
class Link:
    """A link of an Atom entry, with every attribute feedgen 1.0.0 would drop."""

    href: str
    rel: str = "alternate"
    type: str | None = None
    hreflang: str | None = None
    title: str | None = None
    length: str | None = None


@dataclass
class StoryParts:
    """What every feed of one language repeats for a story (its HTML, its links), made once.

    Held by one call of :func:`generator.feeds.feed_files` for one show and one language, keyed by
    the story's (language, slug), which is unique in a show; nothing outlives that call.
    """

    lang: str
    html: dict[tuple[str, str], str] = field(default_factory=dict)
    links: dict[tuple[str, str], list[Link]] = field(default_factory=dict)

    def story_html(self, show: Show, item: NewsItem) -> str:
        key = (item.lang, item.slug)
        if key not in self.html:
            self.html[key] = story_html(show, self.lang, item)
        return self.html[key]

    def entry_links(self, show: Show, item: NewsItem) -> list[Link]:
        key = (item.lang, item.slug)
        if key not in self.links:
            self.links[key] = entry_links(show, item)
        return list(self.links[key])


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
    """The story's body as sanitised HTML (:func:`generator.markup.render_markdown`, as on its page
    in ``lang``) with absolute links, as feed readers need them."""
    page = story_docs_path(show, lang, item)
    return str(render_markdown(item.body, partial(absolute_link, show, lang, page)))


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


def news_feed(show: Show, lang: str, category: str | None = None, kind: FeedKind = "rss", *,
              parts: StoryParts | None = None) -> bytes:
    """The news feed of ``lang`` (optionally one category) as RSS 2.0 or Atom bytes.

    ``parts``: the stories' HTML and links shared by the feeds of ``lang`` (:class:`StoryParts`)."""
    if parts is None or parts.lang != lang:
        parts = StoryParts(lang)
    if kind not in FEED_FILES:
        raise UsageError(f"unknown feed kind {kind!r}: use rss or atom")
    # A category feed holds what its page lists: stories in another language too (show.news_for),
    # each entry marked with its own language (Atom xml:lang, RSS dc:language), title unchanged.
    items = (list(show.news_in(lang)) if category is None
             else [n for n, _fallback in show.news_for(lang) if n.meta.category == category])
    short_name = tr(show.info.short_name, lang, show.languages)
    root = lang_root(show, lang)
    _ = language_for(lang, show).gettext
    news_word = _("News")
    if category is None:
        title = f"{short_name} · {news_word}"
        description = _("Post-show news of %(show)s") % {"show": tr(show.info.name, lang, show.languages)}
        page = root + "news/"
    else:
        name = tr(_category(show, category).name, lang, show.languages)
        title = f"{short_name} · {news_word} · {name}"
        description = _("%(show)s news: %(category)s") % {"show": short_name, "category": name}
        page = page_address(show, lang, category_docs_path(category))

    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.id(page)
    fg.title(title)
    fg.description(str(escape(description)) if kind == "rss" else description)  # RSS readers take HTML
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
        links = parts.entry_links(show, item)
        if item.lang != lang:  # a story in another language: its page in this language's site
            links[0] = replace(links[0], href=story_url(show, lang, item))
        entry_links_by_id[guid] = links
        fe = fg.add_entry(order="append")
        fe.id(guid)
        fe.guid(guid, permalink=False)
        fe.title(item.meta.title)
        fe.link(href=links[0].href, rel="alternate", type="text/html", hreflang=item.lang)
        fe.published(_aware(show, item.meta.date))
        fe.updated(story_updated(show, item))  # fault 2 again: entries default to now()
        fe.summary(str(escape(item.meta.summary)), type="html")  # RSS readers take <description> as HTML
        fe.content(parts.story_html(show, item), type="html")
        cat = _category(show, item.meta.category)
        fe.category(term=cat.id, label=tr(cat.name, lang, show.languages),
                    scheme=page_address(show, lang, category_docs_path(cat.id)))
        if item.lang != lang:
            fe.dc.dc_language(item.lang)
        if item.meta.author:
            fe.author(name=item.meta.author)
            fe.dc.dc_creator(item.meta.author)
        enclosure = links[-1] if links[-1].rel == "enclosure" else None
        if enclosure is not None:
            fe.enclosure(enclosure.href, enclosure.length, enclosure.type)

    if kind == "rss":
        return fg.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)
    own_language = {story_guid(show, item): item.lang for item in items if item.lang != lang}
    atom = fg.atom_str(pretty=True, encoding="UTF-8", xml_declaration=True)
    return _fix_atom_entry_links(atom, entry_links_by_id, own_language)


def _fix_atom_entry_links(atom: bytes, links_by_id: dict[str, list[Link]],
                          languages: dict[str, str] | None = None) -> bytes:
    """Fault 1 (feedgen#135): rewrite every entry's <link>s with rel, type, hreflang, title, length;
    ``languages``: entry id -> xml:lang of an entry in another language than the feed."""
    tree = etree.fromstring(atom, etree.XMLParser(remove_blank_text=True))
    for entry in tree.iterfind(f"{{{ATOM_NS}}}entry"):
        entry_id = entry.findtext(f"{{{ATOM_NS}}}id")
        if languages and entry_id in languages:
            entry.set("{http://www.w3.org/XML/1998/namespace}lang", languages[entry_id])
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
