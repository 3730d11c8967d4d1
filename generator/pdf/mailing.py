"""Personalised client mailings: one PDF per client plus ``manifest.csv`` for the print shop.

Fast by design: the letter text of a language is laid out once and only each client's own lines
per client, all clients of a chunk in one WeasyPrint document, then laid over it (see letters.py;
a client whose lines do not fit the reserved room gets a letter laid out whole). The shared
brochure body is rendered once per language (cached by content hash) with its page numbers
starting after the letter, and each client's PDF is the body plus an incremental update with their
letter (assemble.py). Chunks of clients run in parallel processes. A client that cannot be
rendered gets a problem naming its line in the client file; the others still finish.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import os
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from ..dates import show_today
from ..errors import Problem, UsageError
from ..i18n import text_dir
from ..language import language_for
from ..models import Client
from ..show import Show
from ..surveycodes import CodeCollision, code_for, grouped, issue
from ..workers import PRELOAD_PDF, process_pool, wait_for
from .assemble import BodyTemplate, LetterFiles, overlay_pages, page_ranges, write_bytes
from .brochures import brochure_context, brochure_css, render_brochure
from .cache import PdfCache, sources_digest
from .clients import read_clients, refuse_published_location
from .letterframe import Variant, client_context, letter_tag, shared_context, variant_for
from .letters import QR_BORDER, letters_css, qr_code, qr_marks, slot_geometry
from .lettertexts import next_edition, timing_warnings
from .render import pdf_bytes, render_document
from .shards import in_shard, manifest_name
from .shards import parse_shard as parse_shard  # re-exported: the mailing command parses --shard
from .surveylinks import printed_address, qr_link, survey_page
from .templates import Texts, environment

log = logging.getLogger(__name__)

KINDS = ("brochure", "thank-you", "reminder", "invitation", "greetings")
LETTER_PAGES = 1
"""Pages a letter is expected to take (the body then starts on page 3, after a blank page)."""
ADDRESS_LINES = 6
"""Address columns of the manifest (address_line_1…6: name, organisation, postal lines)."""
"""Pages a letter is expected to take; the shared body is pre-rendered to follow them."""
CHUNK = 125
"""About how many clients go into one WeasyPrint letters document (and one unit of parallel work):
bigger chunks share more of a document's fixed costs (fonts, subsetting, the blank letter)."""
QR_MASK = 2
"""A fixed QR mask: searching the best of eight costs ~35 ms per code and any mask scans."""
MANIFEST_FIELDS = ("client_id", "language", "file", "pages", "survey_link", "survey_code", "segment", "kind", "sent",
                   "letter_pages", "brochure_pages", "sheets",
                   *(f"address_line_{i}" for i in range(1, ADDRESS_LINES + 1)))


@dataclass(frozen=True)
class Letter:
    """One client to write to, with the letter's language and survey link."""

    client: Client
    line: int
    """Line of the client in the client file (for messages)."""
    lang: str
    link: str
    """The link the QR code carries (survey page with ``?c=<code>``)."""
    code: str = ""
    """The client's survey code, ungrouped (see generator.surveycodes)."""
    variant: Variant | None = None
    """The letter's locale, paper and text (see letterframe.py); worked out from the client when None."""


@dataclass(frozen=True)
class ManifestRow:
    client_id: str
    language: str
    file: str
    pages: int
    survey_link: str
    survey_code: str = ""
    segment: str = ""
    kind: str = ""
    sent: str = ""
    """The mailing's date (ISO), from which the report counts days."""
    letter_pages: str = ""
    """Pages of the letter in the file, e.g. "1" or "1-2"."""
    brochure_pages: str = ""
    """Pages of the brochure, e.g. "3-16" (it starts on a right-hand page: a blank page may come before)."""
    sheets: int = 0
    """Sheets printed on both sides."""
    address: tuple[str, ...] = ()
    """Lines of the envelope's address block."""

    def cells(self) -> list[object]:
        """The manifest row, in the order of MANIFEST_FIELDS."""
        lines = list(self.address[:ADDRESS_LINES - 1]) + [", ".join(self.address[ADDRESS_LINES - 1:])]
        lines += [""] * (ADDRESS_LINES - len(lines))
        return [getattr(self, name) for name in MANIFEST_FIELDS[:-ADDRESS_LINES]] + lines


def address_lines(client: Client) -> tuple[str, ...]:
    """The envelope's lines: name, organisation (when another), then the postal address."""
    lines = [client.name]
    if client.organisation and client.organisation != client.name:
        lines.append(client.organisation)
    lines += [line.strip() for line in (client.address or "").splitlines() if line.strip()]
    return tuple(lines)


def page_span(first: int, count: int) -> str:
    """ "3-16" (or "1" for one page)."""
    return str(first) if count == 1 else f"{first}-{first + count - 1}"


@dataclass
class MailingResult:
    rows: list[ManifestRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    manifest: Path | None = None
    skipped: int = 0
    """Clients that belong to other shards."""
    answered: int = 0
    """Clients left out of a reminder because they answered already."""


def survey_link(show: Show, client_id: str, lang: str, secret: str) -> str:
    """``<site_url><lang>/forms/<survey>/?c=<code>`` for this client (the QR code's link)."""
    survey = _mailing_settings(show).survey
    return qr_link(survey_page(show, lang, survey), code_for(secret, client_id, survey))


def _mailing_settings(show: Show) -> Any:
    mailing = show.info.mailing
    if mailing is None:
        raise UsageError("data/show.yml has no `mailing:` section (signatory, signatory_title, survey)")
    try:
        show.form(mailing.survey)
    except KeyError:
        raise UsageError(f"data/show.yml: mailing.survey {mailing.survey!r} is not a form in data/forms.yml") from None
    return mailing


def language_context(show: Show, variant: Variant, kind: str, today: dt.date) -> dict[str, Any]:
    """What every letter of ``variant`` prints alike (pure); the blank letter of that variant."""
    key = (id(show), variant, kind, today)
    cached = _LANGUAGE_CONTEXTS.get(key)
    if cached is not None and cached[0] is show:
        return cached[1]
    _mailing_settings(show)
    context = shared_context(show, variant, kind, today)
    if len(_LANGUAGE_CONTEXTS) > 64:
        _LANGUAGE_CONTEXTS.clear()
    _LANGUAGE_CONTEXTS[key] = (show, context)
    return context


_LANGUAGE_CONTEXTS: dict[tuple[int, Variant, str, dt.date], tuple[Show, dict[str, Any]]] = {}
"""language_context per show object (kept alive by the entry, so its id is not reused)."""


def letter_context(show: Show, letter: Letter, kind: str, today: dt.date, anchor: str) -> dict[str, Any]:
    """What one letter prints (pure): its language's text and the client's own lines."""
    client = letter.client
    variant = letter.variant or variant_for(show, client, kind, today, None)
    language = language_for(variant.tag, show)
    _ = language.gettext
    return {
        **language_context(show, variant, kind, today), "anchor": anchor, "blank": False,
        **client_context(language, client),
        "code": qr_code(letter.link, QR_MASK),
        "qr_alt": _("QR code of the survey address: %(link)s") % {"link": letter.link},
        "link": printed_address(letter.link.split("?")[0]), "survey_code": grouped(letter.code),
        "code_label": _("Your code:"),
    }


def _with_image(context: dict[str, Any]) -> dict[str, Any]:
    """The context of a letter laid out whole: its QR code as an image."""
    return {**context, "qr": context["code"].svg_data_uri(border=QR_BORDER)}  # vector, like the overlaid QR


def letters_html(show: Show, lang: str, letters: list[Letter], kind: str, today: dt.date) -> str:
    """One HTML document with the letters of ``letters`` (all in ``lang``) laid out whole, a page each."""
    contexts = [_with_image(letter_context(show, letter, kind, today, f"client-{i}"))
                for i, letter in enumerate(letters)]
    return _letters_template(show, lang, letters=contexts)


def _letters_template(show: Show, lang: str, *, letters: list[dict[str, Any]], blank: Any = None,
                      slots: bool = False) -> str:
    return environment().get_template("letters.html").render(
        lang=lang, dir=text_dir(lang), title=Texts(lang, show.languages).plain(show.info.name),
        letters=letters, blank=blank, slots=slots)


def whole_client_pdf(show: Show, letter: Letter, kind: str, today: dt.date, paper: str = "A4") -> bytes:
    """A client's whole mailing in one WeasyPrint document: the slow way (benchmark baseline)."""
    context = brochure_context(show, letter.lang, today=today)
    context.update(letters=[_with_image(letter_context(show, letter, kind, today, "client-0"))],
                   with_body=kind == "brochure")
    html = environment().get_template("client_whole.html").render(context)
    css = brochure_css(letter.lang, paper=paper, languages=_text_languages(show, [letter]))
    return pdf_bytes(render_document(html, css, show.root), tagged=False)


def _text_languages(show: Show, letters: list[Letter]) -> list[str]:
    """The languages a batch of letters has text in: each letter's locale and the show's (fallbacks)."""
    return [*show.languages, *(letter.variant.tag if letter.variant else letter_tag(letter.client)
                               for letter in letters)]


@dataclass(frozen=True)
class Chunk:
    """Letters of one language rendered together, and what the worker needs to finish them."""

    lang: str
    letters: list[Letter]
    kind: str
    today: dt.date
    paper: str
    out_dir: Path
    clients_file: str
    body: bytes | None
    use_cache: bool
    sources: str


Batch = tuple[list[Letter], PdfReader, dict[str, range]]
"""Letters, the PDF holding their pages, and each one's pages by anchor ``client-<index>``."""


def _render_letters(show: Show, chunk: Chunk, letters: list[Letter]) -> Batch:
    """Lay out ``letters`` whole, in one document."""
    html = letters_html(show, chunk.lang, letters, chunk.kind, chunk.today)
    document = render_document(html, letters_css(chunk.paper, _text_languages(show, letters)), show.root)
    ranges = page_ranges(document, [f"client-{i}" for i in range(len(letters))])
    return letters, PdfReader(io.BytesIO(pdf_bytes(document, tagged=False))), ranges


def _render_overlaid(show: Show, chunk: Chunk, letters: list[Letter]) -> tuple[Batch | None, list[Letter]]:
    """Lay out the blank letter once and only each client's slots (see letters.py).

    Returns the batch of the clients whose slots fit, and the clients to lay out whole.
    """
    css = letters_css(chunk.paper, _text_languages(show, letters))
    blank = letter_context(show, letters[0], chunk.kind, chunk.today, "blank") | {"blank": True}
    alone = render_document(_letters_template(show, chunk.lang, letters=[], blank=blank), css, show.root)
    if len(alone.pages) != 1:
        log.info("the %s letter takes %d pages: laying out each letter whole", chunk.lang, len(alone.pages))
        return None, letters
    geometry = slot_geometry(alone.pages[0])
    contexts = [letter_context(show, letter, chunk.kind, chunk.today, f"client-{i}")
                for i, letter in enumerate(letters)]
    html = _letters_template(show, chunk.lang, letters=contexts, blank=blank, slots=True)
    document = render_document(html, css + geometry.css(), show.root)
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
    data = pdf_bytes(document.copy(kept), tagged=False)
    marks = [qr_marks(context["code"], geometry.qr, geometry.page_height) for _, context, _ in fitted]
    reader = overlay_pages(data, 0, marks)
    batch = ([letter for letter, _, _ in fitted], reader, {f"client-{k}": range(k, k + 1) for k in range(len(fitted))})
    return batch, whole


def _render_chunk_letters(show: Show, chunk: Chunk) -> tuple[list[Batch], list[Problem]]:
    """Every letter of the chunk, overlaid where possible, laid out whole otherwise or one by one on failure."""
    batches: list[Batch] = []
    problems: list[Problem] = []
    whole = chunk.letters
    try:
        batch, whole = _render_overlaid(show, chunk, chunk.letters)
        if batch is not None:
            batches.append(batch)
    except Exception as exc:  # noqa: BLE001 - the slower ways below isolate the culprit
        log.warning("letters in %s failed in two passes (%s); laying them out whole", chunk.lang, exc)
        whole = chunk.letters
    if not whole:
        return batches, problems
    try:
        batches.append(_render_letters(show, chunk, whole))
    except Exception:  # one bad client must not sink the others: retry them one by one
        log.warning("letters in %s failed as a batch; rendering them one by one", chunk.lang)
        for letter in whole:
            try:
                batches.append(_render_letters(show, chunk, [letter]))
            except Exception as exc:  # noqa: BLE001 - reported per client
                problems.append(Problem(chunk.clients_file, letter.line, 1,
                                        f"client {letter.client.id!r}: the letter could not be rendered: {exc}"))
    return batches, problems


def run_chunk(show: Show, chunk: Chunk) -> tuple[list[ManifestRow], list[Problem]]:
    """Render a chunk's letters in one document and write each client's PDF (a worker's job)."""
    rows: list[ManifestRow] = []
    batches, problems = _render_chunk_letters(show, chunk)
    t = Texts(chunk.lang, show.languages)
    title, author = t.plain(show.info.name), t.plain(_mailing_settings(show).signatory)
    cache = PdfCache.for_project(show.root, enabled=chunk.use_cache)
    bodies: dict[int, BodyTemplate] = {}
    if chunk.body is not None:
        bodies[_even(LETTER_PAGES)] = BodyTemplate(chunk.body)
    for batch, reader, ranges in batches:
        letter_lang = batch[0].variant.tag if batch and batch[0].variant else chunk.lang
        files = LetterFiles(reader, letter_lang)
        for i, letter in enumerate(batch):
            pages = ranges[f"client-{i}"]
            try:
                name = f"{letter.client.id}.pdf"
                full_title = f"{title} – {letter.client.name}"
                info = {"/Title": full_title, "/Author": author, "/Creator": "showpress"}
                if chunk.kind == "brochure":
                    front = _even(len(pages))  # the brochure starts on a right-hand page
                    if front not in bodies:
                        log.info("client %s: letter has %d pages; rendering a body to follow it",
                                 letter.client.id, len(pages))
                        bodies[front] = BodyTemplate(render_brochure(
                            show, chunk.lang, paper=chunk.paper, today=chunk.today, tagged=True,
                            page_offset=front, cache=cache, sources=chunk.sources))
                    body = bodies[front]
                    write_bytes(chunk.out_dir / name, body.with_letter(
                        reader, pages, info, lang=letter_lang, blank_after=front > len(pages)))
                    count, brochure = front + body.count, page_span(front + 1, body.count)
                else:
                    write_bytes(chunk.out_dir / name, files.pdf(pages, info))
                    count, brochure = len(pages), ""
                rows.append(ManifestRow(letter.client.id, chunk.lang, name, count, letter.link, grouped(letter.code),
                                        letter.client.segment or "", chunk.kind, chunk.today.isoformat(),
                                        page_span(1, len(pages)), brochure, _even(count) // 2,
                                        address_lines(letter.client)))
            except Exception as exc:  # noqa: BLE001 - reported per client
                problems.append(Problem(chunk.clients_file, letter.line, 1,
                                        f"client {letter.client.id!r}: the PDF could not be written: {exc}"))
    return rows, problems


def write_manifest(path: Path, rows: list[ManifestRow], *, header: bool = True) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        if header:
            writer.writerow(MANIFEST_FIELDS)
        for row in rows:
            writer.writerow(row.cells())


def run_mailing(
    show: Show, clients_path: Path, out_dir: Path, *, secret: str, kind: str = "brochure",
    shard: tuple[int, int] = (1, 1), today: dt.date | None = None, paper: str | None = None,
    use_cache: bool = True, workers: int | None = None,
    progress: Callable[[int, int], None] | None = None, answered: frozenset[str] = frozenset(),
) -> MailingResult:
    """Write one PDF per client of ``clients_path`` (in this shard) and the manifest into ``out_dir``.

    ``progress(done, total)`` is called as clients finish. Problems with single clients are
    returned, not raised; the caller decides the exit code. A reminder skips the clients in
    ``answered`` (see surveylinks.answered_clients). ``paper`` None: US letter for US/CA/MX
    clients, A4 for the others.
    """
    if kind not in KINDS:
        raise UsageError(f"--kind {kind!r}: use {' or '.join(KINDS)}")
    if not secret:
        raise UsageError("a token secret is required: --token-secret or SHOWPRESS_TOKEN_SECRET")
    survey = _mailing_settings(show).survey
    refuse_published_location(out_dir, show.root)
    entries, problems = read_clients(clients_path, show.root)
    try:
        codes = issue(secret, survey, (client.id for _, client in entries if in_shard(client.id, shard)))
    except CodeCollision as error:
        raise UsageError(f"{clients_path}: {error}") from None
    result = MailingResult(problems=list(problems))
    today = show_today(show, today)
    if kind == "invitation":
        next_edition(show)
    letters: dict[Variant, list[Letter]] = {}
    for line, client in entries:
        if not in_shard(client.id, shard):
            result.skipped += 1
            continue
        if kind == "reminder" and client.id in answered:
            result.answered += 1
            continue
        variant = variant_for(show, client, kind, today, paper)
        lang = variant.lang
        if lang != client.language:
            log.info("client %s: language %s is not one of the show's; show texts in %s", client.id, client.language, lang)
        link = qr_link(survey_page(show, lang, survey), codes[client.id])
        letters.setdefault(variant, []).append(Letter(client, line, lang, link, codes[client.id], variant))
    for warning in timing_warnings(show, kind, today, {v.occasion or "" for v in letters},
                                   {c.country or "" for _, c in entries}):
        log.warning("%s", warning)
    out_dir.mkdir(parents=True, exist_ok=True)
    total = sum(len(v) for v in letters.values())
    sources = sources_digest(show.root)
    workers = workers or os.cpu_count() or 1
    done = 0
    with process_pool(workers, preload=PRELOAD_PDF) as pool:
        bodies: dict[tuple[str, str], Future[bytes]] = {}
        if kind == "brochure":
            bodies = {(v.lang, v.paper): pool.submit(_body, show, v.lang, v.paper, today, use_cache, sources)
                      for v in sorted(letters)}
        futures = []
        for variant, items in letters.items():
            lang, key = variant.lang, (variant.lang, variant.paper)
            body = wait_for(bodies[key], f"mailing: brochure body in {lang!r}") if key in bodies else None
            for part in _split(items, max(1, round(len(items) / CHUNK))):
                chunk = Chunk(lang, part, kind, today, variant.paper, out_dir, clients_path.as_posix(), body,
                              use_cache, sources)
                futures.append((chunk, pool.submit(run_chunk, show, chunk)))
        for chunk, future in futures:
            rows, found = wait_for(future, f"mailing: letters in {chunk.lang!r} for clients "
                                           f"{chunk.letters[0].client.id}…{chunk.letters[-1].client.id}")
            result.rows.extend(rows)
            result.problems.extend(found)
            done += len(chunk.letters)
            if progress:
                progress(done, total)
    order = {client.id: i for i, (_, client) in enumerate(entries)}
    result.rows.sort(key=lambda row: order[row.client_id])
    result.manifest = out_dir / manifest_name(shard)
    write_manifest(result.manifest, result.rows, header=shard[0] == 1)
    result.problems.sort()
    return result


def _split(items: list[Letter], parts: int) -> list[list[Letter]]:
    """``items`` in ``parts`` runs of nearly equal length, in order."""
    size, extra = divmod(len(items), parts)
    runs, start = [], 0
    for part in range(parts):
        end = start + size + (1 if part < extra else 0)
        runs.append(items[start:end])
        start = end
    return runs


def _body(show: Show, lang: str, paper: str, today: dt.date, use_cache: bool, sources: str) -> bytes:
    cache = PdfCache.for_project(show.root, enabled=use_cache)
    return render_brochure(show, lang, paper=paper, today=today, tagged=True, page_offset=_even(LETTER_PAGES),
                           cache=cache, sources=sources)


def _even(pages: int) -> int:
    """``pages`` rounded up to even: what a duplex printer uses of the sheets."""
    return pages + pages % 2
