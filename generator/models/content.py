"""Front matter of Markdown files in content/<lang>/: news stories and editors' pages."""

from __future__ import annotations

import datetime as dt

from pydantic import (
    Field,
)

from .types import (
    Id,
    MediaPath,
    Model,
)


class NewsMeta(Model):
    """Front matter of a news story in content/<lang>/news/*.md."""

    title: str = Field(min_length=1)
    """Title in the language of the file."""
    date: dt.datetime
    """Publication time with its time zone, e.g. 2026-05-16T18:00:00+08:00."""
    category: Id
    """Id of a category in data/show.yml (a sub-show or topic)."""
    summary: str = Field(min_length=1)
    """One or two sentences shown in lists and feeds."""
    key: Id
    """The same key on every translation of one story links them across languages."""
    image: MediaPath | None = None
    """Lead image under data/media/."""
    image_alt: str | None = None
    """Description of the image for readers who cannot see it."""
    author: str | None = None
    """Author's name."""
    updated: dt.datetime | None = None
    """Time of the last significant edit, with its time zone."""


class PageMeta(Model):
    """Optional front matter of an editor's page in content/<lang>/."""

    title: str | None = None
    """Page title; the first heading is used when left out."""
    key: Id | None = None
    """Links translations of one page; defaults to the file's path."""
    description: str | None = None
    """Summary for search engines and link previews."""
