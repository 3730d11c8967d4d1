"""A worker's share of a mailing: the letters of one variant laid out together (letterbatch.py),
then each client's PDF written, with the shared brochure body behind the letter for the brochure
kind (assemble.py), and its manifest row (manifest.py)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from ..errors import Problem
from ..show import Show
from ..surveycodes import grouped
from .assemble import BodyTemplate, LetterFiles, write_bytes
from .brochures import render_brochure
from .cache import PdfCache
from .letterbatch import Batch, BatchJob, Letter, LetterStyle, mailing_settings, render_batches
from .letterframe import Variant
from .manifest import ManifestRow, address_lines, even, page_span
from .printshop import x4_intent, x4_update
from .render import rare_collections
from .templates import Texts

log = logging.getLogger(__name__)

LETTER_PAGES = 1
"""Pages a letter is expected to take: the shared body is pre-rendered to follow them (on page 3,
after a blank page, so that it starts on a right-hand page)."""


@dataclass(frozen=True)
class Chunk:
    """Letters of one show language and paper, by variant, and what the worker needs to finish them.

    One chunk holds several variants (en-GB, en-US, en-DE…) so that the work a chunk does once
    (reading the brochure body, fonts) is shared by more clients."""

    lang: str
    paper: str
    groups: list[tuple[Variant, list[Letter]]]
    style: LetterStyle
    out_dir: Path
    clients_file: str
    body: bytes | None
    """The brochure body following a one-page letter (brochure kind), rendered once per language and paper."""
    use_cache: bool
    sources: str

    @property
    def letters(self) -> list[Letter]:
        return [letter for _, letters in self.groups for letter in letters]


def render_body(show: Show, lang: str, paper: str, style: LetterStyle, use_cache: bool, sources: str,
                front: int = LETTER_PAGES) -> bytes:
    """The brochure in show language ``lang``, its page numbers starting after ``front`` pages (the
    cycle collector runs rarely while its HTML is made too, not only while WeasyPrint renders it)."""
    cache = PdfCache.for_project(show.root, enabled=use_cache)
    with rare_collections():
        return render_brochure(show, lang, paper=paper, today=style.today, tagged=True,
                               page_offset=even(front), cache=cache, sources=sources, pdf_x4=style.pdf_x4)


class _Writer:
    """Writes the clients' files of one chunk."""

    def __init__(self, show: Show, chunk: Chunk):
        self.show, self.chunk = show, chunk
        t = Texts(chunk.lang, show.languages)
        self.title, self.author = t.plain(show.info.name), t.plain(mailing_settings(show).signatory)
        self.bodies: dict[int, BodyTemplate] = {}
        if chunk.body is not None:
            self.bodies[even(LETTER_PAGES)] = BodyTemplate(chunk.body)
        self.intent: PdfReader | None = x4_intent() if chunk.style.pdf_x4 else None

    def body(self, letter: Letter, front: int, pages: range) -> BodyTemplate:
        if front not in self.bodies:
            log.info("client %s: letter has %d pages; rendering a body to follow it", letter.client.id, len(pages))
            chunk = self.chunk
            self.bodies[front] = BodyTemplate(render_body(self.show, chunk.lang, chunk.paper, chunk.style,
                                                          chunk.use_cache, chunk.sources, front))
        return self.bodies[front]

    def write(self, batch: Batch, files: LetterFiles, i: int, letter: Letter) -> ManifestRow:
        """Write one client's file; their manifest row."""
        chunk, pages = self.chunk, batch.ranges[f"client-{i}"]
        name = f"{letter.client.id}.pdf"
        info = {"/Title": f"{self.title} – {letter.client.name}", "/Author": self.author, "/Creator": "showpress"}
        if chunk.style.kind == "brochure":
            front = even(len(pages))  # the brochure starts on a right-hand page
            body = self.body(letter, front, pages)
            data = body.with_letter(batch.reader, pages, info, lang=files.lang, blank_after=front > len(pages))
            count, brochure = front + body.count, page_span(front + 1, body.count)
        else:
            data = files.pdf(pages, info)
            count, brochure = len(pages), ""
        if self.intent is not None:
            data = x4_update(data, self.intent, info, catalog=chunk.style.kind != "brochure")
        write_bytes(chunk.out_dir / name, data)
        return ManifestRow(letter.client.id, chunk.lang, name, count, letter.link, grouped(letter.code),
                           letter.client.segment or "", chunk.style.kind, chunk.style.today.isoformat(),
                           page_span(1, len(pages)), brochure, even(count) // 2, address_lines(letter.client))


def run_chunk(show: Show, chunk: Chunk) -> tuple[list[ManifestRow], list[Problem]]:
    """Render a chunk's letters in one document and write each client's PDF (a worker's job).

    The cycle collector runs rarely for the whole chunk, not only while WeasyPrint renders: cutting
    and copying the letters (isolate.py, assemble.py) allocates hundreds of thousands of PDF objects
    that live until the chunk ends, and the default thresholds walked them again and again (a fifth
    of a chunk's CPU)."""
    with rare_collections():
        return _run_chunk(show, chunk)


def _run_chunk(show: Show, chunk: Chunk) -> tuple[list[ManifestRow], list[Problem]]:
    rows: list[ManifestRow] = []
    batches: list[Batch] = []
    problems: list[Problem] = []
    for variant, letters in chunk.groups:
        made, found = render_batches(BatchJob(show, variant, chunk.style, letters, chunk.clients_file))
        batches += made
        problems += found
    writer = _Writer(show, chunk)
    for batch in batches:
        files = LetterFiles(batch.reader, batch.tag)
        for i, letter in enumerate(batch.letters):
            try:
                rows.append(writer.write(batch, files, i, letter))
            except Exception as exc:  # noqa: BLE001 - reported per client
                problems.append(Problem(chunk.clients_file, letter.line, 1,
                                        f"client {letter.client.id!r}: the PDF could not be written: {exc}"))
    return rows, problems
