"""How the collector talks to each kind of database: SQLite (WAL, ``synchronous=FULL``) or
PostgreSQL (``synchronous_commit=on``), and which errors come from one row's data."""

from __future__ import annotations

import sqlite3
from typing import Any
from urllib.parse import urlsplit


class Dialect:
    """How to talk to one kind of database."""

    serial = "INTEGER"
    placeholder = "?"

    def __init__(self, url: str):
        self.url = url

    def connect(self) -> Any:
        raise NotImplementedError

    def sql(self, statement: str) -> str:
        return statement if self.placeholder == "?" else statement.replace("?", self.placeholder)

    def begin(self, conn: Any) -> None:
        pass

    def integrity_ok(self, conn: Any) -> bool:
        return True

    def row_errors(self) -> tuple[type[BaseException], ...]:
        """Errors that come from one row's data (not from the database): that row alone is refused."""
        return (ValueError, TypeError)


class SQLiteDialect(Dialect):
    def __init__(self, url: str):
        super().__init__(url)
        self.path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url.removeprefix("sqlite:")

    def connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=10)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

    def begin(self, conn: sqlite3.Connection) -> None:
        conn.execute("BEGIN IMMEDIATE")

    def integrity_ok(self, conn: sqlite3.Connection) -> bool:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    def row_errors(self) -> tuple[type[BaseException], ...]:
        return (ValueError, TypeError, sqlite3.DataError, sqlite3.IntegrityError)


class PostgresDialect(Dialect):
    serial = "BIGSERIAL"
    placeholder = "%s"

    def connect(self) -> Any:
        import psycopg  # imported only when PostgreSQL is used

        conn = psycopg.connect(self.url, autocommit=False, connect_timeout=10)
        conn.execute("SET synchronous_commit = on")
        conn.commit()
        return conn

    def row_errors(self) -> tuple[type[BaseException], ...]:
        import psycopg

        return (ValueError, TypeError, psycopg.DataError, psycopg.IntegrityError)


def dialect_for(url: str) -> Dialect:
    scheme = urlsplit(url).scheme
    if scheme == "sqlite":
        return SQLiteDialect(url)
    if scheme in ("postgresql", "postgres"):
        return PostgresDialect(url)
    raise ValueError(f"unsupported database URL {url!r}: use sqlite:///FILE or postgresql://...")
