"""The survey report: whom to follow up, satisfaction per segment, every answer counted.

``build_report`` is pure (answers and the mailing's issued links in, a typed :class:`Report` out);
the collector serves it at /admin/report.json (``dataclasses.asdict``) and `showpress report`
reads it back with :func:`report_from_json` and renders it as a page and a PDF (reportpage.py).

Response rates are counted per client segment, per mailing kind and per language of the letter,
day by day since the letters went out (the manifest's ``sent`` column), over the five weeks in
which recall of a show falls to about 60%. Satisfaction on the four topics is a score from 0 to
100: a rating question's 1 to 5 mapped onto it, a single-choice question's options read as listed
from best to worst (as data/forms.yml lists them).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter

from ..models import Form, Question
from ..models.answerfields import Answer
from ..show import Show
from .issued import NO_SEGMENT, Issued, IssuedLink
from .store import Response

TOPICS = ("exhibits", "transport", "shopping", "services")
WINDOW_DAYS = 35
"""Five weeks: after them, recall of the show has fallen to about 60%."""


@dataclass(frozen=True)
class OptionCount:
    id: str
    label: dict[str, str]
    count: int


@dataclass(frozen=True)
class FreeText:
    lang: str
    text: str
    received_at: str
    """ISO 8601 in the show's time zone."""
    segment: str = NO_SEGMENT


@dataclass(frozen=True)
class QuestionReport:
    id: str
    kind: str
    topic: str
    label: dict[str, str]
    answered: int
    options: list[OptionCount] = field(default_factory=list)
    mean: float | None = None
    texts: list[FreeText] = field(default_factory=list)


@dataclass(frozen=True)
class FormReport:
    id: str
    kind: str
    title: dict[str, str]
    total: int
    by_lang: dict[str, int]
    questions: list[QuestionReport]


@dataclass(frozen=True)
class RateLine:
    """Response rate of one group of letters (a segment, a kind or a language)."""

    group: str
    issued: int
    answered: int
    rate: float
    by_day: list[float]
    """Share answered by the end of day 0, 1 … WINDOW_DAYS after the letters went out."""
    pending: list[str]
    """Clients of the group without an answer yet: whom to follow up."""


@dataclass(frozen=True)
class Satisfaction:
    segment: str
    topic: str
    answers: int
    score: float | None
    """0 (worst) … 100 (best); None without answers."""


@dataclass(frozen=True)
class Report:
    generated_at: str
    """ISO 8601 in the show's time zone."""
    time_zone: str
    total: int
    spam: int
    forms: list[FormReport]
    sent: str | None = None
    """The first date the letters went out (ISO), when the manifest says."""
    days_since: int | None = None
    segments: list[RateLine] = field(default_factory=list)
    kinds: list[RateLine] = field(default_factory=list)
    languages: list[RateLine] = field(default_factory=list)
    satisfaction: list[Satisfaction] = field(default_factory=list)


def report_from_json(data: Any) -> Report:
    """A :class:`Report` from its JSON (as /admin/report.json serves it); ValueError when it is not one."""
    return TypeAdapter(Report).validate_python(data)


def _local(show: Show, stamp: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(stamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(show.info.zone)


def build_report(show: Show, rows: Iterable[Response], spam: int, issued: Issued,
                 now: dt.datetime | None = None) -> Report:
    """The report of ``rows`` (typed; texts stay per-language mappings, the page picks a language)."""
    rows = list(rows)
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(show.info.zone)
    segment_of = {link.client_id: link.segment for link in issued.links}
    answered_on = {(r.client_id, r.form_id): _local(show, r.received_at).date() for r in rows if r.client_id}
    sent_dates = [link.sent for link in issued.links if link.sent]
    first = min(sent_dates) if sent_dates else None
    return Report(
        generated_at=moment.isoformat(timespec="seconds"), time_zone=show.info.timezone,
        total=len(rows), spam=spam, forms=[_form_report(show, form, rows, segment_of) for form in show.forms],
        sent=first.isoformat() if first else None,
        days_since=(moment.date() - first).days if first else None,
        segments=_rates(issued.links, lambda link: link.segment, answered_on),
        kinds=_rates(issued.links, lambda link: link.kind or NO_SEGMENT, answered_on),
        languages=_rates(issued.links, lambda link: link.language or NO_SEGMENT, answered_on),
        satisfaction=_satisfaction(show, rows, segment_of),
    )


def _form_report(show: Show, form: Form, rows: list[Response], segment_of: dict[str, str]) -> FormReport:
    answers = [r for r in rows if r.form_id == form.id]
    by_lang = Counter(r.lang for r in answers)
    questions = []
    for q in form.questions:
        values = [r.answers[q.id] for r in answers if q.id in r.answers]
        options: list[OptionCount] = []
        mean: float | None = None
        texts: list[FreeText] = []
        if q.kind in ("single", "multiple"):
            counts: Counter[str] = Counter()
            for v in values:
                counts.update(v if isinstance(v, list) else [v])
            options = [OptionCount(o.id, dict(o.label), counts[o.id]) for o in q.options]
        elif q.kind == "rating":
            ratings = Counter(str(v) for v in values)
            options = [OptionCount(str(n), {"*": str(n)}, ratings[str(n)]) for n in range(1, 6)]
            mean = round(sum(int(str(v)) for v in values) / len(values), 2) if values else None
        else:
            texts = [FreeText(r.lang, str(r.answers[q.id]), _local(show, r.received_at).isoformat(timespec="minutes"),
                              segment_of.get(r.client_id or "", NO_SEGMENT))
                     for r in answers if q.id in r.answers]
        questions.append(QuestionReport(q.id, q.kind, q.topic, dict(q.label), len(values), options, mean, texts))
    return FormReport(form.id, form.kind, dict(form.title), len(answers),
                      {lang: n for lang, n in sorted(by_lang.items())}, questions)


def _rates(links: Iterable[IssuedLink], group_of: Callable[[IssuedLink], str],
           answered_on: dict[tuple[str, str], dt.date]) -> list[RateLine]:
    groups: dict[str, list[IssuedLink]] = {}
    for link in links:
        groups.setdefault(group_of(link), []).append(link)
    lines = []
    for group, members in sorted(groups.items()):
        days = []
        for link in members:
            when = answered_on.get((link.client_id, link.form_id))
            if when is not None:
                days.append(max(0, (when - link.sent).days) if link.sent else 0)
        by_day = [round(sum(1 for d in days if d <= day) / len(members), 4) for day in range(WINDOW_DAYS + 1)]
        pending = sorted({link.client_id for link in members if (link.client_id, link.form_id) not in answered_on})
        lines.append(RateLine(group, len(members), len(days), round(len(days) / len(members), 4), by_day, pending))
    return lines


def _score(question: Question, value: Answer | None) -> float | None:
    if question.kind == "rating":
        return (int(str(value)) - 1) * 25.0
    ids = [o.id for o in question.options]
    if question.kind == "single" and value in ids and len(ids) > 1:
        return 100.0 * (len(ids) - 1 - ids.index(value)) / (len(ids) - 1)
    return None


def _satisfaction(show: Show, rows: list[Response], segment_of: dict[str, str]) -> list[Satisfaction]:
    scores: dict[tuple[str, str], list[float]] = {}
    for form in show.forms:
        for q in form.questions:
            if q.topic not in TOPICS or q.kind not in ("single", "rating"):
                continue
            for r in rows:
                score = _score(q, r.answers.get(q.id)) if r.form_id == form.id and q.id in r.answers else None
                if score is not None:
                    scores.setdefault((segment_of.get(r.client_id or "", NO_SEGMENT), q.topic), []).append(score)
    segments = sorted({segment for segment, _ in scores})
    return [Satisfaction(segment, topic, len(scores.get((segment, topic), [])),
                         round(sum(values) / len(values), 1) if (values := scores.get((segment, topic))) else None)
            for segment in segments for topic in TOPICS]
