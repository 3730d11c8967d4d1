"""The brochure stage alone, for two versions of the code side by side in one run.

    .venv/bin/python bench/make_synthetic_show.py /tmp/show --exhibitors 2000 --news 300 --events 200 \
        --languages zh,en,ko,ja,ar
    mkdir /tmp/before && git archive HEAD generator site_templates | tar -x -C /tmp/before
    .venv/bin/python bench/bench_brochures.py /tmp/show --before /tmp/before --langs zh,en,ar

Each version loads the show and writes every chosen language's brochure (no PDF cache) in a
process of its own, timed by bench/run's process-tree wrapper: wall and CPU seconds of all
processes, peak RSS and PSS summed over the tree. The PDFs of the two
versions are compared byte for byte.
"""

from __future__ import annotations

import argparse
import datetime as dt
import filecmp
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 9, 20)


def stage(package: Path, show: Path, out: Path, langs: list[str] | None) -> None:
    """In the measured process: the brochures of ``show`` with the code of ``package``."""
    import generator

    if not Path(generator.__file__).resolve().is_relative_to(package.resolve()):
        raise SystemExit(f"{generator.__file__} is not the code of {package}")
    from generator.load import load_show
    from generator.pdf.brochures import write_brochures

    write_brochures(load_show(show), out, langs=langs, today=TODAY, use_cache=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("show", type=Path)
    parser.add_argument("--before", type=Path, help="a folder holding the other generator/ (required)")
    parser.add_argument("--langs", default="", help="comma-separated (default: every language of the show)")
    parser.add_argument("--stage", nargs=2, type=Path, metavar=("PACKAGE", "OUT"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    langs = options.langs.split(",") if options.langs else None
    if options.stage:
        stage(options.stage[0], options.show, options.stage[1], langs)
        return
    if options.before is None:
        parser.error("--before FOLDER: the other version's code (e.g. git archive HEAD generator site_templates)")
    sys.path.insert(0, str(REPO))
    from bench.measure import timed

    with tempfile.TemporaryDirectory(prefix="bench-brochures-") as tmp:
        outs = {}
        for name, package in (("before", options.before.resolve()), ("after", REPO)):
            outs[name] = Path(tmp) / name
            command = ["env", f"PYTHONPATH={package}", sys.executable, str(Path(__file__).resolve()),
                       str(options.show), "--langs", options.langs, "--stage", str(package), str(outs[name])]
            run = timed(f"brochures {name}", command, Path(tmp) / "logs", 3600)
            if not run.ok:
                raise SystemExit(run.log.read_text(encoding="utf-8", errors="replace")[-2000:])
        pdfs = sorted(p.relative_to(outs["before"]) for p in outs["before"].rglob("*.pdf"))
        same = [p for p in pdfs if filecmp.cmp(outs["before"] / p, outs["after"] / p, shallow=False)]
        print(f"identical PDFs: {len(same)} of {len(pdfs)}; load {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
