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

from .. import templating
from ..i18n import shown_in, text_dir, tr
from ..markup import render_markdown
from ..templating import shipped_folder, template_folders

log = logging.getLogger(__name__)


def templates_dir() -> Path:
    """showpress's own print templates (site_templates/pdf/, :func:`generator.templating.shipped_folder`)."""
    return shipped_folder("print")


def templates_digest(project: Path | None = None) -> str:
    """A hash of every print template and stylesheet, the project's own copies included (part of the cache key)."""
    digest = hashlib.sha256()
    for root in template_folders("print", project):
        digest.update(str(root).encode() + b"\0")
        for path in sorted(root.rglob("*")) if root.is_dir() else ():
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
        shown = shown_in(text, self.lang, self.fallbacks)  # generator.i18n: the one fallback rule
        return tr(text, self.lang, self.fallbacks), shown or (self.lang if self.lang in text else None)

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


def environment(project: Path | None = None) -> jinja2.Environment:
    """The Jinja environment of the print templates of the show in ``project`` (its own
    site_templates/pdf/ first; autoescape on, StrictUndefined; ``editor_md`` renders Markdown)."""
    return templating.environment("print", project)


def stylesheet(name: str, **values: Any) -> str:
    """A print stylesheet from site_templates/pdf/, with ``{{ }}`` values filled in (not escaped: CSS)."""
    return templating.environment("stylesheet").get_template(name).render(**values)
