"""Forms in the site: a page per form, a thank-you page, the marker in editors' pages, JS and CSS.

The form is plain HTML that posts to the collector and works with JavaScript off (the collector
answers 303 to the thank-you page); ``assets/showpress-forms.js`` enhances it (JSON, inline thanks,
messages in the reader's language, the survey token from the mailing link).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..collector.uitext import ERROR_CODES, ui
from ..errors import Problem
from ..i18n import text_dir, tr
from ..models import Form
from ..show import Show

TEMPLATES = Path(__file__).resolve().parents[2] / "site_templates" / "forms"
if not TEMPLATES.is_dir():  # installed package: site_templates ships inside generator/
    TEMPLATES = Path(__file__).resolve().parents[1] / "site_templates" / "forms"

MARKER_RE = re.compile(r"<!--\s*showpress:form\s+(\S+?)\s*-->")
"""``<!-- showpress:form FORM_ID -->`` in an editor's Markdown page."""

ASSETS = {"assets/showpress-forms.js": "showpress-forms.js", "assets/showpress-forms.css": "showpress-forms.css"}


@functools.lru_cache(maxsize=1)
def _env() -> Environment:
    """One environment: compiled templates are kept, and edited ones reloaded (auto_reload)."""
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def action_url(show: Show, form_id: str) -> str:
    """Where the form posts: the collector's public URL + ``f/<form id>``."""
    base = show.info.collector_url
    return (base if base.endswith("/") else base + "/") + f"f/{form_id}"


def site_base(show: Show) -> str:
    url = show.info.site_url
    return url if url.endswith("/") else url + "/"


def form_html(show: Show, form: Form, lang: str) -> str:
    """The form's HTML in ``lang`` (one block without blank lines, safe inside Markdown)."""
    langs = show.languages
    questions = []
    for q in form.questions:
        options = [{"id": o.id, "label": tr(o.label, lang, langs)} for o in q.options]
        if q.kind == "rating":
            options = [{"id": str(n), "label": str(n)} for n in range(1, 6)]
        questions.append({"name": f"q.{q.id}", "dom_id": f"sp-{form.id}-{q.id}", "kind": q.kind,
                          "label": tr(q.label, lang, langs), "required": q.required, "options": options,
                          "max_length": q.max_length})
    lottery = None
    if form.lottery is not None:
        lottery = {"prize": tr(form.lottery.prize, lang, langs), "consent": tr(form.lottery.consent, lang, langs)}
    messages = {f"err.{code}": ui(f"err.{code}", lang) for code in ERROR_CODES}
    messages["err.failed"] = ui("failed", lang)
    html = _env().get_template("form.html").render(
        form=form, lang=lang, dir=text_dir(lang), action=action_url(show, form.id), questions=questions,
        lottery=lottery, thanks=tr(form.thanks, lang, langs),
        messages=json.dumps(messages, ensure_ascii=False), ui=lambda key: ui(key, lang),
    )
    return "\n".join(line for line in html.splitlines() if line.strip())


def form_pages(show: Show, lang: str, today: dt.date | None = None) -> dict[str, str]:
    """``forms/<id>.md`` (URL ``<lang>/forms/<id>/``) and ``forms/<id>/thanks.md`` for every form."""
    langs = show.languages
    pages: dict[str, str] = {}
    for form in show.forms:
        title = tr(form.title, lang, langs)
        intro = tr(form.intro, lang, langs) if form.intro else ""
        parts = [f"# {_heading(title)}", intro, form_html(show, form, lang)]
        pages[f"forms/{form.id}.md"] = "\n\n".join(p for p in parts if p) + "\n"
        home = f"{site_base(show)}{lang}/"
        again = f"{site_base(show)}{lang}/forms/{form.id}/"
        thanks = tr(form.thanks, lang, langs)
        pages[f"forms/{form.id}/thanks.md"] = (
            "---\nsearch:\n  exclude: true\n---\n\n"
            f"# {_heading(ui('thanks_title', lang))}\n\n{_escape_md(thanks)}\n\n"
            f"[{_escape_md(ui('home', lang))}]({home})\n\n"
            f"<small>[{_escape_md(title)}]({again})</small>\n"
        )
    return pages


def _escape_md(text: str) -> str:
    """Plain text from YAML, made inert in Markdown (no HTML, no links)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]#|])", r"\\\1", text)


def _heading(text: str) -> str:
    return _escape_md(" ".join(text.split()))


def expand_form_markers(markdown: str, show: Show, lang: str) -> str:
    """Replace each ``<!-- showpress:form ID -->`` with the form in ``lang``; unknown ids stay
    (``form_marker_problems`` reports them to ``showpress check``)."""
    forms = {f.id: f for f in show.forms}

    def replace(match: re.Match[str]) -> str:
        form = forms.get(match.group(1))
        if form is None:
            return match.group(0)
        return "\n\n" + form_html(show, form, lang) + "\n\n"

    return MARKER_RE.sub(replace, markdown)


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


def form_assets() -> dict[str, bytes]:
    """Static files the builder copies into each language's docs dir (extra_javascript/extra_css)."""
    return {target: (TEMPLATES / source).read_bytes() for target, source in ASSETS.items()}
