"""The OpenAPI description of the collector, served at /openapi.json."""

from __future__ import annotations

from typing import Any

from ..show import Show

_ERRORS = {"type": "object", "properties": {"ok": {"const": False}, "errors": {
    "type": "object", "additionalProperties": {"type": "string"},
    "description": "Error code per field: required, unknown_field, unknown_option, single_value, too_long, "
                   "not_email, not_rating, consent_required, contact_required, token, duplicate, form."}}}


def _answer_schema(show: Show) -> dict[str, Any]:
    variants = []
    for form in show.forms:
        props: dict[str, Any] = {
            "lang": {"enum": show.languages}, "token": {"type": "string", "maxLength": 512},
            "website": {"type": "string", "description": "Honeypot: leave empty."},
        }
        for q in form.questions:
            if q.kind == "multiple":
                props[f"q.{q.id}"] = {"type": "array", "items": {"enum": [o.id for o in q.options]}}
            elif q.kind == "single":
                props[f"q.{q.id}"] = {"enum": [o.id for o in q.options]}
            elif q.kind == "rating":
                props[f"q.{q.id}"] = {"enum": ["1", "2", "3", "4", "5"]}
            else:
                props[f"q.{q.id}"] = {"type": "string", "maxLength": q.max_length}
        if form.lottery is not None:
            props |= {"lottery_consent": {"type": "boolean"}, "contact_name": {"type": "string"},
                      "contact_email": {"type": "string", "format": "email"}}
        variants.append({"title": form.id, "type": "object", "additionalProperties": False, "properties": props,
                         "required": [f"q.{q.id}" for q in form.questions if q.required]})
    return {"oneOf": variants}


def openapi_document(show: Show) -> dict[str, Any]:
    admin: list[dict[str, list[str]]] = [{"bearer": []}]
    return {
        "openapi": "3.1.0",
        "info": {"title": "showpress feedback collector", "version": "1"},
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
        "paths": {
            "/f/{form_id}": {"post": {
                "summary": "Submit an answer (form-encoded from a plain form, or JSON from the page script)",
                "parameters": [{"name": "form_id", "in": "path", "required": True,
                                "schema": {"enum": [f.id for f in show.forms]}}],
                "requestBody": {"content": {
                    "application/json": {"schema": _answer_schema(show)},
                    "application/x-www-form-urlencoded": {"schema": _answer_schema(show)}}},
                "responses": {
                    "200": {"description": "Stored durably (JSON request)"},
                    "303": {"description": "Stored durably; redirect to the thank-you page (form post)"},
                    "400": {"description": "Invalid answer", "content": {"application/json": {"schema": _ERRORS}}},
                    "403": {"description": "Origin not allowed, or invalid token"},
                    "409": {"description": "This token already answered this survey"},
                    "413": {"description": "Body too large"},
                    "415": {"description": "Unsupported content type"},
                    "429": {"description": "Too many submissions from this address"},
                    "503": {"description": "The database cannot commit; nothing was stored"}}}},
            "/healthz": {"get": {"summary": "Health", "responses": {"200": {"description": "ok"},
                                                                     "503": {"description": "database failing"}}}},
            "/admin/export.csv": {"get": {"summary": "All answers as CSV", "security": admin,
                                          "responses": {"200": {"description": "CSV"}, "401": {"description": "no token"}}}},
            "/admin/export.json": {"get": {"summary": "All answers as JSON", "security": admin,
                                           "responses": {"200": {"description": "JSON"}, "401": {"description": "no token"}}}},
            "/admin/contacts.csv": {"get": {"summary": "Lottery contacts (given with consent)", "security": admin,
                                            "responses": {"200": {"description": "CSV"}, "401": {"description": "no token"}}}},
            "/admin/report.json": {"get": {"summary": "Report data", "security": admin,
                                           "responses": {"200": {"description": "JSON"}, "401": {"description": "no token"}}}},
            "/admin/report": {"get": {"summary": "Report page", "security": admin,
                                      "parameters": [{"name": "lang", "in": "query", "schema": {"enum": show.languages}}],
                                      "responses": {"200": {"description": "HTML"}, "401": {"description": "no token"}}}},
            "/admin/contacts/{form_id}/{token}": {"delete": {
                "summary": "Delete the lottery contact details given with a survey token", "security": admin,
                "parameters": [{"name": "form_id", "in": "path", "required": True, "schema": {"type": "string"}},
                               {"name": "token", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "number deleted"}, "401": {"description": "no token"},
                              "404": {"description": "unknown form or invalid token"}}}},
        },
    }
