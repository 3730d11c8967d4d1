"""The print templates: a Jinja environment over ``site_templates/pdf/``, letter and brochure
strings per language, safe Markdown, and text helpers that mark foreign-language runs.

Everything from the show's data or a client file is escaped (autoescape, StrictUndefined);
Markdown from data files is rendered with raw HTML switched off, so a ``<link>`` or ``<script>``
in a description prints as text and never reaches WeasyPrint as markup.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from pathlib import Path
from typing import Any

import jinja2
import markdown
import yaml
from markupsafe import Markup, escape

from ..i18n import text_dir
from ..models import ANY_LANG

log = logging.getLogger(__name__)

STRINGS_FALLBACK = "en"
"""Language whose print strings fill in whatever another language lacks."""


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


@functools.cache
def _all_strings() -> dict[str, dict[str, str]]:
    with (templates_dir() / "strings.yml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def strings_for(lang: str) -> dict[str, str]:
    """Print strings of ``lang`` (base language accepted), English for whatever is missing."""
    table = _all_strings()
    own = table.get(lang) or table.get(lang.split("-")[0]) or {}
    if not own and lang != STRINGS_FALLBACK:
        log.warning("PDF: no print strings for language %r in site_templates/pdf/strings.yml; using English", lang)
    return {**table[STRINGS_FALLBACK], **own}


def has_strings(lang: str) -> bool:
    table = _all_strings()
    return lang in table or lang.split("-")[0] in table


@functools.cache
def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def safe_markdown(text: str) -> Markup:
    """Markdown to HTML with raw HTML escaped (it prints as text); images go through the fetcher."""
    md = _markdown()
    md.reset()
    html = md.convert(text)
    return Markup(html)


class Texts:
    """Picks a translatable text for one language and marks fallback runs with their language."""

    def __init__(self, lang: str, languages: list[str]):
        self.lang = lang
        self.fallbacks = [languages[0], *languages]

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
        if lang is None or lang == self.lang:
            return escape(value)
        return Markup('<span lang="{}" dir="{}">{}</span>').format(lang, text_dir(lang), value)

    def md(self, text: dict[str, str] | None) -> Markup:
        """Markdown text rendered safely, in a ``div lang`` when it is in another language."""
        value, lang = self.pick(text)
        html = safe_markdown(value)
        if lang is None or lang == self.lang:
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
    return env


def stylesheet(name: str, **values: Any) -> str:
    """A print stylesheet from site_templates/pdf/, with ``{{ }}`` values filled in (not escaped: CSS)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates_dir()), undefined=jinja2.StrictUndefined)
    return env.get_template(name).render(**values)
