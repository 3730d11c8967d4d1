"""Repairs of the invalid markup the engine's own templates put on every built page.

The Nu Html Checker found these in Material for MkDocs 9.8.1 (and the same lines in Zensical
0.0.73). They are repaired in the built pages, not by overriding the templates, because:

- the two checkboxes sit in ``base.html`` outside any block: overriding them means copying the
  whole of ``base.html``, whose stylesheet names and features differ between Material and Zensical;
- Zensical's ``nav-item.html`` and ``search.html`` differ from Material's, so a copy of Material's
  partial in ``site_templates/overrides/partials/`` would replace Zensical's search and navigation.

Each repair matches the engine's exact markup and does nothing when a later version fixed it:

1. ``autocomplete="off"`` on the drawer and search checkboxes (base.html): only text-like inputs may
   carry ``autocomplete``.
2. ``tabindex=""`` on a section's label in the navigation (nav-item.html sets ``tabindex`` to ""
   for sections): the empty string is not an integer; leaving it out is what Material means.
3. ``<label for="__toc">`` in the table of contents (toc.html) on a page outside the navigation
   (exhibitors, news stories): the ``__toc`` checkbox is only written for pages in the navigation, so
   the label points at nothing; it keeps its text and loses ``for``.
4. The search ``role="dialog"`` without an accessible name (search.html): it is named after the
   search controls' own label (``lang.t('search')``, in the page's language).
5. ``dir`` only on ``<body>`` (base.html): the page's direction belongs on ``<html>`` with its
   ``lang``, so that the whole document (and the browser's own UI for it) is right to left.
7. A language the engine has no interface file for (Swahili, Catalan…) is built with English as
   the theme's language, and the engine writes ``<html lang="en">``: the page's own language is put
   back (``repair_language(..., lang=…)``), so browsers, screen readers and hyphenation know it.
6. ``aria-hidden="true"`` on the drawer's overlay ``<label for="__drawer">`` (Zensical 0.0.73's
   base.html; Material writes the label without it): a label tied to a control may not be hidden
   from assistive technology, so it loses the attribute, as in Material.

It also takes the forms' thank-you pages out of the sitemap (:func:`prune_sitemap`).
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

_TOGGLES = tuple(f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}"'
                 for name in ("drawer", "search"))
_EMPTY_TABINDEX = '_label" tabindex="">'
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_NAME = re.compile(r'<nav class="md-search__options" aria-label="([^"<>]*)">')
_HTML_TAG = re.compile(r'<html lang="([^"<>]*)"(?![^<>]*\bdir=)')
_BODY_DIR = re.compile(r'<body dir="(rtl|ltr)"')
_HTML_LANG = re.compile(r'<html lang="[^"<>]*"')
_HIDDEN_OVERLAY = '<label class="md-overlay" for="__drawer" aria-hidden="true">'


def repair_page(html: str, lang: str | None = None) -> str:
    """``html`` of one built page with the engine's known invalid markup repaired (see above);
    ``lang``: the page's language when the engine wrote its theme's fallback language instead."""
    if lang:
        html = _HTML_LANG.sub(f'<html lang="{lang}"', html, count=1)
    for toggle in _TOGGLES:
        html = html.replace(toggle + ' autocomplete="off">', toggle + ">", 1)
    html = html.replace(_EMPTY_TABINDEX, '_label">')
    html = html.replace(_HIDDEN_OVERLAY, '<label class="md-overlay" for="__drawer">', 1)
    if _TOC_LABEL in html and 'id="__toc"' not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    if _SEARCH_DIALOG in html:
        name = _SEARCH_NAME.search(html)
        if name:
            html = html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + f' aria-label="{name.group(1)}">', 1)
    body_dir = _BODY_DIR.search(html)
    if body_dir:
        html = _HTML_TAG.sub(lambda m: f'{m.group(0)} dir="{body_dir.group(1)}"', html, count=1)
    return html


_THANKS_URL = re.compile(r"\s*<url>\s*<loc>[^<]*/thanks/</loc>.*?</url>", re.DOTALL)


def prune_sitemap(folder: Path) -> None:
    """Drop the forms' thank-you pages from one language's ``sitemap.xml`` (and its ``.gz``): they
    are answers to a post, not pages to find. Both engines write the sitemap from their own
    template (MkDocs' ``file.page``, Zensical's ``page``), so one override cannot serve both."""
    sitemap = folder / "sitemap.xml"
    if not sitemap.is_file():
        return
    text = sitemap.read_text(encoding="utf-8")
    pruned = _THANKS_URL.sub("", text)
    if pruned == text:
        return
    sitemap.write_text(pruned, encoding="utf-8")
    packed = folder / "sitemap.xml.gz"
    if packed.is_file():
        packed.write_bytes(gzip.compress(pruned.encode("utf-8"), mtime=0))


def repair_language(folder: Path, since: float = 0.0, lang: str | None = None) -> int:
    """Repair the built pages under ``folder`` (one language's output) modified at or after
    ``since`` (a Unix time: an incremental build leaves older pages as they were repaired);
    return how many changed."""
    changed = 0
    for page in folder.rglob("*.html"):
        if since and page.stat().st_mtime < since:
            continue
        text = page.read_text(encoding="utf-8")
        repaired = repair_page(text, lang)
        if repaired != text:
            page.write_text(repaired, encoding="utf-8")
            changed += 1
    prune_sitemap(folder)
    return changed
