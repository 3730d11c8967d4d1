"""Benchmark of `showpress build`: the sample show, a synthetic N-exhibitor show, and rebuilds after
one-file edits, side by side in one run:

- *before*: what `showpress serve` did until the incremental builds: reload the show, gather every
  page, clean MkDocs builds of the edited language (all languages after a data edit), folder swap;
- *after*: what `showpress serve` does now (generator/site/build.py, in-place target): reload the show,
  reuse unchanged generated pages, MkDocs dirty builds of the languages whose pages changed,
  site/ updated in place.

Both keep their worker processes between edits, as a running `serve` does. Edits: one editor
page (content/en/press.md), one news story (content/en/news/), one exhibitor (data/exhibitors.yml).

    .venv/bin/python bench/bench_site.py [--exhibitors 1000] [--edits 3] [--brochures] [--skip-full]

Prints a table of wall-clock seconds (edits: the median of --edits runs). Builds go to temporary
folders; nothing in the repo changes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_synthetic_show import make_show  # noqa: E402

from generator.loading import load_checked_show  # noqa: E402
from generator.site.build import BuildOptions, build_site, make_executor, serve_builder  # noqa: E402

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


def edit_press(project: Path, n: int) -> None:
    press = project / "content" / "en" / "press.md"
    press.write_text(press.read_text(encoding="utf-8") + f"\nOne more line ({n}).\n", encoding="utf-8")


def edit_story(project: Path, n: int) -> None:
    story = sorted((project / "content" / "en" / "news").glob("*.md"))[0]
    story.write_text(story.read_text(encoding="utf-8") + f"\nA late addition ({n}).\n", encoding="utf-8")


def edit_exhibitor(project: Path, n: int) -> None:
    data = project / "data" / "exhibitors.yml"
    text = data.read_text(encoding="utf-8")
    at = text.index("    en: ", text.index("  description:\n")) + len("    en: ")
    data.write_text(text[:at] + f"edited{n} " + text[at:], encoding="utf-8")


EDITS = {"editor page content/en/press.md": edit_press, "news story content/en/news/": edit_story,
         "one exhibitor in data/exhibitors.yml": edit_exhibitor}


def measure_edits(rows: list[tuple[str, float, str]], label: str, project: Path, runs: int, rebuild) -> None:  # noqa: ANN001
    """Median seconds of ``runs`` edits of each kind; ``rebuild(show, data_edit)`` -> short note."""
    counter = 0
    for name, edit in EDITS.items():
        totals, loads, notes = [], [], ""
        for _ in range(runs):
            counter += 1
            edit(project, counter)
            started = time.perf_counter()
            show = load_checked_show(project)
            loaded = time.perf_counter()
            notes = rebuild(show, edit is edit_exhibitor)
            totals.append(time.perf_counter() - started)
            loads.append(loaded - started)
        rows.append((f"{label}: edit {name}", statistics.median(totals),
                     f"load + check {statistics.median(loads):.2f} s; {notes}"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exhibitors", type=int, default=1000)
    parser.add_argument("--news", type=int, default=50, help="news stories per language (synthetic show)")
    parser.add_argument("--events", type=int, default=100)
    parser.add_argument("--edits", type=int, default=3, help="runs of each edit (the median is shown)")
    parser.add_argument("--brochures", action="store_true", help="also render the PDF brochures")
    parser.add_argument("--skip-full", action="store_true", help="skip the sample show and the timed full builds")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    rows: list[tuple[str, float, str]] = []
    today = dt.date(2026, 9, 20)
    with tempfile.TemporaryDirectory(prefix="showpress-bench-") as tmp:
        tmpdir = Path(tmp)
        if not args.skip_full:
            sample = copy_project(REPO, tmpdir / "sample")
            show = timed("sample: load + check", rows, lambda: load_checked_show(sample))
            options = BuildOptions(out=sample / "site", today=dt.date(2026, 5, 20), brochures=args.brochures)
            timed("sample: full build (cold caches)", rows, lambda: build_site(show, options),
                  f"{len(show.languages)} languages, {len(show.exhibitors)} exhibitors")
            timed("sample: full build (warm)", rows, lambda: build_site(show, options))

        synth = make_show(tmpdir / "synthetic", args.exhibitors, args.news, args.events)
        show = timed("synthetic: load + check", rows, lambda: load_checked_show(synth))
        options = BuildOptions(out=synth / "site", today=today, brochures=args.brochures)
        pages = sum(1 for _ in (synth / "content").rglob("*.md"))
        timed("synthetic: full build (cold caches)", rows, lambda: build_site(show, options),
              f"{args.exhibitors} exhibitors x 4 languages, {pages} content files, {args.events} events")
        if not args.skip_full:
            timed("synthetic: full build (warm)", rows, lambda: build_site(show, options))

        executor = make_executor(None, len(show.languages))
        try:
            def before(show, data_edit: bool) -> str:  # noqa: ANN001
                langs = tuple(show.languages) if data_edit else ("en",)
                report = build_site(show, BuildOptions(out=synth / "site", today=today, brochures=False, langs=langs,
                                                       keep_brochures=True), executor=executor)
                return f"clean MkDocs {', '.join(langs)}, gather all, swap ({report.seconds:.2f} s)"

            build_site(show, BuildOptions(out=synth / "site", today=today, brochures=False, langs=("en",),
                                          keep_brochures=True), executor=executor)  # warm the workers
            measure_edits(rows, "before", synth, args.edits, before)

            site = serve_builder(show, BuildOptions(out=synth / "site", today=today, brochures=args.brochures),
                                 executor)

            def after(show, data_edit: bool) -> str:  # noqa: ANN001, ARG001
                report = site.build(show)
                return (f"MkDocs {', '.join(k[7:] for k in report.steps if k.startswith('mkdocs ') and '(wall)' not in k)}"
                        f" ({report.seconds:.2f} s: " + ", ".join(f"{k} {v:.2f}" for k, v in report.steps.items()
                                                                  if not k.startswith("mkdocs ") or "(wall)" in k) + ")")

            show = load_checked_show(synth)
            timed("after: first build of the session (as `serve` starts)", rows, lambda: site.build(show),
                  "clean MkDocs builds into .cache/showpress/output/, then site/ updated in place")
            measure_edits(rows, "after", synth, args.edits, after)
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
