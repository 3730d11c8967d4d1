"""The Jinja environment of the site's generated pages: where templates live, and filters.

Autoescape is on for every template and undefined values are errors (``StrictUndefined``).
Text from YAML is escaped wherever it lands (``md_inline`` in a Markdown context); editors'
Markdown fields (history, rules bodies...) go through ``editor_md``, which renders them with
:func:`generator.markup.markdown_block` (sanitised HTML, the one policy for site, feeds and PDFs).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date
from jinja2 import Environment
from markupsafe import Markup

from ..language import language_for
from ..templating import SHIPPED, environment, template_folders

PACKAGE_TEMPLATES = SHIPPED
"""site_templates/ shipped with showpress (:data:`generator.templating.SHIPPED`)."""


def template_dirs(project: Path | None = None) -> list[Path]:
    """The project's own site_templates/ (if any) first, then showpress's."""
    return [folder for folder in template_folders("pages", project) if folder.is_dir()]


def find_template_file(rel: str, project: Path | None = None) -> Path:
    """A file under site_templates/ (the project's copy wins)."""
    for folder in template_dirs(project):
        if (folder / rel).exists():
            return folder / rel
    raise FileNotFoundError(rel)


def _locale(lang: str) -> Locale:
    return language_for(lang).locale


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


def json_ld(value: Any) -> Markup:
    """A JSON-LD object safe inside <script type="application/ld+json">."""
    text = json.dumps(value, ensure_ascii=False, indent=1, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def make_environment(project: Path | None = None) -> Environment:
    """The Jinja environment for generated pages and overrides (:func:`generator.templating.environment`)."""
    env = environment("pages", project)
    env.filters["json_ld"] = json_ld
    return env
