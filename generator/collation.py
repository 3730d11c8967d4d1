"""The order of names for a reader, and the headings of an index: ICU collation per language.

Code-point order puts "Çaykur" after "Zeta", Chinese names in Unicode order rather than by pinyin,
and the Arabic alef forms آ أ إ ا apart. ICU (PyICU on Debian's libicu) sorts the way each
language's readers expect: pinyin for Simplified Chinese, stroke order for Traditional Chinese,
kana order for Japanese, French accents, Arabic letters. ICU's ``AlphabeticIndex`` gives the
matching index headings (A, B… / あ, か… / ا, ب… / pinyin initials / strokes).

Japanese names written in kanji have no reading ICU can know: an exhibitor's ``sort_as`` (see
:class:`generator.models.Exhibitor`) gives it, and :func:`sort_text` picks it for that language.

Everything here is cached per language tag: build once, use for every list.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import TypeVar

import icu

from .i18n import tr
from .language import language_for

T = TypeVar("T")

OTHER_BUCKET = "…"
"""Heading of names that fall before or after every letter of the index (digits, other scripts)."""


def icu_locale(lang: str) -> str:
    """The ICU locale that sorts for readers of ``lang``: the language model's CLDR locale, whose
    default collation is the one readers expect (zh, zh_Hans_SG: pinyin; zh_Hant_TW, zh_Hant_HK:
    stroke; ja: kana order with kanji by reading where given in ``sort_as``)."""
    return str(language_for(lang).locale)


@functools.lru_cache(maxsize=64)
def collator(lang: str) -> icu.Collator:
    """The ICU collator of ``lang`` (cached; ICU's root order for a tag it does not know)."""
    return icu.Collator.createInstance(icu.Locale(icu_locale(lang)))


def sort_key(lang: str) -> Callable[[str], tuple[bytes, str]]:
    """A ``key=`` function ordering strings as readers of ``lang`` expect (ties by code point)."""
    key = collator(lang).getSortKey
    return lambda text: (key(text), text)


def collated(items: Iterable[T], lang: str, name: Callable[[T], str]) -> list[T]:
    """``items`` sorted by ``name(item)`` in ``lang``'s order."""
    key = sort_key(lang)
    return sorted(items, key=lambda item: key(name(item)))


@functools.lru_cache(maxsize=64)
def _index(lang: str) -> icu.ImmutableIndex:
    index = icu.AlphabeticIndex(icu.Locale(icu_locale(lang)))
    index.addLabels(icu.Locale("en"))  # Latin names in a non-Latin show get A-Z, not "…"
    return index.buildImmutableIndex()


def heading(text: str, lang: str) -> str:
    """The index heading ``text`` files under for ``lang`` (A, あ, ا, a pinyin initial, 5劃...)."""
    index = _index(lang)
    label, kind = index.getBucket(index.getBucketIndex(text))
    return label if kind == 0 else OTHER_BUCKET


def grouped(items: Iterable[T], lang: str, name: Callable[[T], str]) -> list[tuple[str, list[T]]]:
    """``items`` in ``lang``'s order, in runs under their index heading: ``[(heading, items)]``."""
    groups: list[tuple[str, list[T]]] = []
    for item in collated(items, lang, name):
        label = heading(name(item), lang)
        if groups and groups[-1][0] == label:
            groups[-1][1].append(item)
        else:
            groups.append((label, [item]))
    return groups


def sort_text(name: str, sort_as: dict[str, str] | None, lang: str) -> str:
    """What a name sorts by in ``lang``: its reading from ``sort_as`` for ``lang`` (or ``lang``'s
    base language) when given, else the name as shown."""
    if sort_as:
        for tag in (lang, lang.split("-")[0]):
            if tag in sort_as:
                return sort_as[tag]
        if "*" in sort_as:
            return tr(sort_as, lang)
    return name
