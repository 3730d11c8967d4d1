"""A BCP 47 tag as CLDR sees it: its locale and its script (Babel), with one fallback rule.

The lowest layer of the language model: :mod:`generator.catalog` and :mod:`generator.language`
both build on it, so neither imports the other back. Everything else asks
:func:`generator.language.language_for` for a :class:`~generator.language.Language`.
"""

from __future__ import annotations

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.core import parse_locale as parse_tag

DEFAULT_LOCALE = "en"
"""Locale of a tag Babel does not know (formatting only; the tag itself is kept)."""


def parse_locale(tag: str) -> Locale:
    """The CLDR locale of a BCP 47 tag (``zh-TW`` -> zh_Hant_TW); English for a tag Babel lacks."""
    found = known_locale(tag)
    if found is not None:
        return found
    try:
        return Locale.parse(tag.split("-")[0])
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LOCALE)


def known_locale(tag: str) -> Locale | None:
    """The CLDR locale of ``tag`` when Babel knows it as written, else None (no fallback)."""
    try:
        return Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        return None


def likely_script(locale: Locale) -> str:
    """The ISO 15924 script of a locale from CLDR likely subtags (zh -> Hans, zh_TW -> Hant, ja -> Jpan)."""
    if locale.script:
        return locale.script
    likely = get_global("likely_subtags")
    for key in (str(locale), f"{locale.language}_{locale.territory}", locale.language):
        if key in likely:
            script = parse_tag(likely[key])[2]
            if script:
                return script
    return "Latn"
