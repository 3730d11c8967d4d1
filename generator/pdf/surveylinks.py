"""What a letter prints for the survey, and who has answered it already (for reminders).

A letter prints the survey page's address without its scheme (``tiny.example.org/en/forms/feedback/``)
and, on its own line, the client's code (``K7M2-QX9P``, see :mod:`generator.surveycodes`); the QR
code carries both: ``https://tiny.example.org/en/forms/feedback/?c=K7M2QX9P``. A reminder goes only
to clients without an answer: the answers come from the collector's admin export (a JSON file,
or fetched from the collector with the admin token).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..show import Show
from ..urls import form_url

CODE_PARAMETER = "c"


def survey_page(show: Show, lang: str, form_id: str) -> str:
    """``https://<site>/<lang>/forms/<survey>/`` (the form's page, :func:`generator.urls.form_url`)."""
    return form_url(show, lang, form_id)


def printed_address(page: str) -> str:
    """The address as a letter prints it: no scheme (browsers add it), nothing to mistype."""
    return page.split("://", 1)[-1]


def qr_link(page: str, code: str) -> str:
    """The link the QR code carries: the survey page with the code (``?c=K7M2QX9P``)."""
    return f"{page}?{CODE_PARAMETER}={code}"


def answered_clients(form_id: str, *, responses: Path | None = None,
                     collector_url: str | None = None) -> frozenset[str]:
    """Client ids with an answer to ``form_id``, from the collector's export.json (a file, or the
    collector at ``collector_url`` asked with SHOWPRESS_ADMIN_TOKEN)."""
    if (responses is None) == (collector_url is None):
        raise UsageError("--kind reminder needs the answers received so far: give --responses export.json "
                         "(the collector's /admin/export.json) or --collector-url URL")
    if responses is not None:
        try:
            data = json.loads(responses.read_text(encoding="utf-8"))
        except OSError as error:
            raise UsageError(f"{responses}: cannot read the answers: {error.strerror}") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise UsageError(f"{responses}: not the collector's export.json ({error}); download it from "
                             "/admin/export.json with the admin token") from None
        source = str(responses)
    else:
        data, source = _fetch_export(str(collector_url)), str(collector_url)
    return _client_ids(data, form_id, source)


def _fetch_export(url: str) -> Any:
    from ..collector.adminclient import admin_get_json

    token = os.environ.get("SHOWPRESS_ADMIN_TOKEN", "")
    if not token:
        raise UsageError("--collector-url needs the collector's admin token in SHOWPRESS_ADMIN_TOKEN")
    return admin_get_json(url, "admin/export.json", token)


def _client_ids(data: Any, form_id: str, source: str) -> frozenset[str]:
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise UsageError(f"{source}: not the collector's export.json (a list of answers)")
    return frozenset(str(item["client_id"]) for item in data
                     if item.get("form") == form_id and item.get("client_id"))
