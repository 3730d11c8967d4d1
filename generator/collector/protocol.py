"""uvicorn's HTTP protocols with a bound on the time and size of request headers.

uvicorn (0.54) bounds only the idle time between requests (``timeout_keep_alive``), and its
keep-alive timer stops at the first byte received: a client that sends its headers one byte every
few seconds (slowloris) holds a connection, and a file descriptor, for ever. The classes built by
:func:`guarded_protocol` start a deadline when a connection opens and after each response; if the
request's headers are not complete by then, the client gets 408 and the connection is closed.
Headers larger than ``max_header_bytes`` get 431 (httptools, unlike h11, sets no limit).
The body's read time is bounded by the app (:func:`generator.collector.app.read_body`).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

log = logging.getLogger(__name__)

_CLOSE = b"\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"


class _HeaderDeadline:
    """Mixin for a uvicorn HTTP protocol: headers must arrive within ``header_timeout`` seconds."""

    header_timeout = 10.0
    max_header_bytes = 16 * 1024
    transport: asyncio.Transport
    loop: asyncio.AbstractEventLoop
    cycle: Any

    def connection_made(self, transport: asyncio.Transport) -> None:
        super().connection_made(transport)  # type: ignore[misc]
        self._arm()

    def data_received(self, data: bytes) -> None:
        self._header_bytes = getattr(self, "_header_bytes", 0) + len(data)
        super().data_received(data)  # type: ignore[misc]
        if getattr(self, "_deadline", None) is not None and self._header_bytes > self.max_header_bytes:
            self._refuse(b"HTTP/1.1 431 Request Header Fields Too Large", "headers larger than %d bytes",
                         self.max_header_bytes)

    def on_response_complete(self) -> None:
        super().on_response_complete()  # type: ignore[misc]
        if not self.transport.is_closing() and (self.cycle is None or self.cycle.response_complete):
            self._arm()  # the next request on this kept-alive connection has the same bound

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)  # type: ignore[misc]

    def _arm(self) -> None:
        self._disarm()
        self._header_bytes = 0
        self._deadline: asyncio.TimerHandle | None = self.loop.call_later(self.header_timeout, self._expired)

    def _disarm(self) -> None:
        deadline = getattr(self, "_deadline", None)
        if deadline is not None:
            deadline.cancel()
            self._deadline = None

    def _expired(self) -> None:
        self._deadline = None
        self._refuse(b"HTTP/1.1 408 Request Timeout", "request headers not complete within %.1f s",
                     self.header_timeout)

    def _refuse(self, status: bytes, why: str, figure: float) -> None:
        self._disarm()
        if self.transport.is_closing():
            return
        peer = self.transport.get_extra_info("peername")
        log.info("closed a connection from %s: " + why, peer[0] if peer else "?", figure)
        self.transport.write(status + _CLOSE)
        self.transport.close()


class GuardedH11(_HeaderDeadline, H11Protocol):  # type: ignore[misc]
    def handle_events(self) -> None:
        super().handle_events()
        if self.cycle is not None and not self.cycle.response_complete:
            self._disarm()  # a request's headers are in: the app bounds the body


class GuardedHttpTools(_HeaderDeadline, HttpToolsProtocol):  # type: ignore[misc]
    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()


def guarded_protocol(http: str, header_timeout: float, max_header_bytes: int) -> type[asyncio.Protocol]:
    """The uvicorn protocol class for ``http`` ("h11" or "httptools") with these bounds."""
    base: type[_HeaderDeadline] = GuardedHttpTools if http == "httptools" else GuardedH11
    attrs = {"header_timeout": header_timeout, "max_header_bytes": max_header_bytes}
    return type(f"{base.__name__}Bounded", (base,), attrs)  # type: ignore[return-value]
