"""In-process benchmarks of `bench/run`, each run by the runner as its own process that prints JSON.

    .venv/bin/python -m bench.jobs edits PROJECT [--runs 3] [--profile OUT]
    .venv/bin/python -m bench.jobs mailing PROJECT CLIENTS.csv [--whole-sample 4] [--profile OUT]

``edits``: what `showpress serve` does after one news edit and after one exhibitor edit
(generator/site/build.py with its in-place target: reload, reuse unchanged pages, MkDocs dirty builds, site/ updated
in place), median of ``--runs``; reference: a clean full build of the same show with the same
warm worker processes. ``mailing``: ``run_mailing`` for every client of the CSV with a cold PDF
cache; reference: ``--whole-sample`` clients rendered whole (letter and brochure in one
WeasyPrint document), extrapolated to the same count. ``--profile``: record the measured step
(py-spy, or cProfile without it) and skip the references; ``--no-reference``: skip the clean
full build of ``edits`` (a loaded machine).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from bench.bench_site import edit_exhibitor, edit_story
from bench.profiles import attached
from generator.load import LoadCache
from generator.loading import load_checked_show
from generator.models import Client
from generator.pdf.mailing import Letter, run_mailing, survey_link, whole_client_pdf
from generator.site.build import BuildOptions, build_site, make_executor, serve_builder

TODAY = dt.date(2026, 9, 20)
MAIL_TODAY = dt.date(2026, 5, 20)
SECRET = "bench-secret"


def profiled(profile: Path | None, suffix: str) -> AbstractContextManager[None]:
    return attached(profile.with_name(profile.stem + suffix + profile.suffix)) if profile else nullcontext()


def stopwatch(func: Callable[[], object]) -> float:
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


def edits(project: Path, runs: int, profile: Path | None, reference: bool = True) -> dict[str, object]:
    loads = LoadCache()  # as `showpress serve` keeps it (serve.py)
    show = load_checked_show(project, cache=loads)
    executor = make_executor(None, len(show.languages))
    try:
        full_s = 0.0
        if profile is None and reference:  # a profiling run needs no reference
            full = BuildOptions(out=project / "site-full", today=TODAY, brochures=False)
            build_site(show, full, executor=executor)  # warms the workers and the disk, as a running serve has
            clean = BuildOptions(out=project / "site-clean", today=TODAY, brochures=False)  # an empty build state
            full_s = stopwatch(lambda: build_site(show, clean, executor=executor))
        site = serve_builder(show, BuildOptions(out=project / "site", today=TODAY, brochures=False), executor)
        site.build(show)
        result: dict[str, object] = {"full_build_s": full_s, "languages": len(show.languages),
                                     "exhibitors": len(show.exhibitors)}
        counter = 0
        for kind, edit in (("news", edit_story), ("exhibitor", edit_exhibitor)):
            times, cpu, steps = [], [], {}
            for _ in range(runs if profile is None else 0):
                counter += 1
                edit(project, counter)
                started, cpu_started = time.perf_counter(), time.process_time()
                report = site.build(load_checked_show(project, cache=loads))
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - cpu_started)
                steps = {k: round(v, 3) for k, v in report.steps.items()}
            if profile:
                counter += 1
                edit(project, counter)
                with profiled(profile, f"-{kind}"):
                    site.build(load_checked_show(project, cache=loads))
            result[f"edit_{kind}_s"] = statistics.median(times) if times else 0.0
            result[f"edit_{kind}_cpu_s"] = statistics.median(cpu) if cpu else 0.0  # this process (not the workers)
            result[f"edit_{kind}_steps"] = steps
        return result
    finally:
        executor.shutdown()


def read_clients(path: Path, count: int) -> list[Client]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))[:count]
    return [Client(id=row["id"], name=row["name"], language=row["language"]) for row in rows]


def mailing(project: Path, clients: Path, whole_sample: int, profile: Path | None) -> dict[str, object]:
    show = load_checked_show(project)
    with tempfile.TemporaryDirectory(prefix="showpress-bench-mail-") as tmp:
        work = Path(tmp)
        os.environ["SHOWPRESS_CACHE_DIR"] = str(work / "cache")  # cold: every brochure body is rendered too
        with profiled(profile, ""):
            started = time.perf_counter()
            result = run_mailing(show, clients, work / "out", secret=SECRET, kind="brochure", today=MAIL_TODAY)
            seconds = time.perf_counter() - started
        if result.problems:
            raise SystemExit("mailing problems: " + "; ".join(str(p) for p in result.problems[:5]))
        warm = 0.0
        if profile is None:  # again: the brochure bodies now come from the cache
            started = time.perf_counter()
            run_mailing(show, clients, work / "out-warm", secret=SECRET, kind="brochure", today=MAIL_TODAY)
            warm = time.perf_counter() - started
        languages = sorted({row.language for row in result.rows})
        sample = read_clients(clients, whole_sample if profile is None else 0)
        started = time.perf_counter()
        for client in sample:
            lang = client.language if client.language in show.languages else show.languages[0]
            letter = Letter(client, 0, lang, survey_link(show, client.id, lang, SECRET))
            whole_client_pdf(show, letter, "brochure", MAIL_TODAY)
        whole_each = (time.perf_counter() - started) / max(1, len(sample))
    return {"clients": len(result.rows), "seconds": seconds, "warm_seconds": warm, "whole_each_s": whole_each,
            "whole_sample": len(sample), "languages": languages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("job", choices=["edits", "mailing"])
    parser.add_argument("project", type=Path)
    parser.add_argument("clients", type=Path, nargs="?")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--whole-sample", type=int, default=4)
    parser.add_argument("--profile", type=Path, default=None)
    parser.add_argument("--no-reference", action="store_true", help="edits: skip the clean full build")
    parser.add_argument("--json", type=Path, required=True, help="write the result here")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    if args.job == "edits":
        result = edits(args.project.resolve(), args.runs, args.profile, reference=not args.no_reference)
    else:
        if args.clients is None:
            parser.error("mailing needs CLIENTS.csv")
        result = mailing(args.project.resolve(), args.clients.resolve(), args.whole_sample, args.profile)
    args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
