"""`showpress i18n extract|update|init LANG`: thin commands over generator.catalogfiles, for translators."""

from __future__ import annotations

from pathlib import Path

import click


@click.group()
def i18n() -> None:
    """Interface catalogs for translators: extract, update, init LANG."""


@i18n.command()
def extract() -> None:
    """Rewrite generator/locale/messages.pot from the code and templates."""
    from ..catalogfiles import write_template

    path, count = write_template()
    click.echo(f"{path}: {count} messages")


@i18n.command()
def update() -> None:
    """Merge messages.pot into every shipped messages.po."""
    from ..catalogfiles import update_catalogs

    for name, missing in update_catalogs().items():
        click.echo(f"{name}: {missing} untranslated")


@i18n.command()
@click.argument("lang")
@click.option("--project", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Start the catalog in this show's locale/ folder instead of showpress's own.")
def init(lang: str, project: Path | None) -> None:
    """Start the catalog of LANG (a BCP 47 tag such as sw, ca, pt-BR)."""
    from ..catalogfiles import start_catalog

    path, count = start_catalog(lang, project)
    click.echo(f"{path}: {count} messages to translate")
