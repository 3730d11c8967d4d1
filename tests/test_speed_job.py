"""The whole job's scheduler (generator/site/schedule.py): slots, one brochure layout at a time,
brochures first and largest first, bounded waits, results and errors by job."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from generator import workers
from generator.errors import BuildError
from generator.site.schedule import BROCHURE, ENGINE, Job, Scheduler, result


class Recorder:
    """Jobs that note when they start and end (run by a real thread pool wider than the slots)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running: list[tuple[str, str]] = []
        self.starts: list[str] = []
        self.most = 0
        self.brochures_together = 0

    def work(self, kind: str, name: str, seconds: float) -> str:
        with self.lock:
            self.running.append((kind, name))
            self.starts.append(name)
            self.most = max(self.most, len(self.running))
            self.brochures_together = max(self.brochures_together, sum(1 for k, _ in self.running if k == BROCHURE))
        time.sleep(seconds)
        with self.lock:
            self.running.remove((kind, name))
        return name


def _job(recorder: Recorder, kind: str, name: str, *, size: int = 0, seconds: float = 0.05) -> Job:
    return Job(kind, name, f"{kind} {name}", recorder.work, (kind, name, seconds), size=size)


def test_at_most_slots_jobs_and_one_brochure_at_a_time_brochures_first_and_largest_first():
    recorder = Recorder()
    with ThreadPoolExecutor(max_workers=8) as pool:
        scheduler = Scheduler(lambda: pool, 2)
        for lang in ("e1", "e2", "e3", "e4"):
            scheduler.add(_job(recorder, ENGINE, lang))
        for lang, size in (("small", 10), ("large", 30), ("middle", 20)):
            scheduler.add(_job(recorder, BROCHURE, lang, size=size))
        ended = scheduler.run()
    assert sorted(result(job) for job in ended) == sorted(["e1", "e2", "e3", "e4", "small", "large", "middle"])
    assert recorder.most == 2
    assert recorder.brochures_together == 1
    brochures = [name for name in recorder.starts if name in ("small", "large", "middle")]
    assert brochures == ["large", "middle", "small"]
    # the first engines took both slots; the first free slot went to the largest brochure, not to e3
    assert recorder.starts[:3] == ["e1", "e2", "large"]


def test_no_pool_is_made_without_a_job():
    made: list[int] = []
    scheduler = Scheduler(lambda: made.append(1) or ThreadPoolExecutor(1), 2)
    assert scheduler.run() == []
    assert made == [] and scheduler.pools == []


def test_a_fresh_scheduler_runs_each_job_in_its_own_pool_and_shuts_it_down():
    recorder = Recorder()
    made: list[ThreadPoolExecutor] = []

    def pool() -> ThreadPoolExecutor:
        made.append(ThreadPoolExecutor(max_workers=1))
        return made[-1]

    scheduler = Scheduler(pool, 2, fresh=True)
    for lang in ("zh", "en", "ar"):
        scheduler.add(_job(recorder, ENGINE, lang))
    ended = scheduler.run()
    assert len(made) == 3 and len({id(job.pool) for job in ended}) == 3
    assert scheduler.pools == []
    assert all(p._shutdown for p in made)  # noqa: SLF001 - the pool's own flag


def test_a_job_past_the_bound_fails_naming_it(monkeypatch):
    monkeypatch.setenv(workers.TIMEOUT_VARIABLE, "0.3")
    recorder = Recorder()
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=2) as pool:
        scheduler = Scheduler(lambda: pool, 2)
        scheduler.add(_job(recorder, BROCHURE, "zh", seconds=3))
        with pytest.raises(BuildError, match=r"brochure zh: the worker process gave no result within 0\.3 s"):
            scheduler.run()
    assert time.monotonic() - started < 2.5 + 3  # the wait stopped at the bound (the thread itself runs on)


def test_a_failed_job_keeps_its_error_for_its_caller_and_the_others_run():
    def fails() -> None:
        raise ValueError("bad brochure")

    recorder = Recorder()
    with ThreadPoolExecutor(max_workers=2) as pool:
        scheduler = Scheduler(lambda: pool, 2)
        scheduler.add(Job(BROCHURE, "ar", "brochure ar", fails, ()))
        scheduler.add(_job(recorder, ENGINE, "en"))
        seen: list[str] = []
        ended = {job.name: job for job in scheduler.run(lambda job: seen.append(job.name))}
    assert sorted(seen) == ["ar", "en"]
    assert result(ended["en"]) == "en"
    with pytest.raises(ValueError, match="bad brochure"):
        result(ended["ar"])
