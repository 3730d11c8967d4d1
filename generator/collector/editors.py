"""`showpress report`: fetch the report from a collector (or read its database) and write it for
the editors as an HTML page and a PDF with charts."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ..catalog import shipped_locales
from ..errors import BuildError, UsageError
from ..show import Show
from . import report, reportpage
from .adminclient import admin_get_json
from .issued import read_issued
from .state import template_env
from .store import Store

log = logging.getLogger(__name__)


def fetch_report(url: str, admin_token: str) -> report.Report:
    """The report JSON of a running collector (``url`` is its base address)."""
    if not admin_token:
        raise UsageError("--admin-token (or SHOWPRESS_ADMIN_TOKEN) is needed to read a collector's report")
    target = url.rstrip("/") + "/admin/report.json"
    data = admin_get_json(url, "admin/report.json", admin_token, timeout=30)
    try:
        return report.report_from_json(data)
    except ValueError as error:
        raise BuildError(f"the collector at {target} answered a report this version cannot read "
                         f"(update the collector): {str(error).splitlines()[0]}") from None


def report_from_db(show: Show, db_url: str, manifest: Path | None, clients: Path | None,
                   secret: str = "") -> report.Report:
    """The report read straight from the collector's database."""
    store = Store(db_url)
    try:
        rows = store.responses()
        spam = store.spam_count()
    except Exception as error:
        raise BuildError(f"cannot read answers from {db_url}: {error}") from None
    return report.build_report(show, rows, spam, read_issued(manifest, clients, secret))


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> Any:
    raise ValueError(f"the report fetches nothing: {url}")


def write_report(show: Show, data: report.Report, out: Path, lang: str) -> tuple[Path, Path]:
    """report-<lang>.html and report-<lang>.pdf in ``out``; the paths written."""
    from weasyprint import HTML

    shipped = {name.replace("_", "-") for name in shipped_locales()}
    if lang not in show.languages and lang not in shipped:
        raise UsageError(f"--lang {lang}: use one of the show's languages ({', '.join(show.languages)}) "
                         f"or a shipped interface language ({', '.join(sorted(shipped))})")
    html = reportpage.render_html(show, data, lang, template_env(show.root))
    out.mkdir(parents=True, exist_ok=True)
    html_path = out / f"report-{lang}.html"
    pdf_path = out / f"report-{lang}.pdf"
    html_path.write_text(html, encoding="utf-8")
    HTML(string=html, base_url=None, url_fetcher=_no_fetch).write_pdf(pdf_path)
    log.info("wrote %s and %s", html_path, pdf_path)
    return html_path, pdf_path
