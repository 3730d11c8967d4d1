"""The collector's HTTP interface: a Starlette app built by ``create_app(settings)``.

Form posts: ``POST /f/{form_id}`` (:mod:`.submit`), behind the form door (CORS, :mod:`.guards`).
Admin (Bearer token): exports, report, contact deletion (:mod:`.admin`), behind the admin door.
``/healthz`` and ``/openapi.json``. Every endpoint is a module-level function that reads its
app's services (:class:`.state.Services`) from ``app.state``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from . import admin
from .guards import FORM_DOOR
from .openapi import openapi_document
from .settings import Settings
from .state import Services, make_services, services, template_env
from .store import Store
from .submit import submit

__all__ = ["create_app", "template_env"]


PREFLIGHT = {"Access-Control-Allow-Methods": "POST", "Access-Control-Allow-Headers": "Content-Type",
             "Access-Control-Max-Age": "600"}


async def preflight(request: Request) -> Response:
    """CORS preflight of a form post from an allowed origin (the form door refuses the others)."""
    return Response(status_code=204, headers=PREFLIGHT)


async def healthz(request: Request) -> Response:
    ok = services(request).store.healthy
    return JSONResponse({"ok": ok}, status_code=200 if ok else 503)


async def openapi(request: Request) -> Response:
    return JSONResponse(openapi_document(services(request).show))


ROUTES: list[BaseRoute] = [
    Route("/f/{form_id}", submit, methods=["POST"], middleware=FORM_DOOR),
    Route("/f/{form_id}", preflight, methods=["OPTIONS"], middleware=FORM_DOOR),
    Route("/healthz", healthz, methods=["GET"]),
    Route("/openapi.json", openapi, methods=["GET"]),
    *admin.routes(),
]


@asynccontextmanager
async def _lifespan(app: Starlette) -> AsyncIterator[None]:
    """Open the store at startup and close it at shutdown, unless the caller gave it (and owns it)."""
    the: Services = app.state.services
    owned: bool = app.state.owns_store
    if owned:
        await run_in_threadpool(the.store.open)
    try:
        yield
    finally:
        if owned:
            await run_in_threadpool(the.store.close)


def create_app(settings: Settings, store: Store | None = None) -> Starlette:
    """The collector app; it opens ``settings.db_url`` at startup unless given a store."""
    the = make_services(settings, store or Store(settings.db_url))
    app = Starlette(routes=ROUTES, lifespan=_lifespan)
    app.state.services = the
    app.state.owns_store = store is None
    return app
