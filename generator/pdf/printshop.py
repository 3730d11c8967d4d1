"""What a print shop asks of a brochure beyond WeasyPrint's output: crop marks in a slug, pages
padded for saddle stitching, PDF/X-4 with a CMYK output intent (for mailings too: each client's
file, assembled from WeasyPrint's pages, gets the intent by an incremental update, :func:`x4_update`).

WeasyPrint 70 draws ``marks: crop`` inside the bleed (from the sheet's edge to half the bleed), so
they print over a cover's colour. Instead the page is laid out with bleed plus slug
(:data:`SHEET_MARGIN_MM`), and :func:`crop_marks` clips every page's drawing to the 3 mm bleed,
sets ``/BleedBox`` and draws the marks in the slug, outside the bleed.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import cast

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
    RectangleObject,
    StreamObject,
    TextStringObject,
)

from ..errors import UsageError

BLEED_MM = 3.0
SLUG_MM = 7.0
"""Room outside the bleed for the crop marks."""
SHEET_MARGIN_MM = BLEED_MM + SLUG_MM
"""What the laid-out page extends beyond the trim on each side (the CSS ``bleed``)."""
MARK_GAP_MM = 1.0
"""Crop marks start this far outside the bleed."""
PT_PER_MM = 72 / 25.4
CMYK_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
"""The CMYK output intent of PDF/X-4 files (Debian's libgs-common)."""


def x4_profiles() -> dict[str, object]:
    """WeasyPrint's colour profiles for PDF/X-4: the CMYK output intent as ``device-cmyk``."""
    from weasyprint.css import ColorProfile

    try:
        with CMYK_PROFILE.open("rb") as handle:
            profile = ColorProfile(handle, CMYK_PROFILE.name, "relative-colorimetric", (["c"], ["m"], ["y"], ["k"]))
    except OSError as exc:
        raise UsageError(f"--pdf-x4 needs a CMYK ICC profile at {CMYK_PROFILE} ({exc.strerror}): "
                         "install Debian's libgs-common (scripts/setup.sh does)") from None
    return {"device-cmyk": profile}


def _stream(writer: PdfWriter, data: bytes) -> object:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return writer._add_object(stream)


def _marks(trim: RectangleObject) -> bytes:
    """Eight crop-mark strokes along the trim edges, from outside the bleed to the sheet's edge."""
    start, end = (BLEED_MM + MARK_GAP_MM) * PT_PER_MM, SHEET_MARGIN_MM * PT_PER_MM
    left, bottom, right, top = (float(v) for v in (trim.left, trim.bottom, trim.right, trim.top))
    lines = []
    for x in (left, right):
        for y, sign in ((bottom, -1), (top, 1)):
            lines.append(f"{x:.3f} {y + sign * start:.3f} m {x:.3f} {y + sign * end:.3f} l")
    for y in (bottom, top):
        for x, sign in ((left, -1), (right, 1)):
            lines.append(f"{x + sign * start:.3f} {y:.3f} m {x + sign * end:.3f} {y:.3f} l")
    return ("\n/Artifact BMC q 0.25 w 0 0 0 1 K\n" + "\n".join(lines) + "\nS Q EMC\n").encode("ascii")


def crop_marks(data: bytes) -> bytes:
    """Pages clipped to the 3 mm bleed, ``/BleedBox`` set, crop marks drawn in the slug beyond it."""
    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter(clone_from=reader)
    writer.pdf_header = reader.pdf_header  # keep the version WeasyPrint chose (1.7 for PDF/UA-1)
    bleed = BLEED_MM * PT_PER_MM
    for page in writer.pages:
        trim = page.trimbox
        box = RectangleObject([float(trim.left) - bleed, float(trim.bottom) - bleed,
                               float(trim.right) + bleed, float(trim.top) + bleed])
        page[NameObject("/BleedBox")] = box
        page[NameObject("/ArtBox")] = RectangleObject(trim)
        clip = f"q {box.left:.3f} {box.bottom:.3f} {box.width:.3f} {box.height:.3f} re W n\n".encode("ascii")
        own = page.raw_get("/Contents")
        parts = list(own) if isinstance(own, ArrayObject) else [own]
        page[NameObject("/Contents")] = ArrayObject(
            [_stream(writer, clip), *parts, _stream(writer, b"\nQ" + _marks(trim))])  # type: ignore[list-item]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pad_pages(data: bytes, multiple: int) -> bytes:
    """Blank pages at the end until the count is a multiple of ``multiple`` (saddle stitching).

    The brochure has no back cover, so the blanks close it."""
    reader = PdfReader(io.BytesIO(data))
    missing = -len(reader.pages) % multiple
    if missing == 0:
        return data
    writer = PdfWriter(clone_from=reader)
    writer.pdf_header = reader.pdf_header
    last = writer.pages[-1]
    for _ in range(missing):
        blank = writer.add_blank_page(float(last.mediabox.width), float(last.mediabox.height))
        for key in ("/MediaBox", "/TrimBox", "/BleedBox", "/CropBox"):
            if key in last:
                blank[NameObject(key)] = cast(RectangleObject, last[key])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def x4_intent() -> PdfReader:
    """A one-page PDF/X-4 from WeasyPrint: the CMYK output intent and the PDF/X metadata to copy."""
    import weasyprint

    data = weasyprint.HTML(string="<p></p>").write_pdf(pdf_variant="pdf/x-4", color_profiles=x4_profiles())
    return PdfReader(io.BytesIO(data))


_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref\s+(\d+)\s+%%EOF\s*$", re.S)


def x4_update(data: bytes, intent: PdfReader, info: dict[str, str], *, catalog: bool) -> bytes:
    """``data`` (ending in a classic trailer, as assemble.py writes) as PDF/X-4, by an incremental update:
    ``info`` with ``/Trapped /False`` and, with ``catalog``, the output intent and XMP metadata of
    ``intent`` (:func:`x4_intent`) in the catalog (a brochure body rendered as PDF/X-4 has them)."""
    found = _TRAILER.search(data[-1024:])
    if found is None:
        raise ValueError("the PDF does not end in a classic trailer")
    fields = dict(re.findall(rb"/(Size|Root|Info) (\d+)", found.group(1)))
    size, root = int(fields[b"Size"]), int(fields[b"Root"])
    objects: dict[int, PdfObject] = {size: DictionaryObject({
        **{NameObject(k): TextStringObject(v) for k, v in info.items()},
        NameObject("/Trapped"): NameObject("/False")})}
    if catalog:
        own = cast(DictionaryObject, PdfReader(io.BytesIO(data)).trailer["/Root"])
        source = cast(DictionaryObject, intent.trailer["/Root"])
        wanted = cast(DictionaryObject, cast(ArrayObject, source["/OutputIntents"])[0].get_object())
        profile, metadata = DecodedStreamObject(), DecodedStreamObject()
        profile.set_data(cast(StreamObject, wanted["/DestOutputProfile"].get_object()).get_data())
        profile[NameObject("/N")] = NumberObject(4)
        metadata.set_data(cast(StreamObject, source["/Metadata"].get_object()).get_data())
        metadata.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
        output = DictionaryObject({NameObject(k): v for k, v in wanted.items() if k != "/DestOutputProfile"})
        output[NameObject("/DestOutputProfile")] = _ref(size + 1)
        new_root = DictionaryObject({NameObject(k): v for k, v in own.items()})
        new_root[NameObject("/OutputIntents")] = ArrayObject([output])
        new_root[NameObject("/Metadata")] = _ref(size + 2)
        objects.update({size + 1: profile.flate_encode(), size + 2: metadata, root: new_root})
    out = io.BytesIO()
    out.write(data if data.endswith(b"\n") else data + b"\n")
    offsets = {}
    for number, value in sorted(objects.items()):
        offsets[number] = out.tell()
        out.write(f"{number} 0 obj\n".encode())
        value.write_to_stream(out)
        out.write(b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 1\n0000000000 65535 f \n")
    for number in sorted(offsets):
        out.write(f"{number} 1\n{offsets[number]:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {max(offsets) + 1} /Root {root} 0 R /Info {size} 0 R "
              f"/Prev {int(found.group(2))} >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _ref(number: int) -> IndirectObject:
    return IndirectObject(number, 0, None)  # type: ignore[arg-type]
