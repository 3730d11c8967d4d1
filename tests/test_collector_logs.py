"""`showpress collector` logs a failed commit, with its cause, to standard error or --log-file, never
to standard output (which a service manager often discards). A real process, SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import httpx
from collector_support import ADMIN, SITE_ORIGIN, TINY, free_port

ROOT = Path(__file__).resolve().parents[1]
HEADERS = {"Origin": SITE_ORIGIN, "Content-Type": "application/json"}


def drop_responses(db_url: str) -> None:
    """Break the database under the running collector: its next commit fails."""
    if db_url.startswith("sqlite"):
        with closing(sqlite3.connect(db_url.removeprefix("sqlite:///"))) as conn:
            conn.executescript("DROP TABLE contacts; DROP TABLE responses;")
        return
    import psycopg

    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("DROP TABLE contacts, responses")


def run_collector(db_url: str, stderr: Path, *extra: str) -> tuple[int, int, str]:
    """Start the collector with stdout discarded, store one answer, break the database, send another;
    the two status codes and what the collector printed to standard output."""
    port = free_port()
    with stderr.open("wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "collector", "--project", str(TINY), "--db", db_url,
             "--port", str(port), "--rate-limit", "0", "--admin-token", ADMIN, *extra],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=err)
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert process.poll() is None and time.monotonic() < deadline, stderr.read_text()
                time.sleep(0.1)
            url = f"http://127.0.0.1:{port}/f/feedback"
            first = httpx.post(url, headers=HEADERS, content=b'{"q.exhibits": "good"}').status_code
            drop_responses(db_url)
            second = httpx.post(url, headers=HEADERS, content=b'{"q.exhibits": "fair"}').status_code
        finally:
            process.terminate()
            out, _ = process.communicate(timeout=30)
    return first, second, out.decode()


def test_commit_failure_logged_to_stderr(db_url: str, tmp_path: Path) -> None:
    first, second, stdout = run_collector(db_url, tmp_path / "stderr.txt")
    assert (first, second) == (200, 503)
    assert stdout == ""
    failures = [line for line in (tmp_path / "stderr.txt").read_text().splitlines() if "commit failed" in line]
    assert len(failures) == 1, failures
    assert "ERROR generator.collector.store: database commit failed, 1 answers refused with 503" in failures[0]
    assert "responses" in failures[0]  # the cause: no such table / relation does not exist


def test_commit_failure_logged_to_log_file(tmp_path: Path) -> None:
    log = tmp_path / "collector.log"
    first, second, stdout = run_collector(f"sqlite:///{tmp_path / 'f.db'}", tmp_path / "stderr.txt",
                                          "--log-file", str(log))
    assert (first, second) == (200, 503)
    assert stdout == ""
    lines = log.read_text().splitlines()
    assert [line.split(" ", 2)[2] for line in lines if "commit failed" in line] == [
        "ERROR generator.collector.store: database commit failed, 1 answers refused with 503: "
        "OperationalError: no such table: responses"]
