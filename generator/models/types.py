"""Building blocks of every model: translatable text, ids, codes, URLs, and the base class."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
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


def _cjk_typography(value: dict[str, str]) -> dict[str, str]:
    """Every text from YAML, in one place: hard-wrapped Chinese/Japanese lines joined (any key), and
    half-width punctuation between Han/kana set full width in zh and ja texts (generator/cjk.py)."""
    return {lang: _typeset(text, lang.split("-")[0] in ("zh", "ja")) for lang, text in value.items()}


@functools.lru_cache(maxsize=1 << 16)
def _typeset(text: str, cjk_punctuation: bool) -> str:
    """One text of :func:`_cjk_typography` (kept: ``serve`` validates every text of the show
    again after each edit, and almost all are the same)."""
    from ..cjk import cjk_punctuation as punctuate
    from ..cjk import join_cjk_lines

    text = join_cjk_lines(text)
    return punctuate(text) if cjk_punctuation else text


Text = Annotated[
    dict[Annotated[str, StringConstraints(pattern=r"^([a-z]{2,3}(-[A-Za-z0-9]{2,8})*|\*)$")], str],
    BeforeValidator(_text_from_str, json_schema_input_type=str | dict[str, str]),
    AfterValidator(_text_not_empty),
    AfterValidator(_cjk_typography),
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


SHOW_ZONE = "show_zone"
"""Key of the validation context that holds the show's ZoneInfo (the loader passes it)."""


def _in_show_zone(value: dt.datetime, info: ValidationInfo) -> dt.datetime:
    """A time with an offset -> the same moment as naive show-local time, if the offset is the show's own."""
    zone = (info.context or {}).get(SHOW_ZONE)
    if value.tzinfo is None or zone is None:
        return value
    try:
        local = value.astimezone(zone)
    except OverflowError:
        raise ValueError(f"'{value.isoformat()}' is out of range: check the year") from None
    if local.utcoffset() != value.utcoffset():
        raise ValueError(
            f"'{value.isoformat()}' has the offset {_offset(value)}, but the show's time zone ({zone.key}) is "
            f"at {_offset(local)} then: write the show's local time without an offset "
            f"(that moment is '{local:%Y-%m-%d %H:%M}' there)"
        )
    return local.replace(tzinfo=None)


def _offset(moment: dt.datetime) -> str:
    text = moment.strftime("%z")
    return f"{text[:3]}:{text[3:5]}"


SHOW_TIME_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?$"
"""A date and time, optionally with an offset: '2026-05-12 09:30', '2026-05-12T09:30:00+08:00'."""

ShowTime = Annotated[
    dt.datetime,
    AfterValidator(_in_show_zone),
    WithJsonSchema({
        "type": "string",
        "pattern": SHOW_TIME_PATTERN,
        "examples": ["2026-05-12 09:30", "2026-05-12T09:30:00+08:00"],
    }),
]
"""A moment in the show's time zone, e.g. '2026-05-12 09:30'. An offset is accepted only when it
is the show's own offset at that moment; the loader then keeps the naive local time, so nothing
after loading sees an aware datetime."""


def _no_offset(value: dt.time) -> dt.time:
    if value.tzinfo is not None:
        raise ValueError(f"'{value.isoformat()}' has an offset: write the time of day without one, e.g. "
                         f"'{value:%H:%M}'; it is read in the show's time zone")
    return value


LocalTime = Annotated[
    dt.time,
    AfterValidator(_no_offset),
    WithJsonSchema({"type": "string", "pattern": r"^[0-9]{2}:[0-9]{2}(:[0-9]{2})?$", "examples": ["09:00"]}),
]
"""A time of day in the show's time zone, without an offset, e.g. '09:00'."""


class Model(BaseModel):
    """Base of every data model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)
