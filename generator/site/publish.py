"""Where the builder's engine output goes, and how it reaches the output folder.

The builder (build.py) is the same for ``showpress build`` and ``showpress serve``; they differ only
in their target:

- :class:`SwapTarget` (``build``): every language that must be built is built clean into
  ``.site.new-PID/<lang>`` beside the output folder. Once all succeeded, the languages that were
  current move in beside them and the new folder replaces the old one with two renames (with
  ``langs``, only those language folders are swapped). Nothing in the output folder changes
  before that, so a failed build leaves the old site as it was.
- :class:`InPlaceTarget` (``serve``): engines build into ``.cache/showpress/output/<lang>``, kept
  between builds (so MkDocs dirty builds are possible), and each language's output is copied into
  ``site/<lang>/`` file by file (only files whose size or time differ, each replaced atomically), so
  the live server never sees a missing folder.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from ..errors import BuildError
from .stage import remove_stale_staging, write_if_changed

BROCHURE = "brochure.pdf"


class Target(Protocol):
    """What the builder needs of a target."""

    out: Path
    """The output folder readers are served from."""
    dirty_builds: bool
    """True when a language's engine output stays between builds (a dirty build is possible)."""

    def site_dir(self, lang: str) -> Path: ...

    def has(self, lang: str) -> bool: ...

    def complete(self, langs: list[str]) -> bool: ...

    def prepare(self) -> None: ...

    def publish(self, langs: list[str], built: set[str], feeds: Mapping[str, Mapping[str, bytes]],
                brochures: Mapping[str, Path], root: Mapping[str, bytes] | None) -> int: ...

    def discard(self) -> None: ...


def write_files(folder: Path, files: Mapping[str, bytes]) -> bool:
    """Write ``files`` under ``folder`` where their bytes changed; True if any was written."""
    written = False
    for rel, data in files.items():
        target = (folder / rel).resolve()
        if not target.is_relative_to(folder.resolve()):
            raise BuildError(f"refusing to write {rel!r} outside {folder}")
        written = write_if_changed(target, data) or written
    return written


def swap(new: Path, out: Path, langs: list[str] | None) -> None:
    """Put ``new`` in place of ``out`` (whole folder, or only the given language folders)."""
    stamp = f"{os.getpid()}-{time.monotonic_ns()}"
    if langs is None or not out.exists():
        old = out.with_name(f".{out.name}.old-{stamp}")
        if out.exists():
            os.replace(out, old)
        os.replace(new, out)
        shutil.rmtree(old, ignore_errors=True)
        return
    for lang in langs:
        old = out.with_name(f".{out.name}.old-{stamp}-{lang}")
        if (out / lang).exists():
            os.replace(out / lang, old)
        os.replace(new / lang, out / lang)
        shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(new, ignore_errors=True)


class SwapTarget:
    """``showpress build``: a new folder swapped in place of the old one (see the module doc)."""

    dirty_builds = False

    def __init__(self, out: Path, *, partial: bool = False, keep_brochures: bool = False):
        self.out = out
        self.partial = partial
        """Only some languages are built: swap just their folders, leave the root page."""
        self.keep_brochures = keep_brochures
        self.new = out.with_name(f".{out.name}.new-{os.getpid()}")

    def site_dir(self, lang: str) -> Path:
        return self.new / lang

    def has(self, lang: str) -> bool:
        return (self.out / lang / "index.html").is_file()

    def complete(self, langs: list[str]) -> bool:
        return all(self.has(lang) for lang in langs)

    def prepare(self) -> None:
        remove_stale_staging(self.out)
        shutil.rmtree(self.new, ignore_errors=True)
        self.new.mkdir(parents=True)

    def publish(self, langs: list[str], built: set[str], feeds: Mapping[str, Mapping[str, bytes]],
                brochures: Mapping[str, Path], root: Mapping[str, bytes] | None) -> int:
        kept = [lang for lang in langs if lang not in built]
        moved: list[str] = []
        try:
            if not self.partial:
                for lang in kept:  # the current languages join the new site as they are
                    os.replace(self.out / lang, self.new / lang)
                    moved.append(lang)
            for lang in langs:
                folder = self.new / lang if lang in built or not self.partial else self.out / lang
                write_files(folder, feeds.get(lang, {}))
                old = self.out / lang / BROCHURE
                if lang in brochures:
                    os.replace(brochures[lang], folder / BROCHURE)
                elif self.keep_brochures and lang in built and old.exists() and not (folder / BROCHURE).exists():
                    shutil.copy2(old, folder / BROCHURE)
            if root is not None and not self.partial:
                write_files(self.new, root)
        except BaseException:
            for lang in moved:
                os.replace(self.new / lang, self.out / lang)
            raise
        swap(self.new, self.out, sorted(built) if self.partial else None)
        return len(built)

    def discard(self) -> None:
        shutil.rmtree(self.new, ignore_errors=True)


class InPlaceTarget:
    """``showpress serve``: a kept engine output per language, copied into the site in place."""

    dirty_builds = True

    def __init__(self, out: Path, output_root: Path, *, keep_brochures: bool = True):
        self.out = out
        self.output_root = output_root
        self.keep = frozenset({BROCHURE}) if keep_brochures else frozenset()
        self.synced: set[str] = set()
        """Languages whose site/<lang>/ matched their engine output after the last build."""

    def site_dir(self, lang: str) -> Path:
        return self.output_root / lang

    def has(self, lang: str) -> bool:
        return self.site_dir(lang).is_dir()

    def complete(self, langs: list[str]) -> bool:
        return all(lang in self.synced for lang in langs)

    def prepare(self) -> None:
        self.output_root.mkdir(parents=True, exist_ok=True)

    def publish(self, langs: list[str], built: set[str], feeds: Mapping[str, Mapping[str, bytes]],
                brochures: Mapping[str, Path], root: Mapping[str, bytes] | None) -> int:
        copied = 0
        for lang in langs:
            touched = write_files(self.site_dir(lang), feeds.get(lang, {}))
            if lang in built or touched or lang not in self.synced:
                self.synced.discard(lang)
                copied += sync_tree(self.site_dir(lang), self.out / lang, self.keep)
                self.synced.add(lang)
            if lang in brochures:
                os.replace(brochures[lang], self.out / lang / BROCHURE)
        if root is not None:
            for rel, data in root.items():
                write_if_changed(self.out / rel, data)
        return copied

    def discard(self) -> None:
        self.synced.clear()


def sync_tree(source: Path, target: Path, keep: frozenset[str] = frozenset()) -> int:
    """Make ``target`` a copy of ``source`` in place: copy files whose size or time differ (each
    replaced atomically), delete files ``source`` lacks (except ``keep``); return files copied."""
    copied = 0
    wanted: set[str] = set()
    for folder, _, names in os.walk(source):
        rel_dir = os.path.relpath(folder, source)
        for name in names:
            rel = os.path.normpath(os.path.join(rel_dir, name))
            wanted.add(rel)
            src, dst = os.path.join(folder, name), target / rel
            a = os.stat(src)
            try:
                b = os.stat(dst)
                if a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns:
                    continue
            except FileNotFoundError:
                dst.parent.mkdir(parents=True, exist_ok=True)
            tmp = dst.with_name(f".{name}.showpress-tmp")
            shutil.copy2(src, tmp)
            os.replace(tmp, dst)
            copied += 1
    for folder, dirs, names in os.walk(target, topdown=False):
        rel_dir = os.path.relpath(folder, target)
        for name in names:
            rel = os.path.normpath(os.path.join(rel_dir, name))
            if rel not in wanted and rel not in keep:
                os.unlink(os.path.join(folder, name))
        for name in dirs:
            path = os.path.join(folder, name)
            if not os.listdir(path):
                os.rmdir(path)
    return copied
