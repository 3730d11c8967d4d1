"""The translators' catalog files, over Babel: extract the template, merge it, start a language.

``write_template`` rewrites ``generator/locale/messages.pot`` from the code and templates (as
``generator/locale/babel.cfg`` says); ``update_catalogs`` merges it into every shipped ``messages.po``;
``start_catalog(LANG)`` starts a new language's catalog (in a show's ``locale/`` when given a project).
``showpress i18n`` (``generator.cli.i18n``) is the command-line face of these.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import write_po

from .catalog import LOCALE_DIR, SHOW_LOCALE_DIR, TEMPLATE, read_catalog, shipped_locales
from .errors import UsageError
from .language import parse_locale

REPO_ROOT = LOCALE_DIR.parent.parent
"""The folder babel.cfg's paths are relative to (the source tree)."""

KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "N_": None}
"""Functions whose string arguments are messages."""

SOURCE_DIRS = ("generator", "site_templates")
"""Top-level folders messages are extracted from (babel.cfg says which files)."""

COMMENT_TAGS = ("Translators:",)
"""Comments starting with this above a message reach the translators."""


def extract_catalog() -> Catalog:
    """Every message used in code and templates, as a catalog (nothing written)."""
    with (LOCALE_DIR / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    catalog = Catalog(project="showpress", msgid_bugs_address="", charset="utf-8", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(REPO_ROOT), method_map, options_map, keywords=KEYWORDS, comment_tags=COMMENT_TAGS,
        strip_comment_tags=True, directory_filter=_wanted_directory,
    ):
        flags = {"python-format"} if _is_python_format(message) else set()
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context, flags=flags)
    return catalog


def _wanted_directory(dirpath: str | os.PathLike[str]) -> bool:
    """Only showpress's own sources: generator/ and site_templates/ (``_parts``, ``_macros`` included)."""
    rel = Path(dirpath).resolve().relative_to(REPO_ROOT.resolve()).parts
    return bool(rel) and rel[0] in SOURCE_DIRS and "__pycache__" not in rel


def _is_python_format(message: str | tuple[str, ...]) -> bool:
    texts = message if isinstance(message, tuple) else (message,)
    return any("%(" in text for text in texts)


def pot_bytes(catalog: Catalog) -> bytes:
    """The template as written to messages.pot (sorted, no line numbers, no dates: stable diffs)."""
    catalog.creation_date = catalog.revision_date = None  # type: ignore[assignment]
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, no_location=True, omit_header=False, sort_output=True)
    return _without_dates(buffer.getvalue())


def _without_dates(data: bytes) -> bytes:
    lines = [line for line in data.split(b"\n")
             if not line.startswith((b'"POT-Creation-Date:', b'"PO-Revision-Date:'))]
    return b"\n".join(lines)


def update_po(path: Path, template: Catalog, locale_name: str) -> int:
    """Merge the template into one .po (new messages empty, gone ones dropped); returns the missing count."""
    catalog = read_catalog(path, parse_locale(locale_name.replace("_", "-")))
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, no_location=True, sort_output=True, ignore_obsolete=True)
    path.write_bytes(_without_dates(buffer.getvalue()))
    return sum(1 for m in catalog if m.id and not m.string)


def write_template() -> tuple[Path, int]:
    """Rewrite messages.pot from the code and templates; returns its path and message count."""
    catalog = extract_catalog()
    TEMPLATE.write_bytes(pot_bytes(catalog))
    return TEMPLATE, sum(1 for m in catalog if m.id)


def update_catalogs() -> dict[str, int]:
    """Merge messages.pot into every shipped messages.po; returns locale name -> untranslated count."""
    template = read_catalog(TEMPLATE)
    return {name: update_po(LOCALE_DIR / name / "LC_MESSAGES" / "messages.po", template, name)
            for name in shipped_locales()}


def start_catalog(lang: str, project: Path | None) -> tuple[Path, int]:
    """Write the empty catalog of ``lang`` (in ``project``'s locale/ folder when given, else showpress's
    own); returns its path and message count. Refuses an unknown language and an existing file."""
    locale = parse_locale(lang)
    if locale.language != lang.split("-")[0].lower():
        raise UsageError(f"{lang!r}: CLDR does not know this language; use a BCP 47 tag such as sw or pt-BR")
    target = (project / SHOW_LOCALE_DIR / f"{lang}.po" if project is not None
              else LOCALE_DIR / lang.replace("-", "_") / "LC_MESSAGES" / "messages.po")
    if target.exists():
        raise UsageError(f"{target} exists already; edit it, or run `showpress i18n update`")
    template = read_catalog(TEMPLATE)
    catalog = Catalog(locale=locale, project="showpress", charset="utf-8", fuzzy=False)
    catalog.update(template, no_fuzzy_matching=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, no_location=True, sort_output=True)
    target.write_bytes(_without_dates(buffer.getvalue()))
    return target, sum(1 for m in catalog if m.id)
