"""One exception family; the CLI turns it into exit codes (domain code never exits or prints)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, Any

import click


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in the show's sources, with the position an editor needs to fix it."""

    path: str
    """File path relative to the project, with forward slashes."""
    line: int
    """1-based line (0 when the problem concerns the whole file)."""
    col: int
    """1-based column (0 when unknown)."""
    message: str
    """What is wrong and what to do."""
    severity: str = "error"
    """error or warning."""

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}:{self.col or 1}"
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{self.message}"


class ShowError(click.ClickException):
    """Base of every error showpress reports to a person."""

    exit_code = 2


class DataError(ShowError):
    """The show's data has problems; carries all of them."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        super().__init__(f"{len(errors)} problem(s) in the show data")

    def format_message(self) -> str:
        count = sum(1 for p in self.problems if p.severity == "error")
        return f"{count} error(s): fix them and run `showpress check` again."

    def show(self, file: IO[Any] | None = None) -> None:
        """Every problem on its own line, as path:line:col: message, then the count."""
        for problem in self.problems:
            click.echo(str(problem), err=True, file=file)
        super().show(file)


class BuildError(ShowError):
    """Building an output failed for a reason other than bad data."""


class UsageError(ShowError):
    """A command was given arguments it cannot work with (a missing file, a refused path)."""
