"""data/forms.yml: surveys and the inquiry form."""

from __future__ import annotations

from typing import Literal

from pydantic import (
    Field,
    model_validator,
)

from .types import (
    Id,
    Model,
    Text,
)


class Option(Model):
    """An answer option of a choice question."""

    id: Id
    """Identifier stored with answers."""
    label: Text
    """Label shown to the respondent."""


class Question(Model):
    """A question of a form."""

    id: Id
    """Identifier stored with answers; unique in its form."""
    kind: Literal["single", "multiple", "text", "email", "rating"]
    """single or multiple choice, free text, e-mail, or rating (1–5)."""
    label: Text
    """The question."""
    topic: Literal["exhibits", "transport", "shopping", "services", "general", "contact"] = "general"
    """Topic of the question, for the report."""
    options: list[Option] = []
    """Options of a choice question (2–3 is best for on-site surveys)."""
    required: bool = False
    """Whether an answer is required."""
    max_length: int = Field(default=2000, ge=1, le=20000)
    """Longest accepted text answer, in characters."""

    @model_validator(mode="after")
    def _options_match_kind(self) -> Question:
        if self.kind in ("single", "multiple") and len(self.options) < 2:
            raise ValueError(f"a {self.kind} choice question needs at least two options")
        if self.kind not in ("single", "multiple") and self.options:
            raise ValueError(f"a {self.kind} question takes no options; use kind: single or multiple")
        return self


class Lottery(Model):
    """An optional lottery that lifts the response rate."""

    prize: Text
    """What can be won."""
    consent: Text
    """Consent text the respondent must accept to take part."""


Phase = Literal["upcoming", "open", "closed"]
"""Where the show stands on the build date: before it opens, during it, after it closed."""


class QuestionText(Model):
    """A question's wording in one phase (ids and kinds stay; answers are stored under the ids)."""

    label: Text | None = None
    """The question in this phase, e.g. in the past tense after the show."""
    options: dict[Id, Text] = {}
    """Option id -> its label in this phase; options left out keep their label."""


class FormPhase(Model):
    """A form's texts in one phase of the show; whatever is left out stays as written above."""

    title: Text | None = None
    """Title in this phase."""
    intro: Text | None = None
    """Introduction in this phase (Markdown)."""
    questions: dict[Id, QuestionText] = {}
    """Question id -> its wording in this phase."""
    lottery: Lottery | Literal[False] | None = None
    """The lottery in this phase, or ``false``: no lottery then (e.g. after the last draw)."""
    thanks: Text | None = None
    """Thank-you message in this phase."""


class Form(Model):
    """A survey or the inquiry form."""

    id: Id
    """Identifier; part of the form's address and of the collector URL."""
    kind: Literal["survey", "inquiry"] = "survey"
    """survey or inquiry."""
    audience: Literal["visitor", "exhibitor", "client", "public"] = "visitor"
    """Who it is for."""
    title: Text
    """Title."""
    intro: Text | None = None
    """Introduction shown above the questions (Markdown)."""
    questions: list[Question] = Field(min_length=1)
    """The questions, in order."""
    lottery: Lottery | None = None
    """Optional lottery entry."""
    thanks: Text
    """Thank-you message shown after sending."""
    phases: dict[Phase, FormPhase] = {}
    """Texts that differ by phase: upcoming, open or closed, e.g. ``closed: {intro: …, lottery: false,
    questions: {transport-mode: {label: How did you travel to the venue?}}}``."""

    @model_validator(mode="after")
    def _phases_name_known_ids(self) -> Form:
        questions = {q.id: q for q in self.questions}
        for name, texts in self.phases.items():
            for qid, wording in texts.questions.items():
                if qid not in questions:
                    raise ValueError(f"phases.{name}.questions: no question {qid!r} in this form "
                                     f"(known: {', '.join(questions)})")
                options = [o.id for o in questions[qid].options]
                for oid in wording.options:
                    if oid not in options:
                        raise ValueError(f"phases.{name}.questions.{qid}.options: no option {oid!r} "
                                         f"(known: {', '.join(options) or 'none'})")
        return self

    def in_phase(self, phase: str) -> Form:
        """This form with the texts of ``phase`` (upcoming, open, closed) in place."""
        texts = next((t for name, t in self.phases.items() if name == phase), None)
        if texts is None:
            return self
        questions = [
            q if q.id not in texts.questions else q.model_copy(update={
                "label": texts.questions[q.id].label or q.label,
                "options": [o.model_copy(update={"label": texts.questions[q.id].options.get(o.id, o.label)})
                            for o in q.options],
            })
            for q in self.questions
        ]
        lottery = self.lottery if texts.lottery is None else (texts.lottery or None)
        return self.model_copy(update={
            "title": texts.title or self.title, "intro": texts.intro or self.intro,
            "thanks": texts.thanks or self.thanks, "questions": questions, "lottery": lottery,
        })


class FormsFile(Model):
    """data/forms.yml: surveys and the inquiry form."""

    forms: list[Form] = []
    """All forms."""
