"""The `showpress` command: the whole command-line surface lives in this package.

``cli`` is the click group; each area has one module of thin commands (``show.py``: check, schema,
new; ``site.py``: build, serve; ``printing.py``: brochures, mailing; ``collector.py``: collector,
report; ``i18n.py``: the translators' catalogs), registered below with ``add_command`` so that mypy
and a reader see where each command is defined. A command imports its area inside its body, so
``showpress check`` does not pay for WeasyPrint, MkDocs or Starlette. Shared options are in
``options.py``. No module outside this package imports it.
"""

from __future__ import annotations

import logging
import sys

import click
from rich.logging import RichHandler

from .. import __version__
from .collector import collector, report
from .i18n import i18n
from .printing import brochures, mailing
from .show import check, new, schema
from .site import build, serve


class OrderedGroup(click.Group):
    """A group that lists its commands in the order they were added, not alphabetically."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


@click.group(cls=OrderedGroup)
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


for command in (check, schema, new, build, serve, brochures, mailing, collector, report, i18n):
    cli.add_command(command)


def main() -> None:
    """Console entry point."""
    try:
        cli.main(prog_name="showpress", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
