"""The private client list (CSV or YAML) for mailings: read, validate per row, resolve languages.

A bad row never stops the others: :func:`read_clients` returns the good clients and one
:class:`~generator.errors.Problem` per bad row (``clients.csv:7:1: ...``; for CSV the column is
the field's position in the header). The file itself is refused when it lies inside the
project's ``content/`` or ``data/`` folders, where it could be published.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from pydantic import ValidationError

from ..errors import Problem, UsageError
from ..load import MAX_FILE_BYTES, load_clients_yaml, read_text
from ..models import Client
from ..yamlsource import YamlProblem, parse_yaml

CSV_REQUIRED = ("id", "name", "language")
CSV_OPTIONAL = ("organisation", "segment", "country", "timezone", "salutation", "gender", "family_name",
                "address", "observes")


def refuse_published_location(path: Path, project: Path) -> None:
    """UsageError when the client file lies where the site could publish it."""
    resolved = path.resolve()
    for folder in ("content", "data", "site"):
        base = (project / folder).resolve()
        if resolved == base or base in resolved.parents:
            raise UsageError(
                f"{path}: client lists are private and must not live in the project's {folder}/ "
                "folder (it is published); move the file outside content/ and data/"
            )


def _explain(exc: ValidationError) -> tuple[str, str]:
    """(field, message) of the first validation error, worded for an editor."""
    error = exc.errors(include_url=False)[0]
    field = str(error["loc"][0]) if error["loc"] else ""
    message = error["msg"]
    if field == "language" and error["type"] == "string_pattern_mismatch":
        message = "not a language code: use a code such as zh, en, ko, ja or pt-BR"
    elif field == "id" and error["type"] == "string_pattern_mismatch":
        message = "not an id: use letters, digits, '-', '_' or '.', no spaces"
    elif field == "country" and error["type"] == "string_pattern_mismatch":
        message = "not a country code: use two capital letters such as CN, KR, JP, DE"
    elif error["type"] in ("missing", "string_too_short"):
        message = "is empty: every client needs an id, a name and a language"
    return field, f"{field}: {message}" if field else message


def read_csv(path: Path, text: str) -> tuple[list[tuple[int, Client]], list[Problem]]:
    """Clients of a CSV text with the line each starts on; a problem per bad row."""
    name = path.as_posix()
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise UsageError(f"{name}: the file is empty; it needs a header line {','.join(CSV_REQUIRED)}") from None
    missing = [h for h in CSV_REQUIRED if h not in header]
    unknown = [h for h in header if h not in CSV_REQUIRED + CSV_OPTIONAL]
    if missing or unknown:
        hint = f"missing column(s) {', '.join(missing)}" if missing else f"unknown column(s) {', '.join(unknown)}"
        raise UsageError(f"{name}:1:1: {hint}; the header is {','.join(CSV_REQUIRED)} and may add "
                         f"{','.join(CSV_OPTIONAL)}")
    clients: list[tuple[int, Client]] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    line = reader.line_num + 1
    for row in reader:
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(Problem(name, start, 1, f"this row has {len(row)} fields, the header "
                                    f"{len(header)}: quote values that contain commas"))
            continue
        values = {h: (v.strip() or None) for h, v in zip(header, row, strict=True)}
        try:
            client = Client.model_validate({k: v for k, v in values.items() if v is not None})
        except ValidationError as exc:
            field, message = _explain(exc)
            col = header.index(field) + 1 if field in header else 1
            problems.append(Problem(name, start, col, message))
            continue
        if client.id in seen:
            problems.append(Problem(name, start, header.index("id") + 1,
                                    f"id: client {client.id!r} is already on line {seen[client.id]}"))
            continue
        seen[client.id] = start
        clients.append((start, client))
    return clients, problems


def read_yaml(path: Path) -> tuple[list[tuple[int, Client]], list[Problem]]:
    """Clients of a YAML list with their lines; each entry is validated alone, so one bad entry
    drops only itself (the problems come from the loader, with positions)."""
    loaded, problems = load_clients_yaml(path)
    try:
        data, positions = parse_yaml(read_text(path, path.parent))
    except YamlProblem:
        return [], problems
    raw = data.get("clients") if isinstance(data, dict) else None
    clients: list[tuple[int, Client]] = []
    seen: set[str] = set()
    for index, item in enumerate(raw if isinstance(raw, list) else []):
        line, col = positions.of(("clients", index))
        try:
            client = loaded.clients[index] if loaded is not None else Client.model_validate(item)
        except ValidationError:
            continue
        if client.id in seen:
            problems.append(Problem(path.as_posix(), line, col, f"id: client {client.id!r} is listed twice"))
            continue
        seen.add(client.id)
        clients.append((line, client))
    return clients, problems


def read_clients(path: Path, project: Path) -> tuple[list[tuple[int, Client]], list[Problem]]:
    """(line, client) of a CSV or YAML file and a problem for each bad row (the good rows are kept)."""
    if not path.is_file():
        raise UsageError(f"{path}: no such client file")
    refuse_published_location(path, project)
    if path.stat().st_size > MAX_FILE_BYTES * 20:
        raise UsageError(f"{path}: the client file is larger than {MAX_FILE_BYTES * 20 // 2**20} MiB")
    if path.suffix.lower() in (".yml", ".yaml"):
        return read_yaml(path)
    if path.suffix.lower() != ".csv":
        raise UsageError(f"{path}: give a .csv or .yml client file")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text; save the CSV as UTF-8") from None
    return read_csv(path, text)


def client_language(lang: str, languages: list[str]) -> str:
    """The show language a client's letter is written in.

    Their own language when the show has it (or its base language: pt-BR -> pt); otherwise
    English when the show has it; otherwise the show's default language.
    """
    if lang in languages:
        return lang
    base = lang.split("-")[0]
    if base in languages:
        return base
    return "en" if "en" in languages else languages[0]
