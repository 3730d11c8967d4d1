"""HTML + print CSS -> WeasyPrint document -> PDF bytes, always through the restricted fetcher.

One cost of WeasyPrint 70 on a long document (a 280-page brochure of 2,000 exhibitors), cut
here without changing a byte of the output:

- Python's cycle collector: laying out and writing a brochure allocates millions of objects that
  live until the end (boxes, styles, PDF operators) and makes almost no cyclic garbage. With the
  default threshold (700 allocations) the collector runs thousands of times and walks the whole
  heap some 25 times: about a fifth of the CPU. :func:`rare_collections` raises the threshold
  while a document is rendered.

Another is left alone on purpose: pydyf's ``PDF.page_references`` builds a tuple of every page's
reference on each access and WeasyPrint's PDF/UA tagging reads it once per tagged box (about 6% of
a bench brochure); memoising it would mean patching the library's class (hidden global state).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import weasyprint

from .fetcher import ProjectURLFetcher
from .printshop import x4_profiles

log = logging.getLogger(__name__)

RENDER_GC_THRESHOLD = 100_000
"""Allocations between two young-generation collections while a document is rendered (default 700)."""


class _Collections:
    """The collector's thresholds while documents render (in any thread), restored after the last."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.depth = 0
        self.saved: tuple[int, int, int] = gc.get_threshold()

    @contextlib.contextmanager
    def rare(self) -> Iterator[None]:
        with self.lock:
            if self.depth == 0:
                self.saved = gc.get_threshold()
                gc.set_threshold(max(RENDER_GC_THRESHOLD, self.saved[0]), *self.saved[1:])
            self.depth += 1
        try:
            yield
        finally:
            with self.lock:
                self.depth -= 1
                if self.depth == 0:
                    gc.set_threshold(*self.saved)


_COLLECTIONS = _Collections()


def rare_collections() -> contextlib.AbstractContextManager[None]:
    """Inside the block the cycle collector runs rarely (the process's thresholds come back after)."""
    return _COLLECTIONS.rare()


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
    with rare_collections():
        return document.render(stylesheets=[stylesheet], color_profiles=profiles, **_options(tagged, pdf_x4))


def pdf_bytes(document: weasyprint.Document, *, tagged: bool, pdf_x4: bool = False) -> bytes:
    """The PDF of a laid-out document; ``tagged`` makes it PDF/UA-1 (structure tags, language, title),
    ``pdf_x4`` PDF/X-4 (tagged too)."""
    with rare_collections():
        data: bytes = document.write_pdf(**_options(tagged, pdf_x4))
    return data


def render_pdf(html: str, css: str, root: Path, *, tagged: bool, pdf_x4: bool = False) -> bytes:
    """Render ``html`` to PDF bytes in one step."""
    return pdf_bytes(render_document(html, css, root, tagged=tagged, pdf_x4=pdf_x4), tagged=tagged, pdf_x4=pdf_x4)
