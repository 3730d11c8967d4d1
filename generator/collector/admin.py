"""The editors' endpoints under ``/admin``: exports, the report, deleting lottery contacts.

None of them checks the admin token: :func:`routes` puts every one behind
:class:`generator.collector.guards.AdminGuard`, the one place that does.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from .. import tokens
from . import export, report, reportpage
from .guards import ADMIN_DOOR
from .state import services
from .store import StoreUnavailable


async def export_csv(request: Request) -> Response:
    the = services(request)
    rows = await run_in_threadpool(the.store.responses)
    return Response(export.responses_csv(the.show, rows), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="answers.csv"'})


async def export_json(request: Request) -> Response:
    the = services(request)
    rows = await run_in_threadpool(the.store.responses)
    return Response(export.responses_json(the.show, rows), media_type="application/json")


async def contacts_csv(request: Request) -> Response:
    rows = await run_in_threadpool(services(request).store.contacts)
    return Response(export.contacts_csv(rows), media_type="text/csv; charset=utf-8")


async def report_data(request: Request) -> report.Report:
    the = services(request)
    rows = await run_in_threadpool(the.store.responses)
    spam = await run_in_threadpool(the.store.spam_count)
    return report.build_report(the.show, rows, spam, the.issued)


async def report_json(request: Request) -> Response:
    return JSONResponse(dataclasses.asdict(await report_data(request)))


async def report_page(request: Request) -> Response:
    the = services(request)
    languages = the.languages
    lang = request.query_params.get("lang", languages[0])
    lang = lang if lang in languages else languages[0]
    return HTMLResponse(reportpage.render_html(the.show, await report_data(request), lang, the.templates))


async def delete_contact(request: Request) -> Response:
    the = services(request)
    form_id = request.path_params["form_id"]
    client_id = tokens.verify(the.settings.token_secret, request.path_params["token"], form_id)
    if form_id not in the.forms or client_id is None:
        return JSONResponse({"error": "unknown form or invalid token"}, status_code=404)
    try:
        deleted = await the.store.delete_contact(form_id, client_id)
    except StoreUnavailable:
        return JSONResponse({"error": "database unavailable"}, status_code=503)
    return JSONResponse({"deleted": deleted})


def _admin(path: str, endpoint: Callable[[Request], object], method: str = "GET") -> Route:
    return Route("/admin" + path, endpoint, methods=[method], middleware=ADMIN_DOOR)


def routes() -> list[Route]:
    """Every admin route, each behind the admin guard."""
    return [
        _admin("/export.csv", export_csv),
        _admin("/export.json", export_json),
        _admin("/contacts.csv", contacts_csv),
        _admin("/report.json", report_json),
        _admin("/report", report_page),
        _admin("/contacts/{form_id}/{token}", delete_contact, "DELETE"),
    ]
