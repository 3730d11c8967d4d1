"""HTML + print CSS -> WeasyPrint document -> PDF bytes, always through the restricted fetcher."""

from __future__ import annotations

import logging
from pathlib import Path

import weasyprint

from .fetcher import ProjectURLFetcher

log = logging.getLogger(__name__)


def _options(tagged: bool) -> dict[str, object]:
    return {"pdf_variant": "pdf/ua-1"} if tagged else {}


def render_document(html: str, css: str, root: Path, *, tagged: bool = False) -> weasyprint.Document:
    """Lay out ``html`` with ``css``; relative URLs resolve against ``<root>/data/`` (for media/)."""
    fetcher = ProjectURLFetcher(root)
    base_url = (root.resolve() / "data").as_uri() + "/"
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    stylesheet = weasyprint.CSS(string=css, base_url=base_url, url_fetcher=fetcher)
    return document.render(stylesheets=[stylesheet], **_options(tagged))


def pdf_bytes(document: weasyprint.Document, *, tagged: bool) -> bytes:
    """The PDF of a laid-out document; ``tagged`` makes it PDF/UA-1 (structure tags, language, title)."""
    return document.write_pdf(**_options(tagged))


def render_pdf(html: str, css: str, root: Path, *, tagged: bool) -> bytes:
    """Render ``html`` to PDF bytes in one step."""
    return pdf_bytes(render_document(html, css, root, tagged=tagged), tagged=tagged)
