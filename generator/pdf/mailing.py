"""Personalised client mailings: one PDF per client plus ``manifest.csv`` for the print shop.

Fast by design: the letter text of a variant is laid out once and only each client's own lines
per client, all clients of a chunk in one WeasyPrint document, then laid over it (letterbatch.py,
letters.py; a client whose lines do not fit the reserved room gets a letter laid out whole). The
shared brochure body is rendered once per language and paper (cached by content hash) with its page
numbers starting after the letter, and each client's PDF is the body plus an incremental update
with their letter (assemble.py). Chunks of clients run in parallel processes (mailchunks.py). A
client that cannot be rendered gets a problem naming its line in the client file; the others
still finish. The manifest's rows are manifest.py's.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from ..dates import show_today
from ..errors import Problem, UsageError
from ..models import Client
from ..show import Show
from ..surveycodes import CodeCollision, code_for, issue
from ..workers import PRELOAD_PDF, process_pool, wait_for
from .cache import sources_digest
from .choices import KINDS, WINDOWS
from .clients import read_clients, refuse_published_location
from .letterbatch import Letter, LetterStyle, mailing_settings
from .letterbatch import whole_client_pdf as whole_client_pdf  # re-exported: the benchmarks' baseline
from .letterframe import Variant, variant_for
from .lettertexts import next_edition, timing_warnings
from .mailchunks import Chunk, render_body, run_chunk
from .manifest import ManifestRow, write_manifest
from .shards import in_shard as in_shard  # re-exported with parse_shard: the mailing command parses --shard
from .shards import manifest_name
from .shards import parse_shard as parse_shard
from .surveylinks import qr_link, survey_page

log = logging.getLogger(__name__)

PRELOAD_MAILING = (*PRELOAD_PDF, "generator.pdf.mailchunks")
"""What the fork server imports once for mailing workers: WeasyPrint and the mailing's own modules (about
half a second a worker would otherwise spend importing them before its first chunk)."""
CHUNK = 125
"""About how many clients go into one WeasyPrint letters document (and one unit of parallel work):
bigger chunks share more of a document's fixed costs (fonts, subsetting, the blank letter)."""
__all__ = ["KINDS", "WINDOWS", "Letter", "MailingResult", "in_shard", "parse_shard", "run_mailing", "survey_link",
           "whole_client_pdf"]


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
    survey = mailing_settings(show).survey
    return qr_link(survey_page(show, lang, survey), code_for(secret, client_id, survey))


def _check_options(kind: str, secret: str, window: str | None) -> None:
    if kind not in KINDS:
        raise UsageError(f"--kind {kind!r}: use {' or '.join(KINDS)}")
    if not secret:
        raise UsageError("a token secret is required: --token-secret or SHOWPRESS_TOKEN_SECRET")
    if window is not None and window not in WINDOWS:
        raise UsageError(f"--window-envelope {window!r}: use {' or '.join(WINDOWS)}")


def _letters(show: Show, entries: list[tuple[int, Client]], codes: dict[str, str], style: LetterStyle,
             shard: tuple[int, int], paper: str | None, answered: frozenset[str],
             result: MailingResult) -> dict[Variant, list[Letter]]:
    """The letters to write, by variant; counts the clients of other shards and those who answered."""
    survey = mailing_settings(show).survey
    letters: dict[Variant, list[Letter]] = {}
    for line, client in entries:
        if not in_shard(client.id, shard):
            result.skipped += 1
            continue
        if style.kind == "reminder" and client.id in answered:
            result.answered += 1
            continue
        variant = variant_for(show, client, style.kind, style.today, paper)
        lang = variant.lang
        if lang != client.language:
            log.info("client %s: language %s is not one of the show's; show texts in %s", client.id, client.language, lang)
        code = codes[client.id] if style.survey else ""
        link = qr_link(survey_page(show, lang, survey), code) if style.survey else ""
        letters.setdefault(variant, []).append(Letter(client, line, lang, link, code, variant))
    return letters


Groups = list[tuple[Variant, list[Letter]]]


def _chunks(letters: dict[Variant, list[Letter]],
            make: Callable[[str, str, Groups], Chunk]) -> Iterator[Chunk]:
    """Runs of about CHUNK letters of one show language and paper each, in order, by variant (made as
    they are asked for)."""
    shared: dict[tuple[str, str], list[Letter]] = {}
    for variant, items in letters.items():
        shared.setdefault((variant.lang, variant.paper), []).extend(items)
    for (lang, paper), items in shared.items():
        for part in _split(items, max(1, round(len(items) / CHUNK))):
            groups: dict[Variant, list[Letter]] = {}
            for letter in part:
                assert letter.variant is not None  # set by _letters
                groups.setdefault(letter.variant, []).append(letter)
            yield make(lang, paper, list(groups.items()))


def run_mailing(
    show: Show, clients_path: Path, out_dir: Path, *, secret: str, kind: str = "brochure",
    shard: tuple[int, int] = (1, 1), today: dt.date | None = None, paper: str | None = None,
    use_cache: bool = True, workers: int | None = None,
    progress: Callable[[int, int], None] | None = None, answered: frozenset[str] = frozenset(),
    window: str | None = None, pdf_x4: bool = False,
) -> MailingResult:
    """Write one PDF per client of ``clients_path`` (in this shard) and the manifest into ``out_dir``.

    ``progress(done, total)`` is called as clients finish. Problems with single clients are
    returned, not raised; the caller decides the exit code. A reminder skips the clients in
    ``answered`` (see surveylinks.answered_clients). ``paper`` None: US letter for US/CA/MX
    clients, A4 for the others. ``window``: ``din5008`` puts the address of A4 letters in the
    window of a DIN 5008 form B envelope. ``pdf_x4``: PDF/X-4 files (CMYK output intent, pure black text).
    """
    _check_options(kind, secret, window)
    survey = mailing_settings(show).survey
    refuse_published_location(out_dir, show.root)
    entries, problems = read_clients(clients_path, show.root)
    try:
        codes = issue(secret, survey, (client.id for _, client in entries if in_shard(client.id, shard)))
    except CodeCollision as error:
        raise UsageError(f"{clients_path}: {error}") from None
    result = MailingResult(problems=list(problems))
    style = LetterStyle(kind, show_today(show, today), window, pdf_x4)
    if kind == "invitation":
        next_edition(show)
    letters = _letters(show, entries, codes, style, shard, paper, answered, result)
    for warning in timing_warnings(show, kind, style.today, {v.occasion or "" for v in letters},
                                   {c.country or "" for _, c in entries}):
        log.warning("%s", warning)
    out_dir.mkdir(parents=True, exist_ok=True)
    _render(show, letters, style, out_dir, clients_path.as_posix(), use_cache, workers or os.cpu_count() or 1,
            progress, result)
    order = {client.id: i for i, (_, client) in enumerate(entries)}
    result.rows.sort(key=lambda row: order[row.client_id])
    result.manifest = out_dir / manifest_name(shard)
    write_manifest(result.manifest, result.rows, header=shard[0] == 1)
    result.problems.sort()
    return result


def _render(show: Show, letters: dict[Variant, list[Letter]], style: LetterStyle, out_dir: Path, clients_file: str,
            use_cache: bool, workers: int, progress: Callable[[int, int], None] | None,
            result: MailingResult) -> None:
    """Render the chunks in a process pool, the brochure bodies first; rows and problems into ``result``."""
    total = sum(len(v) for v in letters.values())
    sources = sources_digest(show.root)
    done = 0
    with process_pool(workers, preload=PRELOAD_MAILING) as pool:
        bodies: dict[tuple[str, str], Future[bytes]] = {}
        if style.kind == "brochure":  # once per show language and paper, however many variants share it
            for key in sorted({(v.lang, v.paper) for v in letters}):
                bodies[key] = pool.submit(render_body, show, *key, style, use_cache, sources)

        def make(lang: str, paper: str, groups: Groups) -> Chunk:
            key = (lang, paper)
            body = wait_for(bodies[key], f"mailing: brochure body in {lang!r}") if key in bodies else None
            return Chunk(lang, paper, groups, style, out_dir, clients_file, body, use_cache, sources)

        futures = [(chunk, pool.submit(run_chunk, show, chunk)) for chunk in _chunks(letters, make)]
        for chunk, future in futures:
            rows, found = wait_for(future, f"mailing: letters in {chunk.lang!r} for clients "
                                           f"{chunk.letters[0].client.id}…{chunk.letters[-1].client.id}")
            result.rows.extend(rows)
            result.problems.extend(found)
            done += len(chunk.letters)
            if progress:
                progress(done, total)


def _split(items: list[Letter], parts: int) -> list[list[Letter]]:
    """``items`` in ``parts`` runs of nearly equal length, in order."""
    size, extra = divmod(len(items), parts)
    runs, start = [], 0
    for part in range(parts):
        end = start + size + (1 if part < extra else 0)
        runs.append(items[start:end])
        start = end
    return runs
