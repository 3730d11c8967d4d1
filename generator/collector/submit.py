"""``POST /f/{form_id}``: an answer to a form, stored durably before it is acknowledged.

Form-encoded from a plain HTML form: answers 303 to the thank-you page (or a page listing the
problems); JSON from the page's script: answers JSON. The origin was checked and the CORS
headers are added by :class:`generator.collector.guards.FormCors`.
"""

from __future__ import annotations

import asyncio
import logging

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from .. import surveycodes, tokens
from ..i18n import tr
from ..models.answerfields import question_field
from ..urls import form_url
from .ratelimit import client_address
from .state import Services, services
from .store import Rejected, StoreUnavailable
from .validate import BadBody, Invalid, Submission, parse_form_encoded, parse_json, validate

log = logging.getLogger(__name__)

FORM_ENCODED = "application/x-www-form-urlencoded"
JSON = "application/json"


class TooLarge(Exception):
    pass


class TooSlow(Exception):
    pass


class Refused(Exception):
    """An answer refused with error codes per field (``status`` 400, 403 or 409)."""

    def __init__(self, status: int, lang: str, errors: dict[str, str]):
        super().__init__(status, errors)
        self.status, self.lang, self.errors = status, lang, errors


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
    # asyncio.timeout's bookkeeping by hand (it took a tenth of the app's time per answer): the timer can
    # only fire while this task waits for a chunk, so its cancellation lands here and nowhere else
    task = asyncio.current_task()
    assert task is not None
    expired = False

    def expire() -> None:
        nonlocal expired
        expired = True
        task.cancel()

    timer = asyncio.get_running_loop().call_later(timeout, expire)
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise TooLarge()
            chunks.append(chunk)
    except asyncio.CancelledError:
        if expired and task.uncancel() == 0:  # cancelled by the timer alone
            raise TooSlow() from None
        raise
    finally:
        timer.cancel()
    return b"".join(chunks)


def problem(the: Services, is_json: bool, refused: Refused, form_id: str) -> Response:
    """The refusal as JSON, or as a page in the reader's language listing each problem."""
    if is_json:
        return JSONResponse({"ok": False, "errors": refused.errors}, status_code=refused.status)
    lang, languages = refused.lang, the.languages
    form = the.forms.get(form_id)
    labels = {question_field(q.id): tr(q.label, lang, languages) for q in form.questions} if form else {}
    html = the.templates.get_template("problem.html").render(
        lang=lang, show=the.show, errors=refused.errors, labels=labels,
        form_url=form_url(the.show, lang, form_id), title=tr(form.title, lang, languages) if form else "")
    return HTMLResponse(html, status_code=refused.status)


def stored(the: Services, is_json: bool, form_id: str, lang: str, answer_id: int | None) -> Response:
    url = the.thanks_url(form_id, lang)
    if is_json:
        return JSONResponse({"ok": True, "id": answer_id, "thanks_url": url})
    return RedirectResponse(url, status_code=303)


async def submit(request: Request) -> Response:
    the = services(request)
    settings = the.settings
    form_id = request.path_params["form_id"]
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    is_json = content_type == JSON
    peer = request.client.host if request.client else "unknown"
    address = client_address(peer, request.headers.get("x-forwarded-for"), the.trusted)
    if not the.limiter.allow(address):
        return JSONResponse({"error": "too many submissions"}, status_code=429, headers={"Retry-After": "60"})
    if content_type not in (JSON, FORM_ENCODED):
        return JSONResponse({"error": f"send {FORM_ENCODED} or {JSON}"}, status_code=415)
    try:
        body = await read_body(request, settings.max_body, settings.body_timeout)
    except TooLarge:
        return JSONResponse({"error": f"body larger than {settings.max_body} bytes"}, status_code=413,
                            headers={"Connection": "close"})
    except TooSlow:
        log.info("refused a body that took more than %.1f s from %s", settings.body_timeout, address)
        return JSONResponse({"error": f"body not received within {settings.body_timeout:g} s"},
                            status_code=408, headers={"Connection": "close"})
    form = the.forms.get(form_id)
    if form is None:
        return JSONResponse({"error": "unknown form"}, status_code=404)
    try:
        fields, lists = parse_json(body) if is_json else (parse_form_encoded(body), frozenset[str]())
    except BadBody as error:
        log.info("refused unreadable body for %s: %s", form_id, error)
        return problem(the, is_json, Refused(400, the.languages[0], {"_form": "form"}), form_id)
    checked = validate(form, fields, the.languages, lists, the.rules[form_id])
    try:
        if isinstance(checked, Invalid):
            raise Refused(400, checked.lang, checked.errors)
        if checked.spam:
            await the.store.add_spam(form_id, address, fields)
            return stored(the, is_json, form_id, checked.lang, None)
        answer_id = await store_answer(the, checked)
    except Refused as refused:
        return problem(the, is_json, refused, form_id)
    except Rejected:  # the database refused this answer's data (see store.py)
        return problem(the, is_json, Refused(400, checked.lang, {"_form": "form"}), form_id)
    except StoreUnavailable:
        return JSONResponse({"error": "the answer could not be stored; try again later"},
                            status_code=503, headers={"Retry-After": "30"})
    return stored(the, is_json, form_id, checked.lang, answer_id)


def respondent(the: Services, checked: Submission) -> str | None:
    """The client who answers: from the survey token, the survey code (both must agree), or nobody."""
    client_id = None
    if checked.token is not None:
        client_id = tokens.verify(the.settings.token_secret, checked.token, checked.form_id)
        if client_id is None:
            raise Refused(403, checked.lang, {"token": "token"})
    if checked.code is not None:
        code = surveycodes.normalise(checked.code)
        owner = the.issued.client_for(checked.form_id, code) if code else None
        if owner is None or client_id not in (None, owner):  # unreadable: 400; not issued: 403
            raise Refused(400 if code is None else 403, checked.lang, {"code": "code"})
        client_id = owner
    return client_id


async def store_answer(the: Services, checked: Submission) -> int:
    """The stored answer's id; :class:`Refused` when the client already answered,
    :class:`Rejected` when the database refuses its data, :class:`StoreUnavailable` when it cannot commit."""
    client_id = respondent(the, checked)
    answer_id = await the.store.add_response(checked.form_id, checked.lang, client_id, checked.answers,
                                             checked.contact)
    if answer_id is None:
        raise Refused(409, checked.lang, {"code" if checked.code is not None else "token": "duplicate"})
    return answer_id
