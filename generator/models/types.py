"""Building blocks of every model: translatable text, ids, codes, URLs, and the base class."""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    StringConstraints,
)

ANY_LANG = "*"
"""Key under which a plain string is stored: the same text in every language."""


def _text_from_str(value: object) -> object:
    if isinstance(value, str):
        return {ANY_LANG: value}
    return value


def _text_not_empty(value: dict[str, str]) -> dict[str, str]:
    if not value:
        raise ValueError("text is empty: give at least the default language, e.g. {zh: ..., en: ...}")
    return value


Text = Annotated[
    dict[Annotated[str, StringConstraints(pattern=r"^([a-z]{2,3}(-[A-Za-z0-9]{2,8})*|\*)$")], str],
    BeforeValidator(_text_from_str, json_schema_input_type=str | dict[str, str]),
    AfterValidator(_text_not_empty),
]
"""Translatable text: ``{lang: text}``; a plain string means the same text in every language."""

Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=64)]
"""An identifier: letters, digits, ``-``, ``_`` and ``.``; used in URLs and cross-references."""

LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
"""A BCP 47 language code such as ``zh``, ``en``, ``pt-BR``."""

CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
"""An ISO 3166-1 alpha-2 country code in capitals, e.g. ``CN``, ``KR``, ``DE``."""

AbsoluteUrl = Annotated[str, StringConstraints(pattern=r"^https?://[^\s/$.?#][^\s]*$")]
"""An absolute http(s) URL: feeds, QR codes and e-mails need the full address."""

MediaPath = Annotated[str, StringConstraints(pattern=r"^media/[^\s]+$")]
"""A file under ``data/media/``, written as ``media/...``."""

Email = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
"""An e-mail address."""


def _check_timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {value!r}: use an IANA name such as Asia/Shanghai") from None
    return value


TimeZoneName = Annotated[str, AfterValidator(_check_timezone)]
"""An IANA time zone name such as ``Asia/Shanghai`` or ``Europe/Berlin``."""


class Model(BaseModel):
    """Base of every data model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)
