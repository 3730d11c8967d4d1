"""Durability: kill -9 during a stream of submissions loses no acknowledged answer; a database
that cannot commit gets 503, never a false acknowledgement."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path

import httpx
import pytest
from collector_support import (
    ADMIN,
    SITE_ORIGIN,
    TINY,
    database_url,
    free_port,
    running_collector,
    tiny_show,
)

from generator.collector.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
HEADERS = {"Origin": SITE_ORIGIN, "Content-Type": "application/json"}


def start_collector(db: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "collector", "--project", str(TINY), "--db", db, "--port", str(port),
         "--rate-limit", "0", "--admin-token", ADMIN],
        cwd=ROOT, stdout=log.open("ab"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        if process.poll() is not None:
            raise RuntimeError(f"collector exited: {log.read_text()[-3000:]}")
        time.sleep(0.1)
    process.kill()
    raise RuntimeError("collector did not start")


def test_kill_9_loses_no_acknowledged_answer(db_url: str, tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "collector.log"
    process = start_collector(db_url, port, log)
    acked: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def client(worker: int) -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=5) as c:
            n = 0
            while not stop.is_set():
                marker = f"w{worker}-{n}"
                n += 1
                try:
                    reply = c.post("/f/feedback", headers=HEADERS,
                                   content=json.dumps({"q.exhibits": "good", "q.comments": marker}))
                except httpx.HTTPError:
                    continue  # the server is gone: not acknowledged
                if reply.status_code == 200:
                    with lock:
                        acked.append(marker)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 20
    while len(acked) < 400 and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)  # mid-stream: requests are in flight and batches uncommitted
    process.wait()
    time.sleep(0.3)
    stop.set()
    for t in threads:
        t.join()
    assert len(acked) >= 400, "too few answers acknowledged before the kill to mean anything"

    process = start_collector(db_url, port, log)
    try:
        rows = httpx.get(f"http://127.0.0.1:{port}/admin/export.json",
                         headers={"Authorization": f"Bearer {ADMIN}"}, timeout=30).json()
    finally:
        process.terminate()
        process.wait(timeout=30)
    stored = [r["answers"]["comments"] for r in rows]
    missing = set(acked) - set(stored)
    assert not missing, f"{len(missing)} acknowledged answers lost, e.g. {sorted(missing)[:5]}"
    assert len(stored) == len(set(stored))  # nothing stored twice
    print(f"acknowledged {len(acked)}, stored {len(stored)} (the rest were in flight, never acknowledged)")
    if db_url.startswith("sqlite"):
        with closing(sqlite3.connect(db_url.removeprefix("sqlite:///"))) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.fixture
def tiny_fs(tmp_path: Path) -> object:
    """A 1 MiB tmpfs (needs root to mount): a disk that fills up."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs (not root?): {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_disk_full_and_read_only_answer_503(tiny_fs: Path) -> None:
    settings = Settings(show=tiny_show(), db_url=f"sqlite:///{tiny_fs / 'feedback.db'}", admin_token=ADMIN,
                        rate_per_minute=0)
    acked = 0
    codes: set[int] = set()
    with running_collector(settings) as running, httpx.Client(base_url=running.url, timeout=10) as c:
        for i in range(3000):
            reply = c.post("/f/feedback", headers=HEADERS,
                           content=json.dumps({"q.exhibits": "good", "q.comments": f"{i}-" + "x" * 1500}))
            codes.add(reply.status_code)
            if reply.status_code == 200:
                acked += 1
            elif reply.status_code == 503:
                break
        assert 503 in codes and codes <= {200, 503}
        assert c.get("/healthz").status_code == 503
        # after the disk is full, no answer is acknowledged
        again = c.post("/f/feedback", headers=HEADERS, content=json.dumps({"q.exhibits": "fair"}))
        assert again.status_code == 503
    with closing(sqlite3.connect(tiny_fs / "feedback.db")) as conn:
        stored = conn.execute("SELECT count(*) FROM responses").fetchone()[0]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert stored == acked > 0



def test_read_only_postgres_answers_503(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """PostgreSQL switched to read-only transactions under a running collector: 503, then recovery."""
    import psycopg

    pg = request.getfixturevalue("pg_cluster")
    url = database_url("postgresql", tmp_path, pg)
    name = url.rsplit("/", 1)[1]
    settings = Settings(show=tiny_show(), db_url=url, admin_token=ADMIN, rate_per_minute=0)
    with running_collector(settings) as running, httpx.Client(base_url=running.url, timeout=10) as c:
        assert c.post("/f/feedback", headers=HEADERS, content=json.dumps({"q.exhibits": "good"})).status_code == 200
        with psycopg.connect(pg.admin_url, autocommit=True) as admin:
            admin.execute(f"ALTER DATABASE {name} SET default_transaction_read_only = on")
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
        reply = c.post("/f/feedback", headers=HEADERS, content=json.dumps({"q.exhibits": "poor"}))
        assert reply.status_code == 503
        assert c.get("/healthz").status_code == 503
        with psycopg.connect(pg.admin_url, autocommit=True) as admin:
            admin.execute(f"ALTER DATABASE {name} RESET default_transaction_read_only")
        assert c.post("/f/feedback", headers=HEADERS, content=json.dumps({"q.exhibits": "fair"})).status_code == 200
        rows = c.get("/admin/export.json", headers={"Authorization": f"Bearer {ADMIN}"}).json()
    assert [r["answers"]["exhibits"] for r in rows] == ["good", "fair"]
