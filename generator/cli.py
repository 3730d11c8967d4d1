"""The `showpress` command: one click group; each command lives with the module it drives.

Commands are imported only when run (a lazy group), so `showpress check` does not pay for
WeasyPrint or MkDocs, and an error in one area cannot break the others.
"""

from __future__ import annotations

import importlib
import logging
import sys

import click
from rich.logging import RichHandler

from . import __version__

COMMANDS = {
    "check": "generator.commands:check",
    "schema": "generator.commands:schema",
    "new": "generator.commands:new",
    "build": "generator.site.commands:build",
    "serve": "generator.site.commands:serve",
    "brochures": "generator.pdf.commands:brochures",
    "mailing": "generator.pdf.commands:mailing",
    "collector": "generator.collector.commands:collector",
    "report": "generator.collector.commands:report",
    "i18n": "generator.i18ncommands:i18n",
}
"""Command name -> 'module:attribute' of its click command."""


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command = getattr(importlib.import_module(module_name), attr)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup)
@click.version_option(__version__, prog_name="showpress")
@click.option("-v", "--verbose", is_flag=True, help="Show debug messages.")
@click.option("-q", "--quiet", is_flag=True, help="Show only warnings and errors.")
def cli(verbose: bool, quiet: bool) -> None:
    """showpress: build an exhibition's multilingual site, feeds, brochures and mailings."""
    level = logging.DEBUG if verbose else logging.WARNING if quiet else logging.INFO
    logging.basicConfig(
        level=level,
        format="%(message)s",
        handlers=[RichHandler(show_time=False, show_path=False, console=None, markup=False)],
        force=True,
    )
    for noisy in ("mkdocs", "weasyprint", "fontTools", "jieba", "uvicorn.access", "PIL"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))


def main() -> None:
    """Console entry point."""
    try:
        cli.main(prog_name="showpress", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
