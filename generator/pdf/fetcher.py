"""A WeasyPrint URL fetcher that only reads files under the project and ``data:`` URIs.

WeasyPrint's default fetcher opens any URL it is given: ``file:///etc/passwd`` through
``<link rel=attachment>`` or an image, ``http://`` addresses (a request at build time, and
redirects followed). Brochures are built from editors' data and clients' names, so every fetch
goes through :class:`ProjectURLFetcher`: a ``data:`` URI, or a ``file:`` URL whose resolved path
(symbolic links followed) lies under the project folder. Everything else is refused with a
logged warning and is not embedded.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

log = logging.getLogger(__name__)


class RefusedURL(ValueError):
    """WeasyPrint was asked for a resource outside the project."""


class ProjectURLFetcher(URLFetcher):
    """Fetch ``data:`` URIs and files under ``root``; refuse (and log) anything else."""

    def __init__(self, root: Path, extra_roots: tuple[Path, ...] = ()):
        super().__init__(timeout=5, allowed_protocols={"data", "file"}, allow_redirects=False)
        self.roots = tuple(p.resolve() for p in (root, *extra_roots))
        self.refused: list[str] = []
        """Every URL refused so far (for tests and summaries)."""

    def _refuse(self, url: str, why: str) -> RefusedURL:
        shown = url if len(url) <= 120 else url[:117] + "..."
        self.refused.append(url)
        log.warning("PDF: refused to embed %s (%s)", shown, why)
        return RefusedURL(f"refused: {why}")

    def allowed_path(self, url: str) -> Path | None:
        """The local file a ``file:`` URL names when it lies under an allowed root."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        path = Path(unquote(parts.path)).resolve()
        for root in self.roots:
            if path == root or root in path.parents:
                return path if path.is_file() else None
        return None

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            raise self._refuse(url, "only files in the project and data: URIs are embedded")
        path = self.allowed_path(url)
        if path is None:
            raise self._refuse(url, "not a file inside the project folder")
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": _mime(path)})


_MIME = {
    ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
    ".gif": "image/gif", ".webp": "image/webp", ".css": "text/css", ".html": "text/html",
    ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".otf": "font/otf",
}


def _mime(path: Path) -> str:
    return _MIME.get(path.suffix.lower(), "application/octet-stream")
