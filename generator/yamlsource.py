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

from .yamlhints import tab_position, unclosed_quote

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


class _StructureProblem(YamlProblem):
    """A problem of the composed document (size, keys, tags, values): the same for both parsers."""


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


MAX_ALIAS_NODES = 100_000
"""Values that aliases may add by repeating their anchors (an alias bomb of 300 bytes adds 9**9)."""


def _expanded_size(root: yaml.Node) -> int:
    """How many values the document holds once every alias is expanded, counted on the composed graph
    (an alias is the very node of its anchor) without building anything. Refuses, at the anchor
    concerned, a document whose aliases add more than MAX_ALIAS_NODES values, and an anchored
    list or mapping that contains an alias to itself."""
    sizes: dict[int, int] = {}
    open_: set[int] = set()
    copied = 0

    def size(node: yaml.Node) -> int:
        nonlocal copied
        key = id(node)
        if key in sizes:  # seen before: an alias repeats it
            copied += sizes[key]
            if copied > MAX_ALIAS_NODES:
                raise _StructureProblem(*_mark(node), "document too large (aliases expanding?): simplify it")
            return sizes[key]
        if key in open_:
            raise _StructureProblem(*_mark(node), "this list or mapping contains an alias to itself: write it out")
        total = 1
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            open_.add(key)
            children = [v for pair in node.value for v in pair] if isinstance(node, yaml.MappingNode) else node.value
            total += sum(size(child) for child in children)
            open_.discard(key)
        sizes[key] = total
        return total

    return size(root)


def _build(loader: _Loader, node: yaml.Node, loc: Loc, pos: Positions) -> Any:
    if len(pos.values) > MAX_NODES:
        raise _StructureProblem(*_mark(node), "document too large (aliases expanding?): simplify it")
    pos.values[loc] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge" or (key_node.value == "<<" and not key_node.style):
                raise _StructureProblem(*_mark(key_node), "merge keys (<<) are not supported: write the keys out")
            if not isinstance(key_node, yaml.ScalarNode):
                raise _StructureProblem(*_mark(key_node), "a key must be plain text")
            key = str(key_node.value)
            if key in result:
                first = pos.keys[(*loc, key)]
                raise _StructureProblem(
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
        raise _StructureProblem(*_mark(node), f"{value!r} is not a valid {node.tag.rsplit(':', 1)[-1]}") from None
    raise _StructureProblem(*_mark(node), f"unsupported YAML tag {node.tag!r}: remove it")


def parse_yaml(text: str, line_offset: int = 0) -> tuple[Any, Positions]:
    """Parse one YAML document; return the data and the positions of its nodes.

    Raises :class:`YamlProblem` for syntax errors, several documents, duplicate keys and tags.
    libyaml parses when it is installed; a document whose syntax it refuses is parsed again by the
    pure-Python parser, so that messages are the same either way. Problems found in the composed
    document (size, keys, tags) are the same for both parsers and are raised at once.
    ``line_offset``: how many lines of the file come before ``text`` (front matter), so that the
    lines a message names are the file's; the problem's own position stays relative to ``text``.
    """
    if _FastLoader is not None:
        try:
            return _parse(text, _FastLoader)
        except _StructureProblem:
            raise
        except (YamlProblem, yaml.YAMLError, ValueError):
            pass
    return _parse(text, _Loader, line_offset)


def _parse(text: str, loader_class: type, line_offset: int = 0) -> tuple[Any, Positions]:
    pos = Positions()
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as exc:
        raise _reader_problem(text, exc) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return None, pos
        _expanded_size(node)
        return _build(loader, node, (), pos), pos
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(text, exc, line_offset) from None
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


def _syntax_problem(text: str, exc: yaml.MarkedYAMLError, line_offset: int) -> YamlProblem:
    """A syntax error at the position PyYAML gave up, with a hint at its likely cause."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines()
    tab = tab_position(lines, line)
    if tab is not None:
        return YamlProblem(*tab, "YAML syntax error: a tab in the indentation: use spaces, not tabs")
    what = " ".join(str(x) for x in (exc.context, exc.problem) if x)
    if exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
        opened = exc.context_mark.line + 1
        quote = lines[opened - 1][exc.context_mark.column] if opened <= len(lines) else "'"
        found: tuple[int, str] | None = (opened, quote)
    else:
        found = unclosed_quote(lines, line)
    hint = f"is a {found[1]} quote on line {found[0] + line_offset} not closed?" if found else (
        "check indentation and quoting")
    return YamlProblem(line, col, f"YAML syntax error: {what}; {hint}")


_TOP_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?:[ ]+(#.*)?)?")
"""A top-level key line with no value on it (its value follows on the next lines)."""
_TOP_PAIR = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*:[ ]")
_ITEM = re.compile(r"-(?: |$)")
_NODE_PROPERTY = re.compile(r"(?:^[ ]*(?:-[ ]+)*|:[ ]+|[\[{,][ ]*)[&*!]", re.MULTILINE)
"""Where a node may start with an anchor, an alias or a tag (and a few harmless look-alikes)."""


def _chunks(text: str) -> list[tuple[str | None, int, str]] | None:
    """The document as (top-level key or None for an item of the last key's list, first line, text),
    or None when it is not a plain top-level mapping whose lists are written at column 0 and
    whose other values can be parsed apart (anchors, tags, flow collections, document markers...)."""
    if "\t" in text or "<<" in text or _NODE_PROPERTY.search(text):
        return None
    found: list[tuple[str | None, int, list[str]]] = []
    key_open = False  # the last top-level key has no value yet: items may follow at column 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not line or line[0] in " #":
            if found:
                found[-1][2].append(line)
            elif line.strip() and not line.startswith("#"):
                return None
            continue
        bare = _TOP_KEY.fullmatch(line)
        if bare is not None:
            found.append((bare.group(1), number, [line]))
            key_open = True
        elif _ITEM.match(line) and key_open:
            found.append((None, number, [line]))
        elif _TOP_PAIR.match(line) and line.split(":", 1)[1].strip()[:1] not in ("[", "{", "|", ">", "'", '"', ""):
            found.append((line.split(":", 1)[0], number, [line]))
            key_open = False
        else:
            return None
    return [(key, first, "\n".join(lines) + "\n") for key, first, lines in found] if found else None


class ChunkCache:
    """Parses of the top-level parts of a YAML document (each list item apart), reused by text.

    For a long-running process (``showpress serve``) that parses a large data file again after a
    one-line edit: :meth:`parse` gives what :func:`parse_yaml` gives, parsing only the parts whose
    text changed. A document it cannot split safely, or a part with any problem, is parsed whole
    (so problems and their positions are exactly parse_yaml's). Only the parts of the last
    document parsed are kept.
    """

    def __init__(self) -> None:
        self.parts: dict[str, tuple[Any, Positions]] = {}

    def parse(self, text: str) -> tuple[Any, Positions]:
        chunks = _chunks(text)
        if chunks is None or len(chunks) < 2:
            return parse_yaml(text)
        try:
            return self._assemble(chunks)
        except (YamlProblem, _Unsplittable, yaml.YAMLError, ValueError):
            return parse_yaml(text)

    def _part(self, text: str, used: dict[str, tuple[Any, Positions]]) -> tuple[Any, Positions]:
        found = self.parts.get(text) or used.get(text)
        if found is None:
            found = _parse(text, _FastLoader) if _FastLoader is not None else _parse(text, _Loader)
        used[text] = found
        return found

    def _assemble(self, chunks: list[tuple[str | None, int, str]]) -> tuple[Any, Positions]:
        used: dict[str, tuple[Any, Positions]] = {}
        data: dict[str, Any] = {}
        pos = Positions()
        last: str | None = None
        waiting = False  # ``last`` had no value on its lines: its list items must follow
        listing = False  # the items so far were ``last``'s list at column 0
        for key, first, chunk in chunks:
            value, where = self._part(chunk, used)
            shift = first - 1
            if key is None:  # an item of ``last``'s list
                if last is None or not isinstance(value, list) or len(value) != 1:
                    raise _Unsplittable
                if waiting:
                    data[last], waiting, listing = [], False, True
                    pos.values[(last,)] = _moved(where.values[()], shift)
                if not listing:
                    raise _Unsplittable
                items = data[last]
                _prefixed(pos, where, (last, len(items)), (0,), shift)
                items.append(value[0])
            else:
                if not isinstance(value, dict) or list(value) != [key] or key in data or waiting:
                    raise _Unsplittable
                if not data:
                    pos.values[()] = _moved(where.values[()], shift)
                data[key] = value[key]
                _prefixed(pos, where, (key,), (key,), shift)
                last, waiting, listing = key, value[key] is None, False
            if len(pos.values) > MAX_NODES:
                raise _Unsplittable
        if waiting:
            raise _Unsplittable
        self.parts = used
        return data, pos


class _Unsplittable(Exception):
    """The parts do not make the document parse_yaml would make: parse it whole."""


def _moved(mark: tuple[int, int], lines: int) -> tuple[int, int]:
    return mark[0] + lines, mark[1]


def _prefixed(pos: Positions, part: Positions, prefix: Loc, strip: Loc, lines: int) -> None:
    """Add ``part``'s positions under ``strip`` to ``pos``, with ``prefix`` instead of ``strip``."""
    size = len(strip)
    for target, source in ((pos.values, part.values), (pos.keys, part.keys)):
        for loc, (line, col) in source.items():
            if loc[:size] == strip:
                target[prefix + loc[size:]] = (line + lines, col)
