"""Run the collector with uvicorn."""

from __future__ import annotations

import gc
import importlib.util
import logging
import sys

import uvicorn
from starlette.applications import Starlette

from ..errors import BuildError
from .app import create_app
from .protocol import guarded_protocol
from .settings import Settings
from .store import Store

log = logging.getLogger(__name__)

SWITCH_INTERVAL = 0.001
"""Seconds the event loop may hold the GIL while the writer thread waits for it (Python's default is
0.005). Each commit gives the GIL up for its fsync; with the default, taking it back from a busy event
loop cost up to 5 ms per commit, and every answer of the group waited for it."""


def serve(settings: Settings, host: str, port: int) -> None:
    """Serve until interrupted (uvloop and httptools when installed).

    uvicorn's own proxy headers stay off: the app reads X-Forwarded-For itself, and only from the
    proxies given with ``--trusted-proxy`` (:func:`generator.collector.ratelimit.client_address`)."""
    if not settings.admin_token:
        log.warning("no admin token: exports and reports are refused (set SHOWPRESS_ADMIN_TOKEN)")
    if not settings.token_secret:
        log.warning("no token secret: answers carrying a survey token are refused (set SHOWPRESS_TOKEN_SECRET)")
    log.info("collector for %s on http://%s:%d, database %s, origins %s", settings.show.info.site_url,
             host, port, settings.db_url.split("@")[-1], ", ".join(sorted(settings.origins)))
    probe = Store(settings.db_url)
    try:
        probe.open()
    except Exception as error:
        raise BuildError(f"cannot open the database {settings.db_url.split('@')[-1]}: {error}") from None
    finally:
        probe.close()
    fast = importlib.util.find_spec("uvloop") is not None and importlib.util.find_spec("httptools") is not None
    config = uvicorn_config(create_app(settings), settings, host, port, http="httptools" if fast else "h11",
                            loop="uvloop" if fast else "asyncio")
    config.load()
    settle_process()
    uvicorn.Server(config).run()


def settle_process() -> None:
    """Tune this process for serving, once everything long-lived (show, forms, templates, uvicorn and
    its protocols) is loaded: freeze those objects out of the garbage collector, so that a full
    collection while serving walks only what requests create (it walked the whole show, 30 ms with
    every request on hold), and let the writer thread take the GIL back quickly
    (:data:`SWITCH_INTERVAL`). Called by :func:`serve` only: a process that serves the collector."""
    gc.collect()
    gc.freeze()
    sys.setswitchinterval(SWITCH_INTERVAL)


def uvicorn_config(app: Starlette, settings: Settings, host: str, port: int, *, http: str = "h11",
                   loop: str = "asyncio") -> uvicorn.Config:
    """How the collector is served: request headers bounded in time and size (see
    :mod:`generator.collector.protocol`), idle keep-alive connections closed after 5 s, no access log;
    logging is left to the caller (``log_config=None``)."""
    return uvicorn.Config(
        app, host=host, port=port, log_config=None, log_level="warning", access_log=False, loop=loop,
        http=guarded_protocol(http, settings.header_timeout, settings.max_header_bytes),
        h11_max_incomplete_event_size=settings.max_header_bytes, timeout_keep_alive=5,
        proxy_headers=False, server_header=False, timeout_graceful_shutdown=10, lifespan="on",
    )
