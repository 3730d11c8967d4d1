"""Files collected from inside the project: real files only, never through a symbolic link.

Media, logos, news images and editors' pages are published as they are. A symbolic link under
``data/media/`` or ``content/`` would publish whatever it points to (``/etc/passwd``, a private
client list), so the one rule, applied by ``check``, by the site builder that lists files and by
the copier itself, is: collect regular files found without following any link, and refuse links,
special files and paths that leave their folder.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import BuildError

NAME_MAX = 255
"""Bytes in one file name on the usual file systems (ext4, XFS, APFS, NTFS in UTF-16 units)."""


@dataclass(frozen=True)
class Refused:
    """An entry of a folder that is not collected, and why (a sentence starting in lower case)."""

    path: Path
    reason: str


class UnsafeFile(BuildError):
    """A file the copier will not copy: a symbolic link or not a regular file."""

    def __init__(self, source: Path, what: str):
        super().__init__(f"refusing to copy {source}: it is {what}; replace it with a copy of the file "
                         "(`showpress check` lists every such file)")
        self.source = source


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def walk_files(folder: Path) -> tuple[list[Path], list[Refused]]:
    """Regular files under ``folder`` (sorted), and every entry refused: symbolic links (to files or
    folders, never followed), pipes, sockets, devices, and folders that cannot be read."""
    files: list[Path] = []
    refused: list[Refused] = []
    if folder.is_symlink():
        return [], [Refused(folder, "a symbolic link to a folder" if os.path.isdir(folder) else "a symbolic link")]
    if not folder.is_dir():
        return [], []

    def unreadable(exc: OSError) -> None:
        refused.append(Refused(Path(exc.filename or folder), f"cannot be read ({os.strerror(exc.errno or 0)})"))

    for top, dirs, names in os.walk(folder, onerror=unreadable):
        for name in [*dirs, *names]:
            path = Path(top, name)
            try:
                mode = path.lstat().st_mode
            except OSError as exc:
                refused.append(Refused(path, f"cannot be read ({os.strerror(exc.errno or 0)})"))
                continue
            if stat.S_ISREG(mode):
                files.append(path)
            elif stat.S_ISLNK(mode) and os.path.isdir(path):
                refused.append(Refused(path, "a symbolic link to a folder"))
            elif not stat.S_ISDIR(mode):
                refused.append(Refused(path, _kind(mode)))
    return sorted(files), sorted(refused, key=lambda r: r.path)


MISSING = "missing"
"""What :func:`reference_problem` returns for a path that names no file (the caller knows the hint)."""


def reference_problem(base: Path, ref: str) -> str | None:
    """Why the file ``ref`` (a path relative to ``base``, like ``media/logo.svg`` under ``data/``)
    cannot be collected: :data:`MISSING`, or a message saying what to do; None when it is a regular
    file reached without a symbolic link or ``..``.

    The first part of ``ref`` is the folder files must stay in (``media`` -> ``data/media/``).
    """
    pure = PurePosixPath(ref)
    parts = pure.parts
    folder = f"{base.name}/{parts[0]}/" if parts and not pure.is_absolute() else f"{base.name}/"
    if ".." in parts or pure.is_absolute():
        return f"'{short(ref)}' points outside {folder}: keep the file in {folder} and write its path without '..'"
    too_long = max((len(p.encode("utf-8")) for p in parts), default=0)
    if too_long > NAME_MAX:
        return (f"'{short(ref)}' has a name of {too_long} bytes, more than the {NAME_MAX} a file system allows: "
                "shorten the file name")
    path, mode = base, stat.S_IFDIR
    for part in parts:
        path = path / part
        try:
            mode = path.lstat().st_mode
        except (FileNotFoundError, NotADirectoryError):
            return MISSING
        except OSError as exc:
            return f"'{short(ref)}' cannot be read ({_why(exc)}): {_fix(exc)}"
        if stat.S_ISLNK(mode):
            shown = path.relative_to(base.parent).as_posix()
            return (f"'{short(ref)}' goes through a symbolic link ({shown}): showpress publishes only real files "
                    f"from inside {folder}; replace the link with a copy of the file")
    if stat.S_ISDIR(mode):
        return MISSING
    if not stat.S_ISREG(mode):
        return f"'{short(ref)}' is {_kind(mode)}: use a regular file"
    return None


def short(ref: str, limit: int = 60) -> str:
    """``ref`` cut to ``limit`` characters for a message."""
    return ref if len(ref) <= limit else ref[: limit - 1] + "…"


def _why(exc: OSError) -> str:
    return os.strerror(exc.errno) if exc.errno else str(exc)


def _fix(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "make it readable by the user who runs showpress"
    if exc.errno == errno.ENAMETOOLONG:
        return "shorten the path"
    if exc.errno == errno.ELOOP:
        return "replace the symbolic links with real files"
    return "check the file and its folder"


def copy_regular_file(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` with its modification time; refuse a symbolic link or anything
    but a regular file (checked on the opened file, so a link swapped in meanwhile is refused too)."""
    try:
        fd = os.open(source, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafeFile(source, "a symbolic link") from None
        raise
    with os.fdopen(fd, "rb") as src:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFile(source, _kind(info.st_mode))
        with open(target, "wb") as dst:
            shutil.copyfileobj(src, dst)
    os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))
