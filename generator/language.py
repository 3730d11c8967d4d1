"""One model of a language: everything showpress needs to know about a reader's BCP 47 tag.

Build it once per language with :func:`language_for` (``language_for("zh-TW", show)``) and pass
it down: CLDR locale (Babel), direction (from CLDR's character order), script (CLDR likely
subtags), print and web fonts per script and Han region, search language and segmenter, the
fallback chain, gettext translations (shipped catalog + the show's ``locale/<lang>.po``) and
CLDR formatting of dates, numbers and lists.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations
from babel.units import format_unit

from . import catalog
from .bcp47 import known_locale as known_locale
from .bcp47 import likely_script, parse_locale

if TYPE_CHECKING:
    from .show import Show

ListStyle = Literal["standard", "standard-short", "or", "or-short", "unit", "unit-short", "unit-narrow"]
"""CLDR list pattern styles."""

HAN_REGIONS = {"Hans": "SC", "Hant": "TC", "Jpan": "JP", "Kore": "KR"}
"""Noto CJK region suffix per script; Traditional Chinese of Hong Kong and Macau uses HK."""

PRINT_FONTS = {
    "Arab": ("Noto Naskh Arabic", "Noto Sans Arabic"),
    "Hebr": ("Noto Sans Hebrew", "Noto Serif Hebrew"),
    "Deva": ("Noto Sans Devanagari", "Noto Serif Devanagari"),
    "Thai": ("Noto Sans Thai", "Noto Serif Thai"),
    "Beng": ("Noto Sans Bengali", "Noto Serif Bengali"),
    "Taml": ("Noto Sans Tamil", "Noto Serif Tamil"),
    "Armn": ("Noto Sans Armenian", "Noto Serif Armenian"),
    "Geor": ("Noto Sans Georgian", "Noto Serif Georgian"),
    "Ethi": ("Noto Sans Ethiopic", "Noto Serif Ethiopic"),
}
"""Print font families per ISO 15924 script (Latin, Greek and Cyrillic use Noto Sans/Serif)."""

WEB_FALLBACKS = {
    "Hans": '"PingFang SC", "Microsoft YaHei"',
    "Hant": '"PingFang TC", "Microsoft JhengHei"',
    "Jpan": '"Hiragino Sans", "Yu Gothic", Meiryo',
    "Kore": '"Apple SD Gothic Neo", "Malgun Gothic"',
    "Arab": '"Geeza Pro", Tahoma',
    "Hebr": '"Arial Hebrew", Arial',
    "Thai": '"Thonburi", Tahoma',
}
"""System fonts browsers have per script, before the generic family (no third-party fonts)."""

LUNR_LANGUAGES = frozenset({"ar", "da", "de", "du", "en", "es", "fi", "fr", "hu", "it", "no", "pt", "ro", "ru",
                            "sv", "th", "tr", "zh"})
"""lunr.js languages Material ships that work both ways, index and query (not ``ja``: lunr.ja cuts the
index with TinySegmenter but never the query; Japanese uses the base pipeline and a separator)."""


_HAN_SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；：（）「」《》]+"
SEARCH_SEPARATORS = {
    # jieba segments Han text with U+200B at build time (Chinese builds only, see build.py).
    "Hans": _HAN_SEPARATOR,
    "Hant": _HAN_SEPARATOR,
    # Japanese: the separator alone cuts words, identically in the index and in the query (Material's
    # worker splits every query term with it). Spaces and punctuation separate; zero-width cuts fall
    # where hiragana starts or ends, where a kanji run meets a katakana run, and where Latin letters or
    # digits meet Japanese; kanji runs are never split (jieba's Chinese dictionary cuts 長野県 or 検査
    # into nonsense, so build.py keeps jieba to zh). 協働ロボット is indexed and queried as 協働 + ロボット.
    # Lookbehind needs Safari 16.4+ / Chrome 62+ / Firefox 78+.
    "Jpan": (
        r"[\s\-,.;:!?()\[\]\x22\x27/\u2013-\u2015\u2018\u2019\u201c\u201d\u2025\u2026\u203b"
        r"\u3000-\u3004\u3008-\u3020\u3030\u30fb\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+"
        r"|(?<=[\u3041-\u309f])(?=[^\u3041-\u309f])|(?<=[^\u3041-\u309f])(?=[\u3041-\u309f])"
        r"|(?<=[\u3005-\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])"
        r"(?=[\u30a0-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9f])"
        r"|(?<=[\u30a0-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9f])"
        r"(?=[\u3005-\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])"
        r"|(?<=[A-Za-z0-9])(?=[\u3005-\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
        r"\u30a0-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9f\u3041-\u309f])"
        r"|(?<=[\u3005-\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
        r"\u30a0-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9f\u3041-\u309f])(?=[A-Za-z0-9])"
    ),
    "Kore": r"[\s\-.,;:!?()]+",
}
"""Search word separators per ISO 15924 script, where words are not separated by spaces alone."""

LETTER_CONVENTIONS = {"ja": "japanese", "zh": "chinese", "ko": "korean", "ar": "arabic"}
"""CLDR language -> the letter-writing convention its readers expect (a partial in
``site_templates/pdf/_conventions/``); every other language writes the western way."""

PRINT_EXTRA = ("Noto Sans", "Noto Sans Symbols", "Noto Sans Math", "sans-serif")
"""Behind a script's own print faces: Latin digits and punctuation, arrows and symbols (never DejaVu)."""


@dataclass(frozen=True)
class Language:
    """A reader's language: built once from a BCP 47 tag and the show, then passed down."""

    tag: str
    """The BCP 47 tag as the show writes it (``zh-TW``)."""
    locale: Locale
    """The CLDR locale (Babel) for formatting."""
    fallbacks: tuple[str, ...]
    """Show languages to use, in order, when a text is missing in ``tag`` (``tag`` not included)."""
    translations: NullTranslations = field(compare=False, repr=False)
    """gettext translations of the interface text, with the fallback chain's catalogs behind them."""

    @property
    def direction(self) -> str:
        """'rtl' or 'ltr', from CLDR's character order."""
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    @property
    def script(self) -> str:
        """ISO 15924 script: Hans, Hant, Jpan, Kore, Arab, Latn, Cyrl..."""
        return likely_script(self.locale)

    @property
    def han_region(self) -> str | None:
        """Noto CJK region (SC, TC, HK, JP, KR), or None for a language not written with Han."""
        if self.script == "Hant" and self.locale.territory in ("HK", "MO"):
            return "HK"
        return HAN_REGIONS.get(self.script)

    @property
    def print_fonts(self) -> tuple[str, ...]:
        """Print font families, preferred first (Noto per script; Han forms per region)."""
        region = self.han_region
        if region:
            return (f"Noto Sans CJK {region}", f"Noto Serif CJK {region}")
        return PRINT_FONTS.get(self.script, ("Noto Sans", "Noto Serif"))

    @property
    def web_fonts(self) -> str:
        """A CSS font-family stack of fonts readers already have (nothing fetched from elsewhere)."""
        parts = [f'"{self.print_fonts[0]}"']
        if self.script in WEB_FALLBACKS:
            parts.append(WEB_FALLBACKS[self.script])
        parts += ["system-ui", "sans-serif"]
        return ", ".join(parts)

    @property
    def search_language(self) -> str:
        """The lunr language of the site search (English pipeline for languages lunr lacks)."""
        return self.locale.language if self.locale.language in LUNR_LANGUAGES else "en"

    @property
    def segmenter(self) -> str | None:
        """Word segmenter the search index needs: ``jieba`` for Chinese, else None (spaces)."""
        return "jieba" if self.locale.language == "zh" else None

    @property
    def search_separator(self) -> str | None:
        """The search's word separator (index and query alike) for scripts without spaces, else None."""
        return SEARCH_SEPARATORS.get(self.script)

    @property
    def sans_font(self) -> str:
        """The sans-serif print face of the script (graphics, labels): 'Noto Sans CJK TC', 'Noto Sans Arabic'."""
        return next((face for face in self.print_fonts if "Sans" in face), "Noto Sans")

    @property
    def letter_convention(self) -> str:
        """The letter-writing convention of the language (see :data:`LETTER_CONVENTIONS`)."""
        return LETTER_CONVENTIONS.get(self.locale.language, "western")

    @property
    def chain(self) -> tuple[str, ...]:
        """The language itself, then its fallbacks."""
        return (self.tag, *self.fallbacks)

    # --- interface text -----------------------------------------------------------------------

    def gettext(self, message: str) -> str:
        """An interface message in this language (its fallback chain, then the English msgid)."""
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """A counted interface message chosen by the language's plural rules."""
        return self.translations.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        """An interface message with a disambiguating context."""
        return str(self.translations.pgettext(context, message))

    # --- formatting (CLDR through Babel) --------------------------------------------------------

    def date(self, value: dt.date, fmt: str = "long") -> str:
        """A date: 'June 11, 2026', '2026年6月11日'."""
        return format_date(value, fmt, locale=self.locale)

    def skeleton(self, skeleton: str, value: dt.date) -> str:
        """A date by CLDR skeleton ('MMMd' -> 'Jun 10', '6月10日'; 'EEE' -> 'Wed', '周三')."""
        return format_skeleton(skeleton, value, locale=self.locale)

    def number(self, value: float) -> str:
        """A number with the language's grouping and decimal sign."""
        return format_decimal(value, locale=self.locale)

    def time(self, value: dt.time | dt.datetime) -> str:
        """A time of day on the 24-hour clock of timetables, the language's way (CLDR skeleton
        ``Hm``: '09:00', '9:00' in Persian, '09:00 น.' in Thai)."""
        return format_skeleton("Hm", value, locale=self.locale)

    def time_range(self, start: dt.time | dt.datetime, end: dt.time | dt.datetime) -> str:
        """Two times of one day as a CLDR interval ('09:00–18:00', '09:00–18:00 Uhr', '9時00分～18時00分')."""
        return format_interval(start, end, "Hm", locale=self.locale)

    def area(self, square_metres: float) -> str:
        """An area in square metres ('400 m²', '400平方米', '٤٠٠ م²')."""
        return format_unit(square_metres, "area-square-meter", length="short", locale=self.locale)

    def minutes(self, value: float) -> str:
        """A duration in minutes ('5 min', '5分钟')."""
        return format_unit(value, "duration-minute", length="short", locale=self.locale)

    def percent(self, value: float) -> str:
        """A fraction as a percentage ('42%', '42 %', '٪42')."""
        return format_percent(value, locale=self.locale)

    def list(self, items: Iterable[str], style: ListStyle = "standard") -> str:
        """Items joined the language's way: 'A, B and C', 'A、B和C', 'A و B'."""
        return format_list(list(items), style=style, locale=self.locale)

    def country(self, code: str) -> str:
        """A country or region name (the code itself if CLDR lacks it)."""
        return self.locale.territories.get(code, code)

    def language_name(self, tag: str | None = None) -> str:
        """The name of ``tag`` in this language (default: this language in itself)."""
        other = parse_locale(tag) if tag else self.locale
        return other.get_display_name(self.locale) or (tag or self.tag)


def default_fallbacks(tag: str, languages: Sequence[str]) -> tuple[str, ...]:
    """The default chain after ``tag``: English if the show has it, then the default language."""
    chain = [lang for lang in ("en", *languages[:1]) if lang != tag]
    return tuple(dict.fromkeys(chain))


def fallbacks_for(tag: str, show: Show | None) -> tuple[str, ...]:
    """The fallback chain of ``tag`` in ``show`` (``fallbacks:`` in show.yml overrides the default)."""
    if show is None:
        return () if tag == "en" else ("en",)
    own = (getattr(show.info, "fallbacks", None) or {}).get(tag)
    if own:
        return tuple(dict.fromkeys(lang for lang in own if lang != tag))
    languages = show.languages
    return tuple(lang for lang in default_fallbacks(tag, languages) if lang in languages)


def catalog_state(tag: str, project: Path | None) -> catalog.CatalogState:
    """The catalog files of ``tag``: shipped and the show's own."""
    return catalog.CatalogState(catalog.shipped_po(parse_locale(tag)), catalog.show_po(project, tag))


def _translations(tag: str, project: Path | None) -> NullTranslations:
    return catalog.translations(parse_locale(tag), catalog_state(tag, project))


def _chained(tags: Sequence[str], project: Path | None) -> NullTranslations:
    """Copies of each language's compiled catalog, each falling back to the next."""
    first: NullTranslations | None = None
    last: NullTranslations | None = None
    for tag in tags:
        part = copy.copy(_translations(tag, project))
        part._fallback = None  # noqa: SLF001 - a fresh chain on a copy, the cached object is untouched
        if last is None:
            first = part
        else:
            last.add_fallback(part)
        last = part
    return first or NullTranslations()


@functools.lru_cache(maxsize=256)
def _build(tag: str, fallbacks: tuple[str, ...], project: Path | None, stamp: tuple[object, ...]) -> Language:
    del stamp  # part of the cache key only: a changed catalog file gives a new object
    return Language(tag, parse_locale(tag), fallbacks, _chained((tag, *fallbacks), project))


def language_for(tag: str, show: Show | None = None) -> Language:
    """The :class:`Language` of ``tag`` for ``show`` (cached; rebuilt when a catalog file changes)."""
    fallbacks = fallbacks_for(tag, show)
    project = show.root if show is not None else None
    stamp = tuple(_file_stamp(catalog.show_po(project, t)) for t in (tag, *fallbacks))
    return _build(tag, fallbacks, project, stamp)


def _file_stamp(path: Path | None) -> tuple[str, int] | None:
    return (str(path), path.stat().st_mtime_ns) if path is not None else None


def text_dir(tag: str) -> str:
    """'rtl' or 'ltr' for a BCP 47 tag (CLDR character order)."""
    return "rtl" if parse_locale(tag).character_order == "right-to-left" else "ltr"


def print_font_rules(tags: Iterable[str]) -> list[tuple[str, tuple[str, ...]]]:
    """``(tag, font families)`` for the CSS ``:lang()`` rules of a printed document that holds text in
    ``tags``: each language not written in Latin, Greek or Cyrillic gets its script's faces (Han
    forms by region), the general tag before the regional one so that ``:lang(zh-TW)`` wins over
    ``:lang(zh)`` for Taiwanese text."""
    rules = []
    for tag in sorted(set(tags), key=lambda t: (t.count("-"), t)):
        language = language_for(tag)
        if language.script not in ("Latn", "Grek", "Cyrl"):
            rules.append((tag, (*language.print_fonts, *PRINT_EXTRA)))
    return rules
