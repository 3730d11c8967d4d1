"""Benchmark of `showpress build`: the sample show, a synthetic N-exhibitor show, and a rebuild after a
one-file edit (what `showpress serve` does: only the edited language, worker processes kept).

    .venv/bin/python bench/bench_site.py [--exhibitors 1000] [--runs 1] [--brochures]

Prints a table of wall-clock seconds. Builds go to temporary folders; nothing in the repo changes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_synthetic_show import make_show  # noqa: E402

from generator.commandline import load_checked_show  # noqa: E402
from generator.site.build import BuildOptions, build_site, make_executor  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def timed(label: str, rows: list[tuple[str, float, str]], func, note: str = ""):  # noqa: ANN001, ANN201
    started = time.perf_counter()
    result = func()
    rows.append((label, time.perf_counter() - started, note))
    return result


def copy_project(source: Path, target: Path) -> Path:
    for name in ("data", "content", "mkdocs.yml", "site_templates"):
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name)
        elif (source / name).is_file():
            shutil.copy2(source / name, target / name)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exhibitors", type=int, default=1000)
    parser.add_argument("--news", type=int, default=50, help="news stories per language (synthetic show)")
    parser.add_argument("--events", type=int, default=100)
    parser.add_argument("--brochures", action="store_true", help="also render the PDF brochures")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="showpress-bench-") as tmp:
        tmpdir = Path(tmp)
        sample = copy_project(REPO, tmpdir / "sample")
        show = timed("sample: load + check", rows, lambda: load_checked_show(sample))
        options = BuildOptions(out=sample / "site", today=dt.date(2026, 5, 20), brochures=args.brochures)
        timed("sample: full build (cold caches)", rows, lambda: build_site(show, options),
              f"{len(show.languages)} languages, {len(show.exhibitors)} exhibitors")
        timed("sample: full build (warm)", rows, lambda: build_site(show, options))

        synth = make_show(tmpdir / "synthetic", args.exhibitors, args.news, args.events)
        show = timed("synthetic: load + check", rows, lambda: load_checked_show(synth))
        options = BuildOptions(out=synth / "site", today=dt.date(2026, 9, 20), brochures=args.brochures)
        pages = sum(1 for _ in (synth / "content").rglob("*.md"))
        timed("synthetic: full build (cold caches)", rows, lambda: build_site(show, options),
              f"{args.exhibitors} exhibitors x 4 languages, {pages} content files, {args.events} events")
        timed("synthetic: full build (warm)", rows, lambda: build_site(show, options))

        executor = make_executor(None, 1)
        try:
            one = BuildOptions(out=synth / "site", today=dt.date(2026, 9, 20), brochures=False,
                               langs=("en",), keep_brochures=True)
            build_site(show, one, executor=executor)  # warm the worker, as a running `serve` is
            press = synth / "content" / "en" / "press.md"

            def edit_and_rebuild() -> None:
                press.write_text(press.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
                build_site(load_checked_show(synth), one, executor=executor)

            timed("synthetic: one-file edit -> rebuild en (serve)", rows, edit_and_rebuild,
                  "load + check + gather all + MkDocs en")
        finally:
            executor.shutdown()

    width = max(len(r[0]) for r in rows)
    print(f"\nshowpress site benchmark — {platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, {platform.machine()}, brochures {'on' if args.brochures else 'off'}\n")
    print(f"| {'step'.ljust(width)} | seconds | notes")
    print(f"|-{'-' * width}-|--------:|------")
    for label, seconds, note in rows:
        print(f"| {label.ljust(width)} | {seconds:7.2f} | {note}")


if __name__ == "__main__":
    main()
