"""Each client's letter pages with resources of their own: nothing that another client's page drew.

The letters of many clients are laid out in one WeasyPrint document, whose pages share one
resources dictionary and one subset per font: the glyphs, widths and Unicode map of every client's
name, organisation and address, every client's emoji image. :class:`Isolation` reads what a
client's pages draw (their content streams, and the forms they paint: contents.py) and gives them
copies that name only those resources, each font re-subset to the glyphs drawn (hbsubset.py) with
its ``ToUnicode`` map, widths and encoding cut to match. Images, colour spaces and content streams
are shared as they are: they are either the client's own or the letter text all clients share.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from typing import cast

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    EncodedStreamObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
    StreamObject,
)

from .contents import Drawn, drawn
from .hbsubset import FontProgram

_SECTION = re.compile(rb"\d+\s+begin(bfchar|bfrange|cidchar|cidrange)(.*?)end\1", re.S)
_PAIR = re.compile(rb"<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\d+)")
_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\d+|\[[^\]]*\])")
_TEXT_OPERATORS = (b"/", b"Tj", b"TJ", b"'", b'"')
_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")

CMap = dict[int, tuple[bytes, bytes]]
"""A CMap's mappings: code -> (the code as written, what it maps to as written)."""


class Isolation:
    """The pages of a letters PDF as copies with resources of their own, one client at a time.

    Copies get ids above the reader's (see :meth:`get`); what they share with the reader's objects
    (content streams, images) keeps the reader's ids. Parsed forms, maps and font programs are kept
    for the next client of the same PDF.
    """

    def __init__(self, reader: PdfReader):
        self.reader = reader
        self.objects: dict[int, PdfObject] = {}
        self._next = int(cast(NumberObject, reader.trailer["/Size"]))
        self._forms: dict[int, Drawn] = {}
        self._cmaps: dict[int, CMap] = {}
        self._programs: dict[int, FontProgram] = {}
        self._subsets: dict[tuple[int, frozenset[int]], tuple[bytes, int]] = {}
        self._widths: dict[int, dict[int, PdfObject]] = {}

    def get(self, idnum: int) -> PdfObject:
        """The object ``idnum``: a copy made here, or the reader's."""
        found = self.objects.get(idnum)
        return found if found is not None else cast(PdfObject, self.reader.get_object(idnum))

    def own_pages(self, indexes: range) -> list[int]:
        """Ids of copies of pages ``indexes`` (one client's) drawing with resources of their own."""
        client = _Client(self)
        for index in indexes:
            page = self.reader.pages[index]
            client.read(_id(page.indirect_reference), page, _page_contents(page))
        return [client.page(self.reader.pages[index]) for index in indexes]

    def add(self, value: PdfObject) -> IndirectObject:
        idnum, self._next = self._next, self._next + 1
        self.objects[idnum] = value
        return IndirectObject(idnum, 0, None)  # type: ignore[arg-type]

    def form_drawing(self, idnum: int, data: bytes) -> Drawn:
        if idnum not in self._forms:
            self._forms[idnum] = drawn(data)
        return self._forms[idnum]

    def cmap(self, ref: IndirectObject) -> CMap:
        if ref.idnum not in self._cmaps:
            self._cmaps[ref.idnum] = _read_cmap(cast(StreamObject, ref.get_object()).get_data())
        return self._cmaps[ref.idnum]

    def font_file(self, ref: IndirectObject, glyphs: set[int]) -> tuple[bytes, int]:
        """The font file ``ref`` subset to ``glyphs``: Flate-compressed bytes and their length unpacked."""
        key = (ref.idnum, frozenset(glyphs))
        if key not in self._subsets:
            data = self.program(ref).subset(glyphs)
            self._subsets[key] = (zlib.compress(data), len(data))
        return self._subsets[key]

    def widths(self, ref: PdfObject, cid_font: DictionaryObject) -> dict[int, PdfObject]:
        """The widths of a CIDFont by CID (its ``W`` array read once per font)."""
        key = ref.idnum if isinstance(ref, IndirectObject) else id(cid_font)
        if key not in self._widths:
            self._widths[key] = _read_widths(cast(ArrayObject, cid_font["/W"]))
        return self._widths[key]

    def program(self, ref: IndirectObject) -> FontProgram:
        if ref.idnum not in self._programs:
            self._programs[ref.idnum] = FontProgram(cast(StreamObject, ref.get_object()).get_data())
        return self._programs[ref.idnum]


class _Client:
    """What one client's pages draw, then their copies."""

    def __init__(self, isolation: Isolation):
        self.isolation = isolation
        self.used: dict[int, dict[str, set[str]]] = {}
        """Resource names each page or form draws, by category."""
        self.codes: dict[int, set[int]] = defaultdict(set)
        """Character codes shown with each font (by id)."""
        self.copies: dict[int, IndirectObject] = {}

    def read(self, owner: int, holder: DictionaryObject, drawing: Drawn) -> None:
        """Note what ``drawing`` (the contents of page or form ``owner``) draws, forms painted included."""
        if owner in self.used:
            return
        self.used[owner] = drawing.names
        resources = _resolved(holder.get("/Resources"))
        fonts = _resolved(resources.get("/Font"))
        for name, strings in drawing.strings.items():
            ref = fonts.raw_get(name) if name in fonts else None
            if not isinstance(ref, IndirectObject):
                continue  # a name the resources lack: nothing is drawn
            width = 2 if _resolved(ref).get("/Subtype") == "/Type0" else 1
            self.codes[ref.idnum].update(
                int.from_bytes(s[i:i + width], "big") for s in strings for i in range(0, len(s), width))
        for category in ("/XObject", "/Pattern"):
            entries = _resolved(resources.get(category))
            for name in drawing.names.get(category, ()):
                ref = entries.raw_get(name) if name in entries else None
                target = ref.get_object() if isinstance(ref, IndirectObject) else None
                if isinstance(target, StreamObject) and "/Resources" in target:
                    self.read(_id(ref), target, self.isolation.form_drawing(_id(ref), target.get_data()))

    def page(self, page: DictionaryObject) -> int:
        copy = DictionaryObject({NameObject(k): v for k, v in page.items() if k not in ("/Parent", "/Resources")})
        copy[NameObject("/Resources")] = self.resources(page, _id(page.indirect_reference))
        return self.isolation.add(copy).idnum

    def resources(self, holder: DictionaryObject, owner: int) -> DictionaryObject:
        """Resources of ``holder`` (a page or form) cut to what it draws, fonts and forms copied."""
        own = DictionaryObject()
        used = self.used.get(owner, {})
        for category, value in _resolved(holder.get("/Resources")).items():
            if category == "/ProcSet":
                own[NameObject(category)] = value
                continue
            entries = _resolved(value)
            kept = DictionaryObject({NameObject(name): self.entry(category, entries.raw_get(name))
                                     for name in sorted(used.get(category, ())) if name in entries})
            if kept:
                own[NameObject(category)] = kept
        return own

    def entry(self, category: str, ref: PdfObject) -> PdfObject:
        if not isinstance(ref, IndirectObject):
            return ref
        if ref.idnum not in self.copies:
            target = ref.get_object()
            if category == "/Font":
                self.copies[ref.idnum] = self.isolation.add(self.font(ref.idnum, cast(DictionaryObject, target)))
            elif isinstance(target, StreamObject) and "/Resources" in target:
                form = _stream_copy(target, exclude=("/Resources",))
                form[NameObject("/Resources")] = self.resources(target, ref.idnum)
                self.copies[ref.idnum] = self.isolation.add(form)
            else:
                return ref  # images and the like: drawn by this client, shared as they are
        return self.copies[ref.idnum]

    def font(self, idnum: int, font: DictionaryObject) -> DictionaryObject:
        """A copy of ``font`` knowing only the codes this client shows with it."""
        codes = self.codes.get(idnum, set())
        copy = DictionaryObject(font)
        if "/ToUnicode" in font:
            copy[NameObject("/ToUnicode")] = self._cmap_copy(font.raw_get("/ToUnicode"), codes)
        subtype = font.get("/Subtype")
        if subtype == "/Type0":
            encoding = font.raw_get("/Encoding")
            cids = codes
            if isinstance(encoding, IndirectObject):
                mapping = self.isolation.cmap(encoding)
                cids = {int(mapping[c][1]) if c in mapping else 0 for c in codes}
                copy[NameObject("/Encoding")] = self._cmap_copy(encoding, codes)
            descendants = cast(ArrayObject, font["/DescendantFonts"])
            copy[NameObject("/DescendantFonts")] = ArrayObject(
                [self.isolation.add(self._cid_font(descendants[0], cids))])
        elif subtype == "/Type3":
            copy.update(self._type3_glyphs(font, codes))
        else:
            raise ValueError(f"cannot cut font subtype {subtype} to one client's glyphs")
        return copy

    def _cid_font(self, ref: PdfObject, cids: set[int]) -> DictionaryObject:
        cid_font = cast(DictionaryObject, ref.get_object())
        copy = DictionaryObject(cid_font)
        if "/W" in cid_font:
            known = self.isolation.widths(ref, cid_font)
            copy[NameObject("/W")] = _cut_widths(known, cids)
        descriptor = DictionaryObject(cast(DictionaryObject, cid_font["/FontDescriptor"]))
        descriptor.pop("/CIDSet", None)  # optional; it would list the glyphs of every client
        for key in _FONT_FILES:
            file = descriptor.raw_get(key) if key in descriptor else None
            if isinstance(file, IndirectObject):
                data, length = self.isolation.font_file(file, cids)
                stream = _stream_copy(cast(StreamObject, file.get_object()), exclude=("/Length1", "/Filter", "/DecodeParms"))
                stream._data = data
                stream[NameObject("/Filter")] = NameObject("/FlateDecode")
                if key == "/FontFile2":
                    stream[NameObject("/Length1")] = NumberObject(length)
                subtype = self.isolation.program(file).subtype
                if subtype is not None:
                    stream[NameObject("/Subtype")] = NameObject(subtype)
                descriptor[NameObject(key)] = self.isolation.add(stream)
        copy[NameObject("/FontDescriptor")] = self.isolation.add(descriptor)
        return copy

    def _type3_glyphs(self, font: DictionaryObject, codes: set[int]) -> DictionaryObject:
        """A Type 3 font's glyph procedures and encoding cut to ``codes``."""
        encoding = DictionaryObject(cast(DictionaryObject, font.get("/Encoding", DictionaryObject())))
        names: dict[int, str] = {}
        code = 0
        for item in cast(ArrayObject, encoding.get("/Differences", ArrayObject())):
            if isinstance(item, NameObject):
                names[code], code = str(item), code + 1
            else:
                code = int(cast(NumberObject, item))
        kept = {names[c] for c in codes if c in names}
        differences = ArrayObject()
        for c in sorted(c for c in codes if c in names):
            differences += [NumberObject(c), NameObject(names[c])]
        encoding[NameObject("/Differences")] = differences
        procs = cast(DictionaryObject, font["/CharProcs"])
        own = DictionaryObject({NameObject(k): v for k, v in procs.items() if k in kept})
        return DictionaryObject({NameObject("/Encoding"): encoding, NameObject("/CharProcs"): self.isolation.add(own)})

    def _cmap_copy(self, ref: PdfObject, codes: set[int]) -> PdfObject:
        if not isinstance(ref, IndirectObject):
            return ref  # a predefined CMap's name (/Identity-H)
        stream = cast(StreamObject, ref.get_object())
        mapping = self.isolation.cmap(ref)
        copy = DecodedStreamObject()
        copy.update({NameObject(k): v for k, v in stream.items() if k not in ("/Filter", "/Length", "/DecodeParms")})
        copy.set_data(_write_cmap(stream.get_data(), {c: mapping[c] for c in sorted(codes) if c in mapping}))
        return self.isolation.add(copy.flate_encode())


def _read_cmap(data: bytes) -> CMap:
    """The ``bfchar``/``bfrange`` (ToUnicode) or ``cidchar``/``cidrange`` (encoding) mappings of a CMap."""
    mapping: CMap = {}
    for section in _SECTION.finditer(data):
        kind, body = section.group(1), section.group(2)
        if kind.endswith(b"char"):
            for source, target in _PAIR.findall(body):
                mapping[int(source, 16)] = (source, target)
            continue
        for low, high, target in _RANGE.findall(body):
            first, width = int(low, 16), len(low)
            for offset, code in enumerate(range(first, int(high, 16) + 1)):
                mapping[code] = (f"{code:0{width}x}".encode(), _range_target(target, offset))
    return mapping


def _range_target(target: bytes, offset: int) -> bytes:
    if target.startswith(b"["):
        return re.findall(rb"<[0-9A-Fa-f]*>", target)[offset]
    if target.startswith(b"<"):
        digits = target[1:-1]
        return b"<" + f"{int(digits, 16) + offset:0{len(digits)}x}".encode() + b">"
    return str(int(target) + offset).encode()


def _write_cmap(original: bytes, mapping: CMap) -> bytes:
    """``original`` with its mapping sections replaced by ``mapping`` (header and trailer kept)."""
    sections = list(_SECTION.finditer(original))
    if not sections:
        return original
    kind = b"cidchar" if sections[0].group(1).startswith(b"cid") else b"bfchar"
    lines = [original[:sections[0].start()].rstrip()]
    items = list(mapping.values())
    for start in range(0, len(items), 100):
        batch = items[start:start + 100]
        lines.append(f"{len(batch)} begin".encode() + kind)
        lines += [b"<" + source + b"> " + target for source, target in batch]
        lines.append(b"end" + kind)
    lines.append(original[sections[-1].end():].lstrip())
    return b"\n".join(lines)


def _read_widths(widths: ArrayObject) -> dict[int, PdfObject]:
    """A CIDFont's ``W`` array as CID -> width."""
    known: dict[int, PdfObject] = {}
    i = 0
    while i < len(widths):
        first = int(cast(NumberObject, widths[i]))
        if isinstance(widths[i + 1], ArrayObject):
            known.update((first + k, w) for k, w in enumerate(cast(ArrayObject, widths[i + 1])))
            i += 2
        else:
            known.update((cid, widths[i + 2]) for cid in range(first, int(cast(NumberObject, widths[i + 1])) + 1))
            i += 3
    return known


def _cut_widths(known: dict[int, PdfObject], cids: set[int]) -> ArrayObject:
    """A ``W`` array of the widths in ``known`` of ``cids``."""
    cut = ArrayObject()
    for cid in sorted(c for c in cids if c in known):
        if cut and int(cast(NumberObject, cut[-2])) + len(cast(ArrayObject, cut[-1])) == cid:
            cast(ArrayObject, cut[-1]).append(known[cid])
        else:
            cut += [NumberObject(cid), ArrayObject([known[cid]])]
    return cut


def _page_contents(page: DictionaryObject) -> Drawn:
    contents = page.get("/Contents")
    streams = contents if isinstance(contents, ArrayObject) else [contents] if contents is not None else []
    data = [cast(StreamObject, s.get_object()).get_data() for s in streams]
    # a stream with neither a name nor a text operator selects no resource and shows no text
    # (the QR code's thousands of squares): leave it unread
    return drawn(b"\n".join(part for part in data if any(marker in part for marker in _TEXT_OPERATORS)))


def _stream_copy(stream: StreamObject, exclude: tuple[str, ...]) -> EncodedStreamObject:
    copy = EncodedStreamObject()
    copy.update({NameObject(k): v for k, v in stream.items() if k not in exclude})
    copy._data = stream._data  # the encoded bytes, as they are
    return copy


def _resolved(value: PdfObject | None) -> DictionaryObject:
    found = value.get_object() if value is not None else None
    return found if isinstance(found, DictionaryObject) else DictionaryObject()


def _id(ref: IndirectObject | None) -> int:
    if ref is None:
        raise ValueError("a letter page or form is not an indirect object")
    return ref.idnum
