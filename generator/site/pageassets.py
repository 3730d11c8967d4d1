"""Scripts and styles only on the pages that need them.

MkDocs' ``extra_javascript`` / ``extra_css`` go on every page of a language build, so the forms'
script and style and the directory's filter script are not listed there: a page that needs one
names it in its front matter (``sp_assets: [forms]``), and ``site_templates/overrides/main.html``
links the files of each named group (``config.extra.showpress.page_assets``) after Material's.
The form pages and editors' pages with a form marker get ``forms``; the exhibitor directory gets
``directory``.
"""

from __future__ import annotations

import re

PAGE_ASSETS: dict[str, dict[str, list[str]]] = {
    "forms": {"css": ["assets/showpress-forms.css"], "js": ["assets/showpress-forms.js"]},
    "directory": {"css": [], "js": ["assets/showpress/directory.js"]},
}
"""Group name -> docs paths of its styles and scripts (files the builder copies anyway)."""

PER_PAGE = frozenset(path for group in PAGE_ASSETS.values() for paths in group.values() for path in paths)
"""Asset paths that must stay out of extra_css / extra_javascript."""

_FRONT = re.compile(r"\A---\n(.*?\n)?---\n", re.DOTALL)


def with_assets(markdown: str, *groups: str) -> str:
    """``markdown`` whose front matter names ``groups`` in ``sp_assets`` (front matter added if none)."""
    line = "sp_assets: [" + ", ".join(groups) + "]\n"
    match = _FRONT.match(markdown)
    if match is None:
        return "---\n" + line + "---\n\n" + markdown
    if re.search(r"(?m)^sp_assets:", match.group(1) or ""):
        return markdown
    return "---\n" + (match.group(1) or "") + line + markdown[match.end(1) if match.group(1) else 4:]


def mark_pages(pages: dict[str, str], directory: str, form_pages: set[str]) -> None:
    """Name the asset groups in the front matter of the directory page and of ``form_pages`` (in place)."""
    if directory in pages:
        pages[directory] = with_assets(pages[directory], "directory")
    for path in form_pages:
        if path in pages:
            pages[path] = with_assets(pages[path], "forms")
