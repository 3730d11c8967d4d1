"""Core pages reused page by page in a long-running process (``showpress serve``).

Each core page is rendered again only when something it reads changed. What a page reads is
stated by :func:`generator.site.pages.core_pages` as one of:

- :data:`WHOLE`: every data file (the home page, the halls page, statistics...);
- ``("exhibitor", id)``: that exhibitor's entry, plus what every exhibitor page shares (show.yml,
  halls.yml, the rest of exhibitors.yml: categories);
- ``("hall", id)``: the hall and the listing of the exhibitors holding its booths (:data:`LISTED`:
  what the booth table and the floor plan show), plus the same shared files;
- :data:`DIRECTORY`: every data file but the exhibitors' entries, and every exhibitor's listing
  (the directory names, sorts and filters exhibitors: it shows no description, product or logo);
- :data:`REST`: every data file but the exhibitors' entries (the schedule, visiting, services,
  rules, construction and inquiry pages: their templates name no exhibitor, which
  tests/test_site_corecache.py checks).

On top of that, every page of a language reads the language's *base*: the date (and so the
show's phase), the template files, the show's own catalogs of the language and its fallbacks. A
changed base renders the whole language again. The links of the home page (feeds, latest
stories...) are read by the home page alone. Data are compared
by content: a digest of each model's JSON form, computed once per build (:class:`ShowDigests`).

A project with its own page templates (``site_templates/pages/`` or ``_macros/``) could read
anything of the show and the links on any page, so there every page reads :data:`WHOLE` and the
links are part of the base.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..catalog import show_po
from ..show import Show
from ..templating import OVERRIDES

log = logging.getLogger(__name__)

WHOLE = ("whole",)
"""What a page reads that may depend on any data file."""
REST = ("rest",)
"""Every data file but the exhibitors' entries (pages that name no exhibitor: schedule, visiting...)."""

DIRECTORY = ("directory",)
"""The exhibitor directory: every data file but the exhibitors' entries, and their listings (LISTED)."""
LISTED = frozenset({"id", "name", "short_name", "sort_as", "country", "categories", "booths"})
"""The fields of an exhibitor that the directory, the hall pages and the floor plans read."""

Reads = tuple[str, ...]


def _digest(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def own_page_templates(project: Path) -> bool:
    """Whether the project overrides page templates or their macros (then pages may read anything)."""
    folder = project / OVERRIDES
    return any(path.is_file() for sub in ("pages", "_macros") for path in (folder / sub).rglob("*.j2"))


def catalog_digest(show: Show, tags: tuple[str, ...]) -> str:
    """The bytes of the show's own catalogs (locale/<tag>.po) of ``tags``."""
    parts: list[str | bytes] = []
    for tag in tags:
        path = show_po(show.root, tag)
        parts += [tag, path.read_bytes() if path is not None else b"\0none"]
    return _digest(*parts)


class ShowDigests:
    """Content digests of a loaded show's data models, each computed at most once."""

    def __init__(self, show: Show):
        self.show = show
        self.known: dict[Reads, str] = {}

    @cached_property
    def whole(self) -> str:
        show = self.show
        models = (show.info, show.halls_file, show.exhibitors_file, show.schedule, show.visiting, show.forms_file,
                  show.letters_file)
        return _digest(str(show.root), *(m.model_dump_json() for m in models))

    @cached_property
    def news(self) -> str:
        """show.yml and halls.yml (what news pages read of the data: gather.news_only)."""
        return _digest(str(self.show.root), self.show.info.model_dump_json(), self.show.halls_file.model_dump_json())

    @cached_property
    def shared(self) -> str:
        """What every exhibitor and hall page reads besides its own entry."""
        show = self.show
        rest = show.exhibitors_file.model_dump_json(exclude={"exhibitors"})
        return _digest(str(show.root), show.info.model_dump_json(), show.halls_file.model_dump_json(), rest)

    @cached_property
    def exhibitors(self) -> dict[str, str]:
        """Exhibitor id -> the JSON of its entries (every entry of a repeated id)."""
        found: dict[str, str] = {}
        for exhibitor in self.show.exhibitors:
            found[exhibitor.id] = found.get(exhibitor.id, "") + exhibitor.model_dump_json() + "\n"
        return found

    @cached_property
    def listed(self) -> dict[str, str]:
        """Exhibitor id -> the JSON of what lists of exhibitors show of its entries (LISTED)."""
        found: dict[str, str] = {}
        for exhibitor in self.show.exhibitors:
            found[exhibitor.id] = found.get(exhibitor.id, "") + exhibitor.model_dump_json(include=set(LISTED)) + "\n"
        return found

    def hall(self, hall_id: str) -> str:
        holders = self.show.booth_holders
        parts = [hall_id]
        for hall in self.show.halls:
            if hall.id != hall_id:
                continue
            for booth in hall.booths:
                holder = holders.get(booth.id)
                parts += [booth.id, holder or "", self.listed.get(holder, "") if holder else ""]
        return _digest(*parts)

    def of(self, reads: Reads) -> str:
        """The digest of what a page reads (see the module doc); computed once per build."""
        if reads not in self.known:
            self.known[reads] = self._of(reads)
        return self.known[reads]

    def _of(self, reads: Reads) -> str:
        if reads == REST:
            show = self.show
            models = (show.info, show.halls_file, show.schedule, show.visiting, show.forms_file, show.letters_file)
            return _digest("rest", str(show.root), show.exhibitors_file.model_dump_json(exclude={"exhibitors"}),
                           *(m.model_dump_json() for m in models))
        if reads == WHOLE:
            return "whole:" + self.whole
        if reads == DIRECTORY:
            listings = (e.model_dump_json(include=set(LISTED)) for e in self.show.exhibitors)
            return _digest("directory", self.of(REST), *listings)
        kind, ident = reads
        if kind == "exhibitor":
            return _digest("exhibitor", self.shared, ident, self.exhibitors.get(ident, ""))
        if kind == "hall":
            return _digest("hall", self.shared, self.hall(ident))
        raise ValueError(f"unknown page reads {reads!r}")


@dataclass
class LanguagePages:
    """The reusable pages of one language for one base (see the module doc)."""

    base: Any
    pages: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Docs path -> (digest of what it read, Markdown)."""
    rendered: list[str] = field(default_factory=list)
    """Docs paths rendered (not reused) by the last build."""
    parts: dict[str, tuple[str, Any]] = field(default_factory=dict)
    """Part of a page (a hall's plan on the halls page) -> (digest of what it read, value)."""


@dataclass
class CoreCache:
    """Per language, the core pages of the last build and what each was made from."""

    languages: dict[str, LanguagePages] = field(default_factory=dict)

    def language(self, lang: str, base: Any) -> LanguagePages:
        """The pages of ``lang`` made with ``base``; none when the base changed."""
        found = self.languages.get(lang)
        if found is None or found.base != base:
            found = LanguagePages(base)
            self.languages[lang] = found
        found.rendered = []
        return found
