"""The two doors of the collector, each in one place: CORS on the form routes, the admin token on
every ``/admin`` route.

Both are pure ASGI middleware set on routes (``Route(..., middleware=...)``), so they run after
Starlette has matched the path and the method: an unknown path stays 404 and a wrong method 405,
with or without a token or an origin, as before.

Starlette's ``CORSMiddleware`` does not fit the forms: it lets a simple request from any origin
through to the endpoint, answers a refused preflight 400, and reads no Referer; the collector
refuses a post from an origin it does not allow (403) before reading anything, and some browsers
send only a Referer with a form post.
"""

from __future__ import annotations

import functools
import hmac

from starlette.datastructures import Headers
from starlette.middleware import Middleware
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .settings import origin_of
from .state import Services

VARY = (b"vary", b"Origin")


def _services(scope: Scope) -> Services:
    found: Services = scope["app"].state.services
    return found


@functools.lru_cache(maxsize=1024)
def _origin_of(url: str) -> str:
    """:func:`origin_of`, remembered: a collector sees few distinct origins and referers per page."""
    return origin_of(url)


def request_origin(headers: Headers) -> str | None:
    """The Origin header, or else the origin of the Referer (some browsers omit Origin)."""
    origin = headers.get("origin")
    if origin is not None:
        try:
            return _origin_of(origin) if origin.strip() != "null" else None
        except Exception:
            return None
    referer = headers.get("referer")
    if referer:
        try:
            return _origin_of(referer)
        except Exception:
            return None
    return None


class FormCors:
    """A form route's CORS: an origin not allowed gets 403 (JSON to a post, text to a preflight)
    before the endpoint runs; every answer to an allowed origin gets its
    ``Access-Control-Allow-Origin`` and ``Vary: Origin`` headers, first, before the endpoint's own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        origin = request_origin(Headers(scope=scope))
        preflight = scope["method"] == "OPTIONS"
        if origin is None or origin not in _services(scope).origins:
            refusal: Response = (PlainTextResponse("origin not allowed", status_code=403, headers={"Vary": "Origin"})
                                 if preflight else
                                 JSONResponse({"error": "origin not allowed"}, status_code=403,
                                              headers={"Vary": "Origin"}))
            await refusal(scope, receive, send)
            return
        allow = (b"access-control-allow-origin", origin.encode("latin-1"))

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [allow, VARY, *message.get("headers", ())]
            await send(message)

        await self.app(scope, receive, send_with_cors)


def admin_ok(headers: Headers, admin_token: str) -> bool:
    """Whether the request carries ``Authorization: Bearer <admin token>`` (compared in constant time);
    never without an admin token set."""
    header = headers.get("authorization", "")
    given = header[7:].strip() if header[:7].lower() == "bearer " else ""
    return bool(admin_token) and bool(given) and hmac.compare_digest(given.encode(), admin_token.encode())


class AdminGuard:
    """Every admin route: 401 without the admin token, before the endpoint runs."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if admin_ok(Headers(scope=scope), _services(scope).settings.admin_token):
            await self.app(scope, receive, send)
            return
        refusal = JSONResponse({"error": "admin token required"}, status_code=401,
                               headers={"WWW-Authenticate": 'Bearer realm="showpress"'})
        await refusal(scope, receive, send)


FORM_DOOR = [Middleware(FormCors)]
ADMIN_DOOR = [Middleware(AdminGuard)]
