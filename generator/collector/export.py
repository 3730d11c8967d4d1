"""Exports for the editors: CSV (safe to open in a spreadsheet) and JSON, in a stable column order."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from ..show import Show
from .store import Contact, Response

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is a formula to a spreadsheet (CSV injection)."""


def neutralise(cell: object) -> str:
    """A CSV cell that a spreadsheet shows as text: a leading formula character gets a quote."""
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(DANGEROUS_STARTS) else text


def answer_columns(show: Show) -> list[tuple[str, str]]:
    """(form id, question id) for every question of every form, in the order of data/forms.yml."""
    return [(form.id, q.id) for form in show.forms for q in form.questions]


BASE_COLUMNS = ["id", "form", "received_at", "lang", "client_id", "lottery_contact"]


def _cell(value: object) -> str:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return "" if value is None else str(value)


def responses_csv(show: Show, rows: Iterable[Response]) -> bytes:
    """Every answer, one row each; columns: BASE_COLUMNS then ``<form>.<question>`` in data order.

    UTF-8 with a byte order mark so that spreadsheets detect the encoding of CJK text.
    """
    columns = answer_columns(show)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(BASE_COLUMNS + [f"{f}.{q}" for f, q in columns])
    for row in rows:
        cells: list[object] = [row.id, row.form_id, row.received_at, row.lang, row.client_id or "",
                               "yes" if row.has_contact else ""]
        for form_id, question_id in columns:
            cells.append(_cell(row.answers.get(question_id)) if form_id == row.form_id else "")
        writer.writerow([neutralise(c) for c in cells])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def responses_json(show: Show, rows: Iterable[Response]) -> bytes:
    """Every answer as a JSON list; answers keyed by question id in the form's order."""
    order = {form.id: [q.id for q in form.questions] for form in show.forms}
    items = []
    for row in rows:
        keys = order.get(row.form_id, sorted(row.answers))
        items.append({
            "id": row.id, "form": row.form_id, "received_at": row.received_at, "lang": row.lang,
            "client_id": row.client_id, "lottery_contact": row.has_contact,
            "answers": {k: row.answers[k] for k in keys if k in row.answers},
        })
    return json.dumps(items, ensure_ascii=False, indent=1).encode("utf-8")


def contacts_csv(rows: Iterable[Contact]) -> bytes:
    """Lottery contacts (given with consent), for the draw; kept out of the answer export."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["response_id", "form", "client_id", "name", "email", "consented_at"])
    for c in rows:
        writer.writerow([neutralise(v) for v in (c.response_id, c.form_id, c.client_id or "", c.name,
                                                  c.email, c.consented_at)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
