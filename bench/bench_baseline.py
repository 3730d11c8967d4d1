"""Benchmark of SPEC "Quality bars": `showpress build` of the bench show against the naive baseline.

The bench show: 2,000 exhibitors, 4 languages (zh default, en, ko, ja), 300 news per language,
200 events (bench/make_synthetic_show.py). Side by side in one run:

- *showpress*: the real CLI in a subprocess, `showpress build --project P --out O --today T
  --no-brochures`, on a fresh project (cold .cache), then once more (warm .cache); with
  ``--brochures`` also a build with the PDF brochures (a separate figure);
- *baseline*: ONE MkDocs project with mkdocs-static-i18n (``docs_structure: folder``, zh default),
  Material, the same markdown_extensions, and no ``nav``, so MkDocs puts EVERY page in the
  navigation of every page; its docs are the very Markdown showpress staged for the timed build
  (``<project>/.cache/showpress/staging/<lang>/docs/`` -> ``docs/<lang>/``). Timed: `mkdocs build`.
  (The baseline is not charged for writing the Markdown; showpress is, and for feeds too.)

A baseline slower than ``--cap`` seconds is stopped and reported as "> cap"; the run then measures
the ``--fallback`` size too (default 500 exhibitors, 75 news per language, 50 events), where it
finishes, and reports the ratio there.

    .venv/bin/pip install -r bench/requirements-baseline.txt   # the baseline's plugin, once
    .venv/bin/python bench/bench_baseline.py [--size 2000,300,200] [--cap 1200] [--brochures]
        [--fallback 500,75,50] [--wait-load 1.0] [--keep DIR]

Each command runs under a small wrapper process (a child subreaper, so the MkDocs worker processes
that showpress forks are counted too): wall seconds, CPU seconds of the whole process tree (user +
system; less sensitive than wall time to other jobs on a shared machine), and peak memory as the sum
of the tree's resident sets, sampled every 0.2 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_synthetic_show import LANGS, make_show  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
REQUIREMENTS = Path(__file__).resolve().parent / "requirements-baseline.txt"
TODAY = "2026-09-20"
LANGUAGE_NAMES = {"zh": "中文", "en": "English", "ko": "한국어", "ja": "日本語", "ar": "العربية"}

WRAPPER = r"""
import ctypes, json, os, resource, signal, subprocess, sys, time
result, cap, log, cmd = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4:]
ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER: orphaned workers are reaped here
page = os.sysconf("SC_PAGE_SIZE")

def pss(pid):
    try:
        for line in open(f"/proc/{pid}/smaps_rollup"):
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0

def tree_rss(sid):
    total = shared = 0
    for pid in os.listdir("/proc"):
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[3] == str(sid):
            total += int(fields[21]) * page
            shared += pss(pid)
    return total, shared

with open(log, "wb") as out:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    peak = peak_pss = 0
    timed_out = False
    while proc.poll() is None:
        if time.perf_counter() - started > cap:
            os.killpg(proc.pid, signal.SIGKILL)
            timed_out = True
            proc.wait()
            break
        rss, proportional = tree_rss(proc.pid)
        peak, peak_pss = max(peak, rss), max(peak_pss, proportional)
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    rc = proc.returncode
deadline = time.monotonic() + 30
while True:
    try:
        pid, _ = os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        break
    if pid == 0:
        if time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
        time.sleep(0.05)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(result, "w") as f:
    json.dump({"seconds": seconds, "rc": rc, "timed_out": timed_out, "peak_tree_rss_mib": peak / 2**20, "peak_tree_pss_mib": peak_pss / 2**20,
               "max_process_rss_mib": usage.ru_maxrss / 1024, "cpu": usage.ru_utime + usage.ru_stime}, f)
"""
"""Runs one command in its own session: wall seconds, exit code, peak RSS and peak PSS (sums over its
process tree, sampled every 0.2 s; PSS shares each page among the processes that map it), CPU seconds of the whole tree (as a subreaper it reaps the orphans too)."""


@dataclass
class Run:
    """One command timed under WRAPPER (bench/measure.py times its commands the same way)."""

    label: str
    command: list[str]
    seconds: float
    cpu: float
    """CPU seconds of the whole process tree (user + system)."""
    rss_mib: float
    """Peak resident memory of the whole process tree (sum, sampled every 0.2 s)."""
    pss_mib: float
    """Peak proportional set size of the tree: each shared page split among the processes mapping it."""
    rc: int
    timed_out: bool
    load: float
    """The 1-minute load average just before the run."""
    log: Path

    @property
    def ok(self) -> bool:
        return self.rc == 0 and not self.timed_out

    def figure(self, cap: float) -> str:
        if self.timed_out:
            return f"> {cap:.0f}"
        return f"{self.seconds:.1f}" if self.ok else f"failed (exit {self.rc})"


def run_wrapped(label: str, command: list[str], log: Path, result: Path, cap: float, load: float) -> Run:
    """Run ``command`` under WRAPPER, its output to ``log``, stopped after ``cap`` seconds; its figures."""
    subprocess.run([sys.executable, "-c", WRAPPER, str(result), str(cap), str(log), *command], check=True)
    data = json.loads(result.read_text())
    return Run(label, command, data["seconds"], data["cpu"], data["peak_tree_rss_mib"],
               data.get("peak_tree_pss_mib", 0.0), data["rc"], data["timed_out"], load, log)


def pinned_version() -> str:
    for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        if line.startswith("mkdocs-static-i18n=="):
            return line.split("==", 1)[1].strip()
    raise SystemExit(f"{REQUIREMENTS}: no mkdocs-static-i18n pin")


def require_plugin() -> str:
    """The installed mkdocs-static-i18n version; stop with the install command when it is missing."""
    install = f"{Path(sys.executable).parent / 'pip'} install -r {REQUIREMENTS.relative_to(REPO)}"
    try:
        version = importlib.metadata.version("mkdocs-static-i18n")
    except importlib.metadata.PackageNotFoundError:
        raise SystemExit(f"the baseline needs mkdocs-static-i18n; install it with:\n    {install}") from None
    if version != pinned_version():
        raise SystemExit(f"mkdocs-static-i18n {version} is installed, the benchmark pins {pinned_version()}:\n"
                         f"    {install}")
    return version


def tool(name: str) -> list[str]:
    exe = Path(sys.executable).parent / name
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-m", "generator" if name == "showpress" else name]


def wait_for_load(threshold: float | None, max_wait: float) -> None:
    if threshold is None:
        return
    started = time.monotonic()
    while os.getloadavg()[0] > threshold and time.monotonic() - started < max_wait:
        print(f"  load {os.getloadavg()[0]:.2f} > {threshold}; waiting…", flush=True)
        time.sleep(15)


def timed(label: str, command: list[str], logs: Path, cap: float, args: argparse.Namespace) -> Run:
    wait_for_load(args.wait_load, args.wait_max)
    load = os.getloadavg()[0]
    logs.mkdir(parents=True, exist_ok=True)
    log = logs / (label.replace(" ", "-").replace("/", "-") + ".log")
    result = logs / "result.json"
    print(f"  [{label}] load {load:.2f}: {shlex.join(command)}", flush=True)
    run = run_wrapped(label, command, log, result, cap, load)
    print(f"  [{label}] {run.figure(cap)} s, peak RSS {run.rss_mib:.0f} MiB, CPU {run.cpu:.1f} s", flush=True)
    if not run.ok and not run.timed_out:
        print(log.read_text(encoding="utf-8", errors="replace")[-3000:], file=sys.stderr)
    return run


def baseline_project(project: Path, target: Path, langs: list[str] = LANGS) -> tuple[Path, dict[str, int]]:
    """One MkDocs + mkdocs-static-i18n project from showpress's staged Markdown; (mkdocs.yml, pages per lang)."""
    staging = project / ".cache" / "showpress" / "staging"
    default = langs[0]
    staged = {lang: yaml.safe_load((staging / lang / "mkdocs.yml").read_text(encoding="utf-8")) for lang in langs}
    pages: dict[str, int] = {}
    shutil.rmtree(target, ignore_errors=True)
    for lang in langs:
        shutil.copytree(staging / lang / "docs", target / "docs" / lang)
        pages[lang] = sum(1 for _ in (target / "docs" / lang).rglob("*.md"))
    base = staged[default]
    theme = {k: v for k, v in base["theme"].items() if k not in ("custom_dir", "language", "direction")}
    config = {
        "site_name": base["site_name"],
        "site_description": base["site_description"],
        "site_url": base["site_url"].rstrip("/").rsplit("/", 1)[0] + "/",
        "docs_dir": "docs",
        "site_dir": str(target / "site"),
        "use_directory_urls": True,
        "theme": theme,
        # No nav: MkDocs lists every page (2,000 exhibitors, the news...) in the navigation.
        "plugins": ["search", {"i18n": {
            "docs_structure": "folder",
            "languages": [{"locale": lang, "name": LANGUAGE_NAMES.get(lang, lang), "default": lang == default,
                           "build": True, "site_name": staged[lang]["site_name"]} for lang in langs],
        }}],
        "markdown_extensions": base["markdown_extensions"],
        "extra_css": base.get("extra_css", []),
        "extra_javascript": base.get("extra_javascript", []),
        "extra": {"generator": False},
    }
    config_file = target / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_file, pages


def measure(size: tuple[int, int, int], work: Path, args: argparse.Namespace, full: bool) -> dict:
    exhibitors, news, events = size
    name = f"show-{exhibitors}-{news}-{events}"
    print(f"\n{name}: generating ({exhibitors} exhibitors, {len(LANGS)} languages, {news} news per language, "
          f"{events} events)", flush=True)
    shutil.rmtree(work / name, ignore_errors=True)
    project = make_show(work / name, exhibitors, news, events)
    logs = work / "logs" / name
    showpress = [*tool("showpress"), "build", "--project", str(project), "--out", str(project / "site"),
                 "--today", TODAY]
    row: dict = {"size": size, "runs": {}}
    row["runs"]["cold"] = timed(f"{name} showpress cold", [*showpress, "--no-brochures"], logs, args.cap, args)
    if not row["runs"]["cold"].ok:
        raise SystemExit(f"showpress build failed; see {row['runs']['cold'].log}")
    config_file, row["pages"] = baseline_project(project, work / f"{name}-baseline")
    if full:
        row["runs"]["warm"] = timed(f"{name} showpress warm", [*showpress, "--no-brochures"], logs, args.cap, args)
        if args.brochures:
            row["runs"]["brochures"] = timed(f"{name} showpress brochures", showpress, logs, args.cap, args)
    shutil.rmtree(project / "site", ignore_errors=True)
    baseline = [*tool("mkdocs"), "build", "--clean", "-f", str(config_file)]
    run = row["runs"]["baseline"] = timed(f"{name} baseline", baseline, logs, args.cap, args)
    text = run.log.read_text(encoding="utf-8", errors="replace")
    row["warnings"] = sum(1 for line in text.splitlines() if line.startswith("WARNING"))
    if run.ok:
        built = work / f"{name}-baseline" / "site"
        row["baseline_html"] = sum(1 for _ in built.rglob("index.html"))
        row["baseline_mib"] = sum(p.stat().st_size for p in built.rglob("*") if p.is_file()) / 2**20
    if not args.keep:
        shutil.rmtree(work / f"{name}-baseline" / "site", ignore_errors=True)
    return row


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def report(rows: list[dict], args: argparse.Namespace, version: str, load_start: tuple[float, ...]) -> None:
    cap = args.cap
    print(f"\nshowpress build vs. one MkDocs project with mkdocs-static-i18n {version} and every page in the nav")
    print(f"date {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; {os.cpu_count()} CPUs (nproc), {cpu_model()}; "
          f"Python {platform.python_version()}; load average at start {load_start[0]:.2f} / {load_start[1]:.2f} / "
          f"{load_start[2]:.2f} (1/5/15 min), at end {os.getloadavg()[0]:.2f}")
    print(f"command: {shlex.join([sys.executable, *sys.argv])}\n")
    print("| show (exhibitors / news per lang / events) | pages per lang | showpress wall s (cold / warm) "
          "| baseline wall s | ratio (wall, vs cold) | CPU s showpress cold / baseline | ratio (CPU) "
          "| peak RSS MiB showpress / baseline |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        runs = row["runs"]
        cold, base = runs["cold"], runs["baseline"]
        warm = runs["warm"].figure(cap) if "warm" in runs else "–"
        if base.ok:
            ratio, cpu_ratio = f"{base.seconds / cold.seconds:.1f}×", f"{base.cpu / cold.cpu:.1f}×"
        elif base.timed_out:
            ratio, cpu_ratio = f"> {cap / cold.seconds:.1f}×", f"> {base.cpu / cold.cpu:.1f}×"
        else:
            ratio = cpu_ratio = "–"
        pages = "/".join(str(row["pages"][lang]) for lang in LANGS)
        base_cpu = f"{base.cpu:.0f}" if base.ok else f"> {base.cpu:.0f}"
        print(f"| {' / '.join(map(str, row['size']))} | {pages} | {cold.figure(cap)} / {warm} | {base.figure(cap)} "
              f"| {ratio} | {cold.cpu:.1f} / {base_cpu} | {cpu_ratio} | {cold.rss_mib:.0f} / {base.rss_mib:.0f} |")
    print()
    for row in rows:
        runs = row["runs"]
        if "brochures" in runs:
            b = runs["brochures"]
            print(f"- {row['size'][0]} exhibitors, showpress build WITH brochures (warm .cache): {b.figure(cap)} s wall, "
                  f"CPU {b.cpu:.1f} s, peak RSS {b.rss_mib:.0f} MiB")
        extra = (f"; it wrote {row['baseline_html']} HTML pages, {row['baseline_mib']:.0f} MiB"
                 if "baseline_html" in row else "")
        loads = ", ".join(f"{run.label.rsplit(' ', 1)[-1]} {run.load:.2f}" for run in runs.values())
        print(f"- {row['size'][0]} exhibitors, baseline: {row['warnings']} MkDocs warnings{extra}; "
              f"1-min load before each run: {loads}")
    print("\nexact commands (of the first show size):")
    for row in rows[:1]:
        for run in row["runs"].values():
            print(f"  {run.label}: {shlex.join(run.command)}")
    print(f"\nOn {os.cpu_count()} CPUs: the baseline is one process (static-i18n builds languages in turn);"
          " showpress runs one MkDocs build per language in parallel, exhibitor/news/form pages out of the nav.")


def parse_size(text: str) -> tuple[int, int, int]:
    try:
        exhibitors, news, events = (int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError("expected EXHIBITORS,NEWS_PER_LANGUAGE,EVENTS, e.g. 2000,300,200") from None
    return exhibitors, news, events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_size, default=(2000, 300, 200),
                        help="EXHIBITORS,NEWS_PER_LANGUAGE,EVENTS of the bench show (default 2000,300,200)")
    parser.add_argument("--fallback", type=parse_size, default=(500, 75, 50),
                        help="smaller show measured when the baseline exceeds --cap (default 500,75,50)")
    parser.add_argument("--also-fallback", action="store_true", help="measure the fallback size in any case")
    parser.add_argument("--cap", type=float, default=1200.0, help="seconds after which a build is stopped")
    parser.add_argument("--brochures", action="store_true", help="also time a showpress build with brochures")
    parser.add_argument("--wait-load", type=float, default=None, metavar="LOAD",
                        help="before each timed command wait until the 1-min load average is at most LOAD")
    parser.add_argument("--wait-max", type=float, default=600.0, help="longest wait for --wait-load (seconds)")
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep everything")
    args = parser.parse_args()
    version = require_plugin()
    load_start = os.getloadavg()
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="showpress-baseline-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        rows.append(measure(args.size, work, args, full=True))
        if args.also_fallback or not rows[0]["runs"]["baseline"].ok:
            rows.append(measure(args.fallback, work, args, full=False))
    report(rows, args, version, load_start)


if __name__ == "__main__":
    main()
