"""`showpress collector` and `showpress report`: thin commands over generator.collector."""

from __future__ import annotations

import os
from pathlib import Path

import click

from .options import project_option

file_option = click.Path(dir_okay=False, exists=True, path_type=Path)


@click.command()
@project_option
@click.option("--db", default=None, help="sqlite:///FILE (default sqlite:///feedback.db) or postgresql://... "
              "[env SHOWPRESS_DB]")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8750, show_default=True, type=int)
@click.option("--admin-token", default=None, help="Bearer token for exports and reports [env SHOWPRESS_ADMIN_TOKEN].")
@click.option("--allow-origin", multiple=True, help="Origin allowed to post (repeatable; default the site URL).")
@click.option("--token-secret", default=None, help="HMAC secret of survey tokens [env SHOWPRESS_TOKEN_SECRET].")
@click.option("--trusted-proxy", multiple=True, help="Proxy address/network whose X-Forwarded-For is used.")
@click.option("--max-body", default=64 * 1024, show_default=True, type=int, help="Largest request body, bytes.")
@click.option("--rate-limit", default=30, show_default=True, type=int, help="Answers per address per minute (0 = off).")
@click.option("--manifest", type=file_option, default=None,
              help="Mailing manifest.csv: the survey codes issued (checked on every answer) and segments.")
@click.option("--clients", type=file_option, default=None, help="Client list (CSV/YAML) giving segments.")
@click.option("--header-timeout", default=10.0, show_default=True, type=float,
              help="Seconds a client has to send a request's headers.")
@click.option("--body-timeout", default=20.0, show_default=True, type=float,
              help="Seconds a client has to send a request's body.")
@click.option("--log-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Append the collector's log here (default: standard error).")
def collector(project: Path, db: str | None, host: str, port: int, admin_token: str | None,
              allow_origin: tuple[str, ...], token_secret: str | None, trusted_proxy: tuple[str, ...],
              max_body: int, rate_limit: int, manifest: Path | None, clients: Path | None,
              header_timeout: float, body_timeout: float, log_file: Path | None) -> None:
    """Run the feedback collector that the site's forms post to."""
    from ..collector.service import serve
    from ..collector.settings import make_settings
    from ..loading import load_checked_show

    settings = make_settings(load_checked_show(project), db=db, admin_token=admin_token, token_secret=token_secret,
                             allow_origin=allow_origin, trusted_proxy=trusted_proxy, max_body=max_body,
                             rate_limit=rate_limit, manifest=manifest, clients=clients,
                             header_timeout=header_timeout, body_timeout=body_timeout)
    log_to(log_file)
    serve(settings, host, port)


def log_to(log_file: Path | None) -> None:
    """Send the collector's and uvicorn's log, one timestamped line per event, to ``log_file``
    (appended) or to standard error, never to standard output (often discarded by a service manager)."""
    import logging
    import sys

    try:
        handler: logging.Handler = (logging.FileHandler(log_file, encoding="utf-8") if log_file
                                    else logging.StreamHandler(sys.stderr))
    except OSError as error:
        raise click.UsageError(f"cannot write the log file {log_file}: {error.strerror}") from None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for name in ("generator", "uvicorn"):
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.propagate = False


@click.command()
@project_option
@click.option("--url", default=None, help="Base address of a running collector.")
@click.option("--admin-token", default=None, help="Its admin token [env SHOWPRESS_ADMIN_TOKEN].")
@click.option("--db", default=None, help="Read the collector's database instead (sqlite:///... or postgresql://...).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("report"), show_default=True)
@click.option("--lang", default=None, help="The editor's language: texts, dates and numbers (default: the show's "
              "default language; any shipped interface language works).")
@click.option("--manifest", type=file_option, default=None, help="With --db: mailing manifest.csv.")
@click.option("--clients", type=file_option, default=None, help="With --db: client list giving segments.")
def report(project: Path, url: str | None, admin_token: str | None, db: str | None, out: Path,
           lang: str | None, manifest: Path | None, clients: Path | None) -> None:
    """Render the collector's report for the editors: report-<lang>.html and .pdf."""
    from ..collector.editors import fetch_report, report_from_db, write_report
    from ..loading import load_checked_show

    show = load_checked_show(project)
    if url and not db:
        data = fetch_report(url, admin_token or os.environ.get("SHOWPRESS_ADMIN_TOKEN", ""))
    elif db and not url:
        data = report_from_db(show, db, manifest, clients, os.environ.get("SHOWPRESS_TOKEN_SECRET", ""))
    else:
        raise click.UsageError("give either --url (with --admin-token) or --db")
    for path in write_report(show, data, out, lang or show.default_language):
        click.echo(str(path))
