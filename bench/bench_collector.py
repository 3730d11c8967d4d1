"""Benchmark: durable submissions per second and p50/p99 latency of the collector on loopback,
next to a bare Starlette endpoint served the same way, in the same run.

    .venv/bin/python bench/bench_collector.py [--count N] [--concurrency 64] [--seconds 30] [--db sqlite|postgresql]

The two servers take turns: five rounds of ``--seconds``/5 each (side_by_side). Both servers are real subprocesses (uvicorn, uvloop + httptools when installed, one process);
the collector stores every answer durably (SQLite WAL + synchronous=FULL, group commit; or a
throwaway PostgreSQL 15 with synchronous_commit=on) and acknowledges only after the commit.
The load generator is a small keep-alive HTTP/1.1 client on asyncio sockets (lighter than httpx,
so the client does not hide the server's cost); bounded by --count and --seconds, loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TINY = ROOT / "tests" / "fixtures" / "tiny"
ORIGIN = "https://tiny.example.org"

BARE_APP = textwrap.dedent('''
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    async def bare(request):
        await request.body()
        return JSONResponse({"ok": True, "id": 1, "thanks_url": "https://tiny.example.org/en/forms/feedback/thanks/"})

    app = Starlette(routes=[Route("/f/{form_id}", bare, methods=["POST"])])
''')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("server did not start")


def request_bytes(port: int, i: int) -> bytes:
    body = json.dumps({"q.exhibits": ["good", "fair", "poor"][i % 3], "q.comments": f"bench answer {i}",
                       "lang": "en"}).encode()
    head = (f"POST /f/feedback HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: {ORIGIN}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n")
    return head.encode() + body


async def worker(port: int, next_index: list[int], count: int, deadline: float,
                 latencies: list[float], statuses: dict[int, int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while next_index[0] < count and time.perf_counter() < deadline:
            i = next_index[0]
            next_index[0] += 1
            start = time.perf_counter()
            writer.write(request_bytes(port, i))
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - start)
            statuses[status] = statuses.get(status, 0) + 1
    finally:
        writer.close()


async def load(port: int, count: int, concurrency: int, seconds: float) -> dict[str, Any]:
    return summary(*(await load_raw(port, count, concurrency, seconds)))


async def load_raw(port: int, count: int, concurrency: int,
                   seconds: float) -> tuple[list[float], dict[int, int], float]:
    """(latencies, count by status, seconds) of ``concurrency`` clients for ``seconds`` or ``count`` requests."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    next_index = [0]
    start = time.perf_counter()
    await asyncio.gather(*(worker(port, next_index, count, start + seconds, latencies, statuses)
                           for _ in range(concurrency)))
    return latencies, statuses, time.perf_counter() - start


def summary(latencies: list[float], statuses: dict[int, int], elapsed: float) -> dict[str, Any]:
    latencies = sorted(latencies)
    ok = statuses.get(200, 0)
    return {
        "requests": len(latencies), "ok": ok, "statuses": statuses, "seconds": round(elapsed, 2),
        "per_second": round(ok / elapsed), "p50_ms": round(1000 * latencies[len(latencies) // 2], 2),
        "p99_ms": round(1000 * latencies[int(len(latencies) * 0.99) - 1], 2),
        "mean_ms": round(1000 * statistics.fmean(latencies), 2),
    }


def serve(args: list[str], port: int, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_ready(port, process)
    return process


def arun(coroutine):  # type: ignore[no-untyped-def]
    try:
        import uvloop

        return uvloop.run(coroutine)
    except ImportError:
        return asyncio.run(coroutine)


ROUNDS = 5
"""Turns each server gets in :func:`side_by_side`."""


def side_by_side(servers: list[tuple[str, list[str]]], options: argparse.Namespace,
                 rounds: int = ROUNDS) -> list[dict[str, object]]:
    """Each server's figures when they take turns under the same load: all running, then
    ``rounds`` rounds of ``options.seconds / rounds`` seconds each (``options.count`` requests at
    most per round), one server after the other. A ratio of two servers measured one after the
    other in single windows swung 2x between runs on a shared machine (the bare endpoint did
    its whole count in about a second); turns of equal length share the machine's ups and downs."""
    processes, ports = [], []
    try:
        for _, args in servers:
            port = free_port()
            processes.append(serve([*args, "--port", str(port)], port))
            ports.append(port)
        for port in ports:
            arun(load(port, min(500, options.count), options.concurrency, 10))  # warm-up
        raw: list[tuple[list[float], dict[int, int], float]] = [([], {}, 0.0) for _ in servers]
        for _ in range(rounds):
            for k, port in enumerate(ports):
                latencies, statuses, elapsed = arun(load_raw(port, options.count, options.concurrency,
                                                             options.seconds / rounds))
                raw[k][0].extend(latencies)
                for status, n in statuses.items():
                    raw[k][1][status] = raw[k][1].get(status, 0) + n
                raw[k] = (raw[k][0], raw[k][1], raw[k][2] + elapsed)
        return [{"name": name, "rounds": rounds, **summary(*figures)} for (name, _), figures in zip(servers, raw, strict=True)]
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10**9, help="requests at most per round (default: by time)")
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    options = parser.parse_args()
    try:
        import uvloop  # noqa: F401
        loop_args = ["--loop", "uvloop", "--http", "httptools"]
    except ImportError:
        loop_args = ["--loop", "asyncio", "--http", "h11"]

    with tempfile.TemporaryDirectory() as tmp:
        bare_file = Path(tmp) / "bare_app.py"
        bare_file.write_text(BARE_APP)
        cluster = None
        if options.db == "postgresql":
            sys.path.insert(0, str(ROOT / "tests"))
            from pg import PostgresCluster

            cluster = PostgresCluster().start()
            db = cluster.new_database()
        else:
            db = f"sqlite:///{Path(tmp) / 'bench.db'}"
        try:
            bare, collector = side_by_side(
                [("bare Starlette endpoint", [sys.executable, "-m", "uvicorn", "--app-dir", tmp, "bare_app:app",
                                              "--log-level", "warning", "--no-access-log", *loop_args]),
                 (f"collector ({options.db}, durable)",
                  [sys.executable, "-m", "generator", "-q", "collector", "--project", str(TINY), "--db", db,
                   "--rate-limit", "0"])], options)
            if options.db == "sqlite":
                with sqlite3.connect(db.removeprefix("sqlite:///")) as conn:
                    collector["stored"] = conn.execute("SELECT count(*) FROM responses").fetchone()[0]
                    collector["integrity"] = conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            if cluster is not None:
                cluster.stop()
    print(json.dumps({"cpus": os.cpu_count(), "python": sys.version.split()[0], "server": loop_args,
                      "concurrency": options.concurrency, "results": [bare, collector]}, indent=1))
    for r in (bare, collector):
        print(f"{r['name']:34s} {r['per_second']:>7}/s  p50 {r['p50_ms']:>6} ms  p99 {r['p99_ms']:>6} ms  "
              f"({r['ok']} ok of {r['requests']} in {r['seconds']} s)")


if __name__ == "__main__":
    main()
