"""Write a language's docs folder in the staging area, touching only files whose bytes changed.

Unchanged files keep their modification time, so a later MkDocs build (and the file watcher of
``showpress serve``) sees only what really changed.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from ..errors import BuildError
from ..projectfiles import copy_regular_file

log = logging.getLogger(__name__)

StagedFiles = dict[str, tuple[str, int, int]]
"""Docs path -> (Markdown, size, mtime) as last written or checked by :func:`sync_docs` (a file
that is not a page: ``FILE`` for its Markdown); the key ``WALKED`` says the folder's listing is
complete in it, so files no longer wanted are found without walking the folder."""

FILE = "\0file"
"""The Markdown of an entry of :data:`StagedFiles` that is a copied or written file, not a page."""
WALKED = ""
"""The key of :data:`StagedFiles` set once the folder was walked (no docs path is empty); its
value holds a hash of the modification times of the folders, so a change by another process (a
``showpress build`` of the same project between two rebuilds of ``serve``) makes the next call
walk the folder again."""


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
    copy_regular_file(source, target)  # refuses a symbolic link: it would publish what it points to
    return True


def _unchanged(target: str, markdown: str, seen: tuple[str, int, int] | None) -> bool:
    """True when ``target`` is the file last written with ``markdown`` (a stat instead of a read)."""
    if seen is None or seen[0] != markdown:
        return False
    try:
        stat = os.stat(target)
    except FileNotFoundError:
        return False
    return (stat.st_size, stat.st_mtime_ns) == seen[1:]


def sync_docs(folder: Path, pages: dict[str, str], files: dict[str, Path | bytes],
              known: StagedFiles | None = None) -> list[str]:
    """Make ``folder`` hold exactly ``pages`` and ``files``; return the docs paths that changed.

    ``known`` (kept by a long-running process between calls) remembers what each page file holds,
    so an unchanged page costs a ``stat`` instead of a read, and which files the folder holds, so
    only the first call walks the folder to find files no longer wanted.
    """
    changed: list[str] = []
    wanted: set[str] = set()
    base = str(folder)
    walked = _folders_stamp(folder, known) if known is not None and WALKED in known else None
    for rel, markdown in pages.items():
        wanted.add(rel)
        if known is not None and _unchanged(os.path.join(base, rel), markdown, known.get(rel)):
            continue
        target = folder / rel
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
        if known is not None and known.get(rel, ("",))[0] != FILE:
            known[rel] = (FILE, 0, 0)
    if known is not None and known.get(WALKED) == (FILE, walked, 0):
        changed += _remove_known(folder, known, wanted)
    else:
        changed += _remove_walked(folder, wanted)
        if known is not None:
            for rel in [rel for rel in known if rel not in wanted]:
                del known[rel]
    if known is not None:
        known[WALKED] = (FILE, _folders_stamp(folder, known), 0)
    return changed


def _folders_stamp(folder: Path, known: StagedFiles) -> int:
    """A hash of the modification times of ``folder`` and of the folders of the files in ``known``
    (a file added or removed by anyone changes its folder's time)."""
    folders = {os.path.dirname(rel) for rel in known if rel != WALKED}
    stamps = []
    for rel in sorted(folders):
        try:
            stamps.append((rel, os.stat(os.path.join(folder, rel)).st_mtime_ns))
        except FileNotFoundError:
            stamps.append((rel, -1))
    return hash(tuple(stamps))


def _remove_known(folder: Path, known: StagedFiles, wanted: set[str]) -> list[str]:
    """Delete the files ``known`` lists that are no longer wanted, and folders left empty."""
    removed = sorted((rel for rel in known if rel != WALKED and rel not in wanted), reverse=True)
    for rel in removed:
        del known[rel]
        (folder / rel).unlink(missing_ok=True)
        parent = (folder / rel).parent
        while parent != folder and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    return removed


def _remove_walked(folder: Path, wanted: set[str]) -> list[str]:
    """Delete every file under ``folder`` not ``wanted``, and empty folders (a full walk)."""
    removed: list[str] = []
    if folder.is_dir():
        for path in sorted(folder.rglob("*"), reverse=True):
            rel = path.relative_to(folder).as_posix()
            if path.is_file() and rel not in wanted:
                path.unlink()
                removed.append(rel)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return removed


def _pid_alive(pid: int) -> bool:
    """True while process ``pid`` runs (a zombie, killed but not yet reaped, counts as ended)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


def remove_stale_staging(out: Path) -> list[Path]:
    """Remove the folders a killed build left beside ``out`` (``.site.new-PID``, ``.site.new-PID-pdf``,
    ``.site.old-PID-…``) whose process no longer runs; return them."""
    pattern = re.compile(rf"\.{re.escape(out.name)}\.(?:new|old)-(\d+)(?:-.*)?")
    removed: list[Path] = []
    if not out.parent.is_dir():
        return removed
    for path in out.parent.iterdir():
        match = pattern.fullmatch(path.name)
        if match is None or not path.is_dir() or path.is_symlink():
            continue
        pid = int(match.group(1))
        if pid != os.getpid() and _pid_alive(pid):
            continue
        if pid == os.getpid() and path.name.startswith(f".{out.name}.old-"):
            continue  # a swap of this process may be under way (another thread)
        log.info("removing %s, left by an interrupted build (process %d)", path, pid)
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


@contextlib.contextmanager
def staging_lock(root: Path, timeout: float) -> Iterator[None]:
    """Hold the project's staging folder for one build: two builds of one project (a CI job and
    ``serve``, two terminals) would otherwise rewrite each other's mkdocs.yml mid-build. The lock
    dies with its process; a build waits for another at most ``timeout`` seconds."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "a+", encoding="utf-8") as handle:
        deadline = time.monotonic() + timeout
        waited = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "?"
                if time.monotonic() > deadline:
                    raise BuildError(f"another showpress build of this project (process {holder}) still uses "
                                     f"{root} after {timeout:g} s: wait for it to finish or stop it") from None
                if not waited:
                    log.info("waiting for another build of this project (process %s) to finish", holder)
                    waited = True
                time.sleep(0.2)
        handle.truncate(0)
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)
