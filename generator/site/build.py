"""The site orchestrator: gather -> stage Markdown + mkdocs.yml -> parallel MkDocs builds -> swap.

Nothing is written into ``--out`` until every language built: each language is built by its own
MkDocs run (in a process pool) into a temporary folder beside ``--out``, feeds and brochures are
added, and the finished folder replaces the old one with two renames. A failure in any language
raises :class:`~generator.errors.BuildError` naming it and leaves the old site untouched.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..dates import show_today
from ..errors import BuildError
from ..feeds import feed_files
from ..show import Show
from ..workers import (
    PRELOAD_PDF,
    PRELOAD_SITE,
    end_all_pools,
    end_pool,
    new_pool,
    sigterm_interrupts,
    wait_for,
    worker_timeout,
)
from .config import LanguagePlan, language_config, load_root_config, write_config
from .enginemarkup import repair_language
from .engines import build_with_mkdocs, build_with_zensical, choose_engine, zensical_config, zensical_pages
from .gather import alternates, brochure_writer, gather
from .offline import scrub_language
from .rootpage import root_files
from .stage import remove_stale_staging, staging_lock, sync_docs

log = logging.getLogger(__name__)

Progress = Callable[[str, str], None]
"""progress(step, detail): called as the build advances (for a progress display)."""

@dataclass(frozen=True)
class BuildOptions:
    """How to build: where to, for which date, with how many processes, what to include."""

    out: Path
    today: dt.date | None = None
    jobs: int | None = None
    brochures: bool = True
    strict: bool = False
    langs: tuple[str, ...] | None = None
    """Build only these languages and swap just their folders (live preview); None = all."""
    keep_brochures: bool = False
    """Without rendering brochures, keep (and link) the ones already in ``out`` (live preview)."""
    engine: str | None = None
    """``mkdocs`` or ``zensical`` (see engines.py); None: the root mkdocs.yml's choice, else mkdocs."""


@dataclass
class BuildReport:
    """What a build did, for the command's summary and the benchmark."""

    out: Path
    languages: list[str]
    seconds: float = 0.0
    steps: dict[str, float] = field(default_factory=dict)


def staging_root(show: Show) -> Path:
    """Where the generated Markdown and mkdocs.yml of each language are written."""
    return show.root / ".cache" / "showpress" / "staging"


def make_executor(jobs: int | None, languages: int, *, pdf: bool = False) -> ProcessPoolExecutor:
    """A process pool for MkDocs builds whose workers start with MkDocs already imported
    (and WeasyPrint, for the brochure pool that shares the fork server, when ``pdf``)."""
    workers = max(1, min(jobs or os.cpu_count() or 1, languages))
    return new_pool(workers, preload=PRELOAD_SITE + (PRELOAD_PDF if pdf else ()))


_JIEBA: list[object] = []


def _cache_theme_bytecode(cache_dir: str) -> None:
    """Let MkDocs' theme environment reuse compiled Jinja templates (Material's take ~1 s to compile).

    Compiled templates are keyed by the template source's checksum, so an edited override is
    recompiled. This changes nothing in the output; it is not an MkDocs hook or plugin.
    """
    import jinja2
    from mkdocs.theme import Theme

    if getattr(Theme.get_env, "showpress_cache", None) == cache_dir:
        return
    original = getattr(Theme.get_env, "showpress_original", Theme.get_env)
    Path(cache_dir).mkdir(parents=True, exist_ok=True)
    bytecode = jinja2.FileSystemBytecodeCache(cache_dir)

    def get_env(self: Theme) -> jinja2.Environment:
        env = original(self)
        env.bytecode_cache = bytecode
        return env

    get_env.showpress_cache = cache_dir  # type: ignore[attr-defined]
    get_env.showpress_original = original  # type: ignore[attr-defined]
    Theme.get_env = get_env  # type: ignore[method-assign]


def _prepare_worker(lang: str, cache_dir: str | None) -> None:
    import material.plugins.search.plugin as search_plugin

    if cache_dir:
        _cache_theme_bytecode(cache_dir)
    if not _JIEBA:
        _JIEBA.append(search_plugin.jieba)
        if search_plugin.jieba is not None:
            search_plugin.jieba.setLogLevel(logging.WARNING)
    # jieba segments Han text for Chinese only; Japanese kanji must not be cut the Chinese way.
    search_plugin.jieba = _JIEBA[0] if lang.split("-")[0] == "zh" else None
    for name in ("mkdocs", "material"):
        logging.getLogger(name).setLevel(logging.WARNING)


def build_language(
    config_file: str, lang: str, cache_dir: str | None = None, dirty: bool = False,
    engine: str = "mkdocs", output: str | None = None, today: str | None = None,
) -> tuple[str, float, str | None]:
    """Run one engine build (in a worker process): (lang, seconds, error message or None).

    ``dirty``: rebuild only pages whose source is newer than their output (see incremental.py);
    ``output``: where Zensical's output goes (MkDocs writes to the config's site_dir, the same
    folder); the pages written there are then repaired (enginemarkup.py). ``today`` (ISO date):
    the build's day, given to the engine as SOURCE_DATE_EPOCH (sitemap ``lastmod``, build dates).
    """
    started = time.perf_counter()
    wall = time.time()  # clock: compared with file times (pages written by this build), not a date
    if today:
        os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(dt.date.fromisoformat(today))
    try:
        if engine == "zensical" and output is not None:
            build_with_zensical(config_file, output)
        else:
            _prepare_worker(lang, cache_dir)
            build_with_mkdocs(config_file, dirty)
        if output is not None:
            repair_language(Path(output), since=wall - 1.0, lang=_lang_the_theme_lacks(lang))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent as that language's error
        message = str(exc) or type(exc).__name__
        return lang, time.perf_counter() - started, f"{type(exc).__name__}: {message}"
    return lang, time.perf_counter() - started, None


def _lang_the_theme_lacks(lang: str) -> str | None:
    """``lang`` when Material has no interface file for it (it then builds the page as English)."""
    from .config import material_language

    return lang if material_language(lang) == "en" and lang.split("-")[0] != "en" else None


def source_date_epoch(day: dt.date) -> str:
    """SOURCE_DATE_EPOCH for a build on ``day``: its noon UTC (the same date in every time zone
    MkDocs might print it in)."""
    return str(int(dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC).timestamp()))


def _run_builds(
    executor: Executor, jobs: Iterable[tuple[str, Path]], progress: Progress, cache_dir: Path,
    dirty: Iterable[str] = (), engine: str = "mkdocs", outputs: dict[str, Path] | None = None,
    today: dt.date | None = None,
) -> dict[str, float]:
    dirty = set(dirty)
    outputs = outputs or {}
    futures: dict[str, Future[tuple[str, float, str | None]]] = {
        lang: executor.submit(build_language, str(config), lang, str(cache_dir), lang in dirty, engine,
                              str(outputs[lang]) if lang in outputs else None,
                              today.isoformat() if today else None)
        for lang, config in jobs
    }
    seconds: dict[str, float] = {}
    errors: list[str] = []
    for lang, future in futures.items():
        what = "MkDocs" if engine == "mkdocs" else engine.capitalize()
        _, took, error = wait_for(future, f"language {lang!r}: {what} build")
        seconds[lang] = took
        if error:
            errors.append(f"language {lang!r}: {what} build failed: {error}")
        progress("built", lang)
    if errors:
        raise BuildError("\n".join(errors))
    return seconds


def _write_files(folder: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        target = (folder / rel).resolve()
        if not target.is_relative_to(folder.resolve()):
            raise BuildError(f"refusing to write {rel!r} outside {folder}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _swap(new: Path, out: Path, langs: list[str] | None) -> None:
    """Put ``new`` in place of ``out`` (whole folder, or only the given language folders)."""
    stamp = f"{os.getpid()}-{time.monotonic_ns()}"
    if langs is None or not out.exists():
        old = out.with_name(f".{out.name}.old-{stamp}")
        if out.exists():
            os.replace(out, old)
        os.replace(new, out)
        shutil.rmtree(old, ignore_errors=True)
        return
    for lang in langs:
        old = out.with_name(f".{out.name}.old-{stamp}-{lang}")
        if (out / lang).exists():
            os.replace(out / lang, old)
        os.replace(new / lang, out / lang)
        shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(new, ignore_errors=True)


def _stage(show: Show, options: BuildOptions, langs: list[str], contents: dict[str, Any],
           new: Path) -> list[tuple[str, Path]]:
    """Write each language's docs and mkdocs.yml (building into ``new/<lang>``); the MkDocs jobs."""
    root_config = load_root_config(show.root)
    engine = options.engine or "mkdocs"
    alt = alternates(show, contents)
    jobs: list[tuple[str, Path]] = []
    for lang in langs:
        content = contents[lang]
        stage = staging_root(show) / lang
        sync_docs(stage / "docs", zensical_pages(content.pages, content.files) if engine == "zensical" else content.pages,
                  content.files)
        plan = LanguagePlan(
            lang=lang,
            docs_dir=stage / "docs",
            site_dir=new / lang,
            editor_pages=content.editor_pages,
            has_news=content.has_news,
            extra_css=content.extra_css,
            extra_javascript=content.extra_javascript,
            feeds=content.feeds,
            alternates=alt[lang],
        )
        config_file = stage / "mkdocs.yml"
        config = language_config(show, root_config, plan, strict=options.strict)
        write_config(config_file, zensical_config(config, stage) if engine == "zensical" else config)
        jobs.append((lang, config_file))
    return jobs


def _produce(show: Show, options: BuildOptions, langs: list[str], jobs: list[tuple[str, Path]], new: Path,
             pool: Executor, write_brochures: Callable[..., Any] | None, notify: Progress,
             report: BuildReport) -> None:
    """MkDocs builds in ``pool``; meanwhile feeds and brochures in threads; all into ``new``."""
    today = show_today(show, options.today)
    brochure_dir = new.with_name(new.name + "-pdf")
    cache = show.root / ".cache" / "showpress" / "jinja"
    side = ThreadPoolExecutor(max_workers=2, thread_name_prefix="showpress-side")
    try:
        pdfs = (side.submit(write_brochures, show, brochure_dir, langs=langs, today=today)
                if write_brochures is not None else None)
        feeds = {lang: side.submit(feed_files, show, lang) for lang in langs}
        t0 = time.perf_counter()
        engine = options.engine or "mkdocs"
        outputs = {lang: new / lang for lang in langs}
        report.steps.update({f"{engine} {k}": v for k, v in
                             _run_builds(pool, jobs, notify, cache, engine=engine, outputs=outputs,
                                         today=today).items()})
        report.steps["mkdocs (wall)"] = time.perf_counter() - t0
        for lang in langs:
            scrub_language(new / lang)
            _write_files(new / lang, feeds[lang].result())
        notify("feeds", ", ".join(langs))
        report.steps["feeds (wait)"] = time.perf_counter() - t0 - report.steps["mkdocs (wall)"]
        if pdfs is not None:
            t0 = time.perf_counter()
            pdfs.result()  # bounded: write_brochures bounds each wait on its workers
            for lang in langs:
                pdf = brochure_dir / lang / "brochure.pdf"
                if pdf.exists():
                    os.replace(pdf, new / lang / "brochure.pdf")
                else:
                    log.warning("no brochure was written for %s", lang)
            report.steps["brochures (wait)"] = time.perf_counter() - t0
            notify("brochures", ", ".join(langs))
    except BaseException as exc:
        if not isinstance(exc, Exception):  # an interrupt: stop the brochure workers instead of awaiting them
            end_all_pools()
        raise
    finally:
        side.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(brochure_dir, ignore_errors=True)


def build_site(
    show: Show,
    options: BuildOptions,
    *,
    executor: Executor | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Build the whole site (or some languages of it) into ``options.out``."""
    started = time.perf_counter()
    notify = progress or (lambda step, detail: None)
    out = options.out.resolve()
    langs = list(options.langs or show.languages)
    unknown = [lang for lang in langs if lang not in show.languages]
    if unknown:
        raise BuildError(f"unknown language(s) {', '.join(unknown)}: the show has {', '.join(show.languages)}")
    report = BuildReport(out=out, languages=langs)
    options = replace(options, engine=choose_engine(options.engine, load_root_config(show.root)))
    today = show_today(show, options.today)
    write_brochures = brochure_writer() if options.brochures else None

    contents = gather(show, today, brochures=write_brochures is not None or options.keep_brochures)
    notify("gathered", f"{sum(len(c.pages) for c in contents.values())} pages")
    report.steps["gather"] = time.perf_counter() - started

    remove_stale_staging(out)
    new = out.with_name(f".{out.name}.new-{os.getpid()}")
    pool: Executor | None = None
    with sigterm_interrupts(), staging_lock(staging_root(show), worker_timeout()):
        try:
            shutil.rmtree(new, ignore_errors=True)
            new.mkdir(parents=True)
            jobs = _stage(show, options, langs, contents, new)
            notify("staged", ", ".join(langs))
            report.steps["stage"] = time.perf_counter() - started - report.steps["gather"]
            pool = executor or make_executor(options.jobs, len(langs), pdf=write_brochures is not None)
            _produce(show, options, langs, jobs, new, pool, write_brochures, notify, report)
            t0 = time.perf_counter()
            _finish(show, options, langs, new, out)
            report.steps["swap"] = time.perf_counter() - t0
            if executor is None:
                pool.shutdown(wait=True)
        except BaseException as exc:
            if pool is not None and executor is None:
                end_pool(pool)
            for folder in (new, new.with_name(new.name + "-pdf")):
                shutil.rmtree(folder, ignore_errors=True)
            if isinstance(exc, OSError):
                raise BuildError(f"writing the site failed: {exc}") from None
            raise
    report.seconds = time.perf_counter() - started
    log.debug("site build steps: %s", ", ".join(f"{k} {v:.2f} s" for k, v in report.steps.items()))
    notify("done", str(out))
    return report


def _finish(show: Show, options: BuildOptions, langs: list[str], new: Path, out: Path) -> None:
    """Kept brochures, the root page, then ``new`` swapped in place of ``out``."""
    if options.keep_brochures and not options.brochures:
        for lang in langs:
            if (out / lang / "brochure.pdf").exists() and not (new / lang / "brochure.pdf").exists():
                shutil.copy2(out / lang / "brochure.pdf", new / lang / "brochure.pdf")
    if options.langs is None:
        _write_files(new, root_files(show, show_today(show, options.today)))
    _swap(new, out, None if options.langs is None else langs)
