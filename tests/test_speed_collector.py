"""What keeps the collector's latency tail short (issue 15): the serving process freezes everything it
loaded out of the garbage collector and lets the writer thread take the GIL back quickly, and the
writer puts a group of anonymous answers in one statement.

Measured with bench/bench_collector.py: a full collection walked the whole show (about 30 ms of CPU
with every request on hold, four times per 10,000 answers), and each commit waited up to Python's
5 ms switch interval for the busy event loop to give the GIL back."""

from __future__ import annotations

import asyncio
import gc
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from collector_support import tiny_show

from generator.collector.app import create_app
from generator.collector.service import SWITCH_INTERVAL, settle_process
from generator.collector.settings import Settings
from generator.collector.store import Store


@pytest.fixture
def restored() -> Iterator[None]:
    """settle_process changes this process (the test runner): put it back."""
    interval = sys.getswitchinterval()
    assert gc.get_freeze_count() == 0
    try:
        yield
    finally:
        gc.unfreeze()
        sys.setswitchinterval(interval)


def test_a_full_collection_no_longer_walks_the_loaded_show(restored: None) -> None:
    settings = Settings(show=tiny_show(), db_url="sqlite:///unused.db")
    app = create_app(settings)
    loaded = {id(app), id(settings.show), id(settings.show.forms)}
    walked_before = len(gc.get_objects())
    settle_process()
    walked = gc.get_objects()
    assert not loaded & {id(o) for o in walked}
    assert gc.get_freeze_count() >= walked_before // 2
    assert len(walked) < walked_before // 20


def test_the_writer_thread_gets_the_gil_back_within_a_millisecond(restored: None) -> None:
    settle_process()
    assert sys.getswitchinterval() == SWITCH_INTERVAL <= 0.001


@contextmanager
def held_writer(path: Path) -> Iterator[None]:
    """Another connection holds SQLite's write lock: the store's writer waits at its first answer and
    the answers that come meanwhile queue up, to be written as one group when the lock goes."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def grouped(store: Store, path: Path, answers: list[tuple[str | None, str]]) -> list[object]:
    """Store the first answer alone, then the rest as one group; each answer's result, in order."""

    async def submit() -> list[object]:
        with held_writer(path):
            client, text = answers[0]
            first = asyncio.ensure_future(store.add_response("feedback", "en", client, {"comments": text}, None))
            await asyncio.sleep(0.2)  # the writer took the first answer and waits for the lock
            rest = [asyncio.ensure_future(store.add_response("feedback", "en", client, {"comments": text}, None))
                    for client, text in answers[1:]]
            await asyncio.sleep(0)
        return list(await asyncio.gather(first, *rest, return_exceptions=True))

    return asyncio.run(submit())


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(f"sqlite:///{tmp_path / 'answers.db'}")
    opened.open()
    try:
        yield opened
    finally:
        opened.close()


def test_a_group_of_anonymous_answers_is_one_statement(store: Store, tmp_path: Path) -> None:
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)
    answers: list[tuple[str | None, str]] = [(None, f"answer {i}") for i in range(21)]
    ids = grouped(store, tmp_path / "answers.db", answers)
    assert ids == list(range(1, 22))
    group = statements[statements.index("COMMIT") + 1:]
    assert [s.split(" ")[0] for s in group] == ["BEGIN", "SELECT", "INSERT", "COMMIT"], group
    assert [(r.id, r.answers["comments"]) for r in store.responses()] == [(i, f"answer {i - 1}") for i in ids]


def test_answers_keep_their_order_and_ids_around_a_client_answer(store: Store, tmp_path: Path) -> None:
    answers: list[tuple[str | None, str]] = [(None, "a0"), (None, "a1"), (None, "a2"), ("C-7", "client"),
                                             (None, "a4"), ("C-7", "again"), (None, "a6")]
    results = grouped(store, tmp_path / "answers.db", answers)
    assert results == [1, 2, 3, 4, 5, None, 6]  # the client's second answer is a duplicate
    assert [(r.id, r.client_id, r.answers["comments"]) for r in store.responses()] == [
        (1, None, "a0"), (2, None, "a1"), (3, None, "a2"), (4, "C-7", "client"), (5, None, "a4"), (6, None, "a6")]


def test_ids_are_read_back_when_sqlite_cannot_give_the_next_ones(store: Store, tmp_path: Path) -> None:
    """Once the largest possible id is taken, SQLite picks new ids at random: every answer still gets
    its own id back."""
    with sqlite3.connect(tmp_path / "answers.db") as conn:
        conn.execute("INSERT INTO responses (id, form_id, lang, received_at, answers) "
                     "VALUES (9223372036854775807, 'feedback', 'en', 'then', '{}')")
    answers: list[tuple[str | None, str]] = [(None, f"answer {i}") for i in range(12)]
    ids = grouped(store, tmp_path / "answers.db", answers)
    assert len(set(ids)) == 12 and all(isinstance(i, int) for i in ids)
    stored = {r.id: r.answers.get("comments") for r in store.responses()}
    assert [stored[i] for i in ids[1:]] == [f"answer {i}" for i in range(1, 12)]
    assert store.healthy
