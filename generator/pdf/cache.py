"""A content-hash cache of rendered PDFs, so an unchanged brochure is not rendered again.

The key hashes everything a rendering depends on: the show's sources (every file under ``data/``
and ``content/``), the print templates and strings, the code that turns them into HTML (this
package and ``generator/graphics``), WeasyPrint's version and the options (language, paper,
bleed, date, page offset, tagging). Entries live in ``<project>/.cache/showpress/pdf/<sha>.pdf``
(``SHOWPRESS_CACHE_DIR`` moves them) and are written atomically.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

import weasyprint

from .templates import templates_digest

log = logging.getLogger(__name__)


def _tree_digest(digest: Any, root: Path, folder: Path) -> None:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())


@functools.cache
def code_digest() -> str:
    """A hash of the code that shapes a brochure: every Python file of showpress, and WeasyPrint's version.

    The whole package, not a list of modules: a list goes stale when code moves, and reading ~75
    small files once per process costs nothing next to one render.
    """
    digest = hashlib.sha256(weasyprint.__version__.encode())
    package = Path(__file__).resolve().parents[1]
    for path in sorted([*package.rglob("*.py"), *package.rglob("*.po")]):  # .po: the interface catalog
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def sources_digest(root: Path) -> str:
    """A hash of the show's sources: every file under data/, content/ and locale/ (its own catalogs)."""
    digest = hashlib.sha256()
    for sub in ("data", "content", "locale"):
        _tree_digest(digest, root, root / sub)
    return digest.hexdigest()


class PdfCache:
    """Rendered PDFs by content hash; ``enabled=False`` makes every lookup miss."""

    def __init__(self, folder: Path, *, enabled: bool = True):
        self.folder = folder
        self.enabled = enabled
        self.hits = 0
        self.misses = 0

    @classmethod
    def for_project(cls, root: Path, *, enabled: bool = True) -> PdfCache:
        base = os.environ.get("SHOWPRESS_CACHE_DIR")
        folder = Path(base) / "pdf" if base else root / ".cache" / "showpress" / "pdf"
        return cls(folder, enabled=enabled)

    def key(self, root: Path, sources: str, **options: Any) -> str:
        """The cache key of one rendering of the show at ``root`` with ``options``."""
        payload = json.dumps(
            {"code": code_digest(), "templates": templates_digest(root), "sources": sources,
             "root": str(root), "options": options},
            sort_keys=True, default=str,
        )
        return hashlib.sha256(payload.encode()).hexdigest()

    def get(self, key: str) -> bytes | None:
        if not self.enabled:
            return None
        path = self.folder / f"{key}.pdf"
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        self.hits += 1
        log.debug("PDF cache hit %s", key[:12])
        return data

    def put(self, key: str, data: bytes) -> None:
        if not self.enabled:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.folder, suffix=".tmp", delete=False) as handle:
                handle.write(data)
            os.replace(handle.name, self.folder / f"{key}.pdf")
        except OSError as exc:  # a read-only checkout still builds, only slower
            log.warning("PDF cache not written (%s): %s", self.folder, exc)
