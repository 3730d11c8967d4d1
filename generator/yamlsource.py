"""Read YAML keeping the line and column of every node.

PyYAML's SafeLoader follows YAML 1.1, which turns ``NO`` (Norway) into ``False``, ``9:30`` into
570 and ``2026-05-12`` into a date before our models see it. Editors write YAML 1.2-ish data, so
the loader here resolves only ``true``/``false``, ``null``, decimal integers and floats; dates,
times and everything else stay strings and the pydantic models parse them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

Loc = tuple[str | int, ...]


_RESOLVERS = [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:[0-9][0-9]*)?\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+)$",
        "-+0123456789.",
    ),
]
"""YAML 1.2 core-schema scalars; everything else stays a string."""


def _core_schema(cls: type) -> type:
    cls.yaml_implicit_resolvers = {}  # type: ignore[attr-defined]
    for tag, regex, first in _RESOLVERS:
        cls.add_implicit_resolver(tag, re.compile(regex), list(first))  # type: ignore[attr-defined]
    return cls


@_core_schema
class _Loader(yaml.SafeLoader):
    """Pure-Python parser: its error messages are the ones editors see."""


_FastLoader: type | None = None
if getattr(yaml, "__with_libyaml__", False):
    _FastLoader = _core_schema(type("_FastLoader", (yaml.CSafeLoader,), {"__doc__": "The same on libyaml (~8× faster)."}))


class YamlProblem(Exception):
    """A YAML syntax or structure problem at a position (1-based)."""

    def __init__(self, line: int, col: int, message: str):
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


@dataclass
class Positions:
    """Where each value (and each mapping key) of a document starts."""

    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def shifted(self, lines: int) -> Positions:
        """The same positions ``lines`` further down (for YAML embedded in a larger file)."""
        return Positions(
            {k: (line + lines, col) for k, (line, col) in self.values.items()},
            {k: (line + lines, col) for k, (line, col) in self.keys.items()},
        )

    def of(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """The position of ``loc``, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while True:
            table = self.keys if key and loc in self.keys else self.values
            if loc in table:
                return table[loc]
            if not loc:
                return (1, 1)
            loc = loc[:-1]
            key = False


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


MAX_NODES = 2_000_000
"""More nodes than this (e.g. aliases expanding exponentially) is refused."""


def _build(loader: _Loader, node: yaml.Node, loc: Loc, pos: Positions) -> Any:
    if len(pos.values) > MAX_NODES:
        raise YamlProblem(*_mark(node), "document too large (aliases expanding?): simplify it")
    pos.values[loc] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge" or (key_node.value == "<<" and not key_node.style):
                raise YamlProblem(*_mark(key_node), "merge keys (<<) are not supported: write the keys out")
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(*_mark(key_node), "a key must be plain text")
            key = str(key_node.value)
            if key in result:
                first = pos.keys[(*loc, key)]
                raise YamlProblem(
                    *_mark(key_node), f"key {key!r} appears twice in this mapping (first at line {first[0]})"
                )
            pos.keys[(*loc, key)] = _mark(key_node)
            result[key] = _build(loader, value_node, (*loc, key), pos)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, (*loc, i), pos) for i, item in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    value = str(node.value)
    try:
        if node.tag == "tag:yaml.org,2002:str":
            return value
        if node.tag == "tag:yaml.org,2002:bool":
            return value.lower() == "true"
        if node.tag == "tag:yaml.org,2002:null":
            return None
        if node.tag == "tag:yaml.org,2002:int":
            return int(value, 10)
        if node.tag == "tag:yaml.org,2002:float":
            return float(value)
    except ValueError:
        raise YamlProblem(*_mark(node), f"{value!r} is not a valid {node.tag.rsplit(':', 1)[-1]}") from None
    raise YamlProblem(*_mark(node), f"unsupported YAML tag {node.tag!r}: remove it")


def parse_yaml(text: str) -> tuple[Any, Positions]:
    """Parse one YAML document; return the data and the positions of its nodes.

    Raises :class:`YamlProblem` for syntax errors, several documents, duplicate keys and tags.
    libyaml parses when it is installed; a document it refuses is parsed again by the pure-Python
    parser, so that messages are the same either way.
    """
    if _FastLoader is not None:
        try:
            return _parse(text, _FastLoader)
        except (YamlProblem, yaml.YAMLError, ValueError):
            pass
    return _parse(text, _Loader)


def _parse(text: str, loader_class: type) -> tuple[Any, Positions]:
    pos = Positions()
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as exc:
        raise _reader_problem(text, exc) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return None, pos
        return _build(loader, node, (), pos), pos
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        start = exc.context_mark.line + 1 if exc.context_mark else line
        raise YamlProblem(line, col, f"YAML syntax error: {what}; {_hint(text, start, line)}") from None
    except yaml.reader.ReaderError as exc:
        raise _reader_problem(text, exc) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, 1, f"YAML error: {exc}") from None
    except RecursionError:
        raise YamlProblem(1, 1, "YAML nesting is too deep") from None
    finally:
        loader.dispose()


def _reader_problem(text: str, exc: yaml.reader.ReaderError) -> YamlProblem:
    before = text[: exc.position]
    line = before.count("\n") + 1
    col = exc.position - (before.rfind("\n") + 1) + 1
    return YamlProblem(line, col, f"control character U+{exc.character:04X} is not allowed: delete it")


def _hint(text: str, first: int, last: int) -> str:
    """Point at a line with an unclosed quote before the error, the usual cause; else a general hint."""
    lines = text.splitlines()
    for number in range(max(1, min(first, last) - 3), last + 1):
        body = lines[number - 1].split(" #")[0] if number <= len(lines) else ""
        for quote in ("'", '"'):
            if body.count(quote) % 2 == 1 and number != last:
                return f"is a {quote} quote on line {number} not closed?"
    return "check indentation and quoting"
