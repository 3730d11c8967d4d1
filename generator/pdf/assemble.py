"""Cutting a many-letter PDF into clients and joining each client's letter with the shared body.

Letters of one language are laid out in one WeasyPrint document (one page group per client);
:func:`page_ranges` finds each client's pages from the anchors WeasyPrint records per page;
:func:`overlay_pages` lays each client's own lines over the letter text their language shares;
:meth:`BodyTemplate.with_letter` puts a client's letter pages in front of the shared body
(rendered once, with its page numbers already shifted by the letter's length), and
:class:`LetterFiles` writes letter pages alone (thank-you letters).
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import cast

import weasyprint
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    PdfObject,
    RectangleObject,
    StreamObject,
    TextStringObject,
    read_object,
)

from .isolate import Isolation
from .objbytes import indirect
from .tagging import BodyTags, letter_tree, mark_pages, serialised, struct_root

BASE_FORM = NameObject("/ShowpressLetter")
"""Resource name of the shared letter page drawn under each client's slots."""


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


def overlay_pages(data: bytes, base: int, marks: Sequence[bytes]) -> PdfReader:
    """Every page of ``data`` but ``base``, laid over page ``base``; ``marks[k]`` drawn on top of the k-th.

    Page ``base`` (the letter text every client of a language shares) becomes one form XObject
    that each other page (a client's slots) draws first, so its text stays text and its fonts stay
    the document's embedded subsets. ``marks`` are raw PDF content operators in default user space
    (the QR codes). Returns the composed PDF, pages in order, ``base`` left out.
    """
    reader = PdfReader(io.BytesIO(data))
    others = [i for i in range(len(reader.pages)) if i != base]
    if len(marks) != len(others):
        raise ValueError(f"{len(marks)} marks for {len(others)} pages")
    writer = PdfWriter()
    base_page = reader.pages[base]
    contents = base_page.get_contents()
    if contents is None:
        raise ValueError("the base page has no contents")
    form = DecodedStreamObject()
    form.set_data(contents.get_data())
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = RectangleObject(base_page.mediabox)
    base_resources = base_page["/Resources"]
    form[NameObject("/Resources")] = base_resources.clone(writer)
    form_ref = writer._add_object(form.flate_encode())
    opening = DecodedStreamObject()
    opening.set_data(b"q " + BASE_FORM.encode() + b" Do Q q\n")
    opening_ref = writer._add_object(opening)
    shared_resources: dict[int, IndirectObject] = {}
    for index, mark in zip(others, marks, strict=True):
        page = writer.add_page(reader.pages[index])
        raw = page.raw_get("/Resources")
        key = raw.idnum if isinstance(raw, IndirectObject) else id(raw)
        if key not in shared_resources:  # WeasyPrint shares one resources dictionary between pages
            resources = DictionaryObject(cast(DictionaryObject, page["/Resources"]))
            xobjects = DictionaryObject(resources.get("/XObject", DictionaryObject()))
            xobjects[BASE_FORM] = form_ref
            resources[NameObject("/XObject")] = xobjects
            shared_resources[key] = writer._add_object(resources)
        page[NameObject("/Resources")] = shared_resources[key]
        closing = DecodedStreamObject()
        closing.set_data(b"\nQ\n" + mark)
        own = page.raw_get("/Contents")
        own_list = list(own) if isinstance(own, ArrayObject) else [own]
        page[NameObject("/Contents")] = ArrayObject([opening_ref, *own_list, writer._add_object(closing)])
    out = io.BytesIO()
    writer.write(out)
    return PdfReader(io.BytesIO(out.getvalue()))


class LazyReader(PdfReader):
    """A PdfReader that parses only the objects asked for.

    pypdf parses every object of an object stream when one of them is asked for: ~3,000 objects
    (a second) of a brochure body of which a client's file needs a few dozen (catalog, page tree,
    structure root). Here an object stream is decompressed once and each object read at its offset.
    """

    def __init__(self, data: bytes):
        self._object_streams: dict[int, tuple[bytes, int, dict[int, int]]] = {}
        super().__init__(io.BytesIO(data))

    def _get_object_from_stream(self, indirect_reference: IndirectObject) -> PdfObject:
        idnum = indirect_reference.idnum
        number = self.xref_objStm[idnum][0]
        if number not in self._object_streams:
            stream = cast(StreamObject, IndirectObject(number, 0, self).get_object())
            data, first = stream.get_data(), int(cast(NumberObject, stream["/First"]))
            header = data[:first].split()
            self._object_streams[number] = (data, first, {int(header[i]): int(header[i + 1])
                                                          for i in range(0, len(header) - 1, 2)})
        data, first, offsets = self._object_streams[number]
        if idnum not in offsets:
            return NullObject()
        source = io.BytesIO(data)
        source.seek(first + offsets[idnum])
        while source.read(1).isspace():
            pass
        source.seek(-1, 1)
        return cast(PdfObject, self.cache_indirect_object(0, idnum, read_object(source, self)))


class BodyTemplate:
    """The shared body PDF, ready to receive letter pages in front by an incremental update.

    Copying the body's ~2,000 objects through pypdf for every client costs a third of a second;
    instead each client's file is the body's bytes unchanged, followed by an incremental update
    (PDF 32000-1, 7.5.6) that adds the letter pages, a new page tree root listing them first,
    and a new document information dictionary. Readers see one ordinary document.
    """

    def __init__(self, data: bytes):
        self.data = data
        reader = LazyReader(data)
        trailer = reader.trailer
        self.size = int(cast(NumberObject, trailer["/Size"]))
        self.root_ref = trailer.raw_get("/Root")
        catalog = cast(DictionaryObject, trailer["/Root"])
        self.pages_ref = catalog.raw_get("/Pages")
        pages = cast(DictionaryObject, catalog["/Pages"])
        self.kids = list(pages.raw_get("/Kids"))
        self.count = int(cast(NumberObject, pages["/Count"]))
        self.pages_extra = {k: v for k, v in pages.items() if k not in ("/Kids", "/Count", "/Parent")}
        match = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data[-256:])
        if match is None:
            raise ValueError("body PDF has no startxref")
        self.startxref = int(match.group(1))
        self._copies: dict[int, _LetterObjects] = {}
        self.tags = BodyTags(reader, self.size) if "/StructTreeRoot" in catalog else None
        self.first_letter_number = self.size + 1  # self.size: the body's parent-tree leaf (tagging.py)
        self.mediabox = reader.pages[0].mediabox if self.count else None

    def with_letter(self, letters: PdfReader, pages: range, info: dict[str, str], *, lang: str = "",
                    blank_after: bool = False) -> bytes:
        """The body with ``pages`` of ``letters`` in front, as complete PDF bytes.

        ``lang``: the letter's language (the file's ``/Lang``; the body's elements keep theirs);
        ``blank_after``: a blank page after the letter, so that the body starts on a right-hand page.
        """
        copies = self._copies.get(id(letters))
        if copies is None or copies.reader is not letters:
            copies = self._copies[id(letters)] = _LetterObjects(letters, self.first_letter_number,
                                                                self.pages_ref.idnum)
        letter_kids = copies.pages(pages)
        new_kids = list(letter_kids)
        out = io.BytesIO()
        out.write(self.data)
        if not self.data.endswith(b"\n"):
            out.write(b"\n")
        offsets: dict[int, int] = {}
        for number in copies.reachable(new_kids):
            offsets[number] = out.tell()
            out.write(copies.blobs[number])
        info_number = copies.next_number
        extra: dict[int, bytes] = {}
        if blank_after:
            extra[info_number + 1] = serialised(info_number + 1, DictionaryObject({
                NameObject("/Type"): NameObject("/Page"), NameObject("/Parent"): self.pages_ref,
                NameObject("/MediaBox"): letters.pages[pages[-1]].mediabox,
                NameObject("/Resources"): DictionaryObject()}))
            new_kids.append(info_number + 1)
        if self.tags is not None:
            tree_objects = letter_tree(info_number + 2, letter_kids, lang or self.tags.lang, self.tags.root_number)
            extra.update(self.tags.objects(tree_objects, lang or self.tags.lang, tree_objects.next_number))
        for number, blob in extra.items():
            offsets[number] = out.tell()
            out.write(blob)
        tree = DictionaryObject({NameObject(k): v for k, v in self.pages_extra.items()})
        tree[NameObject("/Kids")] = ArrayObject(
            [IndirectObject(n, 0, None) for n in new_kids] + self.kids)  # type: ignore[arg-type]
        tree[NameObject("/Count")] = NumberObject(self.count + len(new_kids))
        offsets[self.pages_ref.idnum] = out.tell()
        out.write(indirect(self.pages_ref.idnum, tree))
        offsets[info_number] = out.tell()
        out.write(indirect(info_number, DictionaryObject({NameObject(k): TextStringObject(v) for k, v in info.items()})))
        xref = out.tell()
        out.write(b"xref\n0 1\n0000000000 65535 f \n")
        for number in sorted(offsets):
            out.write(f"{number} 1\n{offsets[number]:010d} 00000 n \n".encode())
        out.write(
            f"trailer\n<< /Size {max(offsets) + 1} /Root {self.root_ref.idnum} 0 R /Info {info_number} 0 R "
            f"/Prev {self.startxref} >>\nstartxref\n{xref}\n%%EOF\n".encode()
        )
        return out.getvalue()


class _LetterObjects:
    """The objects of a letters PDF renumbered after a body's, each serialised once.

    Every client of a chunk shares most of what their letter page needs (fonts, the blank letter
    form); serialising those once per chunk instead of once per client saves most of the copying.
    Only the objects reachable from a client's own pages are written into their file, and those
    pages are copies with resources of their own (isolate.py: fonts cut to the client's glyphs), so
    no other client's page, content, image or glyph ends up in it.
    """

    def __init__(self, reader: PdfReader, first_number: int, parent: int):
        self.reader = reader
        self.space = Isolation(reader)
        self.next_number = first_number
        self.parent = parent
        self.numbers: dict[int, int] = {}
        self.blobs: dict[int, bytes] = {}
        self.refs: dict[int, list[int]] = {}
        self.page_ids: set[int] = set()
        self.todo: list[int] = []

    def pages(self, indexes: range) -> list[int]:
        """The new numbers of pages ``indexes`` of the letters (one client's), their objects serialised."""
        own = self.space.own_pages(indexes)
        mark_pages(self.space, own)
        self.page_ids.update(own)
        numbers = [self._number(idnum) for idnum in own]
        self._serialise_pending()
        return numbers

    def reachable(self, roots: list[int]) -> list[int]:
        """Numbers of the objects ``roots`` need (themselves included), in ascending order."""
        seen: set[int] = set()
        stack = list(roots)
        while stack:
            number = stack.pop()
            if number not in seen:
                seen.add(number)
                stack.extend(self.refs[number])
        return sorted(seen)

    def _number(self, idnum: int) -> int:
        if idnum not in self.numbers:
            self.numbers[idnum] = self.next_number
            self.next_number += 1
            self.todo.append(idnum)
        return self.numbers[idnum]

    def _serialise_pending(self) -> None:
        while self.todo:  # serialising an object may number further objects
            idnum = self.todo.pop()
            number = self.numbers[idnum]
            refs: list[int] = []
            value = self.space.get(idnum)
            kind = value.get("/Type") if isinstance(value, DictionaryObject) else None
            if kind in ("/Page", "/Pages") and idnum not in self.page_ids:
                raise ValueError(f"object {idnum} of the letters refers to another page")  # never copy others' pages

            def renumber(source: int, refs: list[int] = refs) -> int:
                refs.append(self._number(source))
                return refs[-1]

            if idnum in self.page_ids:  # its own parent: the file's page tree (written last, not renumbered)
                page = DictionaryObject({k: v for k, v in cast(DictionaryObject, value).items() if k != "/Parent"})
                blob = indirect(number, page, renumber)
                blob = blob[:-len(b">>\nendobj\n")] + b"/Parent %d 0 R\n>>\nendobj\n" % self.parent
            else:  # streams keep their encoded bytes as they are
                blob = indirect(number, cast(PdfObject, value), renumber)
            self.blobs[number] = blob
            self.refs[number] = refs


def write_bytes(target: Path, data: bytes) -> None:
    """Write a file atomically (a half-written PDF never reaches the print shop)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)


class LetterFiles:
    """Standalone PDFs of letter pages alone (the thank-you mailing), one per client.

    Like :meth:`BodyTemplate.with_letter` without a body: the letter objects are serialised once
    per letters PDF, and each client's file gets only those its own pages reach.
    """

    PAGES, CATALOG = 1, 2

    def __init__(self, letters: PdfReader, lang: str):
        self.objects = _LetterObjects(letters, self.CATALOG + 1, self.PAGES)
        self.lang = lang

    def pdf(self, pages: range, info: dict[str, str]) -> bytes:
        """A complete PDF of ``pages`` of the letters, with ``info`` and the catalog's language."""
        kids = self.objects.pages(pages)
        out = io.BytesIO()
        out.write(b"%PDF-1.7\n%\xb5\xb6\xb7\xb8\n")
        offsets: dict[int, int] = {}
        for number in self.objects.reachable(kids):
            offsets[number] = out.tell()
            out.write(self.objects.blobs[number])
        info_number = self.objects.next_number
        tree = DictionaryObject({
            NameObject("/Type"): NameObject("/Pages"), NameObject("/Count"): NumberObject(len(kids)),
            NameObject("/Kids"): ArrayObject([IndirectObject(n, 0, None) for n in kids])})  # type: ignore[arg-type]
        catalog = DictionaryObject({
            NameObject("/Type"): NameObject("/Catalog"),
            NameObject("/Pages"): IndirectObject(self.PAGES, 0, None),  # type: ignore[arg-type]
            NameObject("/Lang"): TextStringObject(self.lang),
            NameObject("/MarkInfo"): DictionaryObject({NameObject("/Marked"): BooleanObject(True)}),
            NameObject("/StructTreeRoot"): IndirectObject(info_number + 1, 0, None)})  # type: ignore[arg-type]
        details = DictionaryObject({NameObject(k): TextStringObject(v) for k, v in info.items()})
        elements = letter_tree(info_number + 2, kids, self.lang, info_number + 1)
        leaf = elements.next_number
        blobs = {**elements.blobs, info_number + 1: serialised(info_number + 1, struct_root(elements, [], None, {}, leaf)),
                 leaf: serialised(leaf, elements.leaf)}
        for number, value in ((self.PAGES, tree), (self.CATALOG, catalog), (info_number, details)):
            blobs[number] = serialised(number, value)
        for number, blob in blobs.items():
            offsets[number] = out.tell()
            out.write(blob)
        xref = out.tell()
        # A file written whole has one cross-reference subsection from 0 (ISO 32000-1, 7.5.4);
        # numbers no page reaches are free entries. Poppler rebuilds a file of sparse subsections.
        size = max(offsets) + 1
        out.write(f"xref\n0 {size}\n".encode())
        for number in range(size):
            out.write(f"{offsets[number]:010d} 00000 n \n".encode() if number in offsets
                      else b"0000000000 65535 f \n")
        out.write(f"trailer\n<< /Size {size} /Root {self.CATALOG} 0 R /Info {info_number} 0 R >>\n"
                  f"startxref\n{xref}\n%%EOF\n".encode())
        return out.getvalue()
