"""The survey links a mailing issued, read from its manifest.csv: who got which code, when, in which
language, segment and kind of letter.

The collector accepts a survey code only when it was issued (:meth:`Issued.client_for`); the report
counts response rates from the same rows. A manifest from before codes existed (no ``survey_code``
column) still works: the codes are derived again from the token secret for its client ids.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import UsageError
from ..surveycodes import code_for, grouped, normalise

NO_SEGMENT = "-"


@dataclass(frozen=True)
class IssuedLink:
    """One client's survey link of a mailing."""

    client_id: str
    form_id: str
    code: str
    """Ungrouped code (``K7M2QX9P``); empty when neither the manifest nor a secret gives one."""
    language: str
    segment: str
    kind: str
    sent: dt.date | None


@dataclass(frozen=True)
class Issued:
    """Every link of a mailing manifest (empty without one)."""

    links: tuple[IssuedLink, ...] = ()

    @cached_property
    def _owners(self) -> dict[tuple[str, str], str]:
        return {(link.form_id, link.code): link.client_id for link in self.links if link.code}

    def client_for(self, form_id: str, code: str) -> str | None:
        """The client a (normalised) code was issued to for ``form_id``, or None."""
        return self._owners.get((form_id, code))


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


def _form_of(link: str) -> str | None:
    """``survey`` from ``https://site/<lang>/forms/<survey>/?c=...``."""
    parts = [p for p in urlsplit(link).path.split("/") if p]
    if "forms" in parts and parts.index("forms") + 1 < len(parts):
        return parts[parts.index("forms") + 1]
    return None


def _sent(text: str, where: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{where}: sent: {text!r} is not a date; write it as YYYY-MM-DD") from None


def _code(text: str, where: str, secret: str, client_id: str, form_id: str) -> str:
    if text:
        code = normalise(text)
        if code is None:
            raise UsageError(f"{where}: survey_code: {text!r} is not a survey code such as K7M2-QX9P")
        return code
    return code_for(secret, client_id, form_id) if secret else ""


def read_issued(manifest: Path | None, clients: Path | None = None, secret: str = "") -> Issued:
    """The links of ``manifest`` (the mailing's manifest.csv; shards' manifests concatenated work too),
    segments from the manifest or else from ``clients``; codes from the manifest or else the secret."""
    if manifest is None:
        return Issued()
    segments = read_segments(clients)
    links: list[IssuedLink] = []
    owners: dict[tuple[str, str], str] = {}
    with manifest.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "client_id" not in reader.fieldnames:
            raise UsageError(f"{manifest}:1: not a mailing manifest (no client_id column)")
        for row in reader:
            where = f"{manifest}:{reader.line_num}"
            client_id = (row.get("client_id") or "").strip()
            form_id = _form_of((row.get("survey_link") or "").strip())
            if not client_id or form_id is None or client_id == "client_id":
                continue
            code = _code((row.get("survey_code") or "").strip(), where, secret, client_id, form_id)
            if code and owners.setdefault((form_id, code), client_id) != client_id:
                raise UsageError(f"{where}: survey code {grouped(code)} was issued to both "
                                 f"{owners[(form_id, code)]!r} and {client_id!r}; it cannot tell them apart")
            segment = (row.get("segment") or "").strip() or segments.get(client_id, NO_SEGMENT)
            links.append(IssuedLink(client_id, form_id, code, (row.get("language") or "").strip(), segment,
                                    (row.get("kind") or "").strip(), _sent((row.get("sent") or "").strip(), where)))
    return Issued(tuple(links))
