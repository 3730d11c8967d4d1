"""YAML data and Markdown front matter -> models, keeping positions; collects every problem.

``load_show(root)`` reads every file, validates each against its model and raises one
:class:`~generator.errors.DataError` carrying all problems found, each with file, line and column.
Nothing here writes anything.
"""

from __future__ import annotations

import difflib
import hashlib
import logging
import os
import types
import typing
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .cjk import join_cjk_lines
from .errors import DataError, Problem
from .models import DATA_FILES, ClientsFile, Model, NewsMeta, PageMeta, ShowInfo
from .models.types import SHOW_ZONE
from .projectfiles import walk_files
from .show import NewsItem, Page, Show
from .yamlsource import ChunkCache, Loc, Positions, YamlProblem, parse_yaml

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 5 * 1024 * 1024
"""A data or content file larger than this is refused (it is surely a mistake)."""

_PATTERN_HINTS = {
    "^https?://": "must be an absolute address starting with https:// (feeds, QR codes and e-mails need it)",
    "^media/": "must be a file under data/media/, written as media/<name>",
    "^[A-Z]{2}$": "must be a two-letter ISO country code in capitals, e.g. CN, KR, JP, DE",
    "^[a-z]{2,3}(-": "must be a language code such as zh, en, ko, ja or pt-BR",
    "^[A-Za-z0-9][A-Za-z0-9_.-]*$": "must be an id: letters, digits, '-', '_' or '.', no spaces",
    "^[^@\\s]+@": "must be an e-mail address",
}


def rel(root: Path, path: Path) -> str:
    """A path relative to the project, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def dotted(loc: Loc) -> str:
    """('exhibitors', 3, 'booths', 0) -> 'exhibitors[3].booths[0]'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _unwrap(annotation: Any) -> list[Any]:
    """The model classes an annotation may hold (through Optional, list, dict, Annotated)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, tuple, dict):
        found: list[Any] = []
        for arg in typing.get_args(annotation):
            found.extend(_unwrap(arg))
        return found
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that reads the mapping at ``loc``."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part)
        if info is None:
            return None
        candidates = _unwrap(info.annotation)
        current = candidates[0] if candidates else None
    return current


def _data_loc(loc: tuple[Any, ...], data: Any) -> Loc:
    """Keep the parts of a pydantic loc that walk the data (drop validator and union tags)."""
    out: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            out.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            out.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and part not in node:
            # a missing key, or an extra key's name: keep it as the last part
            out.append(part)
            break
    return tuple(out)


def _other_digits(text: str) -> bool:
    """Whether ``text`` has decimal digits other than 0–9 (Arabic-Indic ١٤, full-width １２…)."""
    return any(char.isdecimal() and not char.isascii() for char in text)


def _ascii_digits(text: str) -> str:
    """'١٤٢٠٠' -> '14200', '１２' -> '12'."""
    return "".join(str(unicodedata.decimal(char)) if char.isdecimal() else char for char in text)


def explain(error: Mapping[str, Any], model: type[BaseModel], loc: Loc) -> str:
    """A message an editor can act on for one pydantic error."""
    kind = error["type"]
    value = error.get("input")
    where = dotted(loc)
    prefix = f"{where}: " if where else ""
    if kind == "missing":
        return f"{prefix}missing required key '{loc[-1]}': add it"
    if kind == "extra_forbidden":
        owner = model_at(model, loc[:-1])
        allowed = sorted(owner.model_fields) if owner else []
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return f"{prefix}unknown key '{loc[-1]}': {hint}allowed here: {', '.join(allowed)}"
    if kind == "string_pattern_mismatch":
        pattern = str(error.get("ctx", {}).get("pattern", ""))
        for start, hint in _PATTERN_HINTS.items():
            if pattern.startswith(start):
                return f"{prefix}{value!r} {hint}"
        return f"{prefix}{value!r} has the wrong form (expected pattern {pattern})"
    if kind in ("string_type", "dict_type") and isinstance(value, (int, float, bool)):
        written = str(value).lower() if isinstance(value, bool) else value
        return f"{prefix}expected text, got the {type(value).__name__} {written}: quote it: '{written}'"
    if isinstance(value, str) and _other_digits(value) and kind.endswith(("_parsing", "_type")):
        return (f"{prefix}{value!r} is written with other digits: use the digits 0–9, "
                f"e.g. {_ascii_digits(value)}")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{prefix}expected a mapping of keys (key: value), got {type(value).__name__} {value!r:.60}"
    if kind == "list_type":
        return f"{prefix}expected a list (lines starting with '- '), got {type(value).__name__} {value!r:.60}"
    message = str(error["msg"])
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    if kind.startswith(("date", "time", "datetime")):
        message += "; write dates as 2026-05-12 and times as 09:30, with two-digit hours"
    if value is not None and not isinstance(value, (dict, list)) and kind != "value_error":
        message += f" (got {value!r:.80})"
    return prefix + message


def validation_problems(
    exc: ValidationError, model: type[BaseModel], data: Any, pos: Positions, path: str
) -> list[Problem]:
    """Pydantic errors -> problems at the YAML positions they concern."""
    problems = []
    for error in exc.errors(include_url=False):
        loc = _data_loc(tuple(error["loc"]), data)
        if error["type"] == "missing":
            line, col = pos.of(loc[:-1])
        else:
            line, col = pos.of(loc, key=error["type"] == "extra_forbidden")
        problems.append(Problem(path, line, col, explain(error, model, loc)))
    return problems


def read_text(path: Path, root: Path) -> str:
    """A source file's text; YamlProblem-style errors for unreadable, huge or non-UTF-8 files."""
    try:
        size = path.stat().st_size
        raw = path.read_bytes() if size <= MAX_FILE_BYTES else b""
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        raise YamlProblem(0, 0, f"cannot be read ({reason}): make it readable by the user who runs showpress") from None
    if size > MAX_FILE_BYTES:
        raise YamlProblem(0, 0, f"file is {size // 1024} KiB, more than {MAX_FILE_BYTES // 1024} KiB: split it")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlProblem(line, col, "not valid UTF-8: save the file as UTF-8") from None
    return text.removeprefix("\ufeff")


@dataclass
class LoadCache:
    """What earlier loads made of each file, reused while the file's text is the same.

    For a long-running process that loads the same show again and again (``showpress serve``):
    keyed by the file's name, the model it is read with, the validation context and a hash of its
    text, so a file whose text changed is always parsed again. Models are immutable, so sharing
    them between loaded shows is safe. Only the files of the last load are kept. A data file
    whose text changed is parsed again part by part (:class:`~generator.yamlsource.ChunkCache`:
    only its top-level parts and list items whose text changed), then validated whole.
    """

    entries: dict[tuple[str, ...], Any] = field(default_factory=dict)
    used: dict[tuple[str, ...], Any] = field(default_factory=dict)
    parts: dict[str, ChunkCache] = field(default_factory=dict)
    """Data file -> the parsed parts of its last text."""

    def get(self, key: tuple[str, ...], text: str, make: Callable[[], Any]) -> Any:
        full = (*key, hashlib.sha256(text.encode("utf-8")).hexdigest())
        found = self.entries[full] if full in self.entries else make()
        self.used[full] = found
        return found

    def done(self) -> None:
        """One load is over: forget the files it did not read."""
        self.entries, self.used = self.used, {}


def load_model(
    model: type[Model], text: str, path: str, line_offset: int = 0, context: dict[str, Any] | None = None,
    parts: ChunkCache | None = None,
) -> tuple[Model | None, Positions, list[Problem]]:
    """Parse and validate one YAML document (``context``: e.g. the show's zone, see models.types.SHOW_ZONE;
    ``parts``: the parts of the file's last parse, reused where their text is unchanged)."""
    try:
        data, pos = parts.parse(text) if parts is not None and not line_offset else parse_yaml(text, line_offset)
    except YamlProblem as exc:
        return None, Positions(), [Problem(path, exc.line + line_offset, exc.col, exc.message)]
    pos = pos.shifted(line_offset) if line_offset else pos
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, pos, [Problem(path, 1 + line_offset, 1, "expected a mapping of keys at the top of the file")]
    try:
        return model.model_validate(data, context=context), pos, []
    except ValidationError as exc:
        return None, pos, validation_problems(exc, model, data, pos, path)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter YAML or None, body, line where the body starts)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "".join(lines[1:i]), "".join(lines[i + 1:]), i + 2
    raise YamlProblem(1, 1, "front matter starts with '---' but has no closing '---' line")


def _load_markdown(path: Path, root: Path, meta_model: type[Model], cache: LoadCache | None = None
                   ) -> tuple[Model | None, str, int, Positions, list[Problem]]:
    name = rel(root, path)
    try:
        text = read_text(path, root)
    except YamlProblem as exc:
        return None, "", 1, Positions(), [Problem(name, exc.line, exc.col, exc.message)]
    if cache is not None:
        return cache.get((name, meta_model.__qualname__), text,  # type: ignore[no-any-return]
                         lambda: _markdown_of(text, name, meta_model))
    return _markdown_of(text, name, meta_model)


def _markdown_of(text: str, name: str, meta_model: type[Model]) -> tuple[Model | None, str, int, Positions, list[Problem]]:
    try:
        front, body, body_line = split_front_matter(text)
    except YamlProblem as exc:
        return None, "", 1, Positions(), [Problem(name, exc.line, exc.col, exc.message)]
    if front is None:
        if meta_model is NewsMeta:
            return None, body, body_line, Positions(), [
                Problem(name, 1, 1, "a news story needs front matter between '---' lines (title, date, category, summary, key)")
            ]
        return meta_model.model_validate({}), join_cjk_lines(body), body_line, Positions(), []
    meta, pos, problems = load_model(meta_model, front, name, line_offset=1)
    return meta, join_cjk_lines(body), body_line, pos, problems


def _load_content(root: Path, positions: dict[str, Positions], problems: list[Problem],
                  cache: LoadCache | None = None) -> tuple[list[NewsItem], list[Page]]:
    """News and editors' pages under content/<lang>/ (symbolic links are never read: checks.py reports them)."""
    news: list[NewsItem] = []
    pages: list[Page] = []
    content = root / "content"
    for path in walk_files(content)[0]:
        if path.suffix != ".md" or path.parent == content:
            continue
        lang = path.relative_to(content).parts[0]
        name = rel(root, path)
        inside = path.relative_to(content / lang).as_posix()
        meta_model: type[Model] = NewsMeta if inside.startswith("news/") else PageMeta
        meta, body, body_line, pos, found = _load_markdown(path, root, meta_model, cache)
        positions[name] = pos
        problems.extend(found)
        if isinstance(meta, NewsMeta):
            news.append(NewsItem(lang, name, path.stem, meta, body, body_line))
        elif isinstance(meta, PageMeta):
            pages.append(Page(lang, name, inside, meta, body))
    return news, pages


def load_show(root: Path, cache: LoadCache | None = None) -> Show:
    """Read and validate every source file of the show at ``root``; raise DataError with all problems.

    ``cache``: reuse what earlier loads made of files whose text is unchanged (see LoadCache)."""
    root = root.resolve()
    problems: list[Problem] = []
    models: dict[str, Model] = {}
    positions: dict[str, Positions] = {}
    context: dict[str, Any] = {}
    data_dir = root / "data"
    if not (data_dir / "show.yml").is_file():
        raise DataError([Problem("data/show.yml", 0, 0, f"not found: is {root} a showpress project? (use --project DIR)")])
    for filename, model in DATA_FILES.items():
        path = data_dir / filename
        name = f"data/{filename}"
        if not path.is_file():
            if filename in ("show.yml", "halls.yml"):
                problems.append(Problem(name, 0, 0, "file is missing: create it (see README, editor's guide)"))
                continue
            models[filename] = model.model_validate({})
            continue
        try:
            text = read_text(path, root)
        except YamlProblem as exc:
            problems.append(Problem(name, exc.line, exc.col, exc.message))
            continue
        make = partial(load_model, model, text, name, context=context,
                       parts=None if cache is None else cache.parts.setdefault(name, ChunkCache()))
        loaded, pos, found = make() if cache is None else cache.get(
            (name, model.__qualname__, repr(sorted(context.items()))), text, make)
        positions[name] = pos
        problems.extend(found)
        if loaded is not None:
            models[filename] = loaded
            if isinstance(loaded, ShowInfo):
                context = {SHOW_ZONE: loaded.zone}
    for extra in sorted(data_dir.glob("*.y*ml")):
        if extra.name not in DATA_FILES:
            problems.append(Problem(
                rel(root, extra), 0, 0,
                f"unknown data file: showpress reads {', '.join(DATA_FILES)}; rename or move it "
                "(client lists must not live in data/)",
            ))

    news, pages = _load_content(root, positions, problems, cache)
    if cache is not None:
        cache.done()
    if problems:
        raise DataError(problems)
    return Show(
        root=root,
        info=models["show.yml"],  # type: ignore[arg-type]
        halls_file=models["halls.yml"],  # type: ignore[arg-type]
        exhibitors_file=models["exhibitors.yml"],  # type: ignore[arg-type]
        schedule=models["schedule.yml"],  # type: ignore[arg-type]
        visiting=models["visiting.yml"],  # type: ignore[arg-type]
        forms_file=models["forms.yml"],  # type: ignore[arg-type]
        letters_file=models["letters.yml"],  # type: ignore[arg-type]
        news=tuple(news),
        pages=tuple(pages),
        positions=positions,
    )


def load_clients_yaml(path: Path) -> tuple[ClientsFile | None, list[Problem]]:
    """Read a YAML client list (private; not part of the show)."""
    name = path.as_posix()
    try:
        text = read_text(path, path.parent)
    except YamlProblem as exc:
        return None, [Problem(name, exc.line, exc.col, exc.message)]
    loaded, _, problems = load_model(ClientsFile, text, name)
    return loaded, problems  # type: ignore[return-value]
