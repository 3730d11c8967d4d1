"""The one site builder: gather -> stage -> ask the build state -> engine builds -> feeds, brochures -> publish.

Lektor's shape: :class:`Builder` is one pipeline that asks a stored
:class:`~generator.site.buildstate.BuildState` whether each artifact is current (the whole site, a
language's engine output, its feeds, the brochures) and makes only what is not; a full build is a
build with an empty state. ``showpress build`` (:func:`build_site`) and ``showpress serve``
(serve.py) are two callers of it that differ only in their target (publish.py): a new folder
swapped in place of the old one, or a kept engine output copied into ``site/`` in place.

Each language's engine run (worker.py) and each brochure rendering is a job in one process pool
of one worker per core (schedule.py): a language's engine build starts as soon as it is staged,
the brochures when a worker is free, one at a time; feeds are made in a thread meanwhile. A
failure in any language raises :class:`~generator.errors.BuildError` naming it; ``build`` then
leaves the old site untouched.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import time
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..dates import local_today, show_today
from ..errors import BuildError
from ..feeds import feed_files
from ..show import Show
from ..urls import BROCHURE
from ..workers import (
    PRELOAD_PDF,
    PRELOAD_SITE,
    check_interrupted,
    end_all_pools,
    end_pool,
    new_pool,
    release_memory,
    sigterm_interrupts,
    worker_timeout,
)
from .buildstate import (
    BuildState,
    content_digest,
    dirty_fingerprint,
    feeds_key,
    inputs_digest,
    output_of,
    state_file,
)
from .config import LanguagePlan, language_config, load_root_config, write_config
from .engines import choose_engine, zensical_config, zensical_pages
from .gather import LanguageContent, PageCache, alternates, gather
from .offline import scrub_language
from .publish import InPlaceTarget, SwapTarget, Target
from .rootpage import root_files
from .schedule import BROCHURE as BROCHURE_JOB
from .schedule import ENGINE, Job, Scheduler, result
from .stage import StagedFiles, staging_lock, sync_docs
from .worker import Progress, build_language, make_executor, source_date_epoch

__all__ = ["BuildOptions", "BuildReport", "Builder", "Progress", "build_site", "current_site", "make_executor",
           "serve_builder", "source_date_epoch", "staging_root"]

log = logging.getLogger(__name__)

PRELOAD_ENGINE_JOBS = (*PRELOAD_SITE, "generator.site.worker")
PRELOAD_BROCHURE_JOBS = (*PRELOAD_PDF, "generator.pdf.brochures")
"""What the fork server of a build's pool imports once, for all its workers."""


@dataclass(frozen=True)
class BuildOptions:
    """How to build: where to, for which date, with how many processes, what to include."""

    out: Path
    today: dt.date | None = None
    jobs: int | None = None
    brochures: bool = True
    strict: bool = False
    langs: tuple[str, ...] | None = None
    """Build only these languages and swap just their folders; None = all."""
    keep_brochures: bool = False
    """Without rendering brochures, keep (and link) the ones already in ``out`` (live preview)."""
    engine: str | None = None
    """``mkdocs`` or ``zensical`` (see engines.py); None: the root mkdocs.yml's choice, else mkdocs."""


@dataclass
class BuildReport:
    """What a build did, for the command's summary and the benchmark."""

    out: Path
    languages: list[str]
    """The languages whose engine ran (empty: every language was current)."""
    seconds: float = 0.0
    steps: dict[str, float] = field(default_factory=dict)


def staging_root(show: Show) -> Path:
    """Where the generated Markdown and mkdocs.yml of each language are written."""
    return show.root / ".cache" / "showpress" / "staging"


def _settings(options: BuildOptions, engine: str, today: dt.date, langs: list[str]) -> dict[str, Any]:
    """The options a site depends on, for the inputs digest (the date in full: the sitemap's
    ``lastmod`` is the build's date, so another day is another site)."""
    return {"today": today.isoformat(), "engine": engine, "strict": options.strict, "langs": langs,
            "brochure_links": options.brochures or options.keep_brochures}


@dataclass
class _Run:
    """One build under way: what it was asked and what it found."""

    show: Show
    langs: list[str]
    engine: str
    today: dt.date
    inputs: str
    brochures: bool
    notify: Progress
    report: BuildReport
    jobs: list[tuple[str, Path]] = field(default_factory=list)
    dirty: list[str] = field(default_factory=list)
    pending: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    scheduler: Scheduler | None = None
    engines_from: float | None = None
    errors: list[str] = field(default_factory=list)


class Builder:
    """The one site builder (see the module doc); keep one per output folder for repeated builds."""

    def __init__(self, options: BuildOptions, target: Target, state: BuildState, *,
                 executor: Executor | None = None, stale: Path | None = None, keep_pages: bool = True):
        self.options = options
        self.keep_pages = keep_pages
        """Keep generated pages for the next build (serve); a one-time build lets them go once staged."""
        self.target = target
        self.state = state
        self.executor = executor
        self.stale = stale
        """Another state made stale by this builder's publishing (``build``'s, for ``serve``)."""
        self.pages = PageCache()
        self.staged: dict[str, StagedFiles] = {}
        self.configs: dict[str, tuple[bytes, str]] = {}  # staged mkdocs.yml texts (config.write_config)
        self.feeds_keys: dict[str, Any] = {}
        """Per language, what its feeds were last made from (see buildstate.feeds_key)."""

    def build(self, show: Show, *, brochures: bool | None = None, progress: Progress | None = None) -> BuildReport:
        """Bring the target up to date with ``show`` (``brochures``: render them; default: the options')."""
        started = time.perf_counter()
        langs = list(self.options.langs or show.languages)
        unknown = [lang for lang in langs if lang not in show.languages]
        if unknown:
            raise BuildError(f"unknown language(s) {', '.join(unknown)}: the show has {', '.join(show.languages)}")
        engine = choose_engine(self.options.engine, load_root_config(show.root))
        today = show_today(show, self.options.today)
        run = _Run(show, langs, engine, today, inputs_digest(show.root, _settings(self.options, engine, today, langs)),
                   self.options.brochures if brochures is None else brochures, progress or (lambda s, d: None),
                   BuildReport(out=self.target.out, languages=[]))
        if self._site_is_current(run):
            run.report.steps["inputs"] = time.perf_counter() - started
            run.notify("done", "nothing changed")
        else:
            with sigterm_interrupts(), staging_lock(staging_root(show), worker_timeout()):
                self._build(run)
        run.report.seconds = time.perf_counter() - started
        log.debug("site build steps: %s", ", ".join(f"{k} {v:.2f} s" for k, v in run.report.steps.items()))
        return run.report

    def _site_is_current(self, run: _Run) -> bool:
        return (self.state.inputs == run.inputs and (self.state.brochures or not run.brochures)
                and self.target.complete(run.langs))

    def _build(self, run: _Run) -> None:
        t0 = time.perf_counter()
        links = self.options.brochures or self.options.keep_brochures
        contents = gather(run.show, run.today, brochures=links, cache=self.pages if self.keep_pages else None)
        run.notify("gathered", f"{sum(len(c.pages) for c in contents.values())} pages")
        run.report.steps["gather"] = time.perf_counter() - t0
        run.scheduler = Scheduler(lambda: self._pool(run), self.options.jobs or os.cpu_count() or 1,
                                  fresh=self.executor is None)
        try:
            self.target.prepare()
            self.state.forget([])  # a build is under way
            t0 = time.perf_counter()
            self._stage(run, contents)
            contents.clear()  # the pages are staged: the main process holds them no longer
            if not self.keep_pages:  # serve keeps them for the next edit: a full collection there is 0.1 s per edit
                release_memory()
            run.report.languages = [lang for lang, _ in run.jobs]
            run.notify("staged", ", ".join(run.report.languages) or "nothing changed")
            run.report.steps["stage"] = time.perf_counter() - t0
            self._produce(run)
            if self.executor is None:
                run.scheduler.close()
        except BaseException as exc:
            if self.executor is None:
                run.scheduler.end(end_pool)
            elif isinstance(exc, Exception):  # serve's pool goes on: no job of this build may outlive it
                run.scheduler.settle()
            self.target.discard()
            if isinstance(exc, OSError):
                raise BuildError(f"writing the site failed: {exc}") from None
            raise
        self.state.finish(run.inputs, run.show.info.timezone, run.brochures, run.langs, list(run.show.languages))
        if self.stale is not None:
            self.stale.unlink(missing_ok=True)
        run.notify("done", str(self.target.out))

    def _pool(self, run: _Run) -> Executor:
        """The pool of one job (the scheduler's ``fresh``): one worker, forked from the fork server."""
        if self.executor is not None:
            return self.executor
        return new_pool(1, preload=PRELOAD_ENGINE_JOBS + (PRELOAD_BROCHURE_JOBS if run.brochures else ()))

    def _stage(self, run: _Run, contents: dict[str, LanguageContent]) -> None:
        """Write each language's docs and mkdocs.yml; queue the languages whose output is not current."""
        root_config = load_root_config(run.show.root)
        alt = alternates(run.show, contents)
        for lang in run.langs:
            content = contents[lang]
            stage = staging_root(run.show) / lang
            site_dir = self.target.site_dir(lang)
            plan = LanguagePlan(lang=lang, docs_dir=stage / "docs", site_dir=site_dir,
                                editor_pages=content.editor_pages, has_news=content.has_news,
                                extra_css=content.extra_css, extra_javascript=content.extra_javascript,
                                feeds=content.feeds, alternates=alt[lang])
            config = language_config(run.show, root_config, plan, strict=self.options.strict)
            pages = zensical_pages(content.pages, content.files) if run.engine == "zensical" else content.pages
            fingerprint = (dirty_fingerprint(config, pages, content.files, strict=self.options.strict)
                           if self.target.dirty_builds and run.engine == "mkdocs" else None)
            digest = content_digest(f"{run.engine}:{fingerprint}", config, pages, content.files)
            changed = sync_docs(stage / "docs", pages, content.files, known=self.staged.setdefault(lang, {}))
            write_config(stage / "mkdocs.yml", zensical_config(config, stage) if run.engine == "zensical" else config,
                         known=self.configs)
            if self.state.current(lang, digest) and self.target.has(lang):
                continue
            if fingerprint is not None and self.state.fingerprint(lang) == fingerprint and self.target.has(lang):
                run.dirty.append(lang)
                for rel in changed:  # a source no newer than its output (coarse clocks) is rebuilt all the same
                    (site_dir / output_of(rel)).unlink(missing_ok=True)
            run.jobs.append((lang, stage / "mkdocs.yml"))
            run.pending[lang] = (digest, fingerprint)
            self._start_engine(run, lang, stage / "mkdocs.yml")

    def _start_engine(self, run: _Run, lang: str, config: Path) -> None:
        """Queue ``lang``'s engine build now: it runs while the next languages are staged."""
        assert run.scheduler is not None
        self.state.forget([lang])
        if run.engines_from is None:
            run.engines_from = time.perf_counter()
        cache = run.show.root / ".cache" / "showpress" / "jinja"
        what = f"language {lang!r}: {'MkDocs' if run.engine == 'mkdocs' else run.engine.capitalize()} build"
        args = (str(config), lang, str(cache), lang in run.dirty, run.engine, str(self.target.site_dir(lang)),
                run.today.isoformat())
        run.scheduler.add(Job(ENGINE, lang, what, build_language, args))

    def _produce(self, run: _Run) -> None:
        """Feeds in a thread and the brochures queued while the engines build; then publish."""
        out = self.target.out
        brochure_dir = out.with_name(f".{out.name}.new-{os.getpid()}-pdf")
        built = {lang for lang, _ in run.jobs}
        keys = {lang: feeds_key(run.show, lang) for lang in run.langs}
        feed_langs = [lang for lang in run.langs
                      if (lang in built and lang not in run.dirty) or keys[lang] != self.feeds_keys.get(lang)]
        side = ThreadPoolExecutor(max_workers=1, thread_name_prefix="showpress-feeds")
        try:
            feeds = {lang: side.submit(feed_files, run.show, lang) for lang in feed_langs}
            brochures = self._queue_brochures(run, brochure_dir) if run.brochures else {}
            if run.brochures and not self.keep_pages:  # what making their HTML left (~70 MiB at show scale)
                release_memory()
            t0 = time.perf_counter()
            self._await_jobs(run, brochures)
            run.report.steps["jobs (wait)"] = time.perf_counter() - t0
            t0 = time.perf_counter()
            written = {lang: future.result() for lang, future in feeds.items()}
            run.notify("feeds", ", ".join(feed_langs))
            run.report.steps["feeds (wait)"] = time.perf_counter() - t0
            if run.brochures:
                run.notify("brochures", ", ".join(run.langs))
            t0 = time.perf_counter()
            root = None if self.options.langs is not None else root_files(run.show, run.today)
            check_interrupted()  # one the garbage collector swallowed must not publish the site
            copied = self.target.publish(run.langs, built, written, brochures, root)
            run.report.steps[f"publish ({copied} folders or files)"] = time.perf_counter() - t0
            self.feeds_keys.update(keys)
        except BaseException as exc:
            if not isinstance(exc, Exception):  # an interrupt: stop the workers instead of awaiting them
                end_all_pools()
            raise
        finally:
            side.shutdown(wait=True, cancel_futures=True)
            shutil.rmtree(brochure_dir, ignore_errors=True)

    def _queue_brochures(self, run: _Run, folder: Path) -> dict[str, Path]:
        """Each language's brochure: written now when cached, else queued as a job (schedule.py);
        where each will be, by language."""
        assert run.scheduler is not None
        from ..pdf.brochures import brochure_jobs, write_job

        t0 = time.perf_counter()
        paths: dict[str, Path] = {}
        try:
            for lang, job in brochure_jobs(run.show, run.langs, today=run.today):
                target = paths[lang] = folder / lang / BROCHURE
                if isinstance(job, bytes):
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(job)
                    continue
                run.scheduler.add(Job(BROCHURE_JOB, lang, f"brochure of language {lang!r} ({target})", write_job,
                                      (job, target), size=len(job.html)))
        except OSError as exc:
            raise BuildError(f"could not write the brochures to {folder}: {exc}") from exc
        run.report.steps["brochures (HTML)"] = time.perf_counter() - t0
        return paths

    def _await_jobs(self, run: _Run, brochures: dict[str, Path]) -> None:
        """Wait for every job; each engine output is scrubbed as it ends. Raises BuildError naming
        every language whose engine failed, else the first brochure's error."""
        assert run.scheduler is not None
        failed: list[BaseException] = []

        def done(job: Job) -> None:
            if job.kind == ENGINE:
                _, seconds, error = result(job)
                run.report.steps[f"{run.engine} {job.name}{' (dirty)' if job.name in run.dirty else ''}"] = seconds
                if error:
                    run.errors.append(f"{job.what} failed: {error}")
                else:
                    scrub_language(self.target.site_dir(job.name))
                run.notify("built", job.name)
                run.report.steps["mkdocs (wall)"] = time.perf_counter() - (run.engines_from or 0.0)
            else:
                try:
                    result(job)
                except OSError as exc:
                    failed.append(BuildError(f"could not write the brochures to {brochures[job.name].parent.parent}: {exc}"))
                except BaseException as exc:  # noqa: BLE001 - raised once the engines are accounted for
                    failed.append(exc)

        run.scheduler.run(done)
        if run.errors:
            raise BuildError("\n".join(run.errors))
        if failed:
            raise failed[0]
        for lang, _ in run.jobs:
            self.state.record(lang, *run.pending[lang])
        for lang, path in list(brochures.items()):
            if not path.exists():
                log.warning("no brochure was written for %s", lang)
                del brochures[lang]


def build_site(show: Show, options: BuildOptions, *, executor: Executor | None = None,
               progress: Progress | None = None) -> BuildReport:
    """Build the site (or some languages of it) into ``options.out``: only what changed since the
    last build into that folder (its state under .cache/showpress/state/)."""
    out = options.out.resolve()
    target = SwapTarget(out, partial=options.langs is not None, keep_brochures=options.keep_brochures)
    state = BuildState.load(state_file(show.root, out))
    return Builder(options, target, state, executor=executor, keep_pages=False).build(show, progress=progress)


def serve_builder(show: Show, options: BuildOptions, executor: Executor) -> Builder:
    """The builder of a ``showpress serve`` session: engine output kept in .cache/showpress/output/,
    ``options.out`` updated in place (see publish.InPlaceTarget)."""
    out = options.out.resolve()
    output_root = show.root / ".cache" / "showpress" / "output"
    target = InPlaceTarget(out, output_root, keep_brochures=options.brochures)
    state = BuildState.load(state_file(show.root, output_root))
    return Builder(options, target, state, executor=executor, stale=state_file(show.root, out))


def current_site(project: Path, options: BuildOptions) -> BuildReport | None:
    """A report of nothing to do when ``options.out`` already holds the site of exactly these
    inputs (checked before the show is even loaded); None when it must be built."""
    started = time.perf_counter()
    out = options.out.resolve()
    state = BuildState.load(state_file(project, out))
    if state.inputs is None or state.zone is None or (options.brochures and not state.brochures):
        return None
    from zoneinfo import ZoneInfo

    try:
        today = options.today or local_today(ZoneInfo(state.zone))
        engine = choose_engine(options.engine, load_root_config(project))
    except (BuildError, ValueError, KeyError):
        return None
    langs = list(options.langs) if options.langs else state.langs
    if inputs_digest(project, _settings(options, engine, today, langs)) != state.inputs:
        return None
    if not SwapTarget(out).complete(langs):
        return None
    return BuildReport(out=out, languages=[], seconds=time.perf_counter() - started)
