"""The loaded show: every data file, news and page, checked, immutable, with lookups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .models import (
    Booth,
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
        return sorted((n for n in self.news if n.lang == lang), key=lambda n: self.local(n.date), reverse=True)

    def news_for(self, lang: str) -> list[tuple[NewsItem, bool]]:
        """Every story for readers of ``lang``, newest first: (item, is_fallback).

        A story missing in ``lang`` is given in the default language (or the first language that
        has it) and flagged, so that nothing is silently dropped.
        """
        by_key: dict[str, dict[str, NewsItem]] = {}
        for item in self.news:
            by_key.setdefault(item.meta.key, {})[item.lang] = item
        chosen: list[tuple[NewsItem, bool]] = []
        for versions in by_key.values():
            if lang in versions:
                chosen.append((versions[lang], False))
                continue
            for fallback in [self.default_language, *self.languages]:
                if fallback in versions:
                    chosen.append((versions[fallback], True))
                    break
        return sorted(chosen, key=lambda pair: self.local(pair[0].date), reverse=True)

    def translations_of(self, item: NewsItem) -> dict[str, NewsItem]:
        """Every language version of a story, by language."""
        return {n.lang: n for n in self.news if n.meta.key == item.meta.key}

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
