"""Pieces shared by every command: options, loading a checked show, logging set-up."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import click

from .catalog import interface_problems
from .checks import check_show
from .errors import DataError, Problem
from .load import load_show
from .show import Show
from .site.forms import form_marker_problems

log = logging.getLogger(__name__)

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


def show_problems(show: Show) -> list[Problem]:
    """Every problem of a loaded show, sorted: the cross-checks and unknown form markers in pages."""
    return sorted(check_show(show) + list(form_marker_problems(show))
                  + interface_problems(show.languages, show.root))


def load_checked_show(project: Path, *, strict: bool = False) -> Show:
    """Load the show and cross-check it; raise DataError with every problem, log warnings."""
    show = load_show(project)
    problems = show_problems(show)
    errors = [p for p in problems if p.severity == "error" or strict]
    if errors:
        raise DataError(problems)
    for problem in problems:
        log.warning("%s", problem)
    return show
