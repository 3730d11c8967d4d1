"""Letters of one variant laid out together: what each prints, and the PDF pages holding them.

The fast way (:func:`render_overlaid`): the blank letter of the variant is laid out once and only
each client's slots per client, all in one WeasyPrint document, then laid over it (letters.py,
assemble.overlay_pages). A client whose lines do not fit the reserved room, or a batch that fails,
is laid out whole (:func:`render_whole`). What every letter of a variant prints alike is worked out
once per batch (:func:`variant_context`) and passed in: there is no hidden cache.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader

from ..errors import Problem, UsageError
from ..i18n import text_dir
from ..language import language_for
from ..models import Client
from ..show import Show
from ..surveycodes import grouped
from .assemble import overlay_pages, page_ranges
from .brochures import brochure_context, brochure_css
from .keepwords import keep_words
from .letterframe import Variant, client_context, letter_tag, shared_context, variant_for
from .letters import QR_BORDER, letters_css, qr_code, qr_marks, slot_geometry
from .render import pdf_bytes, render_document
from .surveylinks import printed_address
from .templates import Texts, environment, stylesheet

log = logging.getLogger(__name__)

SURVEY_KINDS = frozenset({"brochure", "thank-you", "reminder"})
"""Kinds whose letter carries the survey (prompt, QR code, link and code); greetings and
invitations do not ask for it."""
QR_MASK = 2
"""A fixed QR mask: searching the best of eight costs ~35 ms per code and any mask scans."""


@dataclass(frozen=True)
class Letter:
    """One client to write to, with the letter's language and survey link."""

    client: Client
    line: int
    """Line of the client in the client file (for messages)."""
    lang: str
    link: str
    """The link the QR code carries (survey page with ``?c=<code>``); empty for kinds without the survey."""
    code: str = ""
    """The client's survey code, ungrouped (see generator.surveycodes)."""
    variant: Variant | None = None
    """The letter's locale, paper and text (see letterframe.py); worked out from the client when None."""


@dataclass(frozen=True)
class LetterStyle:
    """How every letter of a mailing is set."""

    kind: str
    today: dt.date
    window: str | None = None
    """``din5008``: the address block in the window of a DIN 5008 form B envelope (A4 letters)."""
    pdf_x4: bool = False
    """PDF/X-4: text in pure black (K only), colours in CMYK, a CMYK output intent."""

    @property
    def survey(self) -> bool:
        return self.kind in SURVEY_KINDS


def mailing_settings(show: Show) -> Any:
    """``show.yml``'s ``mailing:`` section, its survey checked against ``forms.yml``."""
    mailing = show.info.mailing
    if mailing is None:
        raise UsageError("data/show.yml has no `mailing:` section (signatory, signatory_title, survey)")
    try:
        show.form(mailing.survey)
    except KeyError:
        raise UsageError(f"data/show.yml: mailing.survey {mailing.survey!r} is not a form in data/forms.yml") from None
    return mailing


def return_line(show: Show, variant: Variant) -> str:
    """The sender's line above a window's address: organiser (or show), then the first office's address."""
    t = Texts(variant.lang, show.languages, frame=variant.tag)
    info = show.info
    organiser = next((o for o in info.organisers if o.role == "organiser"), None)
    parts = [t.plain(organiser.name) if organiser else t.plain(info.name)]
    if info.offices:
        parts += [line.strip() for line in t.plain(info.offices[0].address).splitlines() if line.strip()]
    return " · ".join(parts)


def variant_context(show: Show, variant: Variant, style: LetterStyle) -> dict[str, Any]:
    """What every letter of ``variant`` prints alike (pure): the blank letter's context."""
    mailing_settings(show)
    window = style.window if variant.paper == "A4" else None
    context = shared_context(show, variant, style.kind, style.today)
    context.update(survey=style.survey, window=window, x4=style.pdf_x4,
                   return_line=return_line(show, variant) if window else "")
    return context


def letter_context(show: Show, letter: Letter, shared: dict[str, Any], anchor: str) -> dict[str, Any]:
    """What one letter prints (pure): ``shared`` (its variant's :func:`variant_context`) and the client's lines."""
    language = language_for(shared["lang"], show)
    _ = language.gettext
    context = {**shared, "anchor": anchor, "blank": False, **client_context(language, letter.client)}
    if shared["survey"]:
        context.update(code=qr_code(letter.link, QR_MASK),
                       qr_alt=_("QR code of the survey address: %(link)s") % {"link": letter.link},
                       link=printed_address(letter.link.split("?")[0]), survey_code=grouped(letter.code),
                       code_label=_("Your code:"))
    return context


def with_image(context: dict[str, Any]) -> dict[str, Any]:
    """The context of a letter laid out whole: its QR code as a (vector) image."""
    if not context["survey"]:
        return context
    return {**context, "qr": context["code"].svg_data_uri(border=QR_BORDER)}


def letters_template(show: Show, lang: str, tag: str, *, letters: list[dict[str, Any]], blank: Any = None,
                     slots: bool = False) -> str:
    """The letters document; words kept whole where ``tag``'s script needs it (keepwords.py)."""
    html = environment(show.root).get_template("letters.html").render(
        lang=lang, dir=text_dir(lang), title=Texts(lang, show.languages).plain(show.info.name),
        letters=letters, blank=blank, slots=slots)
    return keep_words(html, tag)


def text_languages(show: Show, letters: list[Letter]) -> list[str]:
    """The languages a batch of letters has text in: each letter's locale and the show's (fallbacks)."""
    return [*show.languages, *(letter.variant.tag if letter.variant else letter_tag(letter.client)
                               for letter in letters)]


def whole_client_pdf(show: Show, letter: Letter, kind: str, today: dt.date, paper: str = "A4") -> bytes:
    """A client's whole mailing in one WeasyPrint document: the slow way (benchmark baseline)."""
    variant = letter.variant or variant_for(show, letter.client, kind, today, None)
    shared = variant_context(show, variant, LetterStyle(kind, today))
    context = brochure_context(show, letter.lang, today=today)
    context.update(letters=[with_image(letter_context(show, letter, shared, "client-0"))],
                   with_body=kind == "brochure")
    html = keep_words(environment(show.root).get_template("client_whole.html").render(context), letter.lang)
    css = brochure_css(letter.lang, paper=paper, languages=text_languages(show, [letter]))
    return pdf_bytes(render_document(html, css, show.root), tagged=False)


@dataclass(frozen=True)
class Batch:
    """Letters and the PDF holding their pages, each one's pages by anchor ``client-<index>``."""

    letters: list[Letter]
    reader: PdfReader
    ranges: dict[str, range]
    tag: str
    """The letters' locale (their variant's), the files' ``/Lang``."""


@dataclass(frozen=True)
class BatchJob:
    """Letters of one variant to lay out together."""

    show: Show
    variant: Variant
    style: LetterStyle
    letters: list[Letter]
    clients_file: str

    def css(self, letters: list[Letter]) -> str:
        css = letters_css(self.variant.paper, text_languages(self.show, letters))
        return css + stylesheet("_letter_x4.css") if self.style.pdf_x4 else css

    def html(self, **kwargs: Any) -> str:
        return letters_template(self.show, self.variant.lang, self.variant.tag, **kwargs)


def render_whole(job: BatchJob, shared: dict[str, Any], letters: list[Letter]) -> Batch:
    """Lay out ``letters`` whole, in one document."""
    contexts = [with_image(letter_context(job.show, letter, shared, f"client-{i}")) for i, letter in enumerate(letters)]
    document = render_document(job.html(letters=contexts), job.css(letters), job.show.root, pdf_x4=job.style.pdf_x4)
    ranges = page_ranges(document, [f"client-{i}" for i in range(len(letters))])
    data = pdf_bytes(document, tagged=False, pdf_x4=job.style.pdf_x4)
    return Batch(letters, PdfReader(io.BytesIO(data)), ranges, job.variant.tag)


def render_overlaid(job: BatchJob, shared: dict[str, Any]) -> tuple[Batch | None, list[Letter]]:
    """Lay out the blank letter once and only each client's slots (see letters.py).

    Returns the batch of the clients whose slots fit, and the clients to lay out whole.
    """
    show, letters, x4 = job.show, job.letters, job.style.pdf_x4
    css = job.css(letters)
    blank = shared | {"anchor": "blank", "blank": True}
    alone = render_document(job.html(letters=[], blank=blank), css, show.root, pdf_x4=x4)
    if len(alone.pages) != 1:
        log.info("the %s letter takes %d pages: laying out each letter whole", job.variant.tag, len(alone.pages))
        return None, letters
    geometry = slot_geometry(alone.pages[0], survey=job.style.survey)
    contexts = [letter_context(show, letter, shared, f"client-{i}") for i, letter in enumerate(letters)]
    document = render_document(job.html(letters=contexts, blank=blank, slots=True), css + geometry.css(), show.root,
                               pdf_x4=x4)
    ranges = page_ranges(document, ["blank", *(c["anchor"] for c in contexts)])
    fitted: list[tuple[Letter, dict[str, Any], int]] = []
    whole: list[Letter] = []
    for letter, context in zip(letters, contexts, strict=True):
        pages = ranges[context["anchor"]]
        if len(pages) == 1 and geometry.fits(document.pages[pages.start]):
            fitted.append((letter, context, pages.start))
        else:
            log.debug("client %s: their lines need more room than the letter leaves; laying it out whole",
                      letter.client.id)
            whole.append(letter)
    if not fitted:
        return None, whole
    kept = [document.pages[ranges["blank"].start], *(document.pages[index] for _, _, index in fitted)]
    data = pdf_bytes(document.copy(kept), tagged=False, pdf_x4=x4)
    marks = [qr_marks(context["code"], geometry.qr, geometry.page_height) if geometry.qr else b""
             for _, context, _ in fitted]
    reader = overlay_pages(data, 0, marks)
    ranges = {f"client-{k}": range(k, k + 1) for k in range(len(fitted))}
    return Batch([letter for letter, _, _ in fitted], reader, ranges, job.variant.tag), whole


def render_batches(job: BatchJob) -> tuple[list[Batch], list[Problem]]:
    """Every letter of the job, overlaid where possible, laid out whole otherwise or one by one on failure."""
    batches: list[Batch] = []
    problems: list[Problem] = []
    shared = variant_context(job.show, job.variant, job.style)
    whole = job.letters
    try:
        batch, whole = render_overlaid(job, shared)
        if batch is not None:
            batches.append(batch)
    except Exception as exc:  # noqa: BLE001 - the slower ways below isolate the culprit
        log.warning("letters in %s failed in two passes (%s); laying them out whole", job.variant.tag, exc)
        whole = job.letters
    if not whole:
        return batches, problems
    try:
        batches.append(render_whole(job, shared, whole))
    except Exception:  # one bad client must not sink the others: retry them one by one
        log.warning("letters in %s failed as a batch; rendering them one by one", job.variant.tag)
        for letter in whole:
            try:
                batches.append(render_whole(job, shared, [letter]))
            except Exception as exc:  # noqa: BLE001 - reported per client
                problems.append(Problem(job.clients_file, letter.line, 1,
                                        f"client {letter.client.id!r}: the letter could not be rendered: {exc}"))
    return batches, problems
