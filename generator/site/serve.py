"""`showpress serve`: build once, serve site/ over HTTP, rebuild what a change touches.

Every change under ``content/``, ``data/``, ``site_templates/`` or to ``mkdocs.yml`` reloads the
show and brings the site up to date with the same builder as ``showpress build``
(:class:`~generator.site.build.Builder`, here with an in-place target): only languages whose pages
changed are rebuilt, with MkDocs dirty builds where that is safe, and ``site/`` is updated in place. Changes are debounced (editors save several files at once) and the
MkDocs worker processes are kept for the whole session. A broken edit is reported and the last
good site keeps being served.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable
from http.server import ThreadingHTTPServer
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ..errors import ShowError
from ..load import LoadCache
from ..loading import load_checked_show
from ..show import Show
from .build import Builder, BuildOptions, make_executor, serve_builder
from .livereload import LiveHandler, LiveState, changed_files, snapshot, url_path

log = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 0.3
WATCHED = ("content", "data", "site_templates", "locale")
"""The project folders whose changes rebuild the site (``locale/``: the show's own catalogs)."""


def languages_to_rebuild(project: Path, changed: set[Path], languages: list[str]) -> list[str]:
    """Which languages a set of changed paths affects directly (all of them for data, templates and
    catalogs: a catalog of one language may be the fallback of another, zh.po of zh-TW).

    An empty list means the change is irrelevant (editor backups, the output, another language).
    The rebuild itself finds which languages' pages really changed (a story in the default
    language is the fallback in the others).
    """
    wanted: set[str] = set()
    for path in changed:
        try:
            parts = path.resolve().relative_to(project.resolve()).parts
        except ValueError:
            continue
        if not parts or any(p.startswith(".") or p.endswith("~") for p in parts):
            continue
        if parts[0] in ("data", "site_templates", "locale") or parts == ("mkdocs.yml",):
            return list(languages)
        if parts[0] == "content" and len(parts) > 1:
            if parts[1] in languages:
                wanted.add(parts[1])
    return [lang for lang in languages if lang in wanted]


class _Collector(FileSystemEventHandler):
    """Collects changed paths; the rebuild loop takes them once things are quiet."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.changed: set[Path] = set()
        self.last = 0.0
        self.first: float | None = None
        """When the first change of the batch not yet taken was seen (time.monotonic)."""
        self.wake = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        with self.lock:
            for attr in ("src_path", "dest_path"):
                value = getattr(event, attr, "")
                if value:
                    self.changed.add(Path(str(value)))
            self.last = time.monotonic()
            if self.first is None:
                self.first = self.last
        self.wake.set()

    def take_when_quiet(self) -> tuple[set[Path], float]:
        """The changed paths once nothing has changed for DEBOUNCE_SECONDS, and when the first was saved."""
        while True:
            with self.lock:
                quiet = time.monotonic() - self.last
                if self.changed and quiet >= DEBOUNCE_SECONDS:
                    changed, self.changed = self.changed, set()
                    first, self.first = self.first or self.last, None
                    return changed, first
            time.sleep(DEBOUNCE_SECONDS / 3)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


class _Brochures:
    """Renders the brochures again after an edit, in the background; their links are marked stale meanwhile."""

    def __init__(self, out: Path, live: LiveState, today: dt.date | None) -> None:
        self.out, self.live, self.today = out, live, today
        self.lock = threading.Lock()
        self.wanted: Show | None = None
        self.running = False

    def refresh(self, show: Show) -> None:
        """Render ``show``'s brochures soon (once more after the current rendering, if one runs)."""
        with self.lock:
            self.wanted = show
            if self.running:
                return
            self.running = True
        self.live.publish(set(), stale=True)
        threading.Thread(target=self._run, daemon=True, name="showpress-brochures").start()

    def _run(self) -> None:
        while True:
            with self.lock:
                show, self.wanted = self.wanted, None
                if show is None:
                    self.running = False
                    return
            started = time.perf_counter()
            try:
                written = self._render(show)
            except (ShowError, OSError) as exc:
                log.error("brochures not rendered again (the links keep the previous ones): %s", exc)
                written = []
            with self.lock:
                done = self.wanted is None
            self.live.publish({f"/{rel}" for rel in written}, stale=not done)
            if written:
                log.info("brochures rendered again in %.1f s: %s", time.perf_counter() - started, ", ".join(written))

    def _render(self, show: Show) -> list[str]:
        from ..dates import show_today
        from .gather import brochure_writer

        folder = Path(tempfile.mkdtemp(prefix=".brochures-", dir=self.out.parent))
        try:
            brochure_writer()(show, folder, langs=show.languages, today=show_today(show, self.today))
            written = []
            for lang in show.languages:
                if (folder / lang / "brochure.pdf").exists() and (self.out / lang).is_dir():
                    os.replace(folder / lang / "brochure.pdf", self.out / lang / "brochure.pdf")
                    written.append(f"{lang}/brochure.pdf")
            return written
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def _pages_named(changed: list[str], languages: list[str]) -> str:
    """'en/exhibitors/acme/' or 'en/exhibitors/acme/ and 3 more pages' for the console."""
    pages = sorted({url_path(rel).lstrip("/") or "/" for rel in changed if rel.endswith(".html")})
    if not pages:
        return "no page"
    order = {lang: i for i, lang in enumerate(languages)}
    # the most specific page (an exhibitor's rather than the list), in the show's first language
    first = min(pages, key=lambda p: (-p.count("/"), order.get(p.split("/")[0], len(order)), p))
    return first if len(pages) == 1 else f"{first} and {len(pages) - 1} more page{'s' if len(pages) > 2 else ''}"


def _rebuild(project: Path, site: Builder, live: LiveState, saved: float, loads: LoadCache | None = None) -> Show | None:
    """Load, check and rebuild; publish what changed; log the time from the save to the new pages."""
    before = snapshot(site.target.out)
    started = time.perf_counter()
    try:
        show = load_checked_show(project, strict=site.options.strict, cache=loads)
        report = site.build(show, brochures=False)
    except ShowError as exc:
        log.error("rebuild failed; still serving the last good site:\n%s", exc.format_message())
        return None
    changed = changed_files(before, snapshot(site.target.out))
    live.publish({url_path(rel) for rel in changed if not rel.endswith(".pdf")})
    log.info("rebuilt %s in %.2f s (%.2f s after the save; languages: %s)", _pages_named(changed, show.languages),
             time.perf_counter() - started, time.monotonic() - saved, ", ".join(report.languages) or "none")
    return show


def serve_site(
    project: Path,
    out: Path,
    *,
    today: dt.date | None = None,
    host: str = "127.0.0.1",
    port: int = 8000,
    brochures: bool = True,
    strict: bool = False,
    ready: Callable[[str], None] | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Build, serve and rebuild until interrupted (or until ``stop`` is set, for tests).

    ``strict``: as ``showpress build --strict``, warnings of the data and of MkDocs fail a build (the
    first one stops serve; a later one is reported and the last good site stays served)."""
    loads = LoadCache()  # files parsed once, parsed again only when their text changes
    show = load_checked_show(project, strict=strict, cache=loads)
    if threading.current_thread() is threading.main_thread():
        # `kill` (SIGTERM) stops like Ctrl+C, so the worker processes are shut down too.
        signal.signal(signal.SIGTERM, _interrupt)
    executor = make_executor(None, len(show.languages))
    stop = stop or threading.Event()
    try:
        site = serve_builder(show, BuildOptions(out=out, today=today, brochures=brochures, strict=strict), executor)
        report = site.build(show, brochures=brochures)
        log.info("built %s in %.1f s", ", ".join(report.languages) or "nothing (up to date)", report.seconds)
        live = LiveState()
        handler = type("_Handler", (LiveHandler,), {"live": live})
        httpd = ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(out)))
        refresher = _Brochures(site.target.out, live, today) if brochures else None
        url = f"http://{host}:{httpd.server_port}/"
        threading.Thread(target=httpd.serve_forever, daemon=True, name="showpress-http").start()
        collector = _Collector()
        observer = Observer()
        for name in WATCHED:
            if (project / name).is_dir():
                observer.schedule(collector, str(project / name), recursive=True)
        observer.schedule(collector, str(project), recursive=False)
        observer.start()
        log.info("serving %s at %s (Ctrl+C to stop)", out, url)
        if ready is not None:
            ready(url)
        try:
            while not stop.is_set():
                if not collector.wake.wait(timeout=0.2):
                    continue
                collector.wake.clear()
                changed, saved = collector.take_when_quiet()
                if not languages_to_rebuild(project, changed, show.languages):
                    continue
                rebuilt = _rebuild(project, site, live, saved, loads)
                if rebuilt is not None:
                    show = rebuilt
                    if refresher is not None:
                        refresher.refresh(show)
        finally:
            observer.stop()
            observer.join()
            httpd.shutdown()
    finally:
        executor.shutdown(cancel_futures=True)
