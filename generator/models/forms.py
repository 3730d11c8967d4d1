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


class FormsFile(Model):
    """data/forms.yml: surveys and the inquiry form."""

    forms: list[Form] = []
    """All forms."""
