"""The form marker an editor writes in a page, ``<!-- showpress:form FORM_ID -->``, and its check.

The site expands markers (``generator.site.forms.expand_form_markers``); the check lives here, in the
domain, so that ``showpress check`` finds unknown markers without loading the site package.
"""

from __future__ import annotations

import re

from .errors import Problem
from .show import Show

MARKER_RE = re.compile(r"<!--\s*showpress:form\s+(\S+?)\s*-->")
"""``<!-- showpress:form FORM_ID -->`` in an editor's Markdown page."""


def form_marker_problems(show: Show) -> list[Problem]:
    """Markers in editors' pages that name no form of data/forms.yml."""
    known = [f.id for f in show.forms]
    problems = []
    for page in show.pages:
        text = (show.root / page.path).read_text(encoding="utf-8") if (show.root / page.path).is_file() else page.body
        for match in MARKER_RE.finditer(text):
            if match.group(1) in known:
                continue
            line = text.count("\n", 0, match.start()) + 1
            col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
            hint = f"known forms: {', '.join(known)}" if known else "data/forms.yml defines no form"
            problems.append(Problem(page.path, line, col,
                                    f"form marker names no form {match.group(1)!r} ({hint})"))
    return problems
