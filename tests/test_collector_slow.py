"""Slow clients over a real socket: headers and bodies that trickle in are cut off within their bound,
with both HTTP implementations the collector runs on (h11, httptools)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from collector_support import ADMIN, SITE_ORIGIN, running_collector, tiny_show

from generator.collector.settings import Settings

BOUND = 1.0
SLACK = 1.5
HEAD = (b"POST /f/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: " + SITE_ORIGIN.encode()
        + b"\r\nContent-Type: application/json\r\n")


async def slow_client(port: int, first: bytes, drip: bytes) -> tuple[float, bytes]:
    """Send ``first``, then ``drip`` one byte every 0.2 s until the server answers or closes;
    the seconds it took and what the server said."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    started = time.monotonic()
    writer.write(first)
    said = b""
    try:
        for i in range(int(4 * (BOUND + SLACK) / 0.2)):  # gives up (unanswered) well after the bound
            try:
                said = await asyncio.wait_for(reader.read(1024), 0.2)
            except TimeoutError:
                writer.write(drip[i % len(drip):i % len(drip) + 1])
                await writer.drain()
                continue
            break
    except (ConnectionResetError, BrokenPipeError):
        pass
    finally:
        writer.close()
    return time.monotonic() - started, said


async def many(port: int, count: int, first: bytes, drip: bytes) -> list[tuple[float, bytes]]:
    return await asyncio.gather(*(slow_client(port, first, drip) for _ in range(count)))


@contextmanager
def collector_port(settings: Settings, http: str) -> Iterator[tuple[str, int]]:
    """A collector running ``settings`` on the ``http`` implementation: its URL and its port."""
    with running_collector(settings, http=http) as running:
        yield running.url, int(running.url.rsplit(":", 1)[1])


def bounded(tmp_path: Path) -> Settings:
    """The tiny show's collector with headers and bodies each bound to ``BOUND`` seconds."""
    return Settings(show=tiny_show(), db_url=f"sqlite:///{tmp_path / 'f.db'}", admin_token=ADMIN,
                    rate_per_minute=0, header_timeout=BOUND, body_timeout=BOUND)


@pytest.mark.parametrize("http", ["h11", "httptools"])
def test_slow_headers_are_cut_off_and_others_served(http: str, tmp_path: Path) -> None:
    with collector_port(bounded(tmp_path), http) as (url, port):
        started = time.monotonic()
        results = asyncio.run(many(port, 300, HEAD, b"X-Slow: aaaaaaaaaaaaaaaaaaaaaa\r\n"))
        took = time.monotonic() - started
        assert all(r[1].startswith(b"HTTP/1.1 408") for r in results), {r[1][:40] for r in results}
        assert max(r[0] for r in results) < BOUND + SLACK, max(r[0] for r in results)
        # a keep-alive connection gets the same bound for its next request
        one = asyncio.run(slow_client(port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\n",
                                      b"X-Slow: a\r\n"))
        assert one[1].startswith(b"HTTP/1.1 200")
        reply = httpx.post(f"{url}/f/feedback", json={"q.exhibits": "good"}, headers={"Origin": SITE_ORIGIN})
        assert reply.status_code == 200
    print(f"{http}: 300 slow-header connections cut off with 408 in {took:.2f} s (bound {BOUND} s)")


@pytest.mark.parametrize("http", ["h11", "httptools"])
def test_slow_body_is_cut_off(http: str, tmp_path: Path) -> None:
    with collector_port(bounded(tmp_path), http) as (url, port):
        first = HEAD + b"Content-Length: 5000\r\n\r\n" + b'{"q.exhibits": "good", "q.comments": "'
        results = asyncio.run(many(port, 50, first, b"x"))
        assert all(r[1].startswith(b"HTTP/1.1 408") for r in results), {r[1][:40] for r in results}
        assert max(r[0] for r in results) < BOUND + SLACK
        rows = httpx.get(f"{url}/admin/export.json", headers={"Authorization": f"Bearer {ADMIN}"}).json()
        assert rows == []


@pytest.mark.parametrize("http", ["h11", "httptools"])
def test_huge_headers_refused(http: str, tmp_path: Path) -> None:
    settings = Settings(show=tiny_show(), db_url=f"sqlite:///{tmp_path / 'f.db'}", max_header_bytes=8 * 1024)
    with collector_port(settings, http) as (_, port):
        took, said = asyncio.run(slow_client(port, HEAD + b"X-Big: " + b"a" * 64 * 1024, b"a"))
        assert said[:12] in (b"HTTP/1.1 431", b"HTTP/1.1 400"), said[:60]
        assert took < BOUND
