"""Durable storage of answers: SQLite or PostgreSQL behind one interface.

Every write goes through one writer thread per process that commits in groups: it takes every
answer waiting in its queue, writes them in one transaction, commits durably (SQLite WAL with
``synchronous=FULL``; PostgreSQL with ``synchronous_commit=on``), and only then resolves each
waiter (on SQLite, a run of anonymous answers is one statement: fewer GIL hand-overs between the writer
and a busy event loop). A failed commit resolves every waiter of the batch with :class:`StoreUnavailable`, which
the app turns into 503: an answer is never acknowledged before it is on disk. When the batch fails
because the database refuses one answer's data (not because the database fails), the batch is
written again with a savepoint per answer: that answer alone gets :class:`Rejected`, the others
are committed, and health does not change.

Reads (export, report) open their own connection, in a worker thread.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import queue
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ..models.answerfields import Answers
from .dialects import dialect_for
from .validate import Fields, LotteryContact

log = logging.getLogger(__name__)

MAX_BATCH = 1000
"""Most answers committed in one transaction."""
MANY = 64
"""Most anonymous answers inserted by one SQLite statement (few statement texts to prepare)."""

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS responses (
        id {serial} PRIMARY KEY,
        form_id TEXT NOT NULL,
        lang TEXT NOT NULL,
        received_at TEXT NOT NULL,
        client_id TEXT,
        answers TEXT NOT NULL)""",
    """CREATE UNIQUE INDEX IF NOT EXISTS responses_one_per_client
        ON responses (form_id, client_id) WHERE client_id IS NOT NULL""",
    """CREATE TABLE IF NOT EXISTS contacts (
        response_id BIGINT PRIMARY KEY REFERENCES responses (id),
        form_id TEXT NOT NULL,
        client_id TEXT,
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        consented_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS spam (
        id {serial} PRIMARY KEY,
        form_id TEXT NOT NULL,
        received_at TEXT NOT NULL,
        remote TEXT NOT NULL,
        fields TEXT NOT NULL)""",
]

INSERT_RESPONSE = (
    "INSERT INTO responses (form_id, lang, received_at, client_id, answers) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT DO NOTHING RETURNING id"
)
INSERT_CONTACT = (
    "INSERT INTO contacts (response_id, form_id, client_id, name, email, consented_at) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
INSERT_SPAM = "INSERT INTO spam (form_id, received_at, remote, fields) VALUES (?, ?, ?, ?) RETURNING id"
DELETE_CONTACT = "DELETE FROM contacts WHERE form_id = ? AND client_id = ?"
INSERT_ANONYMOUS = "INSERT INTO responses (form_id, lang, received_at, client_id, answers) VALUES "


class StoreUnavailable(Exception):
    """The database could not commit; nothing was acknowledged."""


class Rejected(Exception):
    """The database refused this one answer for its own data; the rest of its group was committed."""


@dataclass(frozen=True)
class Response:
    """A stored answer."""

    id: int
    form_id: str
    lang: str
    received_at: str
    client_id: str | None
    answers: Answers
    has_contact: bool


@dataclass(frozen=True)
class Contact:
    """Lottery contact details, kept apart from answers."""

    response_id: int
    form_id: str
    client_id: str | None
    name: str
    email: str
    consented_at: str


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


@dataclass
class _Job:
    kind: str
    args: tuple[Any, ...]
    loop: asyncio.AbstractEventLoop
    future: asyncio.Future[Any]


_STOP = object()


class Store:
    """Answers, contacts and spam in one database, written by one group-committing thread."""

    def __init__(self, url: str):
        self.dialect = dialect_for(url)
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._conn: Any = None
        self.healthy = False
        self.commits = 0

    # ------------------------------------------------------------------ lifecycle
    def open(self) -> None:
        """Connect, create the tables, start the writer thread (raises if the DB is unusable)."""
        self._conn = self.dialect.connect()
        self._create_schema(self._conn)
        self.healthy = True
        self._thread = threading.Thread(target=self._run, name="showpress-writer", daemon=True)
        self._thread.start()

    def close(self) -> None:
        if self._thread is not None:
            self._queue.put(_STOP)
            self._thread.join(timeout=30)
            self._thread = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _create_schema(self, conn: Any) -> None:
        self.dialect.begin(conn)
        for statement in SCHEMA:
            conn.execute(statement.format(serial=self.dialect.serial))
        conn.commit() if not isinstance(conn, sqlite3.Connection) else conn.execute("COMMIT")

    # ------------------------------------------------------------------ writes (async API)
    async def _submit(self, kind: str, *args: Any) -> Any:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        self._queue.put(_Job(kind, args, loop, future))
        return await future

    async def add_response(self, form_id: str, lang: str, client_id: str | None,
                           answers: Answers, contact: LotteryContact | None) -> int | None:
        """Store an answer durably; its id, or None when this client already answered this form."""
        return await self._submit("response", form_id, lang, client_id, answers, contact)

    async def add_spam(self, form_id: str, remote: str, fields: Fields) -> int:
        return await self._submit("spam", form_id, remote, fields)

    async def delete_contact(self, form_id: str, client_id: str) -> int:
        """Delete the lottery contact details of a client for a form; the number deleted."""
        return await self._submit("delete_contact", form_id, client_id)

    # ------------------------------------------------------------------ the writer thread
    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is _STOP:
                return
            batch = [first]
            stop = False
            while len(batch) < MAX_BATCH:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is _STOP:
                    stop = True
                    break
                batch.append(item)
            self._commit_batch(batch)
            if stop:
                return

    def _commit_batch(self, batch: list[_Job]) -> None:
        try:
            results = self._write(batch, isolate=False)
        except Exception as error:
            self._reset(self._conn)
            if not isinstance(error, self.dialect.row_errors()):
                self._fail(batch, error)
                return
            # one answer the database refuses must not fail the others: again, each in a savepoint
            try:
                results = self._write(batch, isolate=True)
            except Exception as again:
                self._reset(self._conn)
                self._fail(batch, again)
                return
        self.commits += 1
        self.healthy = True
        self._resolve(batch, results)

    def _write(self, batch: list[_Job], isolate: bool) -> list[Any]:
        """Apply and commit the batch in one transaction (:meth:`_apply_all`); with ``isolate``, one
        savepoint per job (:meth:`_apply_each`)."""
        conn = self._conn
        if conn is None:
            conn = self._conn = self.dialect.connect()
        self.dialect.begin(conn)
        cursor = conn.cursor()
        results = self._apply_each(cursor, batch) if isolate else self._apply_all(cursor, batch)
        if isinstance(conn, sqlite3.Connection):
            conn.execute("COMMIT")
        else:
            conn.commit()
        return results

    def _apply_all(self, cursor: Any, batch: list[_Job]) -> list[Any]:
        """Every job of the batch, in order. On SQLite, each run of anonymous answers goes in one
        statement: the writer gives the GIL up for every statement, and taking it back from a busy
        event loop cost more than the statement itself (issue 15)."""
        results: list[Any] = []
        start = 0
        while start < len(batch):
            end = start
            while end < len(batch) and end - start < MANY and _anonymous(batch[end]):
                end += 1
            if end - start > 1 and isinstance(cursor, sqlite3.Cursor):
                results.extend(_insert_anonymous(cursor, batch[start:end]))
                start = end
            else:
                results.append(self._apply(cursor, batch[start]))
                start += 1
        return results

    def _apply_each(self, cursor: Any, batch: list[_Job]) -> list[Any]:
        """Every job of the batch in its own savepoint: a job the database refuses for its own data is
        rolled back alone and answered with :class:`Rejected`."""
        results: list[Any] = []
        for job in batch:
            cursor.execute("SAVEPOINT job")
            try:
                results.append(self._apply(cursor, job))
            except self.dialect.row_errors() as error:
                cursor.execute("ROLLBACK TO SAVEPOINT job")
                log.error("database refused one %s for form %s, the rest of its group is kept: %s: %s",
                          job.kind, job.args[0], type(error).__name__, error)
                results.append(Rejected(f"{type(error).__name__}: {error}"))
            cursor.execute("RELEASE SAVEPOINT job")
        return results

    def _fail(self, batch: list[_Job], error: Exception) -> None:
        """Nobody in this batch is acknowledged: 503 for each, and /healthz turns 503."""
        log.error("database commit failed, %d answers refused with 503: %s: %s",
                  len(batch), type(error).__name__, error)
        self.healthy = False
        self._resolve(batch, [StoreUnavailable(str(error))] * len(batch))

    def _reset(self, conn: Any) -> None:
        try:
            if isinstance(conn, sqlite3.Connection):
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
            elif conn is not None:
                conn.rollback()
        except Exception:  # the connection is broken: reconnect on the next batch
            try:
                conn.close()
            except Exception:
                pass
            self._conn = None

    def _apply(self, cursor: Any, job: _Job) -> Any:
        sql = self.dialect.sql
        received = now_iso()
        if job.kind == "response":
            form_id, lang, client_id, answers, contact = job.args
            cursor.execute(sql(INSERT_RESPONSE), (form_id, lang, received, client_id,
                                                  json.dumps(answers, ensure_ascii=False)))
            rows = cursor.fetchall()
            if not rows:
                return None
            row = rows[0]
            if contact is not None:
                cursor.execute(sql(INSERT_CONTACT), (row[0], form_id, client_id, contact.name,
                                                     contact.email, received))
            return int(row[0])
        if job.kind == "spam":
            form_id, remote, fields = job.args
            cursor.execute(sql(INSERT_SPAM), (form_id, received, remote,
                                              json.dumps(fields, ensure_ascii=False)))
            return int(cursor.fetchall()[0][0])
        if job.kind == "delete_contact":
            cursor.execute(sql(DELETE_CONTACT), job.args)
            return cursor.rowcount
        raise ValueError(job.kind)

    @staticmethod
    def _resolve(batch: list[_Job], results: list[Any]) -> None:
        by_loop: dict[asyncio.AbstractEventLoop, list[tuple[_Job, Any]]] = {}
        for job, result in zip(batch, results, strict=True):
            by_loop.setdefault(job.loop, []).append((job, result))
        for loop, pairs in by_loop.items():
            try:
                loop.call_soon_threadsafe(_settle, pairs)
            except RuntimeError:  # the loop is closed: the waiter is gone
                pass

    # ------------------------------------------------------------------ reads (call in a thread)
    @contextmanager
    def reader(self) -> Iterator[Any]:
        conn = self.dialect.connect()
        try:
            yield conn
        finally:
            conn.close()

    def responses(self, form_id: str | None = None) -> list[Response]:
        query = ("SELECT r.id, r.form_id, r.lang, r.received_at, r.client_id, r.answers, "
                 "c.response_id IS NOT NULL FROM responses r LEFT JOIN contacts c ON c.response_id = r.id")
        params: tuple[Any, ...] = ()
        if form_id is not None:
            query += " WHERE r.form_id = ?"
            params = (form_id,)
        query += " ORDER BY r.id"
        with self.reader() as conn:
            rows = conn.execute(self.dialect.sql(query), params).fetchall()
        return [Response(int(r[0]), r[1], r[2], r[3], r[4], json.loads(r[5]), bool(r[6])) for r in rows]

    def contacts(self) -> list[Contact]:
        query = ("SELECT response_id, form_id, client_id, name, email, consented_at FROM contacts "
                 "ORDER BY response_id")
        with self.reader() as conn:
            return [Contact(int(r[0]), *r[1:]) for r in conn.execute(query).fetchall()]

    def spam_count(self) -> int:
        with self.reader() as conn:
            return int(conn.execute("SELECT count(*) FROM spam").fetchone()[0])

    def integrity_ok(self) -> bool:
        with self.reader() as conn:
            return self.dialect.integrity_ok(conn)


def _anonymous(job: _Job) -> bool:
    """An answer with neither client nor lottery contact: it cannot conflict with another."""
    return job.kind == "response" and job.args[2] is None and job.args[4] is None


class NotConsecutive(ValueError):
    """SQLite gave a multi-row insert ids that are not the next ones (only once the largest possible
    id is taken): the batch is written again one answer at a time, which reads each id back."""


def _insert_anonymous(cursor: sqlite3.Cursor, jobs: list[_Job]) -> list[int]:
    """Insert anonymous answers with one statement; their ids. SQLite gives each new row the largest
    id plus one (https://sqlite.org/autoinc.html); this writer holds the write lock, so the rows get
    the ids after the largest one, in order, and this is checked."""
    largest = cursor.execute("SELECT max(id) FROM responses").fetchone()[0] or 0
    params: list[Any] = []
    for job in jobs:
        form_id, lang, _, answers, _ = job.args
        params += (form_id, lang, now_iso(), json.dumps(answers, ensure_ascii=False))
    cursor.execute(INSERT_ANONYMOUS + ", ".join(["(?, ?, ?, NULL, ?)"] * len(jobs)), params)
    if cursor.rowcount != len(jobs) or cursor.lastrowid != largest + len(jobs):
        raise NotConsecutive(f"ids after {largest} for {len(jobs)} answers, last {cursor.lastrowid}")
    return list(range(largest + 1, largest + len(jobs) + 1))


def _settle(pairs: list[tuple[_Job, Any]]) -> None:
    for job, result in pairs:
        if job.future.done():
            continue
        if isinstance(result, BaseException):
            job.future.set_exception(result)
        else:
            job.future.set_result(result)
