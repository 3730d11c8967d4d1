"""Check a submitted answer against the form definition the site was built from.

The same field names are used by the HTML form (form-encoded) and the script (JSON):

- ``q.<question id>``: the answer; repeated (or a JSON list) for multiple choice;
- ``lang``: the reader's language, chosen among the show's languages;
- ``token``: the per-client survey token from the mailing link (optional);
- ``code``: the survey code printed in the letter (optional; see :mod:`generator.surveycodes`);
- ``website``: the honeypot, hidden from people; anything in it marks the submission as spam;
- ``lottery_consent``, ``contact_name``, ``contact_email``: the lottery entry, only on forms
  with a lottery.

Errors are codes per field (see :data:`generator.phrases.ERROR_CODES`); the page
turns them into messages in the reader's language.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from dataclasses import dataclass, field

from ..models import Form, Question
from ..models.answerfields import (
    CONSENT_FIELD,
    CONTACT_MAX,
    LOTTERY_FIELDS,
    META_FIELDS,
    TOKEN_MAX,
    TRUE_VALUES,
    Answers,
    question_field,
)

SPACE = r"\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
"""White space as JSON Schema (ECMA-262) patterns read ``\\s``: the OpenAPI description and this check agree
(Python's ``\\s`` also takes U+0085 and leaves out U+FEFF)."""
EMAIL_RE = re.compile(rf"^[^@{SPACE}]+@[^@{SPACE}]+\.[^@{SPACE}]+$")
RATINGS = frozenset({"1", "2", "3", "4", "5"})
MAX_DEPTH = 2
"""Deepest JSON nesting accepted: an object whose values may be lists."""
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_JSON_BRACKETS = re.compile(r"[\[\]{}]")


class BadBody(ValueError):
    """The body cannot be read at all (not UTF-8, not JSON, wrong shape)."""


Fields = dict[str, list[str]]


def parse_form_encoded(body: bytes) -> Fields:
    """application/x-www-form-urlencoded -> fields; invalid UTF-8 (raw or %-encoded) is refused."""
    try:
        text = body.decode("ascii")
        pairs = urllib.parse.parse_qsl(
            text, keep_blank_values=True, strict_parsing=False, encoding="utf-8", errors="strict",
            max_num_fields=200,
        )
    except (UnicodeDecodeError, ValueError) as error:
        raise BadBody(f"form body is not valid: {error}") from None
    fields: Fields = {}
    for key, value in pairs:
        fields.setdefault(_text(key, key), []).append(_text(key, value))
    return fields


def parse_json(body: bytes) -> tuple[Fields, frozenset[str]]:
    """A JSON object whose values are strings or lists of strings -> fields, and the names given
    as lists (only a multiple-choice question may be one: see :func:`validate`).

    ``lottery_consent`` may also be a boolean. Refused before anything is stored: nesting deeper
    than an object of lists, lone surrogates (``"\\ud800"``) and control characters.
    """
    try:
        text = body.decode("utf-8")
        if json_depth(text) > MAX_DEPTH:
            raise BadBody(f"JSON body nested deeper than {MAX_DEPTH} levels")
        data = json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise BadBody(f"JSON body is not valid: {error}") from None
    if not isinstance(data, dict) or len(data) > 200:
        raise BadBody("JSON body must be an object of fields")
    fields: Fields = {}
    lists: set[str] = set()
    for key, value in data.items():
        if isinstance(value, list):
            lists.add(_text(key, key))
        values = value if isinstance(value, list) else [value]
        if len(values) > 100:
            raise BadBody(f"field {key[:80]!r} has too many values")
        out: list[str] = []
        for item in values:
            if isinstance(item, bool) and key == CONSENT_FIELD and not isinstance(value, list):
                out.append("yes" if item else "")
            elif isinstance(item, str):
                out.append(_text(key, item))
            else:
                raise BadBody(f"field {key[:80]!r} must be a string or a list of strings")
        fields[_text(key, key)] = out
    return fields, frozenset(lists)


def json_depth(text: str) -> int:
    """How deeply arrays and objects nest in JSON ``text`` (brackets inside strings do not count)."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return text.count("[") + text.count("{")
    depth = deepest = 0
    for char in _JSON_BRACKETS.findall(_JSON_STRING.sub('""', text)):
        depth += 1 if char in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def bad_text(value: str) -> str | None:
    """Why ``value`` cannot be stored as text (a lone surrogate, a control character), or None."""
    for char in value:
        code = ord(char)
        if 0xD800 <= code <= 0xDFFF:
            return f"lone surrogate U+{code:04X}"
        if (code < 32 and char not in "\t\r\n") or code == 0x7F:
            return f"control character U+{code:04X}"
    return None


def _text(key: str, value: str) -> str:
    if value.isprintable() or (why := bad_text(value)) is None:
        return value
    raise BadBody(f"field {key[:80]!r}: {why}")


@dataclass(frozen=True)
class LotteryContact:
    """Contact details given, with consent, to take part in a form's lottery."""

    name: str
    email: str


@dataclass
class Submission:
    """A valid answer, ready to store."""

    form_id: str
    lang: str
    answers: Answers
    token: str | None = None
    code: str | None = None
    """The code as typed (the collector normalises it and looks it up)."""
    spam: bool = False
    contact: LotteryContact | None = None
    """Lottery contact details, present only with consent."""


@dataclass
class Invalid:
    """Why a submission was refused: error code per field."""

    lang: str
    errors: dict[str, str] = field(default_factory=dict)


def _one(fields: Fields, name: str) -> str:
    values = fields.get(name) or [""]
    return values[-1].strip()


def choose_lang(fields: Fields, languages: list[str]) -> str:
    """The reader's language if the show has it, else the default language."""
    lang = _one(fields, "lang")
    return lang if lang in languages else languages[0]


@dataclass(frozen=True)
class QuestionRule:
    field: str
    """The question's field name (``q.<id>``)."""
    question: Question
    options: frozenset[str]
    """Option ids of a choice question, "1"…"5" of a rating."""


@dataclass(frozen=True)
class FormRules:
    """What an answer to ``form`` is checked against, worked out once per form (the collector keeps
    them for its forms: :class:`generator.collector.state.Services`)."""

    form: Form
    allowed: frozenset[str]
    """Every field name an answer may send."""
    multiple: frozenset[str]
    """Field names of multiple-choice questions, the only ones a JSON answer may send as a list."""
    questions: tuple[QuestionRule, ...]

    @classmethod
    def of(cls, form: Form) -> FormRules:
        questions = tuple(QuestionRule(question_field(q.id), q, RATINGS if q.kind == "rating"
                                       else frozenset(o.id for o in q.options)) for q in form.questions)
        allowed = META_FIELDS | {rule.field for rule in questions}
        return cls(form, allowed | LOTTERY_FIELDS if form.lottery is not None else allowed,
                   frozenset(rule.field for rule in questions if rule.question.kind == "multiple"), questions)


def validate(form: Form, fields: Fields, languages: list[str],
             lists: frozenset[str] = frozenset(), rules: FormRules | None = None) -> Submission | Invalid:
    """Validate fields against ``form`` (its ``rules`` when worked out already): every field known,
    every option listed, lengths kept; ``lists`` (JSON) names the fields sent as lists, which only
    multiple-choice questions may be."""
    rules = rules or FormRules.of(form)
    lang = choose_lang(fields, languages)
    errors: dict[str, str] = {name[:80]: "single_value" for name in lists - rules.multiple}
    spam = bool(_one(fields, "website"))
    for name in fields:
        if name not in rules.allowed:
            errors[name[:80]] = "unknown_field"
    answers: Answers = {}
    for rule in rules.questions:
        question, name = rule.question, rule.field
        values = [v for v in (fields.get(name) or []) if v.strip()]
        if not values:
            if question.required:
                errors[name] = "required"
            continue
        if question.kind == "multiple":
            if any(v not in rule.options for v in values):
                errors[name] = "unknown_option"
            else:
                answers[question.id] = [o.id for o in question.options if o.id in values]
            continue
        if len(values) > 1:
            errors[name] = "single_value"
            continue
        value = values[0]
        if question.kind in ("single", "rating"):
            if value not in rule.options:
                errors[name] = "unknown_option" if question.kind == "single" else "not_rating"
                continue
        elif question.kind == "email":
            if len(value) > CONTACT_MAX or not EMAIL_RE.match(value):
                errors[name] = "not_email"
                continue
        elif len(value) > question.max_length:
            errors[name] = "too_long"
            continue
        answers[question.id] = value
    token = _one(fields, "token") or None
    if token is not None and len(token) > TOKEN_MAX:
        errors["token"] = "token"
    code: str | None = _one(fields, "code")
    if not (code or "").strip(" \t.-"):
        code = None
    if code is not None and len(code) > TOKEN_MAX:
        errors["code"] = "code"
    contact = _lottery_contact(form, fields, errors)
    if errors:
        return Invalid(lang, errors)
    return Submission(form.id, lang, answers, token=token, code=code, spam=spam, contact=contact)


def _lottery_contact(form: Form, fields: Fields, errors: dict[str, str]) -> LotteryContact | None:
    if form.lottery is None:
        return None
    consent = _one(fields, "lottery_consent") in TRUE_VALUES
    name = _one(fields, "contact_name")
    email = _one(fields, "contact_email")
    if len(name) > CONTACT_MAX:
        errors["contact_name"] = "too_long"
    if email and (len(email) > CONTACT_MAX or not EMAIL_RE.match(email)):
        errors["contact_email"] = "not_email"
    if not consent:
        if name or email:
            errors["lottery_consent"] = "consent_required"
        return None
    if not email:
        errors["contact_email"] = "contact_required"
    return LotteryContact(name, email)
