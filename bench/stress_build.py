"""Stress: back-to-back `showpress build` runs (with brochures) and mailings, each under a timeout.

    .venv/bin/python bench/stress_build.py [--builds 50] [--mailings 20] [--timeout 300]
        [--project .] [--clients examples/clients.csv] [--today 2026-05-20]

Every run is a fresh `showpress` process (the way an operator or CI runs it) in its own process
group, so a hang is killed with all its workers and counted. The sample show in the repository
root has four languages; builds go to a temporary --out, mailings to a temporary folder, with
SHOWPRESS_TOKEN_SECRET set if the environment lacks it. After each run the script checks that no
process of the run's group is left and no staging folder remains beside --out.
Reports runs, failures, hangs, leftovers and time per run (min / median / max); exits 1 on any
hang, failure or leftover.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Tally:
    """What the runs of one kind did."""

    kind: str
    seconds: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    hangs: int = 0
    leftovers: list[str] = field(default_factory=list)

    def line(self) -> str:
        runs = len(self.seconds) + len(self.failures) + self.hangs
        times = (f"{min(self.seconds):.1f} / {statistics.median(self.seconds):.1f} / {max(self.seconds):.1f} s"
                 if self.seconds else "-")
        return (f"{self.kind}: {runs} runs, {len(self.seconds)} ok, {len(self.failures)} failed, "
                f"{self.hangs} hung, {len(self.leftovers)} leftovers; time min/median/max {times}")


def group_processes(pgid: int) -> list[int]:
    """Live processes (not zombies) of process group ``pgid`` (Linux /proc).

    tests/test_build_lifecycle.py asks the same of an interrupted build."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def wait_gone(pgid: int, seconds: float) -> list[int]:
    """Wait up to ``seconds`` for process group ``pgid`` to end; the processes still left."""
    deadline = time.monotonic() + seconds
    while group_processes(pgid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return group_processes(pgid)


def run_once(command: list[str], timeout: float, env: dict[str, str], tally: Tally, staging_parent: Path) -> None:
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                               start_new_session=True)
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        tally.hangs += 1
        print(f"  HANG after {timeout:.0f} s: {' '.join(command[3:5])}", flush=True)
        return
    took = time.perf_counter() - started
    if process.returncode != 0:
        tally.failures.append(output[-2000:])
        print(f"  FAILED ({process.returncode}):\n{output[-2000:]}", flush=True)
    else:
        tally.seconds.append(took)
    left = wait_gone(process.pid, 10)
    staged = [p.name for p in staging_parent.iterdir() if p.name.startswith((".site.new-", ".site.old-"))]
    if left or staged:
        tally.leftovers.append(f"processes {left}, folders {staged}")
        print(f"  LEFTOVER: processes {left}, folders {staged}", flush=True)
        for pid in left:
            os.kill(pid, signal.SIGKILL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--builds", type=int, default=50)
    parser.add_argument("--mailings", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=300.0, help="Seconds one run may take.")
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--clients", type=Path, default=ROOT / "examples" / "clients.csv")
    parser.add_argument("--today", default="2026-05-20")
    args = parser.parse_args()

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.setdefault("SHOWPRESS_TOKEN_SECRET", "stress-test-secret")
    showpress = [sys.executable, "-m", "generator"]
    tallies = [Tally("build"), Tally("mailing")]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="showpress-stress-") as tmp:
        work = Path(tmp)
        (work / "builds").mkdir()
        for run in range(args.builds):
            print(f"build {run + 1}/{args.builds}", flush=True)
            run_once([*showpress, "build", "--project", str(args.project), "--out", str(work / "builds" / "site"),
                      "--today", args.today], args.timeout, env, tallies[0], work / "builds")
        for run in range(args.mailings):
            print(f"mailing {run + 1}/{args.mailings}", flush=True)
            run_once([*showpress, "mailing", "--project", str(args.project), "--clients", str(args.clients),
                      "--out", str(work / "mail"), "--today", args.today], args.timeout, env, tallies[1], work)
    for tally in tallies:
        print(tally.line())
    print(f"total {time.perf_counter() - started:.0f} s")
    bad = any(t.failures or t.hangs or t.leftovers for t in tallies)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
