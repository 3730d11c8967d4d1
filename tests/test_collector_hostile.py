"""Hostile text and shapes over a real socket, on SQLite and PostgreSQL: lone surrogates, control
characters and deep nesting are refused at the door (400), and one answer the database refuses
can never fail the commit of the others in its group."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from collector_support import ADMIN, SITE_ORIGIN, Running, running_collector, tiny_show

from generator.collector.settings import Settings
from generator.collector.store import Rejected, Store

JSON_HEADERS = {"Origin": SITE_ORIGIN, "Content-Type": "application/json"}
FORM_HEADERS = {"Origin": SITE_ORIGIN, "Content-Type": "application/x-www-form-urlencoded"}
ADMIN_HEADERS = {"Authorization": f"Bearer {ADMIN}"}


@pytest.fixture
def collector(db_url: str) -> Iterator[Running]:
    settings = Settings(show=tiny_show(), db_url=db_url, admin_token=ADMIN, rate_per_minute=0)
    with running_collector(settings) as running:
        yield running


def stored_comments(url: str) -> list[str]:
    rows = httpx.get(f"{url}/admin/export.json", headers=ADMIN_HEADERS, timeout=10).json()
    return sorted(r["answers"].get("comments", "") for r in rows)


def test_lone_surrogate_among_concurrent_answers(collector: Running) -> None:
    """A lone surrogate is 400; the 40 valid answers sent with it are all stored and health stays 200."""
    bodies = [json.dumps({"q.exhibits": "good", "q.comments": f"ok-{i}"}) for i in range(40)]
    bodies.insert(17, '{"q.exhibits": "good", "q.comments": "bad \\ud800 text"}')

    def post(body: str) -> int:
        with httpx.Client(base_url=collector.url, timeout=10) as c:
            return c.post("/f/feedback", content=body, headers=JSON_HEADERS).status_code

    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(post, bodies))
    assert codes[17] == 400
    assert codes[:17] + codes[18:] == [200] * 40
    assert httpx.get(f"{collector.url}/healthz").status_code == 200
    assert stored_comments(collector.url) == sorted(f"ok-{i}" for i in range(40))


@pytest.mark.parametrize("body", [
    '{"q.exhibits": "good", "q.comments": "\\udfff"}',
    '{"q.exhibits": "good", "q.comments": "nul \\u0000 byte"}',
    '{"q.exhibits": "good", "q.comments": "bell \\u0007"}',
    '{"q.exhibits": "good", "q.comments": ["\\ud83d"]}',
    '{"q.exhibits": "good", "lottery_consent": true, "contact_name": "a\\u0000", "contact_email": "k@x.org"}',
    '{"q.exhibits": "good", "lottery_consent": true, "contact_email": "k\\u0000@x.org"}',
    '{"q.exhibits": "good", "q.\\ud800": "x"}',
    '{"q.exhibits": "good", "website": "\\ud800"}',
    '{"q.exhibits": "good", "lang": false}',
    '{"q.exhibits": "good", "lang": null}',
    '{"q.exhibits": "good", "q.comments": 5}',
])
def test_bad_text_refused_at_the_door(collector: Running, body: str) -> None:
    with httpx.Client(base_url=collector.url, timeout=10) as c:
        reply = c.post("/f/feedback", content=body, headers=JSON_HEADERS)
        assert reply.status_code == 400, reply.text
        assert reply.json() == {"ok": False, "errors": {"_form": "form"}}
        assert c.get("/healthz").status_code == 200
    assert stored_comments(collector.url) == []


def test_control_characters_in_form_posts_refused(collector: Running) -> None:
    with httpx.Client(base_url=collector.url, timeout=10) as c:
        for body in (b"q.exhibits=good&q.comments=a%00b", b"q.exhibits=good&q.comments=%1B[31m",
                     b"q.exhibits=good&website=%7F"):
            assert c.post("/f/feedback", content=body, headers=FORM_HEADERS).status_code == 400
        # tabs and line breaks are ordinary text
        ok = c.post("/f/feedback", content=b"q.exhibits=good&q.comments=line%0D%0Anext%09tab", headers=FORM_HEADERS)
        assert ok.status_code == 303
    assert stored_comments(collector.url) == ["line\r\nnext\ttab"]


def test_deep_nesting_refused_with_400(collector: Running) -> None:
    with httpx.Client(base_url=collector.url, timeout=10) as c:
        for depth in (3, 1000, 30_000):
            deep = '{"q.exhibits": "good", "q.comments": ' + "[" * depth + "]" * depth + "}"
            reply = c.post("/f/feedback", content=deep, headers=JSON_HEADERS)
            assert reply.status_code == 400, (depth, reply.text[:200])
            assert reply.json()["errors"] == {"_form": "form"}
        # brackets inside a string are text, not nesting
        text = "[" * 1000 + "{" * 500
        reply = c.post("/f/feedback", content=json.dumps({"q.exhibits": "good", "q.comments": text}),
                       headers=JSON_HEADERS)
        assert reply.status_code == 200, reply.text
    assert stored_comments(collector.url) == [text]


def test_one_refused_row_does_not_fail_its_group(db_url: str) -> None:
    """Straight at the store (the door keeps such text out): the database refuses one answer of a
    group; that one gets Rejected, the others are committed and the store stays healthy."""
    store = Store(db_url)
    store.open()

    async def submit() -> list[object]:
        jobs = [store.add_response("feedback", "en", None, {"comments": f"ok-{i}"}, None) for i in range(30)]
        jobs.insert(11, store.add_response("feedback", "en", None, {"comments": "bad \ud800"}, None))
        return await asyncio.gather(*jobs, return_exceptions=True)

    try:
        results = asyncio.run(submit())
        assert isinstance(results[11], Rejected), results[11]
        others = results[:11] + results[12:]
        assert all(isinstance(r, int) for r in others), others
        assert len(set(others)) == 30
        assert store.healthy
        assert sorted(r.answers["comments"] for r in store.responses()) == sorted(f"ok-{i}" for i in range(30))
    finally:
        store.close()
