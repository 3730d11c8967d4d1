"""The fields of an answer to a form (data/forms.yml): their names and limits.

One owner for what the site's form (:mod:`generator.site.forms`) writes and the collector
(:mod:`generator.collector.validate`, its OpenAPI description) accepts, so that the two never
drift and neither imports the other.
"""

from __future__ import annotations

QUESTION_PREFIX = "q."
"""An answer to question ``exhibits`` is sent as field ``q.exhibits``."""
META_FIELDS = frozenset({"lang", "token", "code", "website"})
"""The reader's language, the survey token, the survey code, the honeypot."""
CONSENT_FIELD = "lottery_consent"
LOTTERY_FIELDS = frozenset({CONSENT_FIELD, "contact_name", "contact_email"})
"""The lottery entry, only on forms with a lottery."""
TRUE_VALUES = frozenset({"yes", "on", "true", "1"})
"""What a ticked consent box may send."""
CONTACT_MAX = 300
"""Longest contact name or e-mail address (and e-mail answer), in characters."""
TOKEN_MAX = 512
"""Longest survey token or typed survey code, in characters."""

Answer = str | list[str]
"""One question's answer: an option id, a text, a rating "1"…"5", or the option ids of a multiple choice."""
Answers = dict[str, Answer]
"""Answers by question id."""


def question_field(question_id: str) -> str:
    """The field name of the answer to question ``question_id``."""
    return QUESTION_PREFIX + question_id
