"""`showpress build` and `showpress serve`: thin commands over generator.site.build / .serve."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from .options import as_date, project_option, strict_option, today_option

out_option = click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder (default: site/ in the project).",
)
jobs_option = click.option("--jobs", type=click.IntRange(min=1), default=None, help="Parallel MkDocs builds.")
brochures_option = click.option("--no-brochures", is_flag=True, help="Do not render the PDF brochures.")
engine_option = click.option(
    "--engine",
    type=click.Choice(["mkdocs", "zensical"]),
    default=None,
    help="What turns the pages into HTML: mkdocs (MkDocs + Material, the default) or zensical "
    "(needs the zensical extra). Default: showpress.engine in the root mkdocs.yml, else mkdocs.",
)


@click.command()
@project_option
@out_option
@today_option
@jobs_option
@brochures_option
@strict_option
@engine_option
def build(project: Path, out: Path | None, today: dt.datetime | None, jobs: int | None,
          no_brochures: bool, strict: bool, engine: str | None) -> None:
    """Build the whole site, one MkDocs build per language, into site/."""
    from ..loading import load_checked_show
    from ..site.build import BuildOptions, build_site, current_site
    from ..site.progress import progress_display

    options = BuildOptions(out=out or project / "site", today=as_date(today), jobs=jobs,
                           brochures=not no_brochures, strict=strict, engine=engine)
    report = current_site(project, options)  # nothing changed since the last build: not even a load
    if report is None:
        show = load_checked_show(project, strict=strict)
        with progress_display(show.languages) as progress:
            report = build_site(show, options, progress=progress)
    click.echo(f"built {', '.join(report.languages) or 'nothing (up to date)'} into {report.out} "
               f"in {report.seconds:.1f} s")


@click.command()
@project_option
@out_option
@today_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port (0: any free).")
@brochures_option
@strict_option
def serve(project: Path, out: Path | None, today: dt.datetime | None, host: str, port: int,
          no_brochures: bool, strict: bool) -> None:
    """Build, serve the site and rebuild the languages whose sources change (live preview)."""
    from ..site.serve import serve_site

    serve_site(project, out or project / "site", today=as_date(today), host=host, port=port,
               brochures=not no_brochures, strict=strict)
