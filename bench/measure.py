"""Out-of-process measurements of `bench/run`: timed commands with the memory of their whole
process tree, the naive MkDocs baseline, the collector against a bare endpoint, page weights.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import brotli

from bench import bench_collector
from bench.bench_baseline import Run, run_wrapped
from bench.profiles import spy_command

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BENCH_PYTHON = REPO / ".venv-bench" / "bin" / "python"
TODAY = "2026-09-20"


def timed(label: str, command: list[str], logs: Path, cap: float) -> Run:
    """Run ``command`` under the tree-measuring wrapper of bench_baseline (a child subreaper), logged by label."""
    logs.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
    log, result = logs / f"{slug}.log", logs / f"{slug}.json"
    load = os.getloadavg()[0]
    print(f"  [{label}] load {load:.1f}: {shlex.join(command)}", flush=True)
    run = run_wrapped(label, command, log, result, cap, load)
    state = "timed out" if run.timed_out else f"exit {run.rc}" if run.rc else "ok"
    print(f"  [{label}] {run.seconds:.1f} s, CPU {run.cpu:.1f} s, peak tree RSS {run.rss_mib:.0f} MiB, PSS {run.pss_mib:.0f} MiB ({state})",
          flush=True)
    return run


def showpress_build(project: Path, *, brochures: bool) -> list[str]:
    command = [PYTHON, "-m", "generator", "build", "--project", str(project), "--out", str(project / "site"),
               "--today", TODAY]
    return command if brochures else [*command, "--no-brochures"]


def profile_command(command: list[str], out: Path, logs: Path, cap: float) -> None:
    """Run ``command`` once more under py-spy (output ``out``), for a target not met."""
    timed(f"profile {out.stem}", spy_command(command, out), logs, cap)


def run_job(args: list[str], json_out: Path, logs: Path, cap: float, label: str) -> tuple[Run, dict]:
    """``python -m bench.jobs ARGS --json OUT`` timed; its JSON result."""
    run = timed(label, [PYTHON, "-m", "bench.jobs", *args, "--json", str(json_out)], logs, cap)
    if not run.ok:
        tail = run.log.read_text(encoding="utf-8", errors="replace")[-2000:]
        raise RuntimeError(f"{label} failed ({'timed out' if run.timed_out else f'exit {run.rc}'}):\n{tail}")
    return run, json.loads(json_out.read_text(encoding="utf-8"))


def baseline(project: Path, langs: list[str], work: Path, logs: Path, cap: float) -> tuple[Run, int]:
    """The naive baseline over the Markdown showpress staged for ``project``: (run, HTML pages)."""
    from bench.bench_baseline import baseline_project

    config, _ = baseline_project(project, work / "baseline", langs)
    run = timed("baseline mkdocs + static-i18n", [str(BENCH_PYTHON), "-m", "mkdocs", "build", "--clean",
                                                  "-f", str(config)], logs, cap)
    built = work / "baseline" / "site"
    pages = sum(1 for _ in built.rglob("index.html")) if built.is_dir() else 0
    subprocess.run(["rm", "-rf", str(built)], check=False)
    return run, pages


# --- the collector -------------------------------------------------------------------------------


def collector(count: int, seconds: float, profile: Path | None = None) -> tuple[dict, dict]:
    """(bare endpoint, collector on SQLite) results of bench/bench_collector.py, in one run: the two
    servers take turns under the same load (bench_collector.side_by_side), ``seconds`` each in all;
    ``count`` answers at least (a round that would end sooner goes on for its time)."""
    loop = ["--loop", "uvloop", "--http", "httptools"]
    with tempfile.TemporaryDirectory(prefix="showpress-bench-collector-") as tmp:
        bare_file = Path(tmp) / "bare_app.py"
        bare_file.write_text(bench_collector.BARE_APP)
        bare_command = [PYTHON, "-m", "uvicorn", "--app-dir", tmp, "bare_app:app", "--log-level", "warning",
                        "--no-access-log", *loop]
        command = [PYTHON, "-m", "generator", "-q", "collector", "--project", str(bench_collector.TINY),
                   "--db", f"sqlite:///{Path(tmp) / 'bench.db'}", "--rate-limit", "0"]
        if profile is not None:
            options = argparse.Namespace(count=count, concurrency=32, seconds=seconds)
            port = bench_collector.free_port()
            return {}, profiled_server(spy_command([*command, "--port", str(port)], profile), port, options)
        options = argparse.Namespace(count=max(count, 10**9), concurrency=32, seconds=seconds)
        bare, stored = bench_collector.side_by_side(
            [("bare endpoint", bare_command), ("collector (sqlite, durable)", command)], options)
    return bare, stored


def profiled_server(command: list[str], port: int, options: argparse.Namespace) -> dict:
    process = bench_collector.serve(command, port)
    try:
        return {"name": "collector (profiled)",
                **bench_collector.arun(bench_collector.load(port, options.count, options.concurrency,
                                                            options.seconds))}
    finally:
        process.send_signal(signal.SIGINT)  # py-spy writes its profile, then ends the server
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()


# --- bytes transferred ---------------------------------------------------------------------------

ASSET = re.compile(r"""<(?:link[^>]*rel="?(?:stylesheet|icon|modulepreload)"?[^>]*href|script[^>]*src|img[^>]*src)"""
                   r"""="?([^" >]+)""", re.IGNORECASE)


def compressed(data: bytes) -> tuple[int, int]:
    """(gzip -9, brotli q11) sizes in bytes."""
    return len(gzip.compress(data, 9, mtime=0)), len(brotli.compress(data, quality=11))


def page_weight(page: Path, root: Path) -> dict:
    """What a first visit to ``page`` transfers: the HTML and the files it links (stylesheets, scripts,
    icons, images) on the same site, each compressed; web fonts are fetched only for the glyphs shown
    and are left out."""
    html = page.read_bytes()
    parts = {"html": (len(html), *compressed(html))}
    for url in sorted(set(ASSET.findall(html.decode("utf-8", "replace")))):
        if re.match(r"^(?:[a-z]+:)?//|^data:", url, re.IGNORECASE):
            continue
        target = (page.parent / url.split("?")[0].split("#")[0]).resolve()
        if target.is_file() and root in target.parents:
            data = target.read_bytes()
            parts[str(target.relative_to(root))] = (len(data), *compressed(data))
    totals = [sum(part[i] for part in parts.values()) for i in range(3)]
    return {"page": str(page.relative_to(root)), "raw": totals[0], "gzip": totals[1], "brotli": totals[2],
            "html_gzip": parts["html"][1], "parts": parts}


def weights(site: Path) -> tuple[dict, dict]:
    """(the heaviest exhibitor directory, the heaviest exhibitor page) over every language of ``site``."""
    directories = [page_weight(p, site) for p in sorted(site.glob("*/exhibitors/index.html"))]
    pages = sorted(site.glob("*/exhibitors/*/index.html"), key=lambda p: p.stat().st_size)[-20:]
    heaviest = max((page_weight(p, site) for p in pages), key=lambda w: w["gzip"], default=None)
    directory = max(directories, key=lambda w: w["gzip"], default=None)
    if directory is None or heaviest is None:
        raise RuntimeError(f"no exhibitor pages under {site}")
    return directory, heaviest


def biggest_parts(weight: dict, top: int = 6) -> list[str]:
    parts = sorted(weight["parts"].items(), key=lambda item: -item[1][1])[:top]
    return [f"  {gz / 1000:8.1f} KB gzip ({raw / 1000:8.1f} KB raw)  {name}" for name, (raw, gz, _) in parts]


def wait_quiet(threshold: float | None, max_wait: float) -> None:
    started = time.monotonic()
    while threshold is not None and os.getloadavg()[0] > threshold and time.monotonic() - started < max_wait:
        print(f"  load {os.getloadavg()[0]:.1f} > {threshold}; waiting…", flush=True)
        time.sleep(15)
