"""SVG text prepared for WeasyPrint, whose SVG renderer has no bidi and no Arabic shaping.

WeasyPrint 70 draws SVG ``<text>`` code point by code point, in logical order (Kozea/WeasyPrint
#2249, #2909): Arabic and Hebrew come out mirrored, and Arabic letters unjoined. HTML text is
fine; only text inside SVG is affected. :func:`for_weasyprint` rewrites the text nodes that hold
right-to-left letters into what such a renderer needs: Arabic letters replaced by their
contextual presentation forms (``arabic_reshaper``) and the whole line put in visual order
with mirrored brackets (``bidi.algorithm``, the Unicode bidi algorithm). Browsers must get the
untouched SVG: they shape and reorder text themselves.

The accessible ``<title>``, ``<desc>`` and ``aria-label`` keep the logical text.
"""

from __future__ import annotations

import html
import re
import unicodedata

import arabic_reshaper
from bidi.algorithm import get_display

from .svg import escape

_TEXT_NODE = re.compile(r"(<text\b[^>]*>)([^<]*)(</text>)")


def has_rtl(content: str) -> bool:
    """Whether ``content`` holds a right-to-left letter (Arabic, Hebrew, Syriac, Thaana...)."""
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in content)


def visual_line(content: str) -> str:
    """One line of logical text as a left-to-right, code-point-by-code-point renderer must get it."""
    if not has_rtl(content):
        return content
    return get_display(arabic_reshaper.reshape(content))


def for_weasyprint(svg: str) -> str:
    """``svg`` with every ``<text>`` that holds right-to-left letters in visual, shaped form.

    Text without such letters (Latin, CJK, digits) is left exactly as it was, so this is a
    no-op for zh, ja, ko and en graphics.
    """

    def rewrite(match: re.Match[str]) -> str:
        opening, content, closing = match.groups()
        logical = html.unescape(content)
        if not has_rtl(logical):
            return match.group(0)
        return opening + escape(visual_line(logical)) + closing

    return _TEXT_NODE.sub(rewrite, svg)
