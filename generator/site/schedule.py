"""The CPU-heavy work of one build in one process pool: engine builds and brochure renderings.

Why one pool and a scheduler of our own: the engine builds (one per language, ~300 MB each at
bench scale) and the brochures (one per language, ~800 MB for the layout of a 280-page brochure)
used to run in two pools of their own, four processes on two cores, with two brochure layouts
held at once. Here:

- at most ``slots`` jobs run at once (one per core, or ``--jobs``), whatever their kind;
- a job is handed to the pool only when a slot is free, so the scheduler, not the pool's queue,
  decides what runs next: the longest chain first (a brochure when none is running: they run one
  at a time, ``brochure_slots``, so no two brochure layouts are ever held together), then the
  other jobs in the order they came (engine builds, each submitted as soon as its language is
  staged), brochures largest first;
- each job runs in a fresh worker (``fresh``: a pool of one worker per job, forked from the
  fork server, which has imported everything once): a worker that built a language keeps
  ~1.2 GB that malloc_trim cannot give back (live objects), and a brochure rendered after it in
  the same process reached 2 GB at bench scale. (Not ``max_tasks_per_child``: Python 3.11's pool
  then fails in its own thread when it is ended while a worker exits, which an interrupt does.)

Every wait is bounded: when no job ends for :func:`~generator.workers.worker_timeout` seconds (a
hang: on a loaded machine one brochure alone may take minutes), a :class:`~generator.errors.BuildError`
names the job running longest; the caller ends the pool on any exception (build.py).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from ..errors import BuildError
from ..workers import TIMEOUT_VARIABLE, check_interrupted, uninterrupted, worker_timeout

log = logging.getLogger(__name__)

BROCHURE = "brochure"
ENGINE = "engine"


@dataclass
class Job:
    """One piece of work for a worker: ``fn(*args)``, named by ``what`` in errors."""

    kind: str
    name: str
    """The language it is for (the key of its result)."""
    what: str
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    size: int = 0
    """How big it is, for largest-first among jobs of its kind (e.g. the brochure HTML's length)."""
    order: int = 0
    started: float = 0.0
    future: Future[Any] | None = field(default=None, repr=False)
    pool: Executor | None = field(default=None, repr=False)


class Scheduler:
    """Hands jobs to a pool ``slots`` at a time (see the module doc); ``pool()`` makes the pool at
    the first job, so a build with nothing to do starts no process. ``fresh``: ``pool()`` makes a
    pool of one worker for each job, shut down when the job ends, so every job runs in a new
    process and leaves nothing behind for the next."""

    def __init__(self, pool: Callable[[], Executor], slots: int, *, brochure_slots: int = 1, fresh: bool = False):
        self._make_pool = pool
        self.fresh = fresh
        self.pools: list[Executor] = []
        """The pools that may have work running (what :meth:`end` ends)."""
        self.slots = max(1, slots)
        self.brochure_slots = max(1, brochure_slots)
        self.waiting: list[Job] = []
        self.running: list[Job] = []
        self.finished: list[Job] = []
        self._count = 0
        self._lock = threading.Lock()

    def close(self) -> None:
        """Shut the pools down once every job ended."""
        for pool in self.pools:
            pool.shutdown(wait=True)
        self.pools.clear()

    def end(self, ender: Callable[[Executor], None]) -> None:
        """End every pool with ``ender`` (workers.end_pool: kill, do not wait)."""
        for pool in self.pools:
            ender(pool)
        self.pools.clear()

    def settle(self) -> None:
        """After a failure, with a pool that outlives the build (serve's): drop the jobs not
        started, cancel those the pool has not begun, and wait (bounded) for those it has: an
        engine build left running would write into the language's output while the next build's
        writes there too."""
        with self._lock:
            self.waiting.clear()
            running = [job.future for job in self.running if job.future is not None]
        for future in running:
            future.cancel()
        wait([future for future in running if not future.done()], timeout=worker_timeout())
        self.poll()

    def add(self, job: Job) -> None:
        """Queue ``job``; it starts as soon as a slot is free for it."""
        with self._lock:
            self._count += 1
            job.order = self._count
            self.waiting.append(job)
        self.poll()

    def _next(self) -> Job | None:
        brochures = sum(1 for job in self.running if job.kind == BROCHURE)
        ready = [job for job in self.waiting if job.kind != BROCHURE or brochures < self.brochure_slots]
        if not ready:
            return None
        return min(ready, key=lambda job: (job.kind != BROCHURE, -job.size if job.kind == BROCHURE else 0, job.order))

    def poll(self) -> None:
        """Note the jobs that ended and start waiting ones in the free slots (never blocks)."""
        with self._lock:
            for ended in [job for job in self.running if job.future is not None and job.future.done()]:
                self.running.remove(ended)
                self.finished.append(ended)
                if self.fresh and ended.pool is not None:  # its one worker is idle: it exits
                    ended.pool.shutdown(wait=False)
                    self.pools.remove(ended.pool)
            while len(self.running) < self.slots:
                job = self._next()
                if job is None:
                    break
                if self.fresh or not self.pools:  # not in the block below: a fork server it starts would inherit the mask
                    self.pools.append(self._make_pool())
                job.pool = self.pools[-1]
                self.waiting.remove(job)
                job.started = time.monotonic()
                with uninterrupted():  # a worker it starts is known to the pool before an interrupt ends it
                    job.future = job.pool.submit(job.fn, *job.args)
                self.running.append(job)
                log.debug("started %s (%d running, %d waiting)", job.what, len(self.running), len(self.waiting))

    def _check_time(self, limit: float, since: float) -> None:
        """A hang, not work: no job ended for ``limit`` seconds (the longest-running one is named)."""
        if not self.running or time.monotonic() - since <= limit:
            return
        job = min(self.running, key=lambda job: job.started)
        raise BuildError(
            f"{job.what}: the worker process gave no result within {limit:g} s and was stopped; "
            f"run the command again, or raise {TIMEOUT_VARIABLE} if it needs longer")

    def run(self, done: Callable[[Job], None] | None = None) -> list[Job]:
        """Run every queued job to its end (``done(job)`` as each ends); the jobs, finished."""
        limit = worker_timeout()
        reported: set[int] = set()
        since = time.monotonic()
        while True:
            check_interrupted()
            self.poll()
            for job in self.finished:
                if job.order not in reported:
                    reported.add(job.order)
                    since = time.monotonic()
                    if done is not None:
                        done(job)
            if not self.running and not self.waiting:
                return self.finished
            self._check_time(limit, since)
            futures = [job.future for job in self.running if job.future is not None]
            wait(futures, timeout=min(1.0, limit), return_when=FIRST_COMPLETED)


def result(job: Job) -> Any:
    """The result of a finished job; a dead worker becomes a BuildError naming the job."""
    assert job.future is not None
    try:
        return job.future.result(timeout=0)
    except BrokenProcessPool as exc:
        raise BuildError(f"{job.what}: a worker process died ({exc}); run the command again") from None
