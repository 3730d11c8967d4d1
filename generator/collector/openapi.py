"""The OpenAPI description of the collector, served at /openapi.json.

It says exactly what the service accepts, so that schemathesis (tests/test_collector_openapi.py)
finds no difference: one path per form with that form's fields; JSON requests may send a list only
for a multiple-choice question; no text may hold a control character (tab and line breaks aside)
or a lone surrogate; a language the show lacks falls back to its default language.
"""

from __future__ import annotations

from typing import Any

from ..models import Form, Question
from ..models.answerfields import CONTACT_MAX, TOKEN_MAX, TRUE_VALUES, question_field
from ..show import Show
from ..surveycodes import PATTERN as CODE_PATTERN
from .validate import EMAIL_RE

TEXT = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$"
"""No control characters but tab, CR and LF (lone surrogates cannot be written in JSON Schema)."""
NOT_BLANK = "\\S"
OPTIONAL_EMAIL = "^\\s*$|^\\s*" + EMAIL_RE.pattern[1:-1] + "\\s*$"
ERROR = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}
ERRORS = {"type": "object", "required": ["ok", "errors"], "properties": {"ok": {"const": False}, "errors": {
    "type": "object", "additionalProperties": {"type": "string"},
    "description": "Error code per field: required, unknown_field, unknown_option, single_value, too_long, "
                   "not_email, not_rating, consent_required, contact_required, token, code, duplicate, form."}}}
STORED = {"type": "object", "required": ["ok", "id", "thanks_url"], "properties": {
    "ok": {"const": True}, "id": {"type": ["integer", "null"]}, "thanks_url": {"type": "string"}}}
HTML = {"text/html": {"schema": {"type": "string"}}}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def _text(max_length: int | None = None, required: bool = False) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "pattern": TEXT}
    if max_length is not None:
        schema["maxLength"] = max_length
    return {"allOf": [schema, {"pattern": NOT_BLANK}]} if required else schema


def _question(q: Question) -> dict[str, Any]:
    options = [o.id for o in q.options]
    if q.kind == "multiple":
        listed = {"type": "array", "items": {"enum": options}, "minItems": 1 if q.required else 0}
        return {"anyOf": [listed, {"enum": options}]}  # one ticked box comes as a plain value
    if q.kind == "single":
        return {"enum": options}
    if q.kind == "rating":
        return {"enum": ["1", "2", "3", "4", "5"]}
    if q.kind == "email":
        return {"allOf": [{"type": "string", "maxLength": CONTACT_MAX, "pattern": EMAIL_RE.pattern},
                          {"pattern": TEXT}]}
    return _text(q.max_length, q.required)


def _lottery(form_encoded: bool) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    yes: list[Any] = sorted(TRUE_VALUES) if form_encoded else [True, *sorted(TRUE_VALUES)]
    consent = _text() if form_encoded else {"anyOf": [{"type": "boolean"}, _text()]}
    filled = {"type": "string", "pattern": NOT_BLANK}
    props: dict[str, Any] = {"lottery_consent": {**consent, "description": f"Consent to be contacted: {yes}; anything else: none."},
             "contact_name": _text(CONTACT_MAX),
             "contact_email": {"allOf": [{"type": "string", "maxLength": CONTACT_MAX, "pattern": OPTIONAL_EMAIL},
                                         {"pattern": TEXT}]}}
    rules: list[dict[str, Any]] = [
        {"if": {"anyOf": [{"required": ["contact_name"], "properties": {"contact_name": filled}},
                          {"required": ["contact_email"], "properties": {"contact_email": filled}}]},
         "then": {"required": ["lottery_consent"], "properties": {"lottery_consent": {"enum": yes}}}},
        {"if": {"required": ["lottery_consent"], "properties": {"lottery_consent": {"enum": yes}}},
         "then": {"required": ["contact_email"], "properties": {"contact_email": filled}}},
    ]
    return props, rules


def answer_schema(form: Form, form_encoded: bool = False) -> dict[str, Any]:
    """The fields of an answer to ``form`` (JSON, or form-encoded where every value is text)."""
    props: dict[str, Any] = {
        "lang": {**_text(), "description": "The reader's language; one the show lacks means its default."},
        "token": _text(TOKEN_MAX),
        "code": {**_text(TOKEN_MAX), "pattern": f"^[ \\t.\\-]*$|{CODE_PATTERN}",
                 "description": "The survey code printed in the letter (K7M2-QX9P; case, hyphens, O/0 and "
                 "I/L/1 do not matter); empty for no code; a code the mailing did not issue is a 403."},
        "website": {**_text(), "description": "Honeypot: leave empty."},
    }
    for q in form.questions:
        props[question_field(q.id)] = _question(q)
    schema: dict[str, Any] = {"title": form.id, "type": "object", "additionalProperties": False,
                              "required": [question_field(q.id) for q in form.questions if q.required]}
    if form.lottery is not None:
        lottery, rules = _lottery(form_encoded)
        props |= lottery
        schema["allOf"] = rules
    schema["properties"] = props
    return schema


def _submit(form: Form) -> dict[str, Any]:
    either = {**_json({"anyOf": [ERROR, ERRORS]}), **HTML}
    return {"post": {
        "summary": f"Submit an answer to {form.id} (form-encoded from a plain form, or JSON from the page script)",
        "requestBody": {"required": True, "content": {
            "application/json": {"schema": answer_schema(form)},
            "application/x-www-form-urlencoded": {"schema": answer_schema(form, form_encoded=True)}}},
        "responses": {
            "200": {"description": "Stored durably (JSON request)", "content": _json(STORED)},
            "303": {"description": "Stored durably; redirect to the thank-you page (form post)"},
            "400": {"description": "Invalid answer: JSON for a JSON request, a page for a form post",
                    "content": {**_json(ERRORS), **HTML}},
            "403": {"description": "Origin not allowed, or invalid token or survey code", "content": either},
            "408": {"description": "Body not received in time", "content": _json(ERROR)},
            "409": {"description": "This token or code already answered this survey", "content": {**_json(ERRORS), **HTML}},
            "413": {"description": "Body too large", "content": _json(ERROR)},
            "415": {"description": "Unsupported content type", "content": _json(ERROR)},
            "429": {"description": "Too many submissions from this address", "content": _json(ERROR)},
            "503": {"description": "The database cannot commit; nothing was stored", "content": _json(ERROR)}}},
        "options": {"summary": "CORS preflight", "responses": {
            "204": {"description": "Allowed origin"},
            "403": {"description": "Origin not allowed", "content": {"text/plain": {"schema": {"type": "string"}}}}}}}


def _admin(summary: str, media: str, schema: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    return {"get": {"summary": summary, "security": [{"bearer": []}], **extra, "responses": {
        "200": {"description": summary, "content": {media: {"schema": schema or {"type": "string"}}}},
        "401": {"description": "no or wrong admin token", "content": _json(ERROR)}}}}


def openapi_document(show: Show) -> dict[str, Any]:
    paths: dict[str, Any] = {f"/f/{form.id}": _submit(form) for form in show.forms}
    health = _json({"type": "object", "required": ["ok"], "properties": {"ok": {"type": "boolean"}}})
    lang = {"name": "lang", "in": "query", "schema": {"type": "string"},
            "description": "Language of the page; one the show lacks means its default."}
    paths |= {
        "/healthz": {"get": {"summary": "Health", "responses": {
            "200": {"description": "ok", "content": health},
            "503": {"description": "database failing", "content": health}}}},
        "/openapi.json": {"get": {"summary": "This description", "responses": {
            "200": {"description": "OpenAPI 3.1", "content": _json({"type": "object"})}}}},
        "/admin/export.csv": _admin("All answers as CSV", "text/csv"),
        "/admin/export.json": _admin("All answers as JSON", "application/json", {"type": "array"}),
        "/admin/contacts.csv": _admin("Lottery contacts (given with consent)", "text/csv"),
        "/admin/report.json": _admin("Report data", "application/json", {"type": "object"}),
        "/admin/report": _admin("Report page", "text/html", parameters=[lang]),
        "/admin/contacts/{form_id}/{token}": {"delete": {
            "summary": "Delete the lottery contact details given with a survey token",
            "security": [{"bearer": []}],
            "parameters": [{"name": "form_id", "in": "path", "required": True, "schema": {"type": "string"}},
                           {"name": "token", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {
                "200": {"description": "number deleted", "content": _json(
                    {"type": "object", "required": ["deleted"], "properties": {"deleted": {"type": "integer"}}})},
                "401": {"description": "no or wrong admin token", "content": _json(ERROR)},
                "404": {"description": "unknown form or invalid token", "content": _json(ERROR)},
                "503": {"description": "database unavailable", "content": _json(ERROR)}}}},
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "showpress feedback collector", "version": "1"},
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
        "paths": paths,
    }
