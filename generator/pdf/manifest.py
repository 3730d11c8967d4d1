"""The print shop's ``manifest.csv`` of a mailing: one row per client's PDF.

Columns: the client, the letter's language, the file and its pages (letter pages, brochure pages,
sheets printed on both sides), the survey link and code printed on the letter (empty for kinds
without the survey), segment, kind, the mailing's date, and the envelope's address lines.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from ..models import Client

ADDRESS_LINES = 6
"""Address columns of the manifest (address_line_1…6: name, organisation, postal lines)."""
MANIFEST_FIELDS = ("client_id", "language", "file", "pages", "survey_link", "survey_code", "segment", "kind", "sent",
                   "letter_pages", "brochure_pages", "sheets",
                   *(f"address_line_{i}" for i in range(1, ADDRESS_LINES + 1)))


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


def even(pages: int) -> int:
    """``pages`` rounded up to even: what a duplex printer uses of the sheets."""
    return pages + pages % 2


def write_manifest(path: Path, rows: list[ManifestRow], *, header: bool = True) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        if header:
            writer.writerow(MANIFEST_FIELDS)
        for row in rows:
            writer.writerow(row.cells())
