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

from ..models import Form

QUESTION_PREFIX = "q."
META_FIELDS = frozenset({"lang", "token", "code", "website"})
LOTTERY_FIELDS = frozenset({"lottery_consent", "contact_name", "contact_email"})
CONTACT_MAX = 300
TOKEN_MAX = 512
SPACE = r"\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
"""White space as JSON Schema (ECMA-262) patterns read ``\\s``: the OpenAPI description and this check agree
(Python's ``\\s`` also takes U+0085 and leaves out U+FEFF)."""
EMAIL_RE = re.compile(rf"^[^@{SPACE}]+@[^@{SPACE}]+\.[^@{SPACE}]+$")
TRUE_VALUES = frozenset({"yes", "on", "true", "1"})
CONSENT_FIELD = "lottery_consent"
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


@dataclass
class Submission:
    """A valid answer, ready to store."""

    form_id: str
    lang: str
    answers: dict[str, str | list[str]]
    token: str | None = None
    code: str | None = None
    """The code as typed (the collector normalises it and looks it up)."""
    spam: bool = False
    contact: dict[str, str] | None = None
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


def validate(form: Form, fields: Fields, languages: list[str],
             lists: frozenset[str] = frozenset()) -> Submission | Invalid:
    """Validate fields against ``form``: every field known, every option listed, lengths kept;
    ``lists`` (JSON) names the fields sent as lists, which only multiple-choice questions may be."""
    lang = choose_lang(fields, languages)
    multiple = {QUESTION_PREFIX + q.id for q in form.questions if q.kind == "multiple"}
    errors: dict[str, str] = {name[:80]: "single_value" for name in lists - multiple}
    spam = bool(_one(fields, "website"))
    known_questions = {q.id: q for q in form.questions}
    allowed = set(META_FIELDS) | {QUESTION_PREFIX + q for q in known_questions}
    if form.lottery is not None:
        allowed |= LOTTERY_FIELDS
    for name in fields:
        if name not in allowed:
            errors[name[:80]] = "unknown_field"
    answers: dict[str, str | list[str]] = {}
    for question in form.questions:
        name = QUESTION_PREFIX + question.id
        values = [v for v in (fields.get(name) or []) if v.strip()]
        if not values:
            if question.required:
                errors[name] = "required"
            continue
        if question.kind == "multiple":
            option_ids = {o.id for o in question.options}
            if any(v not in option_ids for v in values):
                errors[name] = "unknown_option"
            else:
                answers[question.id] = [o.id for o in question.options if o.id in values]
            continue
        if len(values) > 1:
            errors[name] = "single_value"
            continue
        value = values[0]
        if question.kind == "single":
            if value not in {o.id for o in question.options}:
                errors[name] = "unknown_option"
                continue
        elif question.kind == "rating":
            if value not in {"1", "2", "3", "4", "5"}:
                errors[name] = "not_rating"
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


def _lottery_contact(form: Form, fields: Fields, errors: dict[str, str]) -> dict[str, str] | None:
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
    return {"name": name, "email": email}
