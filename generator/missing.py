"""`showpress check --missing LANG`: every text a show lacks in one language.

Four kinds, each line naming where to add it: data fields (``path:line:col: field``), news
stories and editors' pages that exist in another language (the file to translate), and
interface messages that neither the shipped catalog nor the show's ``locale/<lang>.po`` has.
"""

from __future__ import annotations

from .catalog import SHOW_LOCALE_DIR, CatalogState, missing_messages, shipped_po, show_po, template_ids
from .checks import missing_translations
from .errors import UsageError
from .language import parse_locale
from .show import Show


def _page_key(page_meta_key: str | None, rel: str) -> str:
    return page_meta_key or rel


def missing_content(show: Show, lang: str) -> list[str]:
    """News stories and editors' pages that another language has and ``lang`` has not."""
    out = []
    have = {item.meta.key for item in show.news if item.lang == lang}
    seen: set[str] = set()
    for item in show.news:
        key = item.meta.key
        if item.lang != lang and key not in have and key not in seen:
            seen.add(key)
            out.append(f"{item.path}: news story '{key}' has no {lang} version: "
                       f"add content/{lang}/news/ with `key: {key}`")
    pages = {_page_key(page.meta.key, page.rel) for page in show.pages if page.lang == lang}
    seen.clear()
    for page in show.pages:
        key = _page_key(page.meta.key, page.rel)
        if page.lang != lang and key not in pages and key not in seen:
            seen.add(key)
            out.append(f"{page.path}: page '{key}' has no {lang} version: add content/{lang}/{page.rel}")
    return out


def missing_interface(show: Show, lang: str) -> list[str]:
    """Interface messages without a translation in ``lang`` (shipped catalog + the show's own)."""
    locale = parse_locale(lang)
    if locale.language != lang.split("-")[0].lower():
        ids = template_ids()  # CLDR does not know the tag: nothing can be shipped for it
    else:
        ids = missing_messages(locale, CatalogState(shipped_po(locale), show_po(show.root, lang)))
    where = f"{SHOW_LOCALE_DIR}/{lang}.po"
    return [f"{where}: interface message {msgid!r} has no {lang} translation" for msgid in sorted(ids)]


def missing_report(show: Show, lang: str) -> list[str]:
    """Every text missing in ``lang``; a UsageError when ``lang`` is not a show language."""
    if lang not in show.languages:
        raise UsageError(f"--missing {lang}: '{lang}' is not a language of this show "
                         f"(data/show.yml languages: {', '.join(show.languages)}); add it there first")
    return [*missing_translations(show, lang), *missing_content(show, lang), *missing_interface(show, lang)]
