"""A rich progress display for site builds (the terminal side of build.Progress callbacks)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from .build import Progress as ProgressCallback

_STEPS = {"gathered": "pages gathered", "staged": "Markdown staged", "built": "built", "feeds": "feeds written",
          "brochures": "brochures written", "done": "done"}


@contextmanager
def progress_display(languages: list[str]) -> Iterator[ProgressCallback]:
    """Yield a callback that advances a progress bar: gather, stage, one step per language, finish."""
    console = Console(stderr=True)
    total = 3 + len(languages)
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=console,
        transient=not console.is_terminal,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task("site: gathering pages", total=total)

        def advance(step: str, detail: str) -> None:
            label = _STEPS.get(step, step)
            if step in ("gathered", "staged", "built", "done"):
                bar.advance(task)
            bar.update(task, description=f"site: {detail} {label}" if step == "built" else f"site: {label}")

        yield advance
