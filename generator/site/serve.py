"""`showpress serve`: build once, serve site/ over HTTP, rebuild what a change touches.

Every change under ``content/``, ``data/``, ``site_templates/`` or to ``mkdocs.yml`` reloads the
show and brings the site up to date with an :class:`~generator.site.incremental.IncrementalSite`:
only languages whose pages changed are rebuilt, with MkDocs dirty builds where that is safe, and
``site/`` is updated in place. Changes are debounced (editors save several files at once) and the
MkDocs worker processes are kept for the whole session. A broken edit is reported and the last
good site keeps being served.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import signal
import threading
import time
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ..commandline import load_checked_show
from ..errors import ShowError
from .build import make_executor
from .incremental import IncrementalSite

log = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 0.3
WATCHED = ("content", "data", "site_templates")


def languages_to_rebuild(project: Path, changed: set[Path], languages: list[str]) -> list[str]:
    """Which languages a set of changed paths affects directly (all of them for data and templates).

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
        if parts[0] in ("data", "site_templates") or parts == ("mkdocs.yml",):
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
        self.wake.set()

    def take_when_quiet(self) -> set[Path]:
        while True:
            with self.lock:
                quiet = time.monotonic() - self.last
                if self.changed and quiet >= DEBOUNCE_SECONDS:
                    changed, self.changed = self.changed, set()
                    return changed
            time.sleep(DEBOUNCE_SECONDS / 3)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        log.debug("%s - %s", self.address_string(), format % args)


def serve_site(
    project: Path,
    out: Path,
    *,
    today: dt.date | None = None,
    host: str = "127.0.0.1",
    port: int = 8000,
    brochures: bool = True,
    ready: Callable[[str], None] | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Build, serve and rebuild until interrupted (or until ``stop`` is set, for tests)."""
    show = load_checked_show(project)
    if threading.current_thread() is threading.main_thread():
        # `kill` (SIGTERM) stops like Ctrl+C, so the worker processes are shut down too.
        signal.signal(signal.SIGTERM, _interrupt)
    executor = make_executor(None, len(show.languages))
    stop = stop or threading.Event()
    try:
        site = IncrementalSite(out, executor=executor, today=today, brochures=brochures)
        report = site.build(show, brochures=brochures)
        log.info("built %s in %.1f s", ", ".join(report.languages) or "nothing (up to date)", report.seconds)
        httpd = ThreadingHTTPServer((host, port), functools.partial(_QuietHandler, directory=str(out)))
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
                changed = collector.take_when_quiet()
                langs = languages_to_rebuild(project, changed, show.languages)
                if not langs:
                    continue
                started = time.perf_counter()
                try:
                    show = load_checked_show(project)
                    report = site.build(show)
                except ShowError as exc:
                    log.error("rebuild failed; still serving the last good site:\n%s", exc.format_message())
                    continue
                log.info("rebuilt %s in %.1f s", ", ".join(report.languages) or "nothing",
                         time.perf_counter() - started)
        finally:
            observer.stop()
            observer.join()
            httpd.shutdown()
    finally:
        executor.shutdown(cancel_futures=True)
