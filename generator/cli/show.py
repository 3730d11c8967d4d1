"""`showpress check`, `showpress schema` and `showpress new`: thin commands over loading, models, scaffold."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .options import project_option, strict_option

if TYPE_CHECKING:
    from rich.table import Table

    from ..show import Show


def completeness_table(show: Show) -> Table:
    from rich.table import Table

    from ..catalog import interface_completeness
    from ..checks import completeness

    table = Table(title="Translation completeness", title_justify="left")
    for column in ("language", "data texts", "news stories", "overall", "interface"):
        table.add_column(column, justify="left" if column == "language" else "right")
    for row in completeness(show):
        default = " (default)" if row.lang == show.default_language else ""
        ui = interface_completeness(row.lang, show.root)
        table.add_row(f"{row.lang}{default}", f"{row.texts_done}/{row.texts_total}",
                      f"{row.news_done}/{row.news_total}", f"{math.floor(row.percent)}%",
                      f"{ui.done}/{ui.total} ({ui.source})")
    return table


@click.command()
@project_option
@strict_option
@click.option("--missing", "missing_lang", metavar="LANG", help="List every text missing in LANG.")
def check(project: Path, strict: bool, missing_lang: str | None) -> None:
    """Load and cross-check all show data; print every problem as path:line:col: message."""
    from rich.console import Console

    from ..errors import ShowError
    from ..load import load_show
    from ..loading import show_problems
    from ..missing import missing_report

    show = load_show(project)
    missing = missing_report(show, missing_lang) if missing_lang else []
    problems = show_problems(show)
    for problem in problems:
        click.echo(str(problem))
    console = Console(soft_wrap=True)
    console.print(completeness_table(show))
    for line in missing:
        click.echo(line)
    errors = sum(1 for p in problems if p.severity == "error" or strict)
    if errors:
        raise ShowError(f"{errors} error(s): fix them and run `showpress check` again.")
    click.echo(f"{show.root.name}: data is consistent ({len(show.exhibitors)} exhibitors, "
               f"{len(show.schedule.events)} events, {len(show.news)} news files).")


@click.command()
@project_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the schemas [default: <project>/schemas].")
def schema(project: Path, out: Path | None) -> None:
    """Write a JSON Schema per data file, for editors' YAML autocompletion."""
    from ..models import schema_files

    out = out or project / "schemas"
    out.mkdir(parents=True, exist_ok=True)
    for name, text in schema_files().items():
        target = out / name
        target.write_text(text, encoding="utf-8")
        click.echo(str(target))


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--languages", required=True, metavar="LANGS",
              help="Show languages, comma-separated BCP 47 tags; the first is the default (e.g. ar,en,fr).")
@click.option("--name", default=None, help="The show's name [default: the folder's name].")
@click.option("--first-day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The show's first day (YYYY-MM-DD) [default: 180 days from today].")
@click.option("--timezone", default="UTC", show_default=True, help="The show's IANA time zone, e.g. Asia/Dubai.")
def new(folder: Path, languages: str, name: str | None, first_day: dt.datetime | None, timezone: str) -> None:
    """Start a new show in FOLDER: every data file with commented examples, one news story per
    language, a .gitignore and the JSON Schemas; `showpress check` passes and `build` builds at once."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from ..dates import local_today
    from ..errors import UsageError
    from ..scaffold import NewShow, create_show, parse_languages

    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(f"--timezone {timezone!r}: use an IANA time zone name such as Europe/Paris") from None
    day = first_day.date() if first_day else local_today(zone) + dt.timedelta(days=180)
    spec = NewShow(folder=folder, languages=parse_languages(languages), name=name or folder.resolve().name,
                   first_day=day, timezone=timezone)
    files = create_show(spec)
    click.echo(f"{folder}: a new show in {', '.join(spec.languages)} ({len(files)} files). Next:\n"
               f"  cd {folder} && git init && showpress check && showpress serve")
