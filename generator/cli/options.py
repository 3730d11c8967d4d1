"""Options shared by several commands (--project, --strict, --today) and their conversions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

project_option = click.option(
    "--project",
    "project",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The show's folder (with data/ and content/).",
)
"""Every command takes --project DIR."""

strict_option = click.option("--strict", is_flag=True, help="Treat warnings as errors.")

today_option = click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Pretend today is this date (YYYY-MM-DD) for reproducible builds; decides the show's phase "
         "[default: SOURCE_DATE_EPOCH when set, else today in the show's time zone].",
)


def as_date(value: dt.datetime | None) -> dt.date | None:
    """click.DateTime gives a datetime; commands want a date."""
    return value.date() if value else None
