"""A throwaway PostgreSQL 15 cluster for tests: initdb into a temporary folder, start, stop.

As root the server runs as the ``postgres`` user (``runuser``); otherwise as the current user.
``SHOWPRESS_TEST_PG_URL`` points the tests at an existing server instead (e.g. the one .ci/run
starts); each test still gets a fresh database.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

PG_BIN = Path(os.environ.get("SHOWPRESS_PG_BIN", "/usr/lib/postgresql/15/bin"))
_counter = itertools.count(1)


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL could be started (binaries missing, initdb failed...)."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(args: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


class PostgresCluster:
    """``with PostgresCluster() as pg: pg.new_database()`` -> a postgresql:// URL."""

    def __init__(self) -> None:
        self.tmp: Path | None = None
        self.port = 0
        self.external = os.environ.get("SHOWPRESS_TEST_PG_URL")

    @property
    def admin_url(self) -> str:
        if self.external:
            return self.external
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> PostgresCluster:
        if self.external:
            return self
        initdb = PG_BIN / "initdb"
        if not initdb.exists():
            raise PostgresUnavailable(f"{initdb} not found (install postgresql-15)")
        self.tmp = Path(tempfile.mkdtemp(prefix="showpress-pg-"))
        os.chmod(self.tmp, 0o755)
        data = self.tmp / "data"
        sockets = self.tmp / "sock"
        sockets.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.tmp, "postgres")
            shutil.chown(sockets, "postgres")
        self.port = free_port()
        steps = [
            [str(initdb), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "-N"],
            [str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(self.tmp / "log"), "-w", "-t", "60", "-o",
             f"-p {self.port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=on "
             f"-c synchronous_commit=on -c max_connections=200", "start"],
        ]
        for step in steps:
            done = subprocess.run(_as_postgres(step), capture_output=True, text=True, timeout=120)
            if done.returncode != 0:
                log = (self.tmp / "log").read_text() if (self.tmp / "log").exists() else ""
                self.stop()
                raise PostgresUnavailable(f"{step[0]} failed: {done.stderr.strip()} {log[-2000:]}")
        return self

    def new_database(self) -> str:
        """A fresh empty database; its URL."""
        import psycopg

        name = f"showpress_t{os.getpid()}_{next(_counter)}"
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
            conn.execute(f"CREATE DATABASE {name}")
        base = self.admin_url.rsplit("/", 1)[0]
        return f"{base}/{name}"

    def stop(self) -> None:
        """Stop at once: the cluster is thrown away, so no shutdown checkpoint is worth waiting for."""
        if self.external or self.tmp is None:
            return
        data = self.tmp / "data"
        if (data / "postmaster.pid").exists():
            subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
                           capture_output=True, timeout=60)
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp = None

    def __enter__(self) -> PostgresCluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
