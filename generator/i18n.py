"""Languages: fallback of translatable text, language facts, and translation completeness."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from .language import text_dir as language_text_dir
from .models import ANY_LANG


def text_dir(lang: str) -> str:
    """'rtl' or 'ltr' for a language code (CLDR character order; see :mod:`generator.language`)."""
    return language_text_dir(lang)


def tr(text: dict[str, str] | None, lang: str, fallbacks: list[str] | tuple[str, ...] = ()) -> str:
    """The text in ``lang``; else the same-in-every-language text; else the first fallback found."""
    if not text:
        return ""
    if lang in text:
        return text[lang]
    if ANY_LANG in text:
        return text[ANY_LANG]
    for other in fallbacks:
        if other in text:
            return text[other]
    return next(iter(text.values()))


def shown_in(text: dict[str, str] | None, lang: str, fallbacks: list[str] | tuple[str, ...] = ()) -> str | None:
    """The language :func:`tr` falls back to for ``text`` in ``lang``; None when it needs none."""
    if not text or lang in text or ANY_LANG in text:
        return None
    return next((other for other in fallbacks if other in text), next(iter(text)))


def has_lang(text: dict[str, str], lang: str) -> bool:
    """Whether ``text`` has its own wording for ``lang`` (or is the same in every language)."""
    return lang in text or ANY_LANG in text


def iter_texts(value: Any, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], dict[str, str]]]:
    """Every translatable text inside a model, with its location (as in the YAML)."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from iter_texts(getattr(value, name), (*loc, name))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from iter_texts(item, (*loc, i))
    elif isinstance(value, dict) and value and all(isinstance(v, str) for v in value.values()):
        yield loc, value
    elif isinstance(value, dict):  # a mapping of ids to texts or models (forms' phases)
        for key, item in value.items():
            yield from iter_texts(item, (*loc, key))


@dataclass(frozen=True)
class Completeness:
    """How much of the show exists in one language."""

    lang: str
    texts_done: int
    texts_total: int
    news_done: int
    news_total: int

    @property
    def percent(self) -> float:
        total = self.texts_total + self.news_total
        return 100.0 * (self.texts_done + self.news_done) / total if total else 100.0
