"""The collector's HTTP interface: a Starlette app built by ``create_app(settings)``.

Form posts: ``POST /f/{form_id}`` (form-encoded from a plain HTML form: answers 303 to the
thank-you page; JSON from the page's script: answers JSON). Admin (Bearer token): exports,
report, contact deletion. ``/healthz`` and ``/openapi.json``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hmac
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from .. import surveycodes, tokens
from ..i18n import text_dir, tr
from ..phrases import install as install_i18n
from . import export, report, reportpage
from .issued import read_issued
from .openapi import openapi_document
from .ratelimit import RateLimiter, client_address, parse_networks
from .settings import Settings, origin_of
from .store import Rejected, Store, StoreUnavailable
from .validate import BadBody, Invalid, parse_form_encoded, parse_json, validate

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"


class TooLarge(Exception):
    pass


class TooSlow(Exception):
    pass


def template_env() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(tr=tr, text_dir=text_dir)
    install_i18n(env)
    return env


async def read_body(request: Request, limit: int, timeout: float) -> bytes:
    """The body, refusing (before parsing anything) more than ``limit`` bytes or, with
    :class:`TooSlow`, a body that takes more than ``timeout`` seconds to arrive."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > limit:
                raise TooLarge()
        except ValueError:
            raise TooLarge() from None
    chunks: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(timeout):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise TooLarge()
                chunks.append(chunk)
    except TimeoutError:
        raise TooSlow() from None
    return b"".join(chunks)


def request_origin(request: Request) -> str | None:
    """The Origin header, or else the origin of the Referer (some browsers omit Origin)."""
    origin = request.headers.get("origin")
    if origin is not None:
        try:
            return origin_of(origin) if origin.strip() != "null" else None
        except Exception:
            return None
    referer = request.headers.get("referer")
    if referer:
        try:
            return origin_of(referer)
        except Exception:
            return None
    return None


def create_app(settings: Settings, store: Store | None = None) -> Starlette:
    """The collector app; it opens ``settings.db_url`` at startup unless given a store."""
    show = settings.show
    forms = {f.id: f for f in show.forms}
    languages = show.languages
    origins = settings.origins
    site_url = show.info.site_url if show.info.site_url.endswith("/") else show.info.site_url + "/"
    limiter = RateLimiter(settings.rate_per_minute)
    trusted = parse_networks(settings.trusted_proxies)
    env = template_env()
    the_store = store or Store(settings.db_url)
    issued = read_issued(settings.manifest, settings.clients, settings.token_secret)

    def cors(origin: str | None) -> dict[str, str]:
        return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"} if origin in origins else {"Vary": "Origin"}

    def admin_ok(request: Request) -> bool:
        header = request.headers.get("authorization", "")
        given = header[7:].strip() if header[:7].lower() == "bearer " else ""
        return bool(settings.admin_token) and bool(given) and hmac.compare_digest(
            given.encode(), settings.admin_token.encode())

    def refuse_admin() -> Response:
        return JSONResponse({"error": "admin token required"}, status_code=401,
                            headers={"WWW-Authenticate": 'Bearer realm="showpress"'})

    def thanks_url(form_id: str, lang: str) -> str:
        return f"{site_url}{lang}/forms/{form_id}/thanks/"

    def failure(request: Request, is_json: bool, status: int, lang: str, form_id: str,
                errors: dict[str, str], origin: str | None) -> Response:
        headers = cors(origin)
        if is_json:
            return JSONResponse({"ok": False, "errors": errors}, status_code=status, headers=headers)
        form = forms.get(form_id)
        labels = {f"q.{q.id}": tr(q.label, lang, languages) for q in form.questions} if form else {}
        html = env.get_template("problem.html").render(
            lang=lang, show=show, errors=errors, labels=labels, form_url=f"{site_url}{lang}/forms/{form_id}/",
            title=tr(form.title, lang, languages) if form else "")
        return HTMLResponse(html, status_code=status, headers=headers)

    def success(is_json: bool, form_id: str, lang: str, origin: str | None, answer_id: int | None) -> Response:
        url = thanks_url(form_id, lang)
        if is_json:
            return JSONResponse({"ok": True, "id": answer_id, "thanks_url": url}, headers=cors(origin))
        return RedirectResponse(url, status_code=303, headers=cors(origin))

    async def submit(request: Request) -> Response:
        form_id = request.path_params["form_id"]
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        is_json = content_type == "application/json"
        origin = request_origin(request)
        if origin not in origins:
            return JSONResponse({"error": "origin not allowed"}, status_code=403, headers={"Vary": "Origin"})
        peer = request.client.host if request.client else "unknown"
        address = client_address(peer, request.headers.get("x-forwarded-for"), trusted)
        if not limiter.allow(address):
            return JSONResponse({"error": "too many submissions"}, status_code=429,
                                headers={**cors(origin), "Retry-After": "60"})
        if content_type not in ("application/json", "application/x-www-form-urlencoded"):
            return JSONResponse({"error": "send application/x-www-form-urlencoded or application/json"},
                                status_code=415, headers=cors(origin))
        try:
            body = await read_body(request, settings.max_body, settings.body_timeout)
        except TooLarge:
            return JSONResponse({"error": f"body larger than {settings.max_body} bytes"}, status_code=413,
                                headers={**cors(origin), "Connection": "close"})
        except TooSlow:
            log.info("refused a body that took more than %.1f s from %s", settings.body_timeout, address)
            return JSONResponse({"error": f"body not received within {settings.body_timeout:g} s"},
                                status_code=408, headers={**cors(origin), "Connection": "close"})
        form = forms.get(form_id)
        if form is None:
            return JSONResponse({"error": "unknown form"}, status_code=404, headers=cors(origin))
        try:
            fields, lists = parse_json(body) if is_json else (parse_form_encoded(body), frozenset[str]())
        except BadBody as error:
            log.info("refused unreadable body for %s: %s", form_id, error)
            return failure(request, is_json, 400, languages[0], form_id, {"_form": "form"}, origin)
        checked = validate(form, fields, languages, lists)
        if isinstance(checked, Invalid):
            return failure(request, is_json, 400, checked.lang, form_id, checked.errors, origin)
        try:
            if checked.spam:
                await the_store.add_spam(form_id, address, fields)
                return success(is_json, form_id, checked.lang, origin, None)
            client_id = None
            if checked.token is not None:
                client_id = tokens.verify(settings.token_secret, checked.token, form_id)
                if client_id is None:
                    return failure(request, is_json, 403, checked.lang, form_id, {"token": "token"}, origin)
            if checked.code is not None:
                code = surveycodes.normalise(checked.code)
                owner = issued.client_for(form_id, code) if code else None
                if owner is None or client_id not in (None, owner):  # unreadable: 400; not issued: 403
                    status = 400 if code is None else 403
                    return failure(request, is_json, status, checked.lang, form_id, {"code": "code"}, origin)
                client_id = owner
            answer_id = await the_store.add_response(form_id, checked.lang, client_id, checked.answers,
                                                     checked.contact)
        except StoreUnavailable:
            return JSONResponse({"error": "the answer could not be stored; try again later"},
                                status_code=503, headers={**cors(origin), "Retry-After": "30"})
        except Rejected:
            return failure(request, is_json, 400, checked.lang, form_id, {"_form": "form"}, origin)
        if answer_id is None:
            field = "code" if checked.code is not None else "token"
            return failure(request, is_json, 409, checked.lang, form_id, {field: "duplicate"}, origin)
        return success(is_json, form_id, checked.lang, origin, answer_id)

    async def preflight(request: Request) -> Response:
        origin = request_origin(request)
        if origin not in origins:
            return PlainTextResponse("origin not allowed", status_code=403, headers={"Vary": "Origin"})
        return Response(status_code=204, headers={
            **cors(origin), "Access-Control-Allow-Methods": "POST",
            "Access-Control-Allow-Headers": "Content-Type", "Access-Control-Max-Age": "600"})

    async def healthz(request: Request) -> Response:
        ok = the_store.healthy
        return JSONResponse({"ok": ok}, status_code=200 if ok else 503)

    async def openapi(request: Request) -> Response:
        return JSONResponse(openapi_document(show))

    async def export_csv(request: Request) -> Response:
        if not admin_ok(request):
            return refuse_admin()
        rows = await run_in_threadpool(the_store.responses)
        return Response(export.responses_csv(show, rows), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="answers.csv"'})

    async def export_json(request: Request) -> Response:
        if not admin_ok(request):
            return refuse_admin()
        rows = await run_in_threadpool(the_store.responses)
        return Response(export.responses_json(show, rows), media_type="application/json")

    async def contacts_csv(request: Request) -> Response:
        if not admin_ok(request):
            return refuse_admin()
        rows = await run_in_threadpool(the_store.contacts)
        return Response(export.contacts_csv(rows), media_type="text/csv; charset=utf-8")

    async def report_data(request: Request) -> report.Report:
        rows = await run_in_threadpool(the_store.responses)
        spam = await run_in_threadpool(the_store.spam_count)
        return report.build_report(show, rows, spam, issued)

    async def report_json(request: Request) -> Response:
        if not admin_ok(request):
            return refuse_admin()
        return JSONResponse(dataclasses.asdict(await report_data(request)))

    async def report_page(request: Request) -> Response:
        if not admin_ok(request):
            return refuse_admin()
        lang = request.query_params.get("lang", languages[0])
        lang = lang if lang in languages else languages[0]
        return HTMLResponse(reportpage.render_html(show, await report_data(request), lang, env))

    async def delete_contact(request: Request) -> Response:
        if not admin_ok(request):
            return refuse_admin()
        form_id = request.path_params["form_id"]
        client_id = tokens.verify(settings.token_secret, request.path_params["token"], form_id)
        if form_id not in forms or client_id is None:
            return JSONResponse({"error": "unknown form or invalid token"}, status_code=404)
        try:
            deleted = await the_store.delete_contact(form_id, client_id)
        except StoreUnavailable:
            return JSONResponse({"error": "database unavailable"}, status_code=503)
        return JSONResponse({"deleted": deleted})

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if store is None:
            await run_in_threadpool(the_store.open)
        try:
            yield
        finally:
            if store is None:
                await run_in_threadpool(the_store.close)

    routes = [
        Route("/f/{form_id}", submit, methods=["POST"]),
        Route("/f/{form_id}", preflight, methods=["OPTIONS"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
        Route("/admin/export.csv", export_csv, methods=["GET"]),
        Route("/admin/export.json", export_json, methods=["GET"]),
        Route("/admin/contacts.csv", contacts_csv, methods=["GET"]),
        Route("/admin/report.json", report_json, methods=["GET"]),
        Route("/admin/report", report_page, methods=["GET"]),
        Route("/admin/contacts/{form_id}/{token}", delete_contact, methods=["DELETE"]),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.store = the_store
    app.state.settings = settings
    return app

