"""The engine runs of a build: one language's MkDocs or Zensical build in a worker process (the
parent queues them as jobs, schedule.py, and turns their failures into one BuildError, build.py)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..workers import PRELOAD_PDF, PRELOAD_SITE, new_pool
from .config import material_language
from .enginemarkup import repair_language
from .engines import build_with_mkdocs, build_with_zensical

Progress = Callable[[str, str], None]
"""progress(step, detail): called as the build advances (for a progress display)."""


def make_executor(jobs: int | None, languages: int, *, pdf: bool = False) -> ProcessPoolExecutor:
    """A process pool for MkDocs builds whose workers start with MkDocs already imported
    (and WeasyPrint, for the brochure pool that shares the fork server, when ``pdf``)."""
    workers = max(1, min(jobs or os.cpu_count() or 1, languages))
    return new_pool(workers, preload=PRELOAD_SITE + (PRELOAD_PDF if pdf else ()))


def _prepare_worker(lang: str) -> None:
    """Material's search segments Han text with jieba whenever jieba is importable; only Chinese
    wants that (Japanese kanji must not be cut the Chinese way). The module stays in sys.modules."""
    import material.plugins.search.plugin as search_plugin

    jieba = sys.modules.get("jieba") if lang.split("-")[0] == "zh" else None
    if jieba is not None:
        jieba.setLogLevel(logging.WARNING)  # type: ignore[attr-defined]
    search_plugin.jieba = jieba
    for name in ("mkdocs", "material"):
        logging.getLogger(name).setLevel(logging.WARNING)


def build_language(
    config_file: str, lang: str, cache_dir: str | None = None, dirty: bool = False,
    engine: str = "mkdocs", output: str | None = None, today: str | None = None,
) -> tuple[str, float, str | None]:
    """Run one engine build (in a worker process): (lang, seconds, error message or None).

    ``dirty``: rebuild only pages whose source is newer than their output (engines.dirty_build);
    ``output``: where Zensical's output goes (MkDocs writes to the config's site_dir, the same
    folder); the pages written there are then repaired (enginemarkup.py). ``today`` (ISO date):
    the build's day, given to the engine as SOURCE_DATE_EPOCH (sitemap ``lastmod``, build dates).
    ``cache_dir``: where MkDocs' theme keeps compiled Jinja templates between builds.
    """
    started = time.perf_counter()
    wall = time.time()  # clock: compared with file times (pages written by this build), not a date
    if today:
        os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(dt.date.fromisoformat(today))
    try:
        if engine == "zensical" and output is not None:
            build_with_zensical(config_file, output)
        else:
            _prepare_worker(lang)
            build_with_mkdocs(config_file, dirty, cache_dir)
        if output is not None:
            repair_language(Path(output), since=wall - 1.0, lang=_lang_the_theme_lacks(lang))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent as that language's error
        message = str(exc) or type(exc).__name__
        return lang, time.perf_counter() - started, f"{type(exc).__name__}: {message}"
    return lang, time.perf_counter() - started, None


def _lang_the_theme_lacks(lang: str) -> str | None:
    """``lang`` when Material has no interface file for it (it then builds the page as English)."""
    return lang if material_language(lang) == "en" and lang.split("-")[0] != "en" else None


def source_date_epoch(day: dt.date) -> str:
    """SOURCE_DATE_EPOCH for a build on ``day``: its noon UTC (the same date in every time zone
    MkDocs might print it in)."""
    return str(int(dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC).timestamp()))
