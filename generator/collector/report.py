"""The survey report: counts per form, language, question and option; free text; response rates.

``build_report`` is pure (answers in, a JSON-ready dict out); the collector serves it at
/admin/report.json and `showpress report` renders it as a page and a PDF.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from jinja2 import Environment

from ..errors import UsageError
from ..show import Show
from .store import Response

NO_SEGMENT = "-"


def read_segments(path: Path | None) -> dict[str, str]:
    """Client id -> segment from a client list (CSV with id,segment columns, or YAML)."""
    if path is None:
        return {}
    if path.suffix.lower() in (".yml", ".yaml"):
        from ..load import load_clients_yaml

        clients, problems = load_clients_yaml(path)
        if clients is None:
            raise UsageError("; ".join(str(p) for p in problems) or f"cannot read {path}")
        return {c.id: c.segment or NO_SEGMENT for c in clients.clients}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "id" not in reader.fieldnames:
            raise UsageError(f"{path}: the client list needs a header with at least id,name,language")
        return {row["id"]: (row.get("segment") or NO_SEGMENT).strip() or NO_SEGMENT for row in reader}


def issued_tokens(manifest: Path | None, clients: Path | None) -> list[tuple[str, str, str]]:
    """(client id, form id, segment) for every survey link of a mailing manifest.

    The manifest is the print shop's manifest.csv (client_id, language, file, pages, survey_link);
    the form id is read from the link's path ``.../forms/<form id>/?t=...``.
    """
    if manifest is None:
        return []
    segments = read_segments(clients)
    issued = []
    with manifest.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            link = (row.get("survey_link") or "").strip()
            client_id = (row.get("client_id") or "").strip()
            if not link or not client_id:
                continue
            parts = urlsplit(link)
            segments_of_path = [p for p in parts.path.split("/") if p]
            if "forms" not in segments_of_path or not parse_qs(parts.query).get("t"):
                continue
            index = segments_of_path.index("forms")
            if index + 1 >= len(segments_of_path):
                continue
            form_id = segments_of_path[index + 1]
            issued.append((client_id, form_id, segments.get(client_id, NO_SEGMENT)))
    return issued


def build_report(show: Show, rows: Iterable[Response], spam: int,
                 issued: list[tuple[str, str, str]]) -> dict[str, Any]:
    """The report as plain data (texts stay per-language mappings; the page picks a language)."""
    rows = list(rows)
    forms_out = []
    for form in show.forms:
        answers = [r for r in rows if r.form_id == form.id]
        by_lang = Counter(r.lang for r in answers)
        questions = []
        for q in form.questions:
            values = [r.answers[q.id] for r in answers if q.id in r.answers]
            item: dict[str, Any] = {"id": q.id, "kind": q.kind, "topic": q.topic, "label": q.label,
                                    "answered": len(values)}
            if q.kind in ("single", "multiple"):
                counts: Counter[str] = Counter()
                for v in values:
                    counts.update(v if isinstance(v, list) else [v])
                item["options"] = [{"id": o.id, "label": o.label, "count": counts[o.id]} for o in q.options]
            elif q.kind == "rating":
                ratings = Counter(str(v) for v in values)
                item["options"] = [{"id": str(n), "label": {"*": str(n)}, "count": ratings[str(n)]}
                                   for n in range(1, 6)]
                item["mean"] = round(sum(int(v) for v in values) / len(values), 2) if values else None
            else:
                item["texts"] = [{"lang": r.lang, "text": r.answers[q.id], "received_at": r.received_at}
                                 for r in answers if q.id in r.answers]
            questions.append(item)
        forms_out.append({
            "id": form.id, "kind": form.kind, "title": form.title, "total": len(answers),
            "by_lang": {lang: by_lang[lang] for lang in show.languages if by_lang[lang]},
            "questions": questions,
        })
    answered = {(r.client_id, r.form_id) for r in rows if r.client_id}
    seg_issued: Counter[str] = Counter()
    seg_answered: Counter[str] = Counter()
    for client_id, form_id, segment in issued:
        seg_issued[segment] += 1
        if (client_id, form_id) in answered:
            seg_answered[segment] += 1
    segments = [{"segment": s, "issued": seg_issued[s], "answered": seg_answered[s],
                 "rate": round(seg_answered[s] / seg_issued[s], 4)} for s in sorted(seg_issued)]
    return {
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "total": len(rows), "spam": spam, "forms": forms_out, "segments": segments,
    }


def bar_rows(options: list[dict[str, Any]], lang: str, languages: list[str]) -> list[dict[str, Any]]:
    """Options with their share of the largest count, for drawing bars."""
    from ..i18n import tr

    top = max((o["count"] for o in options), default=0) or 1
    total = sum(o["count"] for o in options) or 1
    return [{"label": tr(o["label"], lang, languages), "count": o["count"], "width": o["count"] / top,
             "percent": round(100 * o["count"] / total)} for o in options]


def render_html(show: Show, data: dict[str, Any], lang: str, env: Environment) -> str:
    """The report page in the editor's language (self-contained: inline CSS and SVG charts)."""
    return env.get_template("report.html").render(
        show=show, data=data, lang=lang, languages=show.languages,
        bars=lambda options: bar_rows(options, lang, show.languages),
    )
