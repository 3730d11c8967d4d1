"""Shared pieces of the collector tests: a collector on a real socket, SQLite or PostgreSQL."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn

from generator.collector.app import create_app
from generator.collector.service import uvicorn_config
from generator.collector.settings import Settings
from generator.load import load_show
from generator.show import Show

TINY = Path(__file__).parent / "fixtures" / "tiny"
ADMIN = "admin-token-for-tests-0123456789"
SECRET = "token-secret-for-tests"
SITE_ORIGIN = "https://tiny.example.org"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tiny_show() -> Show:
    return load_show(TINY)


@dataclass
class Running:
    url: str
    settings: Settings
    app: object


@contextmanager
def running_collector(settings: Settings, port: int | None = None, http: str = "h11") -> Iterator[Running]:
    """create_app(settings) served as `showpress collector` serves it (uvicorn_config), in a thread on
    127.0.0.1 and a free (or the given) port; ``http`` is "h11" or "httptools"."""
    port = port or free_port()
    app = create_app(settings)
    config = uvicorn_config(app, settings, "127.0.0.1", port, http=http)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the collector did not start")
        time.sleep(0.02)
    try:
        yield Running(f"http://127.0.0.1:{port}", settings, app)
    finally:
        server.should_exit = True
        thread.join(timeout=20)


def postgres_or_skip(request: pytest.FixtureRequest) -> object:
    """A started PostgresCluster; skip (or fail with SHOWPRESS_REQUIRE_POSTGRES=1) when impossible."""
    from pg import PostgresCluster, PostgresUnavailable

    try:
        cluster = PostgresCluster().start()
    except (PostgresUnavailable, OSError, FileNotFoundError) as error:
        if os.environ.get("SHOWPRESS_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required but could not start: {error}")
        pytest.skip(f"PostgreSQL could not start: {error}")
    request.addfinalizer(cluster.stop)
    return cluster


def database_url(kind: str, tmp_path: Path, pg: object | None) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'feedback.db'}"
    assert pg is not None
    return pg.new_database()  # type: ignore[attr-defined]


def have(*tools: str) -> bool:
    return all(shutil.which(t) for t in tools)
