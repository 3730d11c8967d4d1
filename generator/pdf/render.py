"""HTML + print CSS -> WeasyPrint document -> PDF bytes, always through the restricted fetcher."""

from __future__ import annotations

import logging
from pathlib import Path

import weasyprint

from .fetcher import ProjectURLFetcher
from .printshop import x4_profiles

log = logging.getLogger(__name__)


def _options(tagged: bool, pdf_x4: bool = False) -> dict[str, object]:
    if pdf_x4:  # PDF/X-4 with a CMYK output intent (printshop.py), still tagged
        return {"pdf_variant": "pdf/x-4", "pdf_tags": True}
    return {"pdf_variant": "pdf/ua-1"} if tagged else {}


def render_document(html: str, css: str, root: Path, *, tagged: bool = False,
                    pdf_x4: bool = False) -> weasyprint.Document:
    """Lay out ``html`` with ``css``; relative URLs resolve against ``<root>/data/`` (for media/)."""
    fetcher = ProjectURLFetcher(root)
    base_url = (root.resolve() / "data").as_uri() + "/"
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    stylesheet = weasyprint.CSS(string=css, base_url=base_url, url_fetcher=fetcher)
    profiles = x4_profiles() if pdf_x4 else None
    return document.render(stylesheets=[stylesheet], color_profiles=profiles, **_options(tagged, pdf_x4))


def pdf_bytes(document: weasyprint.Document, *, tagged: bool, pdf_x4: bool = False) -> bytes:
    """The PDF of a laid-out document; ``tagged`` makes it PDF/UA-1 (structure tags, language, title),
    ``pdf_x4`` PDF/X-4 (tagged too)."""
    return document.write_pdf(**_options(tagged, pdf_x4))


def render_pdf(html: str, css: str, root: Path, *, tagged: bool, pdf_x4: bool = False) -> bytes:
    """Render ``html`` to PDF bytes in one step."""
    return pdf_bytes(render_document(html, css, root, tagged=tagged, pdf_x4=pdf_x4), tagged=tagged, pdf_x4=pdf_x4)
