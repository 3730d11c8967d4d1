"""Every process pool of showpress comes from here: one safe start method, bounded waits, clean ends.

Why one door: a child *forked* from a process that runs other threads (a pool's manager and
feeder threads, a thread rendering brochures beside the MkDocs builds) inherits every lock as it
was at the fork; a lock held by another thread at that instant (an import lock, a logging lock) is
never released in the child, which waits forever. So:

- every pool starts its workers from a **fork server** (a fresh single-threaded interpreter,
  started once per process, that imports the heavy modules once and forks the workers), never by
  forking the caller: :func:`process_pool` and :func:`new_pool` are the only places a
  ``ProcessPoolExecutor`` is made (``tests/test_build_lifecycle.py`` checks the source);
- every wait on a worker is bounded (:func:`wait_for`, ``SHOWPRESS_WORKER_TIMEOUT`` seconds,
  default 600) and fails with a :class:`~generator.errors.BuildError` naming what was awaited;
- workers end with the parent: on Linux each worker asks the kernel for SIGKILL when its parent
  (the fork server) dies, and the fork server exits when the process that started it dies; a
  watcher thread does the same elsewhere. An interrupt (Ctrl+C, or SIGTERM while
  :func:`sigterm_interrupts` is active) ends the workers at once (:func:`end_all_pools`) instead of
  waiting for them.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import multiprocessing
import os
import select
import signal
import sys
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from .errors import BuildError

log = logging.getLogger(__name__)

T = TypeVar("T")

START_METHOD = "forkserver"
"""How every worker process starts: forked from a single-threaded fork server, never from us."""

PRELOAD_SITE = ("mkdocs.commands.build", "mkdocs.config", "material.plugins.search.plugin", "jieba")
"""Modules the fork server imports once for MkDocs workers."""
PRELOAD_PDF = ("weasyprint",)
"""Modules the fork server imports once for brochure and mailing workers."""

TIMEOUT_VARIABLE = "SHOWPRESS_WORKER_TIMEOUT"
DEFAULT_TIMEOUT = 600.0
"""Seconds one wait on one worker result may take before the build fails (a hang, not work)."""

_PR_SET_PDEATHSIG = 1
_LIVE: weakref.WeakSet[ProcessPoolExecutor] = weakref.WeakSet()
"""Pools whose workers may be running: what :func:`end_all_pools` ends on an interrupt."""
_ENDING = threading.Event()
"""Set by :func:`end_all_pools`: the process is being interrupted, so no new pool may start."""


def worker_timeout() -> float:
    """The bound on one wait for a worker (``SHOWPRESS_WORKER_TIMEOUT``, seconds)."""
    raw = os.environ.get(TIMEOUT_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if value <= 0:
        raise BuildError(f"{TIMEOUT_VARIABLE}={raw!r}: give the seconds a worker may take, e.g. 600")
    return value


def _watch(owner: int) -> None:
    """Block until process ``owner`` ends, then end this process (a daemon thread in each worker)."""
    try:
        pidfd = os.pidfd_open(owner)  # Linux 5.3+: readable when the process ends
    except (AttributeError, OSError):
        pidfd = -1
    if pidfd >= 0:
        poller = select.poll()
        poller.register(pidfd, select.POLLIN)
        poller.poll()
    else:
        while True:
            try:
                os.kill(owner, 0)
            except ProcessLookupError:
                break
            except PermissionError:
                pass
            time.sleep(0.5)
    os._exit(1)


def _die_with(owner: int) -> None:
    """In a worker: end when ``owner`` (the process that made the pool) ends, however it ends.

    The fork server's workers hold the pipe that would tell the fork server its owner is gone, so
    neither outlives the owner by itself. On Linux the kernel also kills the worker if the fork
    server dies (PR_SET_PDEATHSIG).
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    threading.Thread(target=_watch, args=(owner,), daemon=True, name="showpress-owner-watch").start()


def release_memory() -> None:
    """Give memory freed by the work just done back to the system (glibc keeps it otherwise: a
    worker that rendered a 280-page brochure would hold ~550 MiB while it waits for the next job).
    An interrupt that came while the collector ran finalizers is raised here (check_interrupted)."""
    gc.collect()
    check_interrupted()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).malloc_trim(0)

def _init_worker(owner: int, environ: dict[str, str], cwd: str) -> None:
    """Worker start: die with the owner, and see the owner's environment and folder (the fork
    server was started earlier and kept what they were then)."""
    _die_with(owner)
    os.environ.clear()
    os.environ.update(environ)
    with contextlib.suppress(OSError):
        os.chdir(cwd)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches the whole group: the parent decides


def _start_fork_server() -> None:
    """Start the fork server if it is not running, with Ctrl+C ignored while it imports (a SIGINT
    to the process group would otherwise print its traceback); it ignores SIGINT itself once
    running. Meanwhile SIGINT is also blocked here: Linux keeps a blocked signal pending even
    when ignored, so a Ctrl+C of that moment reaches this process's own handler afterwards
    instead of being lost (the fork server inherits the mask; it and its workers ignore SIGINT).
    multiprocessing's resource tracker is started first, outside that moment: starting it
    unblocks SIGINT again."""
    from multiprocessing import forkserver, resource_tracker

    server = getattr(forkserver, "_forkserver", None)
    running = getattr(server, "_forkserver_pid", None) is not None
    if running or threading.current_thread() is not threading.main_thread():
        forkserver.ensure_running()  # running: a quick check (it restarts a dead server)
        return
    resource_tracker.ensure_running()
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def new_pool(max_workers: int, *, preload: Sequence[str] = ()) -> ProcessPoolExecutor:
    """A process pool whose workers come from the fork server (which imports ``preload`` once if
    this call starts it). The caller shuts it down; prefer :func:`process_pool`."""
    if _ENDING.is_set():
        raise BuildError("interrupted: no new worker processes are started")
    context = multiprocessing.get_context(START_METHOD)
    if preload:
        context.set_forkserver_preload(list(preload))  # no effect once the fork server runs
    _start_fork_server()
    pool = ProcessPoolExecutor(
        max_workers=max(1, max_workers), mp_context=context, initializer=_init_worker,
        initargs=(os.getpid(), dict(os.environ), os.getcwd()))
    _LIVE.add(pool)
    return pool


def end_pool(pool: Executor) -> None:
    """End a pool now: kill its workers (running work is lost) and cancel what waits."""
    # The pool's own dict: a worker whose start was under way when we looked is in it after shutdown.
    processes: dict[int, Any] | None = getattr(pool, "_processes", None)
    if processes is None:
        processes = {}
    _kill(list(processes.values()))
    pool.shutdown(wait=False, cancel_futures=True)  # no process starts after this
    _kill(list(processes.values()))
    if isinstance(pool, ProcessPoolExecutor):
        _LIVE.discard(pool)


def _kill(processes: list[Any]) -> None:
    for process in processes:
        with contextlib.suppress(Exception):
            process.kill()
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(timeout=5)


def end_all_pools() -> None:
    """End every pool made by :func:`new_pool` that is still open, and refuse new ones: the
    process is being interrupted (Ctrl+C, SIGTERM) and other threads must not start workers."""
    _ENDING.set()
    for pool in list(_LIVE):
        end_pool(pool)


class InlineExecutor(Executor):
    """Runs each task at once in the calling thread (one worker: no process to start)."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - delivered through the future, as a pool would
            future.set_exception(exc)
        return future


@contextlib.contextmanager
def process_pool(max_workers: int, *, preload: Sequence[str] = ()) -> Iterator[Executor]:
    """A pool for the ``with`` block; one worker runs inline. On any exception (an interrupt, a
    worker that timed out) the workers are killed instead of awaited."""
    if max_workers <= 1:
        yield InlineExecutor()
        return
    pool = new_pool(max_workers, preload=preload)
    try:
        with sigterm_interrupts():
            yield pool
    except BaseException:
        end_pool(pool)
        raise
    pool.shutdown(wait=True, cancel_futures=True)
    _LIVE.discard(pool)


def wait_for(future: Future[T], what: str, *, timeout: float | None = None) -> T:
    """A worker's result, waiting at most ``timeout`` (default :func:`worker_timeout`) seconds.

    ``what`` names the work for the error (``"brochure of language 'zh'"``).
    """
    limit = worker_timeout() if timeout is None else timeout
    try:
        return future.result(timeout=limit)
    except TimeoutError:
        if future.done():  # the worker's own TimeoutError, not ours
            raise
        raise BuildError(
            f"{what}: the worker process gave no result within {limit:g} s and was stopped; "
            f"run the command again, or raise {TIMEOUT_VARIABLE} if it needs longer") from None
    except BrokenProcessPool as exc:
        raise BuildError(f"{what}: a worker process died ({exc}); run the command again") from None


@contextlib.contextmanager
def uninterrupted() -> Iterator[None]:
    """Ctrl+C and SIGTERM wait until the block ends (then act as usual): for handing a job to a pool,
    which may start a worker; interrupted halfway, the worker would start unknown to the pool, after
    the pool was ended, and print a traceback."""
    blocked = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


_NOTED: list[int] = []
"""The signals that interrupted the current :func:`sigterm_interrupts` block (see :func:`check_interrupted`)."""


def _interrupt(signum: int, frame: object) -> None:
    _NOTED.append(signum)
    raise KeyboardInterrupt(f"signal {signum}")


def check_interrupted() -> None:
    """Raise KeyboardInterrupt again if Ctrl+C or SIGTERM came inside :func:`sigterm_interrupts`.

    Python runs a signal's handler wherever the main thread is; when that is a finalizer the
    garbage collector runs (a ``__del__``, a weakref callback: ``gc.collect()`` in
    :func:`release_memory`, or any allocation), the KeyboardInterrupt is printed as "ignored" or
    dropped, and the work would go on to its end and exit 0. Call this before what must not
    happen after an interrupt (publishing a build) and after collecting garbage.
    """
    if _NOTED:
        raise KeyboardInterrupt(f"signal {_NOTED[-1]}")


@contextlib.contextmanager
def sigterm_interrupts() -> Iterator[None]:
    """Inside the block, SIGTERM acts like Ctrl+C (KeyboardInterrupt) so that clean-up code runs,
    and both are noted for :func:`check_interrupted` (a handler someone else set, as serve does,
    is left alone).

    Only the main thread can handle signals; elsewhere this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    ours = {signum for signum, handler in previous.items()
            if handler in (signal.SIG_DFL, None, signal.default_int_handler)
            and not (signum == signal.SIGINT and handler == signal.SIG_DFL)}  # SIGINT left to the default stops at once
    if not ours:  # an enclosing block (or serve) handles them already
        yield
        return
    _NOTED.clear()
    for signum in ours:
        signal.signal(signum, _interrupt)
    try:
        yield
        check_interrupted()  # the block ended as if nothing happened: it did not
    finally:
        for signum in ours:
            signal.signal(signum, previous[signum])
        _NOTED.clear()


@contextlib.contextmanager
def interrupts_end_pools() -> Iterator[None]:
    """On Ctrl+C or SIGTERM inside the block, end every pool before anything awaits its workers
    (put it after a thread pool in a ``with``: it exits first, so the threads have nothing to wait for)."""
    try:
        yield
    except (KeyboardInterrupt, SystemExit):
        end_all_pools()
        raise
