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

from ..dates import show_today
from ..errors import Problem
from ..i18n import text_dir, tr
from ..language import language_for
from ..markup import markdown_block, md_text
from ..models import Form
from ..phrases import ERROR_CODES, phrase
from ..phrases import install as install_i18n
from ..show import Show
from .pages import phase

TEMPLATES = Path(__file__).resolve().parents[2] / "site_templates" / "forms"
if not TEMPLATES.is_dir():  # installed package: site_templates ships inside generator/
    TEMPLATES = Path(__file__).resolve().parents[1] / "site_templates" / "forms"

MARKER_RE = re.compile(r"<!--\s*showpress:form\s+(\S+?)\s*-->")
"""``<!-- showpress:form FORM_ID -->`` in an editor's Markdown page."""

ASSETS = {"assets/showpress-forms.js": "showpress-forms.js", "assets/showpress-forms.css": "showpress-forms.css"}


@functools.lru_cache(maxsize=1)
def _env() -> Environment:
    """One environment: compiled templates are kept, and edited ones reloaded (auto_reload)."""
    return install_i18n(Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                                    undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True))


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
    language = language_for(lang, show)
    messages = {f"err.{code}": phrase(language, "error", code) for code in ERROR_CODES}
    messages["err.failed"] = language.gettext("Your answer could not be sent. Please try again in a moment.")
    html = _env().get_template("form.html").render(
        form=form, lang=lang, dir=text_dir(lang), action=action_url(show, form.id), questions=questions,
        lottery=lottery, thanks=tr(form.thanks, lang, langs), i18n=language,
        code_field=show.info.mailing is not None and show.info.mailing.survey == form.id,
        messages=json.dumps(messages, ensure_ascii=False),
    )
    return "\n".join(line for line in html.splitlines() if line.strip())


def form_pages(show: Show, lang: str, today: dt.date | None = None) -> dict[str, str]:
    """``forms/<id>.md`` (URL ``<lang>/forms/<id>/``) and ``forms/<id>/thanks.md`` for every form."""
    langs = show.languages
    pages: dict[str, str] = {}
    now = phase(show, show_today(show, today))
    for form in (f.in_phase(now) for f in show.forms):  # texts of the show's phase (models/forms.py)
        title = tr(form.title, lang, langs)
        intro = tr(form.intro, lang, langs) if form.intro else ""
        parts = [f"# {_heading(title)}", markdown_block(intro).strip(), form_html(show, form, lang)]
        pages[f"forms/{form.id}.md"] = "\n\n".join(p for p in parts if p) + "\n"
        home = f"{site_base(show)}{lang}/"
        again = f"{site_base(show)}{lang}/forms/{form.id}/"
        thanks = tr(form.thanks, lang, langs)
        _ = language_for(lang, show).gettext
        thanks_title, back_home = _("Thank you"), _("Back to the home page")
        pages[f"forms/{form.id}/thanks.md"] = (
            "---\nsearch:\n  exclude: true\n---\n\n"
            f"# {_heading(thanks_title)}\n\n{md_text(thanks)}\n\n"
            f"[{md_text(back_home)}]({home})\n\n"
            f"<small>[{md_text(title)}]({again})</small>\n"
        )
    return pages


def _heading(text: str) -> str:
    return md_text(" ".join(text.split()))


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
