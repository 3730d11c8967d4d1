"""Where the time goes, for a target `bench/run` finds not met: py-spy, or cProfile without it.

py-spy (installed into .venv-bench from bench/requirements-baseline.txt, never into .venv) samples
the process and its worker processes: :func:`spy_command` prefixes a command, :func:`attached`
records the calling process for the length of a ``with`` block. :func:`hot_spots` reads its raw
(collapsed stack) output: the functions with most samples on top of the stack (self), and the
functions of the generator package with most samples anywhere in the stack (inclusive).
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import re
import signal
import subprocess
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PY_SPY = REPO / ".venv-bench" / "bin" / "py-spy"
RATE = 50
"""Samples per second: low, so that the profiler does not take a core of the two from the build."""


def have_py_spy() -> bool:
    return PY_SPY.is_file()


def spy_command(command: list[str], out: Path) -> list[str]:
    """``command`` run under py-spy, recording it and its subprocesses into ``out`` (raw format)."""
    return [str(PY_SPY), "record", "--subprocesses", "--nolineno", "--format", "raw", "--rate", str(RATE),
            "--output", str(out), "--", *command]


@contextmanager
def attached(out: Path) -> Iterator[None]:
    """Record this process (and its workers) with py-spy while the block runs; cProfile without py-spy."""
    if not have_py_spy():
        profiler = cProfile.Profile()
        profiler.enable()
        try:
            yield
        finally:
            profiler.disable()
            profiler.dump_stats(str(out.with_suffix(".pstats")))
        return
    spy = subprocess.Popen([str(PY_SPY), "record", "--pid", str(os.getpid()), "--subprocesses", "--nolineno",
                            "--format", "raw", "--rate", str(RATE), "--output", str(out)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield
    finally:
        spy.send_signal(signal.SIGINT)
        spy.wait(timeout=60)


FRAME = re.compile(r"^(?P<func>.*) \((?P<file>[^()]*)\)$")


PROCESS = re.compile(r'process \d+:".*?"(?:;|$)')
"""A process entry and its quoted command line (one per process of the chain down to the sample)."""
TRIVIAL = re.compile(r"^<module> |^main \(generator/cli/__init__\.py\)")
"""Frames under nearly every sample, which say nothing about where the time goes."""


def _frames(stack: str) -> list[str]:
    """``func (file)`` frames of one collapsed stack, the process entry (its quoted command line) dropped."""
    parts = PROCESS.sub("", stack).split(";")
    return [p for p in parts if p and not p.startswith("process ") and not p.startswith("thread ")]


def read_stacks(text: str) -> Counter[str]:
    stacks: Counter[str] = Counter()
    for line in text.splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            stacks[stack] += int(count)
    return stacks


def hot_spots(text: str, top: int = 8) -> list[str]:
    """Lines for the report: the top self-time frames, then the top generator/ frames inclusive."""
    stacks = read_stacks(text)
    total = sum(stacks.values())
    if not total:
        return ["(the profiler recorded no samples)"]
    leaf: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    processes: Counter[str] = Counter()
    for stack, count in stacks.items():
        frames = _frames(stack)
        if frames:
            leaf[frames[-1]] += count
        for frame in set(frames):
            if "generator/" in frame and not TRIVIAL.match(frame):
                inclusive[frame] += count
        processes["worker" if "-c from multiprocessing" in stack or "forkserver" in stack else "main"] += count
    lines = [f"{total} samples at {RATE}/s, all processes; "
             + ", ".join(f"{k} {v / total:.0%}" for k, v in processes.most_common()),
             "self (on top of the stack):"]
    lines += [f"  {count / total:6.1%}  {frame}" for frame, count in leaf.most_common(top)]
    lines.append("inclusive, generator/ functions (module bodies and the CLI left out):")
    lines += [f"  {count / total:6.1%}  {frame}" for frame, count in inclusive.most_common(top)]
    return lines


def pstats_spots(path: Path, top: int = 8) -> list[str]:
    """The cProfile fallback's lines (this process only)."""
    stream = io.StringIO()
    stats = pstats.Stats(str(path), stream=stream)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(r"generator/", top)
    return ["cProfile, this process only (install py-spy for the workers):",
            *[line for line in stream.getvalue().splitlines() if line.strip()][:2 * top + 12]]


def read_profile(out: Path, top: int = 8) -> list[str]:
    """Hot-spot lines from whichever profile was written at ``out``."""
    if out.is_file():
        return hot_spots(out.read_text(encoding="utf-8", errors="replace"), top)
    if out.with_suffix(".pstats").is_file():
        return pstats_spots(out.with_suffix(".pstats"), top)
    return [f"(no profile was written at {out})"]
