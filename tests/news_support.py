"""Helpers for the news and feed tests: load a show, write stories into a copy of the tiny show."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.load import load_show
from generator.show import Show

TINY = Path(__file__).resolve().parent / "fixtures" / "tiny"
SITE = "https://tiny.example.org/"


def tiny_show() -> Show:
    return load_show(TINY)


def write_story(root: Path, lang: str, slug: str, *, title: str, key: str, date: str,
                category: str = "notes", summary: str = "A summary.", body: str = "Body.",
                extra: str = "") -> Path:
    """Write content/<lang>/news/<slug>.md with front matter (YAML-quoted title and summary)."""
    path = root / "content" / lang / "news" / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    quoted_title = title.replace("'", "''")
    quoted_summary = summary.replace("'", "''")
    path.write_text(
        f"---\ntitle: '{quoted_title}'\ndate: {date}\ncategory: {category}\n"
        f"summary: '{quoted_summary}'\nkey: {key}\n{extra}---\n{body}\n",
        encoding="utf-8",
    )
    return path


def many_stories(root: Path, count: int) -> None:
    """``count`` English stories, one per hour from 2026-06-20 08:00 Berlin time."""
    start = dt.datetime(2026, 6, 20, 8, 0)
    for n in range(count):
        when = (start + dt.timedelta(hours=n)).strftime("%Y-%m-%dT%H:%M:00+02:00")
        write_story(root, "en", f"story-{n:02d}", title=f"Story {n:02d}", key=f"story-{n:02d}", date=when)
