"""Markdown and text from data, made safe in one place for the site, the feeds and the PDFs.

The policy (docs/architecture.md, "Markdown from data"): Markdown that comes from data files or
from news bodies is rendered here to HTML and sanitised against one allow-list (nh3, ammonia's
model): formatting, lists, tables, links and images stay; ``<script>``, ``<style>``, ``<iframe>``,
forms, every ``on*`` attribute and every URL scheme but http, https, mailto and tel are removed.
Plain text from data that lands in a Markdown page goes through :func:`md_text` (HTML-escaped,
Markdown punctuation made inert).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import markdown
import nh3
from markupsafe import Markup

EXTENSIONS = ["abbr", "admonition", "def_list", "footnotes", "tables", "sane_lists"]
"""python-markdown extensions for Markdown from data (a subset of the site's, no raw attributes)."""

TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt",
    "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
    "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
})
"""The allow-list of elements; anything else is dropped (its text kept, a script's removed)."""

ATTRIBUTES = {
    "*": {"lang", "dir", "title"},
    "a": {"href", "hreflang", "class", "id"},
    "img": {"src", "alt", "width", "height"},
    "div": {"class"}, "p": {"class"}, "span": {"class"}, "code": {"class"}, "pre": {"class"},
    "sup": {"id", "class"}, "li": {"id", "class"}, "ol": {"start"},
    "td": {"colspan", "rowspan", "align"}, "th": {"colspan", "rowspan", "align", "scope"},
    "time": {"datetime"}, "abbr": {"title"}, "blockquote": {"cite"}, "q": {"cite"},
}
"""Allowed attributes per element ("*": every element); never ``on*``, ``style`` or ``srcset``."""

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
"""Link and image schemes that survive; relative URLs are kept (``javascript:``, ``data:`` are not)."""

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_LEADING = frozenset("?~:=^")


def md_text(value: object) -> Markup:
    """Plain text from data for a Markdown context (heading, list, link text): inert as HTML and
    as Markdown. ``& < >`` are escaped; quotes stay (MkDocs would show ``&#34;`` in a page title)."""
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    if text[:1] in _LEADING:  # no backslash escape exists for these: '??? note' opens a details block
        text = f"&#{ord(text[0])};{text[1:]}"
    return Markup(text)


def _cleaner(rewrite: Callable[[str], str] | None = None) -> nh3.Cleaner:
    def attribute_filter(tag: str, attribute: str, value: str) -> str | None:
        if rewrite is not None and (tag, attribute) in {("a", "href"), ("img", "src")}:
            return rewrite(value)
        return value

    return nh3.Cleaner(
        tags=set(TAGS), attributes={k: set(v) for k, v in ATTRIBUTES.items()}, url_schemes=set(URL_SCHEMES),
        clean_content_tags={"script", "style"}, link_rel=None, strip_comments=True,
        attribute_filter=attribute_filter if rewrite is not None else None,
    )


_PLAIN = _cleaner()


def sanitise_html(html: str, rewrite: Callable[[str], str] | None = None) -> str:
    """HTML cut down to the allow-list; ``rewrite`` maps each link/image URL.

    nh3 calls the attribute filter after its URL check, so a rewritten URL is cleaned once more.
    """
    if rewrite is None:
        return _PLAIN.clean(html)
    return _PLAIN.clean(_cleaner(rewrite).clean(html))


@functools.lru_cache(maxsize=4096)
def _to_html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS, output_format="html")


def render_markdown(text: str | None, rewrite: Callable[[str], str] | None = None) -> Markup:
    """Markdown from data (or a news body) as sanitised HTML: the one renderer for site, feeds and PDFs.

    ``rewrite`` maps every link and image URL (the site turns ``../schedule.md`` into a page URL,
    feeds make URLs absolute); a rewritten URL is sanitised like any other.
    """
    if not text or not text.strip():
        return Markup("")
    return Markup(sanitise_html(_to_html(text), rewrite))


def markdown_block(text: str | None, rewrite: Callable[[str], str] | None = None) -> Markup:
    """:func:`render_markdown` as one raw HTML block for a MkDocs page (MkDocs leaves it as it is)."""
    html = render_markdown(text, rewrite)
    if not html:
        return Markup("")
    return Markup('\n\n<div class="sp-md">\n') + html + Markup("\n</div>\n\n")
