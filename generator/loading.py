"""The one door to a checked show: load it, then run every check on it.

``show_problems`` is the single list of what is wrong with a loaded show (the cross-checks, form
markers naming no form, the show's interface catalogs); ``showpress check``, every command that
needs a show and the tests all go through it.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from .bcp47 import parse_locale
from .catalog import TEMPLATE, interface_problems, shipped_po, show_po
from .checks import check_show
from .errors import DataError, Problem
from .formmarkers import form_marker_problems
from .load import LoadCache, load_show
from .show import Show

log = logging.getLogger(__name__)


def show_problems(show: Show, cache: LoadCache | None = None) -> list[Problem]:
    """Every problem of a loaded show, sorted: the cross-checks and unknown form markers in pages.

    ``cache``: the interface catalogs' completeness is reused while their files' bytes are equal."""
    return sorted(check_show(show) + form_marker_problems(show) + _interface_problems(show, cache))


def _interface_problems(show: Show, cache: LoadCache | None) -> list[Problem]:
    """catalog.interface_problems, which reads messages.pot and each language's shipped and own
    catalog: with a cache, parsed again only when the bytes of one of these files changed."""
    if cache is None:
        return interface_problems(show.languages, show.root)
    parts = [str(show.root), *show.languages]
    for path in (TEMPLATE, *(p for tag in show.languages for p in (shipped_po(parse_locale(tag)),
                                                                    show_po(show.root, tag)))):
        parts += [str(path), hashlib.sha256(path.read_bytes()).hexdigest() if path is not None else "-"]
    return cache.get(("interface catalogs",), "\0".join(parts),  # type: ignore[no-any-return]
                     lambda: interface_problems(show.languages, show.root))


def load_checked_show(project: Path, *, strict: bool = False, cache: LoadCache | None = None) -> Show:
    """Load the show and cross-check it; raise DataError with every problem, log warnings.

    ``cache``: a long-running process's parsed files, reused while unchanged (load.LoadCache)."""
    show = load_show(project, cache)
    problems = show_problems(show, cache)
    errors = [p for p in problems if p.severity == "error" or strict]
    if errors:
        raise DataError(problems)
    for problem in problems:
        log.warning("%s", problem)
    return show
