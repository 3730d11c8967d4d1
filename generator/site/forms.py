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
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from ..dates import show_today
from ..formmarkers import MARKER_RE
from ..i18n import text_dir, tr
from ..language import language_for
from ..markup import markdown_block
from ..models import Form
from ..models.answerfields import question_field
from ..phrases import ERROR_CODES, phrase
from ..show import Show
from ..templating import environment, shipped_folder
from ..urls import absolute_url, action_url, form_docs_path, form_thanks_docs_path, form_url
from .pages import phase

TEMPLATES = shipped_folder("forms")

ASSETS = {"assets/showpress-forms.js": "showpress-forms.js", "assets/showpress-forms.css": "showpress-forms.css"}


@functools.lru_cache(maxsize=8)
def _env(root: Path) -> Environment:
    """One environment per project: compiled templates are kept, and edited ones reloaded (auto_reload)."""
    return environment("forms", root)


def form_html(show: Show, form: Form, lang: str) -> str:
    """The form's HTML in ``lang`` (one block without blank lines, safe inside Markdown)."""
    langs = show.languages
    questions = []
    for q in form.questions:
        options = [{"id": o.id, "label": tr(o.label, lang, langs)} for o in q.options]
        if q.kind == "rating":
            options = [{"id": str(n), "label": str(n)} for n in range(1, 6)]
        questions.append({"name": question_field(q.id), "dom_id": f"sp-{form.id}-{q.id}", "kind": q.kind,
                          "label": tr(q.label, lang, langs), "required": q.required, "options": options,
                          "max_length": q.max_length})
    lottery = None
    if form.lottery is not None:
        lottery = {"prize": tr(form.lottery.prize, lang, langs), "consent": tr(form.lottery.consent, lang, langs)}
    language = language_for(lang, show)
    messages = {f"err.{code}": phrase(language, "error", code) for code in ERROR_CODES}
    messages["err.failed"] = language.gettext("Your answer could not be sent. Please try again in a moment.")
    html = _env(show.root).get_template("form.html").render(
        form=form, lang=lang, dir=text_dir(lang), action=action_url(show, form.id), questions=questions,
        lottery=lottery, thanks=tr(form.thanks, lang, langs), i18n=language,
        code_field=show.info.mailing is not None and show.info.mailing.survey == form.id,
        messages=json.dumps(messages, ensure_ascii=False),
    )
    return "\n".join(line for line in html.splitlines() if line.strip())


@dataclass(frozen=True)
class FormPage:
    """What ``forms/page.md.j2`` lays out: a form's page in one language."""

    heading: str
    """The form's title on one line."""
    intro: Markup
    """The editor's introduction, rendered (empty when there is none)."""
    form: Markup
    """The form's HTML (:func:`form_html`)."""


@dataclass(frozen=True)
class ThanksPage:
    """What ``forms/thanks.md.j2`` lays out: the page a plain HTML form post lands on."""

    heading: str
    thanks: str
    back_home: str
    home: str
    form_title: str
    again: str
    """The form's own page, to answer once more."""


def form_pages(show: Show, lang: str, today: dt.date | None = None) -> dict[str, str]:
    """``forms/<id>.md`` (URL ``<lang>/forms/<id>/``) and ``forms/<id>/thanks.md`` for every form."""
    langs = show.languages
    env = _env(show.root)
    _ = language_for(lang, show).gettext
    pages: dict[str, str] = {}
    now = phase(show, show_today(show, today))
    for form in (f.in_phase(now) for f in show.forms):  # texts of the show's phase (models/forms.py)
        title = tr(form.title, lang, langs)
        intro = markdown_block(tr(form.intro, lang, langs) if form.intro else "").strip()
        page = FormPage(heading=_one_line(title), intro=Markup(intro), form=Markup(form_html(show, form, lang)))
        pages[form_docs_path(form.id)] = env.get_template("page.md.j2").render(page=page)
        thanks = ThanksPage(
            heading=_one_line(_("Thank you")), thanks=tr(form.thanks, lang, langs),
            back_home=_("Back to the home page"), home=absolute_url(show, lang),
            form_title=title, again=form_url(show, lang, form.id),
        )
        pages[form_thanks_docs_path(form.id)] = env.get_template("thanks.md.j2").render(page=thanks)
    return pages


def _one_line(text: str) -> str:
    return " ".join(text.split())


def expand_form_markers(markdown: str, show: Show, lang: str) -> str:
    """Replace each ``<!-- showpress:form ID -->`` with the form in ``lang``; unknown ids stay
    (``generator.formmarkers.form_marker_problems`` reports them to ``showpress check``)."""
    forms = {f.id: f for f in show.forms}

    def replace(match: re.Match[str]) -> str:
        form = forms.get(match.group(1))
        if form is None:
            return match.group(0)
        return "\n\n" + form_html(show, form, lang) + "\n\n"

    return MARKER_RE.sub(replace, markdown)


def form_assets() -> dict[str, bytes]:
    """Static files the builder copies into each language's docs dir (extra_javascript/extra_css)."""
    return {target: (TEMPLATES / source).read_bytes() for target, source in ASSETS.items()}
