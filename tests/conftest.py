"""Shared fixtures: the tiny fixture show and ways to break a copy of it."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.errors import DataError
from generator.load import load_show
from generator.loading import show_problems

ROOT = Path(__file__).resolve().parent.parent
TINY = Path(__file__).resolve().parent / "fixtures" / "tiny"


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A private copy of the tiny fixture show that a test may change."""
    target = tmp_path / "show"
    shutil.copytree(TINY, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact occurrence of ``old`` in a file (fails loudly if it is not there once)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def problems(root: Path) -> list[str]:
    """Every problem of the show at ``root`` as 'path:line:col: message' lines: what `showpress check`
    prints, through the same door (``show_problems``)."""
    try:
        show = load_show(root)
    except DataError as exc:
        return [str(p) for p in exc.problems]
    return [str(p) for p in show_problems(show)]


@pytest.fixture
def problems_of() -> Callable[[Path], list[str]]:
    return problems


@pytest.fixture(scope="session", autouse=True)
def _cache_outside_fixtures(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests render the fixture shows in place; keep the PDF cache out of tests/fixtures/."""
    import os

    os.environ["SHOWPRESS_CACHE_DIR"] = str(tmp_path_factory.mktemp("pdf-cache"))


FIXED_TODAY_EPOCH = "1781265600"
"""2026-06-12 12:00 UTC: the day after the tiny show and a month after the sample show closed."""


@pytest.fixture(scope="session", autouse=True)
def _fixed_clock() -> None:
    """Every test, and every showpress process a test starts, sees the same "today" on any date:
    the generator's one clock (generator.dates.show_today) reads SOURCE_DATE_EPOCH."""
    import os

    os.environ["SOURCE_DATE_EPOCH"] = FIXED_TODAY_EPOCH


@pytest.fixture(scope="session")
def pg_cluster(request: pytest.FixtureRequest) -> object:
    """One throwaway PostgreSQL for the whole session (tests/pg.py); skips or fails as it says."""
    from collector_support import postgres_or_skip

    return postgres_or_skip(request)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each collector test runs on SQLite and on PostgreSQL."""
    from collector_support import database_url

    pg = request.getfixturevalue("pg_cluster") if request.param == "postgresql" else None
    return database_url(request.param, tmp_path, pg)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for a module's tests (tests/browser_support.py: skips without it)."""
    from browser_support import chromium

    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh page of ``browser``, 1280 × 900 CSS px; parametrize it (indirect) with another width."""
    opened = browser.new_page(viewport={"width": getattr(request, "param", 1280), "height": 900})
    yield opened
    opened.close()
