"""Cutting a many-letter PDF into clients and joining each client's letter with the shared body.

Letters of one language are laid out in one WeasyPrint document (one page group per client);
:func:`page_ranges` finds each client's pages from the anchors WeasyPrint records per page, and
:func:`write_client_pdf` copies that client's letter pages and the shared body (rendered once,
with its page numbers already shifted by the letter's length) into the client's own PDF.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence
from pathlib import Path

import weasyprint
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    EncodedStreamObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
    StreamObject,
    TextStringObject,
)


def page_ranges(document: weasyprint.Document, anchors: Sequence[str]) -> dict[str, range]:
    """Anchor -> the range of page indexes from the page holding it to the next anchor's page."""
    wanted = set(anchors)
    starts: list[tuple[int, str]] = []
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            if name in wanted:
                starts.append((index, name))
                wanted.discard(name)
    if wanted:
        raise ValueError(f"anchors not found in the document: {sorted(wanted)[:5]}")
    starts.sort()
    ranges = {}
    for i, (start, name) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(document.pages)
        ranges[name] = range(start, end)
    return ranges


class BodyTemplate:
    """The shared body PDF, ready to receive letter pages in front by an incremental update.

    Copying the body's ~2,000 objects through pypdf for every client costs a third of a second;
    instead each client's file is the body's bytes unchanged, followed by an incremental update
    (PDF 32000-1, 7.5.6) that adds the letter pages, a new page tree root listing them first,
    and a new document information dictionary. Readers see one ordinary document.
    """

    def __init__(self, data: bytes):
        self.data = data
        reader = PdfReader(io.BytesIO(data))
        trailer = reader.trailer
        self.size = int(trailer["/Size"])
        self.root_ref = trailer.raw_get("/Root")
        catalog = trailer["/Root"]
        self.pages_ref = catalog.raw_get("/Pages")
        pages = catalog["/Pages"]
        self.kids = list(pages.raw_get("/Kids"))
        self.count = int(pages["/Count"])
        self.pages_extra = {k: v for k, v in pages.items() if k not in ("/Kids", "/Count", "/Parent")}
        match = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data[-256:])
        if match is None:
            raise ValueError("body PDF has no startxref")
        self.startxref = int(match.group(1))

    def with_letter(self, letters: PdfReader, pages: range, info: dict[str, str]) -> bytes:
        """The body with ``pages`` of ``letters`` in front, as complete PDF bytes."""
        out = io.BytesIO()
        out.write(self.data)
        if not self.data.endswith(b"\n"):
            out.write(b"\n")
        numbers: dict[int, int] = {}
        pending: list[tuple[int, PdfObject, bool]] = []
        next_number = self.size

        def number_for(ref: IndirectObject) -> int:
            nonlocal next_number
            if ref.idnum not in numbers:
                numbers[ref.idnum] = next_number
                next_number += 1
                pending.append((numbers[ref.idnum], ref.get_object(), True))
            return numbers[ref.idnum]

        def copy(value: PdfObject) -> PdfObject:
            if isinstance(value, IndirectObject):
                return IndirectObject(number_for(value), 0, None)  # type: ignore[arg-type]
            if isinstance(value, StreamObject):
                stream = EncodedStreamObject()
                for key, item in value.items():
                    stream[NameObject(key)] = copy(item)
                stream._data = value._data  # the encoded bytes, copied as they are
                return stream
            if isinstance(value, DictionaryObject):
                return DictionaryObject({NameObject(k): copy(v) for k, v in value.items()})
            if isinstance(value, ArrayObject):
                return ArrayObject(copy(v) for v in value)
            return value

        new_kids = []
        for index in pages:
            page = letters.pages[index]
            page_number = next_number
            next_number += 1
            copied = DictionaryObject({NameObject(k): copy(v) for k, v in page.items() if k != "/Parent"})
            copied[NameObject("/Parent")] = IndirectObject(self.pages_ref.idnum, 0, None)  # type: ignore[arg-type]
            pending.append((page_number, copied, False))
            new_kids.append(IndirectObject(page_number, 0, None))  # type: ignore[arg-type]
        offsets: dict[int, int] = {}
        index = 0
        while index < len(pending):  # copying an object may discover further objects
            number, obj, needs_copy = pending[index]
            index += 1
            value = copy(obj) if needs_copy else obj
            offsets[number] = out.tell()
            out.write(f"{number} 0 obj\n".encode())
            value.write_to_stream(out)
            out.write(b"\nendobj\n")
        tree = DictionaryObject({NameObject(k): v for k, v in self.pages_extra.items()})
        tree[NameObject("/Kids")] = ArrayObject(new_kids + self.kids)
        tree[NameObject("/Count")] = NumberObject(self.count + len(new_kids))
        offsets[self.pages_ref.idnum] = out.tell()
        out.write(f"{self.pages_ref.idnum} 0 obj\n".encode())
        tree.write_to_stream(out)
        out.write(b"\nendobj\n")
        info_number = next_number
        next_number += 1
        offsets[info_number] = out.tell()
        out.write(f"{info_number} 0 obj\n".encode())
        DictionaryObject({NameObject(k): TextStringObject(v) for k, v in info.items()}).write_to_stream(out)
        out.write(b"\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n0 1\n0000000000 65535 f \n")
        for number in sorted(offsets):
            out.write(f"{number} 1\n{offsets[number]:010d} 00000 n \n".encode())
        out.write(
            f"trailer\n<< /Size {next_number} /Root {self.root_ref.idnum} 0 R /Info {info_number} 0 R "
            f"/Prev {self.startxref} >>\nstartxref\n{xref}\n%%EOF\n".encode()
        )
        return out.getvalue()


def write_bytes(target: Path, data: bytes) -> None:
    """Write a file atomically (a half-written PDF never reaches the print shop)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)


def write_client_pdf(
    target: Path, letters: PdfReader, pages: range, body: PdfReader | None, *,
    title: str, author: str, lang: str,
) -> int:
    """Write the client's PDF (their letter pages, then the body); return its page count."""
    writer = PdfWriter()
    for index in pages:
        writer.add_page(letters.pages[index])
    if body is not None:
        writer.append(body, import_outline=True)
    writer.add_metadata({"/Title": title, "/Author": author, "/Creator": "showpress"})
    writer._root_object[NameObject("/Lang")] = TextStringObject(lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    with tmp.open("wb") as handle:
        writer.write(handle)
    os.replace(tmp, target)
    return len(writer.pages)
