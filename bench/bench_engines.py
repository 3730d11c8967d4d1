"""Build one show with each engine (MkDocs + Material, Zensical) in one run and print the times.

    .venv/bin/python bench/bench_engines.py .                       # the sample show
    .venv/bin/python bench/make_synthetic_show.py /tmp/syn --exhibitors 300 --news 20 --events 40
    .venv/bin/python bench/bench_engines.py /tmp/syn

Site only (no brochures), every language, ``--jobs 2``; each engine builds twice (the first warms
the disk cache and Material's compiled templates) and the second is reported. Needs the zensical extra.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import tempfile
from pathlib import Path

from generator.loading import load_checked_show
from generator.site.build import BuildOptions, build_site


def measure(project: Path, engine: str, today: dt.date, jobs: int) -> tuple[float, float, int]:
    """(whole build seconds, engine wall seconds, HTML pages) of the second of two builds."""
    show = load_checked_show(project)
    with tempfile.TemporaryDirectory(prefix=f"bench-{engine}-") as tmp:
        out = Path(tmp) / "site"
        for _ in range(2):
            report = build_site(show, BuildOptions(out=out, today=today, jobs=jobs, brochures=False, engine=engine))
        pages = sum(1 for _ in out.rglob("*.html"))
        shutil.rmtree(out, ignore_errors=True)
    return report.seconds, report.steps.get("mkdocs (wall)", 0.0), pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 5, 20))
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    print("| engine | pages | engine wall (s) | whole site build (s) |")  # noqa: T201 - a command-line report
    print("|---|---:|---:|---:|")  # noqa: T201
    for engine in ("mkdocs", "zensical"):
        seconds, wall, pages = measure(args.project.resolve(), engine, args.today, args.jobs)
        print(f"| {engine} | {pages} | {wall:.1f} | {seconds:.1f} |")  # noqa: T201


if __name__ == "__main__":
    main()
