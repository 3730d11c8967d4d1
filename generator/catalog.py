"""The interface catalog: gettext messages of every word showpress itself prints, through Babel.

Messages (English msgids) are extracted from ``generator/**.py`` and the Jinja templates into
``generator/locale/messages.pot`` (``generator/locale/babel.cfg``); each shipped language has
``generator/locale/<locale>/LC_MESSAGES/messages.po``. A show may add or override messages with
``locale/<lang>.po`` in its own folder (no Python needed). Catalogs are compiled in memory on first
use (no ``.mo`` binaries in the repository) and cached per file state.
"""

from __future__ import annotations

import functools
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

from .bcp47 import likely_script, parse_locale
from .errors import DataError, Problem

log = logging.getLogger(__name__)

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
"""generator/locale/: babel.cfg, messages.pot and one <locale>/LC_MESSAGES/messages.po per language."""

TEMPLATE = LOCALE_DIR / "messages.pot"
"""The message template extracted from code and templates (English msgids)."""

SHOW_LOCALE_DIR = "locale"
"""The folder of a show's own catalogs: ``locale/<lang>.po`` beside ``data/``."""


def shipped_locales() -> list[str]:
    """Locale folder names of the shipped catalogs (``zh``, ``zh_Hant``, ``pt_BR``...)."""
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob("*/LC_MESSAGES/messages.po"))


def catalog_names(locale: Locale) -> list[str]:
    """Catalog folder names that may hold ``locale``'s messages, most specific first.

    The base language serves a regional tag only when both are written in the same script:
    ``pt_BR`` falls back to ``pt`` and ``en_GB`` to ``en``, but ``zh_Hant_TW`` never to ``zh``
    (Simplified), only to ``zh_Hant``.
    """
    script = likely_script(locale)
    names = [str(locale)]
    if locale.script and locale.territory:
        names.append(f"{locale.language}_{locale.script}")
    if locale.territory:
        names.append(f"{locale.language}_{locale.territory}")
    if script:
        names.append(f"{locale.language}_{script}")
    if likely_script(Locale(locale.language)) == script:
        names.append(locale.language)
    return list(dict.fromkeys(names))


def shipped_po(locale: Locale) -> Path | None:
    """The shipped ``messages.po`` for ``locale``, or None when showpress ships none."""
    for name in catalog_names(locale):
        path = LOCALE_DIR / name / "LC_MESSAGES" / "messages.po"
        if path.is_file():
            return path
    return None


def show_po(project: Path | None, tag: str) -> Path | None:
    """The show's own ``locale/<tag>.po`` (``zh-TW.po`` or ``zh_TW.po``), or None."""
    if project is None:
        return None
    for name in (tag, tag.replace("-", "_")):
        path = project / SHOW_LOCALE_DIR / f"{name}.po"
        if path.is_file():
            return path
    return None


def _stamp(path: Path | None) -> tuple[str, int, int] | None:
    if path is None:
        return None
    stat = path.stat()
    return str(path), stat.st_mtime_ns, stat.st_size


def read_catalog(path: Path, locale: Locale | None = None) -> Catalog:
    """A ``.po`` file as a Babel catalog; a broken file is a :class:`DataError` naming file and line."""
    try:
        with path.open("rb") as handle:
            return read_po(handle, locale=locale, abort_invalid=True)
    except PoFileError as exc:
        raise DataError([Problem(str(path), getattr(exc, "lineno", 0) or 1, 1,
                                 f"{exc}; fix the .po entry (msgid/msgstr in double quotes)")]) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise DataError([Problem(str(path), 1, 1, f"cannot read this catalog ({exc}); save it as UTF-8 .po")]) from None


@dataclass(frozen=True)
class CatalogState:
    """Which catalog files make up one language's interface text."""

    shipped: Path | None
    own: Path | None


def translated_ids(catalog: Catalog) -> set[str]:
    """msgids with a non-fuzzy, non-empty translation (plural messages keyed by their singular)."""
    done = set()
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        if all(strings):
            key = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
            done.add(key)
    return done


def template_ids() -> set[str]:
    """Every msgid of messages.pot (plural messages keyed by their singular)."""
    return {m.id[0] if isinstance(m.id, (list, tuple)) else m.id for m in read_catalog(TEMPLATE) if m.id}


def merged(locale: Locale, shipped: Path | None, own: Path | None) -> Catalog:
    """The shipped catalog with the show's own messages laid over it (non-fuzzy, non-empty only)."""
    catalog = read_catalog(shipped, locale) if shipped else Catalog(locale=locale)
    if own is not None:
        extra = read_catalog(own, locale)
        for message in extra:
            strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
            if message.id and not message.fuzzy and all(strings):
                # The show's translation wins: Babel's ``catalog[id] = message`` would keep the
                # shipped string of a msgid it already has.
                existing = catalog.get(message.id, context=message.context)
                if existing is None:
                    catalog[message.id] = message
                    message.flags.discard("fuzzy")
                else:
                    existing.string = message.string
                    existing.flags.discard("fuzzy")
    return catalog


@functools.lru_cache(maxsize=128)
def _compiled(locale_name: str, shipped: tuple[str, int, int] | None,
              own: tuple[str, int, int] | None) -> NullTranslations:
    locale = Locale.parse(locale_name)
    if shipped is None and own is None:
        return NullTranslations()
    catalog = merged(locale, Path(shipped[0]) if shipped else None, Path(own[0]) if own else None)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


def translations(locale: Locale, state: CatalogState) -> NullTranslations:
    """Compiled gettext translations of one language (cached while the files are unchanged)."""
    return _compiled(str(locale), _stamp(state.shipped), _stamp(state.own))


def missing_messages(locale: Locale, state: CatalogState) -> set[str]:
    """msgids of messages.pot that neither the shipped nor the show's catalog translates."""
    wanted = template_ids()
    if locale.language == "en" and state.own is None:
        return set()
    done = translated_ids(merged(locale, state.shipped, state.own))
    return wanted - done


@dataclass(frozen=True)
class InterfaceCompleteness:
    """How much of showpress's interface text one show language has."""

    lang: str
    done: int
    total: int
    source: str
    """Where the catalog comes from: 'shipped', 'show', 'shipped + show', 'source (English)' or 'none'."""


def interface_completeness(tag: str, project: Path | None) -> InterfaceCompleteness:
    """Interface messages of messages.pot translated for ``tag`` (shipped catalog + the show's own)."""
    locale = parse_locale(tag)
    state = CatalogState(shipped_po(locale), show_po(project, tag))
    total = len(template_ids())
    if locale.language != tag.split("-")[0].lower():
        return InterfaceCompleteness(tag, 0, total, "none")  # CLDR does not know the tag at all
    missing = missing_messages(locale, state)
    parts = [name for name, path in (("shipped", state.shipped), ("show", state.own)) if path is not None]
    source = " + ".join(parts) or ("source (English)" if locale.language == "en" else "none")
    return InterfaceCompleteness(tag, total - len(missing), total, source)


def interface_problems(languages: list[str], project: Path | None) -> list[Problem]:
    """A warning per show language whose interface catalog is missing or incomplete."""
    problems = []
    for tag in languages:
        row = interface_completeness(tag, project)
        missing = row.total - row.done
        if not missing:
            continue
        where = f"{SHOW_LOCALE_DIR}/{tag}.po"
        if row.source == "none":
            message = (f"language {tag!r}: showpress ships no interface catalog for it ({missing} messages "
                       f"missing, shown in English); add {where} (`showpress i18n init {tag} --project .`)")
        else:
            message = (f"language {tag!r}: {missing} of {row.total} interface messages missing "
                       f"(shown in the fallback language); translate them in {where}")
        problems.append(Problem("data/show.yml", 0, 0, message, severity="warning"))
    return problems
