"""The one door to a checked show: load it, then run every check on it.

``show_problems`` is the single list of what is wrong with a loaded show (the cross-checks, form
markers naming no form, the show's interface catalogs); ``showpress check``, every command that
needs a show and the tests all go through it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from .catalog import interface_problems
from .checks import check_show
from .errors import DataError, Problem
from .formmarkers import form_marker_problems
from .load import LoadCache, load_show
from .show import Show

log = logging.getLogger(__name__)


def show_problems(show: Show) -> list[Problem]:
    """Every problem of a loaded show, sorted: the cross-checks and unknown form markers in pages."""
    return sorted(check_show(show) + form_marker_problems(show) + interface_problems(show.languages, show.root))


def load_checked_show(project: Path, *, strict: bool = False, cache: LoadCache | None = None) -> Show:
    """Load the show and cross-check it; raise DataError with every problem, log warnings.

    ``cache``: a long-running process's parsed files, reused while unchanged (load.LoadCache)."""
    show = load_show(project, cache)
    problems = show_problems(show)
    errors = [p for p in problems if p.severity == "error" or strict]
    if errors:
        raise DataError(problems)
    for problem in problems:
        log.warning("%s", problem)
    return show
