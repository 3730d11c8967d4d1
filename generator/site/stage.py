"""Write a language's docs folder in the staging area, touching only files whose bytes changed.

Unchanged files keep their modification time, so a later MkDocs build (and the file watcher of
``showpress serve``) sees only what really changed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

StagedFiles = dict[str, tuple[str, int, int]]
"""Docs path -> (Markdown, size, mtime) as last written or checked by :func:`sync_docs`."""


def write_if_changed(target: Path, data: bytes) -> bool:
    """Write ``data`` to ``target`` (atomically) unless it holds exactly that; True if written."""
    if target.exists() and target.stat().st_size == len(data) and target.read_bytes() == data:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    return True


def _copy_if_changed(target: Path, source: Path) -> bool:
    if target.exists():
        a, b = target.stat(), source.stat()
        if a.st_size == b.st_size and int(a.st_mtime) == int(b.st_mtime):
            return False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)
    return True


def _unchanged(target: Path, markdown: str, seen: tuple[str, int, int] | None) -> bool:
    """True when ``target`` is the file last written with ``markdown`` (a stat instead of a read)."""
    if seen is None or seen[0] != markdown:
        return False
    try:
        stat = target.stat()
    except FileNotFoundError:
        return False
    return (stat.st_size, stat.st_mtime_ns) == seen[1:]


def sync_docs(folder: Path, pages: dict[str, str], files: dict[str, Path | bytes],
              known: StagedFiles | None = None) -> list[str]:
    """Make ``folder`` hold exactly ``pages`` and ``files``; return the docs paths that changed.

    ``known`` (kept by a long-running process between calls) remembers what each page file holds,
    so an unchanged page costs a ``stat`` instead of a read.
    """
    changed: list[str] = []
    wanted: set[str] = set()
    for rel, markdown in pages.items():
        wanted.add(rel)
        target = folder / rel
        if known is not None and _unchanged(target, markdown, known.get(rel)):
            continue
        if write_if_changed(target, markdown.encode("utf-8")):
            changed.append(rel)
        if known is not None:
            stat = target.stat()
            known[rel] = (markdown, stat.st_size, stat.st_mtime_ns)
    for rel, source in files.items():
        if rel in wanted:
            continue
        wanted.add(rel)
        done = write_if_changed(folder / rel, source) if isinstance(source, bytes) else _copy_if_changed(
            folder / rel, source
        )
        if done:
            changed.append(rel)
    if folder.is_dir():
        for path in sorted(folder.rglob("*"), reverse=True):
            rel = path.relative_to(folder).as_posix()
            if path.is_file() and rel not in wanted:
                path.unlink()
                changed.append(rel)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return changed
