"""The Jinja environment of the site's generated pages: where templates live, and filters.

Autoescape is on for every template and undefined values are errors (``StrictUndefined``).
Text from YAML is escaped wherever it lands; editors' Markdown fields (history, rules bodies...)
go through :func:`editor_markdown`, the one place that marks text as trusted.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

PACKAGE_TEMPLATES = (
    Path(__file__).resolve().parent.parent / "site_templates"
    if (Path(__file__).resolve().parent.parent / "site_templates").is_dir()
    else Path(__file__).resolve().parent.parent.parent / "site_templates"
)
"""site_templates/ shipped with showpress (package data when installed, the repo folder otherwise)."""


def template_dirs(project: Path | None = None) -> list[Path]:
    """The project's own site_templates/ (if any) first, then showpress's."""
    dirs = []
    if project is not None and (project / "site_templates").is_dir():
        own = (project / "site_templates").resolve()
        if own != PACKAGE_TEMPLATES.resolve():
            dirs.append(own)
    dirs.append(PACKAGE_TEMPLATES)
    return dirs


def find_template_file(rel: str, project: Path | None = None) -> Path:
    """A file under site_templates/ (the project's copy wins)."""
    for folder in template_dirs(project):
        if (folder / rel).exists():
            return folder / rel
    raise FileNotFoundError(rel)


@lru_cache(maxsize=64)
def _locale(lang: str) -> Locale:
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def long_date(value: dt.date, lang: str) -> str:
    """A date written out the way readers of ``lang`` expect, e.g. '12 May 2026', '2026年5月12日'."""
    return format_date(value, "long", locale=_locale(lang))


def weekday_date(value: dt.date, lang: str) -> str:
    """A date with its weekday, for schedule headings."""
    return format_date(value, "full", locale=_locale(lang))


def country_name(code: str, lang: str) -> str:
    """A country's name in ``lang`` (the code itself if unknown)."""
    return _locale(lang).territories.get(code, code)


def language_name(lang: str) -> str:
    """A language's name in that language (for the language selector and root page)."""
    name = _locale(lang).get_display_name(_locale(lang)) or lang
    return name[:1].upper() + name[1:]


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def md_inline(value: object) -> Markup:
    """YAML text made safe for a Markdown context (a heading): HTML-escaped, Markdown inert."""
    text = str(escape(str(value)))
    return Markup(_MD_SPECIAL.sub(r"\\\1", text))


def json_ld(value: Any) -> Markup:
    """A JSON-LD object safe inside <script type="application/ld+json">."""
    text = json.dumps(value, ensure_ascii=False, indent=1, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def editor_markdown(value: str | None) -> Markup:
    """Editors' Markdown (history, rules...) passed through untouched: it is theirs, HTML included.

    Surrounded by blank lines so that Markdown parses it as blocks between our HTML blocks.
    """
    if not value:
        return Markup("")
    return Markup("\n\n" + value.strip() + "\n\n")


def make_environment(project: Path | None = None) -> Environment:
    """The Jinja environment for generated pages and overrides (autoescape, StrictUndefined)."""
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in template_dirs(project)]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md_inline=md_inline,
        json_ld=json_ld,
        editor_md=editor_markdown,
    )
    return env
