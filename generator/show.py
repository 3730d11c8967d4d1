"""The loaded show: every data file, news and page, checked, immutable, with lookups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .models import (
    Booth,
    Exhibitor,
    ExhibitorsFile,
    Form,
    FormsFile,
    Hall,
    HallsFile,
    LettersFile,
    NewsMeta,
    PageMeta,
    ScheduleFile,
    ShowInfo,
    VisitingFile,
)
from .yamlsource import Positions


@dataclass(frozen=True)
class NewsItem:
    """One news story in one language (a Markdown file in content/<lang>/news/)."""

    lang: str
    path: str
    """Source path relative to the project."""
    slug: str
    """File name without .md; the story's address in its language."""
    meta: NewsMeta
    body: str
    """Markdown body, front matter removed."""
    body_line: int
    """Line of the file where the body starts (for messages)."""

    @property
    def date(self) -> dt.datetime:
        return self.meta.date


@dataclass(frozen=True)
class Page:
    """An editor's Markdown page in content/<lang>/ (outside news/)."""

    lang: str
    path: str
    """Source path relative to the project."""
    rel: str
    """Path inside content/<lang>/, e.g. 'press.md' or 'guides/buyers.md'."""
    meta: PageMeta
    body: str


@dataclass(frozen=True, eq=False)
class Show:
    """Everything showpress knows about one show, loaded and checked before anything is written."""

    root: Path
    info: ShowInfo
    halls_file: HallsFile
    exhibitors_file: ExhibitorsFile
    schedule: ScheduleFile
    visiting: VisitingFile
    forms_file: FormsFile
    news: tuple[NewsItem, ...] = ()
    pages: tuple[Page, ...] = ()
    letters_file: LettersFile = LettersFile()
    """data/letters.yml: the show's own letter texts."""
    positions: Mapping[str, Positions] = field(default_factory=dict, repr=False)
    """Where each value of each data file stands, for messages."""

    @property
    def languages(self) -> list[str]:
        return list(self.info.languages)

    @property
    def default_language(self) -> str:
        return self.info.languages[0]

    @property
    def halls(self) -> list[Hall]:
        return list(self.halls_file.halls)

    @property
    def exhibitors(self):  # noqa: ANN201 - list[Exhibitor]
        return list(self.exhibitors_file.exhibitors)

    @property
    def forms(self) -> list[Form]:
        return list(self.forms_file.forms)

    @cached_property
    def booths(self) -> dict[str, tuple[Hall, Booth]]:
        """Booth id -> (hall, booth)."""
        return {b.id: (h, b) for h in self.halls_file.halls for b in h.booths}

    @cached_property
    def exhibitor_by_id(self) -> dict[str, Exhibitor]:
        """Exhibitor id -> exhibitor (the first listed, should an id repeat)."""
        found: dict[str, Exhibitor] = {}
        for exhibitor in self.exhibitors_file.exhibitors:
            found.setdefault(exhibitor.id, exhibitor)
        return found

    @cached_property
    def booth_holders(self) -> dict[str, str]:
        """Booth id -> id of the exhibitor that has it."""
        return {b: e.id for e in self.exhibitors_file.exhibitors for b in e.booths}

    def form(self, form_id: str) -> Form:
        for f in self.forms_file.forms:
            if f.id == form_id:
                return f
        raise KeyError(form_id)

    def news_in(self, lang: str) -> list[NewsItem]:
        """Stories written in ``lang``, newest first."""
        return [item for item, _local in self._newest_first if item.lang == lang]

    def news_for(self, lang: str) -> list[tuple[NewsItem, bool]]:
        """Every story for readers of ``lang``, newest first: (item, is_fallback).

        A story missing in ``lang`` is given in the default language (or the first language that
        has it) and flagged, so that nothing is silently dropped.
        """
        found = self._news_for_languages.get(lang)
        return list(found) if found is not None else self._choose_news(lang)

    def story_slugs(self, lang: str) -> dict[tuple[str, str], str]:
        """(item language, item slug) -> the story's slug in ``lang``'s news folder.

        A story keeps its file name unless that is reserved (``index``, ``page``...) or already taken
        in ``lang`` (a fallback story named like a story of ``lang``); then the source language is
        appended. Stories written in ``lang`` are named first, so their addresses never depend on
        fallbacks. Computed once per language of the show (the show is immutable).
        """
        found = self._story_slugs.get(lang)
        return dict(found) if found is not None else _assign_slugs(self._choose_news(lang))

    def story_slug(self, lang: str, item: NewsItem) -> str:
        """The slug of ``item`` in ``lang``'s news folder (see :meth:`story_slugs`)."""
        found = self._story_slugs.get(lang)
        return (found if found is not None else self.story_slugs(lang))[(item.lang, item.slug)]

    def translations_of(self, item: NewsItem) -> dict[str, NewsItem]:
        """Every language version of a story, by language."""
        return dict(self._versions.get(item.meta.key, {}))

    # Derived once from the immutable news (cached_property writes the instance's __dict__, which a
    # frozen dataclass allows; dataclasses.replace() makes a new Show that derives its own).
    @cached_property
    def _dated_versions(self) -> dict[str, dict[str, tuple[NewsItem, dt.datetime]]]:
        """Story key -> language -> (version, its date in the show's time zone); the last file wins."""
        by_key: dict[str, dict[str, tuple[NewsItem, dt.datetime]]] = {}
        for item in self.news:
            by_key.setdefault(item.meta.key, {})[item.lang] = (item, self.local(item.date))
        return by_key

    @cached_property
    def _versions(self) -> dict[str, dict[str, NewsItem]]:
        """Story key -> language -> version."""
        return {key: {lang: pair[0] for lang, pair in versions.items()} for key, versions in self._dated_versions.items()}

    @cached_property
    def _newest_first(self) -> tuple[tuple[NewsItem, dt.datetime], ...]:
        """Every story with its local date, newest first (stable: file order among equal dates)."""
        return tuple(sorted(((item, self.local(item.date)) for item in self.news), key=lambda pair: pair[1],
                            reverse=True))

    def _choose_news(self, lang: str) -> list[tuple[NewsItem, bool]]:
        chosen: list[tuple[NewsItem, bool, dt.datetime]] = []
        for versions in self._dated_versions.values():
            if lang in versions:
                chosen.append((versions[lang][0], False, versions[lang][1]))
                continue
            for fallback in [self.default_language, *self.languages]:
                if fallback in versions:
                    chosen.append((versions[fallback][0], True, versions[fallback][1]))
                    break
        return [(item, fallback) for item, fallback, _when in sorted(chosen, key=lambda row: row[2], reverse=True)]

    @cached_property
    def _news_for_languages(self) -> dict[str, tuple[tuple[NewsItem, bool], ...]]:
        return {lang: tuple(self._choose_news(lang)) for lang in self.info.languages}

    @cached_property
    def _story_slugs(self) -> dict[str, dict[tuple[str, str], str]]:
        return {lang: _assign_slugs(list(pairs)) for lang, pairs in self._news_for_languages.items()}

    @property
    def first_day(self) -> dt.date:
        return self.info.days[0].date

    @property
    def last_day(self) -> dt.date:
        return self.info.days[-1].date

    def local(self, moment: dt.datetime) -> dt.datetime:
        """A data time in the show's time zone (naive times are taken as show-local)."""
        if moment.tzinfo is None:
            return moment.replace(tzinfo=self.info.zone)
        return moment.astimezone(self.info.zone)


RESERVED_SLUGS = frozenset({"index", "page", "category", "feed", "atom"})
"""Story file names that would clash with the news index, its pages, categories or feeds."""


def _assign_slugs(stories: list[tuple[NewsItem, bool]]) -> dict[tuple[str, str], str]:
    """The slug rule of :meth:`Show.story_slugs` over one language's stories."""
    slugs: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    for item, _fallback in sorted(stories, key=lambda pair: (pair[1], pair[0].path)):
        slug = item.slug
        if slug in RESERVED_SLUGS or slug in taken:
            slug = f"{item.slug}-{item.lang}"
            n = 2
            while slug in taken:
                slug, n = f"{item.slug}-{item.lang}-{n}", n + 1
        taken.add(slug)
        slugs[(item.lang, item.slug)] = slug
    return slugs
