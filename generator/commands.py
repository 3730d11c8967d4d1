"""`showpress check` and `showpress schema`."""

from __future__ import annotations

import json
import math
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from .checks import completeness, missing_translations
from .commandline import project_option, show_problems, strict_option
from .errors import ShowError
from .load import load_show
from .models import SCHEMA_MODELS
from .show import Show


def completeness_table(show: Show) -> Table:
    table = Table(title="Translation completeness", title_justify="left")
    for column in ("language", "data texts", "news stories", "overall"):
        table.add_column(column, justify="left" if column == "language" else "right")
    for row in completeness(show):
        default = " (default)" if row.lang == show.default_language else ""
        table.add_row(f"{row.lang}{default}", f"{row.texts_done}/{row.texts_total}",
                      f"{row.news_done}/{row.news_total}", f"{math.floor(row.percent)}%")
    return table


@click.command()
@project_option
@strict_option
@click.option("--missing", "missing_lang", metavar="LANG", help="List every text missing in LANG.")
def check(project: Path, strict: bool, missing_lang: str | None) -> None:
    """Load and cross-check all show data; print every problem as path:line:col: message."""
    show = load_show(project)
    problems = show_problems(show)
    for problem in problems:
        click.echo(str(problem))
    console = Console(soft_wrap=True)
    console.print(completeness_table(show))
    if missing_lang:
        for line in missing_translations(show, missing_lang):
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
    out = out or project / "schemas"
    out.mkdir(parents=True, exist_ok=True)
    for name, model in SCHEMA_MODELS.items():
        target = out / f"{name.rsplit('.', 1)[0] if name.endswith('.yml') else name}.schema.json"
        document = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
        target.write_text(json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
        click.echo(str(target))
