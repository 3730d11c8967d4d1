"""Font subsetting with HarfBuzz (Debian's libharfbuzz-subset0, which WeasyPrint uses too).

Re-subsetting a WeasyPrint subset for one client (see isolate.py) takes a few milliseconds with
HarfBuzz and seconds with fontTools for a CJK font, so fontTools is only the fallback.
"""

from __future__ import annotations

import ctypes.util
import io
import logging
from typing import Any

import cffi
from fontTools import subset
from fontTools.ttLib import TTFont

log = logging.getLogger(__name__)

_CDEF = """
typedef struct hb_blob_t hb_blob_t;
typedef struct hb_face_t hb_face_t;
typedef struct hb_set_t hb_set_t;
typedef struct hb_subset_input_t hb_subset_input_t;
typedef void (*hb_destroy_func_t) (void *user_data);
hb_blob_t *hb_blob_create (const char *data, unsigned int length, int mode, void *user_data,
                           hb_destroy_func_t destroy);
void hb_blob_destroy (hb_blob_t *blob);
const char *hb_blob_get_data (hb_blob_t *blob, unsigned int *length);
hb_face_t *hb_face_create (hb_blob_t *blob, unsigned int index);
hb_blob_t *hb_face_reference_blob (hb_face_t *face);
void hb_face_destroy (hb_face_t *face);
void hb_set_add (hb_set_t *set, unsigned int codepoint);
hb_subset_input_t *hb_subset_input_create_or_fail (void);
void hb_subset_input_destroy (hb_subset_input_t *input);
hb_set_t *hb_subset_input_glyph_set (hb_subset_input_t *input);
void hb_subset_input_set_flags (hb_subset_input_t *input, unsigned value);
hb_set_t *hb_subset_input_set (hb_subset_input_t *input, int set_type);
hb_face_t *hb_subset_or_fail (hb_face_t *source, const hb_subset_input_t *input);
"""
_READONLY = 1
_RETAIN_GIDS, _DESUBROUTINIZE, _PASSTHROUGH_UNRECOGNIZED, _NOTDEF_OUTLINE = 0x2, 0x4, 0x20, 0x40
_FLAGS = _DESUBROUTINIZE | _PASSTHROUGH_UNRECOGNIZED | _NOTDEF_OUTLINE
_DROP_TABLE_TAG = 3
_LAYOUT_TABLES = (b"GSUB", b"GPOS", b"GDEF", b"BASE", b"JSTF", b"MATH", b"morx", b"mort", b"kerx")
"""Dropped: their glyph closure would add glyphs the client's text does not draw (ligatures, forms)."""


def _load() -> tuple[cffi.FFI, Any, Any] | None:
    ffi = cffi.FFI()
    ffi.cdef(_CDEF)
    try:
        hb = ffi.dlopen(ctypes.util.find_library("harfbuzz") or "libharfbuzz.so.0")
        hb_subset = ffi.dlopen(ctypes.util.find_library("harfbuzz-subset") or "libharfbuzz-subset.so.0")
    except OSError:
        log.warning("libharfbuzz-subset0 is missing: re-subsetting letter fonts with fontTools (much slower)")
        return None
    return ffi, hb, hb_subset


_LIB = _load()


class FontProgram:
    """One font file (TrueType or OpenType/CFF bytes), subset again and again to glyph sets.

    Glyph ids stay those of the PDF's character codes: kept as they are (TrueType, name-keyed CFF),
    or, in a CID-keyed CFF font, renumbered while the font's charset keeps each glyph's CID, which
    is what a PDF CIDFontType0 draws by; such a font is embedded as its bare CFF table
    (``/CIDFontType0C``: poppler ignores the charset of an OpenType-wrapped one). The latter is
    much faster for CJK fonts: a WeasyPrint subset still counts every glyph up to the highest one
    used (63,000 in Noto Sans CJK), and keeping them takes HarfBuzz ~50 ms per client.
    """

    def __init__(self, data: bytes):
        self.data = data
        cff = _cff_table(data)
        self.cid_keyed = cff is not None and _first_operator(_top_dict(cff)) == (12, 30)
        self.subtype = "/CIDFontType0C" if self.cid_keyed else None
        """The ``/Subtype`` of the embedded font file when it must change (None: keep it)."""
        self._face: Any = None
        if _LIB is not None:
            ffi, hb, _ = _LIB
            self._buffer = ffi.from_buffer(data)  # kept alive as long as the blob reads it
            blob = hb.hb_blob_create(self._buffer, len(data), _READONLY, ffi.NULL, ffi.NULL)
            self._face = ffi.gc(hb.hb_face_create(blob, 0), hb.hb_face_destroy)
            hb.hb_blob_destroy(blob)  # the face holds its own reference

    def subset(self, glyphs: set[int]) -> bytes:
        """The font file to embed with only ``glyphs`` (and .notdef) (see :attr:`subtype`)."""
        data = self._fonttools_subset(glyphs) if self._face is None else self._harfbuzz_subset(glyphs)
        return _cff_table(data) or data if self.cid_keyed else data

    def _harfbuzz_subset(self, glyphs: set[int]) -> bytes:
        ffi, hb, hb_subset = _LIB  # type: ignore[misc]
        request = ffi.gc(hb_subset.hb_subset_input_create_or_fail(), hb_subset.hb_subset_input_destroy)
        if request == ffi.NULL:
            raise MemoryError("HarfBuzz could not create a subset request")
        wanted = hb_subset.hb_subset_input_glyph_set(request)
        for glyph in {0, *glyphs}:
            hb.hb_set_add(wanted, glyph)
        dropped = hb_subset.hb_subset_input_set(request, _DROP_TABLE_TAG)
        for tag in _LAYOUT_TABLES:
            hb.hb_set_add(dropped, int.from_bytes(tag, "big"))
        hb_subset.hb_subset_input_set_flags(request, _FLAGS | (0 if self.cid_keyed else _RETAIN_GIDS))
        face = hb_subset.hb_subset_or_fail(self._face, request)
        if face == ffi.NULL:
            raise ValueError("HarfBuzz could not subset a letter font")
        face = ffi.gc(face, hb.hb_face_destroy)
        blob = hb.hb_face_reference_blob(face)
        try:
            length = ffi.new("unsigned int *")
            data = hb.hb_blob_get_data(blob, length)
            return bytes(ffi.buffer(data, length[0]))
        finally:
            hb.hb_blob_destroy(blob)

    def _fonttools_subset(self, glyphs: set[int]) -> bytes:
        options = subset.Options(retain_gids=not self.cid_keyed, passthrough_tables=True, ignore_missing_glyphs=True,
                                 desubroutinize=True, notdef_outline=True, layout_closure=False)
        options.drop_tables += [tag.decode() for tag in _LAYOUT_TABLES]
        subsetter = subset.Subsetter(options)
        subsetter.populate(gids=sorted({0, *glyphs}))
        font = TTFont(io.BytesIO(self.data))
        subsetter.subset(font)
        out = io.BytesIO()
        font.save(out)
        return out.getvalue()


def _cff_table(data: bytes) -> bytes | None:
    """The CFF table of an OpenType font, or None."""
    if data[:4] != b"OTTO":
        return None
    for i in range(int.from_bytes(data[4:6], "big")):
        entry = data[12 + 16 * i:28 + 16 * i]
        if entry[:4] == b"CFF ":
            start = int.from_bytes(entry[8:12], "big")
            return data[start:start + int.from_bytes(entry[12:16], "big")]
    return None


def _top_dict(cff: bytes) -> bytes:
    """The Top DICT of a CFF table (after the header and the Name INDEX)."""
    return _index_item(cff, _index_end(cff, cff[2]))


def _index_end(cff: bytes, pos: int) -> int:
    count = int.from_bytes(cff[pos:pos + 2], "big")
    if count == 0:
        return pos + 2
    size = cff[pos + 2]
    last = int.from_bytes(cff[pos + 3 + count * size:pos + 3 + (count + 1) * size], "big")
    return pos + 3 + (count + 1) * size + last - 1


def _index_item(cff: bytes, pos: int) -> bytes:
    """The first item of the INDEX at ``pos``."""
    count, size = int.from_bytes(cff[pos:pos + 2], "big"), cff[pos + 2]
    base = pos + 3 + (count + 1) * size - 1
    first = int.from_bytes(cff[pos + 3:pos + 3 + size], "big")
    second = int.from_bytes(cff[pos + 3 + size:pos + 3 + 2 * size], "big")
    return cff[base + first:base + second]


def _first_operator(dictionary: bytes) -> tuple[int, ...] | None:
    """The first operator of a CFF DICT, skipping its operands (CFF spec, 4)."""
    pos = 0
    while pos < len(dictionary):
        byte = dictionary[pos]
        if byte == 12:
            return (12, dictionary[pos + 1])
        if byte <= 21:
            return (byte,)
        if byte == 28:
            pos += 3
        elif byte == 29:
            pos += 5
        elif byte == 30:  # a real: nibbles until one is 0xf
            pos += 1
            while pos < len(dictionary) and 0xF not in (dictionary[pos] >> 4, dictionary[pos] & 0xF):
                pos += 1
            pos += 1
        elif byte >= 247:
            pos += 2
        else:
            pos += 1
    return None
