"""Personalised client mailings: one PDF per client plus ``manifest.csv`` for the print shop.

Fast by design: the letters of one language are laid out together in one WeasyPrint document
(a page group per client), the shared brochure body is rendered once per language (cached by
content hash) with its page numbers starting after the letter, and each client's PDF is then
assembled with pypdf. Chunks of clients run in parallel processes. A client that cannot be
rendered gets a problem naming its line in the client file; the others still finish.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import logging
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import segno
from babel.dates import format_date, format_interval
from pypdf import PdfReader

from ..errors import Problem, UsageError
from ..i18n import text_dir
from ..models import Client
from ..show import Show
from ..tokens import sign
from .assemble import BodyTemplate, page_ranges, write_bytes, write_client_pdf
from .brochures import babel_locale, brochure_context, brochure_css, render_brochure
from .cache import PdfCache, sources_digest
from .clients import client_language, read_clients, refuse_published_location
from .render import pdf_bytes, render_document
from .templates import Texts, environment, strings_for

log = logging.getLogger(__name__)

KINDS = ("brochure", "thank-you")
LETTER_PAGES = 1
"""Pages a letter is expected to take; the shared body is pre-rendered to follow them."""
CHUNK = 50
"""Clients per WeasyPrint letters document (and per unit of parallel work)."""
QR_MASK = 2
"""A fixed QR mask: searching the best of eight costs ~35 ms per code and any mask scans."""
MANIFEST_FIELDS = ("client_id", "language", "file", "pages", "survey_link")


@dataclass(frozen=True)
class Letter:
    """One client to write to, with the letter's language and survey link."""

    client: Client
    line: int
    """Line of the client in the client file (for messages)."""
    lang: str
    link: str


@dataclass(frozen=True)
class ManifestRow:
    client_id: str
    language: str
    file: str
    pages: int
    survey_link: str


@dataclass
class MailingResult:
    rows: list[ManifestRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    manifest: Path | None = None
    skipped: int = 0
    """Clients that belong to other shards."""


def parse_shard(value: str | None) -> tuple[int, int]:
    """'K/N' -> (K, N) with 1 <= K <= N; None -> (1, 1)."""
    if not value:
        return 1, 1
    try:
        k, n = (int(part) for part in value.split("/"))
    except ValueError:
        raise UsageError(f"--shard {value!r}: write K/N, e.g. 2/8") from None
    if not 1 <= k <= n:
        raise UsageError(f"--shard {value!r}: K must be between 1 and N")
    return k, n


def in_shard(client_id: str, shard: tuple[int, int]) -> bool:
    """Whether a client belongs to shard K of N (by a hash of its id: stable whatever the order)."""
    k, n = shard
    bucket = int.from_bytes(hashlib.sha256(client_id.encode()).digest()[:8], "big") % n
    return bucket == k - 1


def survey_link(show: Show, client_id: str, lang: str, secret: str) -> str:
    """``<site_url><lang>/forms/<survey>/?t=<token>`` for this client."""
    mailing = _mailing_settings(show)
    token = sign(secret, client_id, mailing.survey)
    return f"{show.info.site_url.rstrip('/')}/{lang}/forms/{mailing.survey}/?t={token}"


def _mailing_settings(show: Show) -> Any:
    mailing = show.info.mailing
    if mailing is None:
        raise UsageError("data/show.yml has no `mailing:` section (signatory, signatory_title, survey)")
    try:
        show.form(mailing.survey)
    except KeyError:
        raise UsageError(f"data/show.yml: mailing.survey {mailing.survey!r} is not a form in data/forms.yml") from None
    return mailing


def letter_context(show: Show, letter: Letter, kind: str, today: dt.date, anchor: str) -> dict[str, Any]:
    """What one letter prints (pure)."""
    mailing = _mailing_settings(show)
    lang, client = letter.lang, letter.client
    t, s, locale = Texts(lang, show.languages), strings_for(lang), babel_locale(lang)
    info = show.info
    organiser = next((o for o in info.organisers if o.role == "organiser"), None)
    facts = {"show": t.plain(info.name), "venue": t.plain(info.venue.name), "city": t.plain(info.venue.city),
             "dates": format_interval(show.first_day, show.last_day, "yMMMd", locale=locale)}
    body_md = None
    if kind == "thank-you" and mailing.thank_you:
        body_md = t.md(mailing.thank_you)
    body = s["letter_brochure" if kind == "brochure" else "letter_thank_you"].format(**facts)
    qr = segno.make(letter.link, error="m", mask=QR_MASK)
    return {
        "anchor": anchor, "lang": lang, "dir": text_dir(lang),
        "sender": t(organiser.name) if organiser else t(info.name), "show": t(info.name),
        "name": client.name, "organisation": client.organisation, "address": client.address,
        "date": format_date(today, "long", locale=locale),
        "salutation": client.salutation or s["salutation"].format(name=client.name),
        "body": body, "body_md": body_md, "survey_prompt": s["survey_prompt"],
        "qr": qr.png_data_uri(scale=1, border=4), "qr_alt": s["qr_alt"].format(link=letter.link),
        "link": letter.link, "closing": s["closing"],
        "signatory": t(mailing.signatory), "signatory_title": t(mailing.signatory_title),
    }


def letters_html(show: Show, lang: str, letters: list[Letter], kind: str, today: dt.date) -> str:
    """One HTML document with the letters of ``letters`` (all in ``lang``), a page group each."""
    contexts = [letter_context(show, letter, kind, today, f"client-{i}") for i, letter in enumerate(letters)]
    return environment().get_template("letters.html").render(
        lang=lang, dir=text_dir(lang), title=Texts(lang, show.languages).plain(show.info.name), letters=contexts)


def whole_client_pdf(show: Show, letter: Letter, kind: str, today: dt.date, paper: str = "A4") -> bytes:
    """A client's whole mailing in one WeasyPrint document: the slow way (benchmark baseline)."""
    context = brochure_context(show, letter.lang, today=today)
    context.update(letters=[letter_context(show, letter, kind, today, "client-0")], with_body=kind == "brochure")
    html = environment().get_template("client_whole.html").render(context)
    return pdf_bytes(render_document(html, brochure_css(letter.lang, paper=paper), show.root), tagged=False)


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


def _render_letters(show: Show, chunk: Chunk, letters: list[Letter]) -> tuple[PdfReader, dict[str, range]]:
    html = letters_html(show, chunk.lang, letters, chunk.kind, chunk.today)
    document = render_document(html, brochure_css(chunk.lang, paper=chunk.paper), show.root)
    ranges = page_ranges(document, [f"client-{i}" for i in range(len(letters))])
    return PdfReader(io.BytesIO(pdf_bytes(document, tagged=False))), ranges


def run_chunk(show: Show, chunk: Chunk) -> tuple[list[ManifestRow], list[Problem]]:
    """Render a chunk's letters in one document and write each client's PDF (a worker's job)."""
    rows: list[ManifestRow] = []
    problems: list[Problem] = []
    batches: list[list[Letter]] = [chunk.letters]
    try:
        rendered = [_render_letters(show, chunk, chunk.letters)]
    except Exception:  # one bad client must not sink the others: retry them one by one
        log.warning("letters in %s failed as a batch; rendering them one by one", chunk.lang)
        batches, rendered = [], []
        for letter in chunk.letters:
            try:
                rendered.append(_render_letters(show, chunk, [letter]))
                batches.append([letter])
            except Exception as exc:  # noqa: BLE001 - reported per client
                problems.append(Problem(chunk.clients_file, letter.line, 1,
                                        f"client {letter.client.id!r}: the letter could not be rendered: {exc}"))
    t = Texts(chunk.lang, show.languages)
    title, author = t.plain(show.info.name), t.plain(_mailing_settings(show).signatory)
    cache = PdfCache.for_project(show.root, enabled=chunk.use_cache)
    bodies: dict[int, BodyTemplate] = {}
    if chunk.body is not None:
        bodies[LETTER_PAGES] = BodyTemplate(chunk.body)
    for batch, (reader, ranges) in zip(batches, rendered, strict=True):
        for i, letter in enumerate(batch):
            pages = ranges[f"client-{i}"]
            try:
                name = f"{letter.client.id}.pdf"
                full_title = f"{title} – {letter.client.name}"
                if chunk.kind == "brochure":
                    if len(pages) not in bodies:
                        log.info("client %s: letter has %d pages; rendering a body to follow it",
                                 letter.client.id, len(pages))
                        bodies[len(pages)] = BodyTemplate(render_brochure(
                            show, chunk.lang, paper=chunk.paper, today=chunk.today, tagged=False,
                            page_offset=len(pages), cache=cache, sources=chunk.sources))
                    body = bodies[len(pages)]
                    info = {"/Title": full_title, "/Author": author, "/Creator": "showpress"}
                    write_bytes(chunk.out_dir / name, body.with_letter(reader, pages, info))
                    count = len(pages) + body.count
                else:
                    count = write_client_pdf(chunk.out_dir / name, reader, pages, None,
                                             title=full_title, author=author, lang=chunk.lang)
                rows.append(ManifestRow(letter.client.id, chunk.lang, name, count, letter.link))
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
            writer.writerow([row.client_id, row.language, row.file, row.pages, row.survey_link])


def run_mailing(
    show: Show, clients_path: Path, out_dir: Path, *, secret: str, kind: str = "brochure",
    shard: tuple[int, int] = (1, 1), today: dt.date | None = None, paper: str = "A4",
    use_cache: bool = True, workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> MailingResult:
    """Write one PDF per client of ``clients_path`` (in this shard) and the manifest into ``out_dir``.

    ``progress(done, total)`` is called as clients finish. Problems with single clients are
    returned, not raised; the caller decides the exit code.
    """
    if kind not in KINDS:
        raise UsageError(f"--kind {kind!r}: use {' or '.join(KINDS)}")
    if not secret:
        raise UsageError("a token secret is required: --token-secret or SHOWPRESS_TOKEN_SECRET")
    _mailing_settings(show)
    refuse_published_location(out_dir, show.root)
    entries, problems = read_clients(clients_path, show.root)
    result = MailingResult(problems=list(problems))
    today = today or dt.date.today()
    letters: dict[str, list[Letter]] = {}
    for line, client in entries:
        if not in_shard(client.id, shard):
            result.skipped += 1
            continue
        lang = client_language(client.language, show.languages)
        if lang != client.language:
            log.info("client %s: language %s is not one of the show's; writing in %s", client.id, client.language, lang)
        letters.setdefault(lang, []).append(Letter(client, line, lang, survey_link(show, client.id, lang, secret)))
    out_dir.mkdir(parents=True, exist_ok=True)
    total = sum(len(v) for v in letters.values())
    sources = sources_digest(show.root)
    workers = workers or os.cpu_count() or 1
    done = 0
    with ProcessPoolExecutor(max_workers=workers) as pool:
        bodies: dict[str, Future[bytes]] = {}
        if kind == "brochure":
            bodies = {lang: pool.submit(_body, show, lang, paper, today, use_cache, sources) for lang in letters}
        futures = []
        for lang, items in letters.items():
            body = bodies[lang].result() if lang in bodies else None
            for start in range(0, len(items), CHUNK):
                chunk = Chunk(lang, items[start:start + CHUNK], kind, today, paper, out_dir,
                              clients_path.as_posix(), body, use_cache, sources)
                futures.append((len(chunk.letters), pool.submit(run_chunk, show, chunk)))
        for count, future in futures:
            rows, found = future.result()
            result.rows.extend(rows)
            result.problems.extend(found)
            done += count
            if progress:
                progress(done, total)
    order = {client.id: i for i, (_, client) in enumerate(entries)}
    result.rows.sort(key=lambda row: order[row.client_id])
    k, n = shard
    name = "manifest.csv" if n == 1 else f"manifest-{k:0{len(str(n))}d}-of-{n}.csv"
    result.manifest = out_dir / name
    write_manifest(result.manifest, result.rows, header=k == 1)
    result.problems.sort()
    return result


def _body(show: Show, lang: str, paper: str, today: dt.date, use_cache: bool, sources: str) -> bytes:
    cache = PdfCache.for_project(show.root, enabled=use_cache)
    return render_brochure(show, lang, paper=paper, today=today, tagged=False, page_offset=LETTER_PAGES,
                           cache=cache, sources=sources)
