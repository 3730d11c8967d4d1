"""`showpress brochures` and `showpress mailing`: thin commands over pdf/brochures.py and pdf/mailing.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..pdf.choices import KINDS, PAPERS, WINDOWS
from .options import as_date, project_option, strict_option, today_option

if TYPE_CHECKING:
    from rich.progress import Progress

paper_option = click.option("--paper", type=click.Choice(list(PAPERS)), default="A4", show_default=True,
                            help="Paper size.")
cache_option = click.option("--no-cache", is_flag=True, help="Render again even when nothing changed.")


def _progress() -> Progress:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    transient=True)


@click.command()
@project_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for <lang>/brochure.pdf [default: build/brochures in the project].")
@click.option("--lang", "langs", multiple=True, help="Only this language (repeatable).")
@paper_option
@click.option("--bleed", is_flag=True, help="Add 3 mm bleed and crop marks in a slug outside it, for the print shop.")
@click.option("--pad-to", type=click.IntRange(min=1), default=1, show_default=True,
              help="Blank pages at the end up to a multiple of this (4 for saddle stitching).")
@click.option("--pdf-x4", is_flag=True, help="PDF/X-4 with a CMYK output intent and text in pure black.")
@today_option
@strict_option
@cache_option
def brochures(project: Path, out: Path | None, langs: tuple[str, ...], paper: str, bleed: bool, pad_to: int,
              pdf_x4: bool, today: dt.datetime | None, strict: bool, no_cache: bool) -> None:
    """Write the general brochure PDF of each language."""
    from ..dates import show_today
    from ..loading import load_checked_show
    from ..pdf.brochures import write_brochures

    show = load_checked_show(project, strict=strict)
    chosen = list(langs) or show.languages
    with _progress() as bar:
        task = bar.add_task("brochures", total=len(chosen))
        written = write_brochures(show, out or project / "build" / "brochures", langs=chosen, paper=paper, bleed=bleed,
                                  today=show_today(show, as_date(today)), use_cache=not no_cache,
                                  pad_to=pad_to, pdf_x4=pdf_x4,
                                  progress=lambda lang: bar.advance(task))
    for lang, path in written.items():
        click.echo(f"{lang}: {path}")


@click.command()
@project_option
@click.option("--clients", "clients", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Client list (CSV or YAML); private, kept outside content/ and data/.")
@click.option("--kind", type=click.Choice(KINDS), default="brochure", show_default=True,
              help="brochure: cover letter + brochure; thank-you: thank-you letter with the survey; "
                   "reminder: the survey again, only to clients without an answer (--responses or --collector-url); "
                   "invitation: to the next edition in show.yml; greetings: at the client's festival.")
@click.option("--responses", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
              help="With --kind reminder: the collector's /admin/export.json.")
@click.option("--collector-url", default=None,
              help="With --kind reminder: fetch the answers from this collector (SHOWPRESS_ADMIN_TOKEN).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the PDFs and manifest.csv [default: build/mailing in the project].")
@click.option("--shard", default=None, metavar="K/N", help="Render only shard K of N (split over machines).")
@click.option("--token-secret", envvar="SHOWPRESS_TOKEN_SECRET", default=None,
              help="Secret that signs survey tokens (or SHOWPRESS_TOKEN_SECRET).")
@click.option("--paper", type=click.Choice(list(PAPERS)), default=None,
              help="Paper size of every letter [default: letter for clients in US/CA/MX, A4 elsewhere].")
@click.option("--window-envelope", "window", type=click.Choice(WINDOWS), default=None,
              help="din5008: the address of A4 letters in the window of a DIN 5008 form B envelope "
                   "(C5/6, DL), a return line above it.")
@click.option("--pdf-x4", is_flag=True, help="PDF/X-4 with a CMYK output intent and text in pure black.")
@today_option
@strict_option
@cache_option
def mailing(project: Path, clients: Path, kind: str, responses: Path | None, collector_url: str | None,
            out: Path | None, shard: str | None, token_secret: str | None,
            paper: str | None, window: str | None, pdf_x4: bool, today: dt.datetime | None, strict: bool,
            no_cache: bool) -> None:
    """Write one personalised PDF per client and manifest.csv for the print shop."""
    from ..errors import ShowError
    from ..loading import load_checked_show
    from ..pdf.mailing import run_mailing
    from ..pdf.shards import parse_shard
    from ..pdf.surveylinks import answered_clients

    show = load_checked_show(project, strict=strict)
    answered: frozenset[str] = frozenset()
    if kind == "reminder":
        survey = show.info.mailing.survey if show.info.mailing else ""
        answered = answered_clients(survey, responses=responses, collector_url=collector_url)
    with _progress() as bar:
        task = bar.add_task("mailing", total=None)
        result = run_mailing(show, clients, out or project / "build" / "mailing", secret=token_secret or "", kind=kind,
                             shard=parse_shard(shard), today=as_date(today), paper=paper,
                             use_cache=not no_cache, answered=answered, window=window, pdf_x4=pdf_x4,
                             progress=lambda done, total: bar.update(task, completed=done, total=total))
    for problem in result.problems:
        click.echo(str(problem), err=True)
    click.echo(f"{len(result.rows)} PDF(s) and {result.manifest}"
               + (f"; {result.skipped} client(s) in other shards" if result.skipped else "")
               + (f"; {result.answered} client(s) answered already" if result.answered else ""))
    if result.problems:
        raise ShowError(f"{len(result.problems)} client(s) failed; the others were written (see above)")
