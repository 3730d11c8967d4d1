"""The print templates: a Jinja environment over ``site_templates/pdf/`` (with gettext from the
interface catalog), safe Markdown, and text helpers that mark foreign-language runs.

Everything from the show's data or a client file is escaped (autoescape, StrictUndefined);
Markdown from data files is rendered by :func:`generator.markup.render_markdown`, the one policy
for site, feeds and PDFs: sanitised to an allow-list, so a ``<link>`` or ``<script>`` in a
description never reaches WeasyPrint as markup.
"""

from __future__ import annotations

import hashlib
import logging
import unicodedata
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..i18n import text_dir
from ..markup import render_markdown
from ..models import ANY_LANG
from ..phrases import install as install_i18n

log = logging.getLogger(__name__)


def templates_dir() -> Path:
    """site_templates/pdf/ of the source tree, or the copy shipped inside the package."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parents[1] / "site_templates" / "pdf", here.parent / "site_templates" / "pdf"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("site_templates/pdf not found next to the generator package")


def templates_digest() -> str:
    """A hash of every print template, stylesheet and string file (part of the cache key)."""
    digest = hashlib.sha256()
    root = templates_dir()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def safe_markdown(text: str) -> Markup:
    """Markdown to sanitised HTML (:func:`generator.markup.render_markdown`); images go through the fetcher."""
    return render_markdown(text)


def strong_direction(text: str) -> str | None:
    """'ltr' or 'rtl' from the first strongly directional character (what ``dir="auto"`` does)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


class Texts:
    """Picks a translatable text for one language and marks fallback runs with their language.

    ``frame``: the language of the document the text stands in, when it is not ``lang`` (a letter
    whose frame is Arabic while the show's texts come in English): a text in another language than
    the frame, or a same-in-every-language text of the other direction, is marked with its own
    ``lang``/``dir``, so WeasyPrint lays it out in its own direction.
    """

    def __init__(self, lang: str, languages: list[str], frame: str | None = None):
        self.lang = lang
        self.frame = frame or lang
        self.fallbacks = [languages[0], *languages]

    def _foreign(self, lang: str | None) -> bool:
        return lang is not None and lang != self.frame and (lang != self.lang or self.frame != self.lang)

    def _direction_mark(self, value: str) -> str | None:
        """The direction to mark a text that is the same in every language with, or None."""
        direction = strong_direction(value)
        return direction if direction and direction != text_dir(self.frame) else None

    def pick(self, text: dict[str, str] | None) -> tuple[str, str | None]:
        """(text, language of that text or None when it is the same in every language)."""
        if not text:
            return "", self.lang
        if self.lang in text:
            return text[self.lang], self.lang
        if ANY_LANG in text:
            return text[ANY_LANG], None
        for other in self.fallbacks:
            if other in text:
                return text[other], other
        other, value = next(iter(text.items()))
        return value, other

    def plain(self, text: dict[str, str] | None) -> str:
        return self.pick(text)[0]

    def __call__(self, text: dict[str, str] | None) -> Markup:
        """Escaped text; wrapped in ``<span lang dir>`` when it is in another language."""
        value, lang = self.pick(text)
        return self.mark(value, lang)

    def mark(self, value: str, lang: str | None) -> Markup:
        if lang is None:
            direction = self._direction_mark(value)
            return Markup('<span dir="{}">{}</span>').format(direction, value) if direction else escape(value)
        if not self._foreign(lang):
            return escape(value)
        return Markup('<span lang="{}" dir="{}">{}</span>').format(lang, text_dir(lang), value)

    def md(self, text: dict[str, str] | None) -> Markup:
        """Markdown text rendered safely, in a ``div lang`` when it is in another language."""
        value, lang = self.pick(text)
        html = safe_markdown(value)
        if lang is None:
            direction = self._direction_mark(value)
            return Markup('<div dir="{}">{}</div>').format(direction, html) if direction else html
        if not self._foreign(lang):
            return html
        return Markup('<div lang="{}" dir="{}">{}</div>').format(lang, text_dir(lang), html)


def environment() -> jinja2.Environment:
    """The Jinja environment of the print templates (autoescape on, StrictUndefined)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = lambda value: safe_markdown(value or "")
    return install_i18n(env)


def stylesheet(name: str, **values: Any) -> str:
    """A print stylesheet from site_templates/pdf/, with ``{{ }}`` values filled in (not escaped: CSS)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates_dir()), undefined=jinja2.StrictUndefined)
    return env.get_template(name).render(**values)
