"""The mailing's own PDF object writer (generator/pdf/objbytes.py) writes pypdf's bytes exactly,
and the mailing's fork server preloads modules that exist (it skips a missing one in silence)."""

from __future__ import annotations

import importlib
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    EncodedStreamObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    PdfObject,
    TextStringObject,
)

from generator.pdf.mailing import PRELOAD_MAILING
from generator.pdf.objbytes import dumps, indirect
from generator.pdf.render import render_pdf


def pypdf_bytes(value: PdfObject) -> bytes:
    out = io.BytesIO()
    value.write_to_stream(out)
    return out.getvalue()


def ref(number: int, generation: int = 0) -> IndirectObject:
    return IndirectObject(number, generation, None)  # type: ignore[arg-type]


def samples() -> list[PdfObject]:
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 12 Tf (x) Tj ET")
    stream[NameObject("/Filter")] = NameObject("/None")
    with_length = EncodedStreamObject()
    with_length[NameObject("/Length")] = NumberObject(999)  # pypdf rewrites it in place
    with_length[NameObject("/Type")] = NameObject("/XObject")
    with_length._data = b"\x00\x01binary\xff"
    return [
        NameObject("/Plain"), NameObject("/With#Hash"), NameObject("/Sp ace(paren)"), NameObject("/Ünï"),
        NumberObject(0), NumberObject(-17), NumberObject(10**12), FloatObject(0.0), FloatObject(-3.25),
        FloatObject(595.2756), FloatObject(1e-5), FloatObject(12345.678901), BooleanObject(True),
        BooleanObject(False), NullObject(), TextStringObject("Plain text"), TextStringObject("张敏 – مرحبا"),
        ByteStringObject(b"\x00\xff"), ref(12), ref(7, 3), ArrayObject(), DictionaryObject(),
        ArrayObject([NumberObject(1), ArrayObject([FloatObject(0.5), NameObject("/A")]), ref(3)]),
        DictionaryObject({NameObject("/Type"): NameObject("/Page"), NameObject("/%skip%"): NumberObject(1),
                          NameObject("/Kids"): ArrayObject([ref(4), ref(5)]),
                          NameObject("/Nested"): DictionaryObject({NameObject("/Lang"): TextStringObject("ja")})}),
        stream, with_length,
    ]


@pytest.mark.parametrize("value", samples(), ids=lambda v: type(v).__name__)
def test_dumps_writes_what_pypdf_writes(value: PdfObject) -> None:
    assert dumps(value) == pypdf_bytes(value)
    assert indirect(42, value) == b"42 0 obj\n" + pypdf_bytes(value) + b"\nendobj\n"


def test_renumbering_writes_the_new_numbers_and_reports_each_reference() -> None:
    value = DictionaryObject({NameObject("/Font"): ref(3, 2),
                              NameObject("/Kids"): ArrayObject([ref(4), ref(3)])})
    seen: list[int] = []

    def renumber(number: int) -> int:
        seen.append(number)
        return number + 100

    renumbered = DictionaryObject({NameObject("/Font"): ref(103),
                                   NameObject("/Kids"): ArrayObject([ref(104), ref(103)])})
    assert dumps(value, renumber) == pypdf_bytes(renumbered)
    assert seen == [3, 4, 3]


def test_every_object_of_a_weasyprint_pdf_is_written_as_pypdf_writes_it(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    html = ("<html lang='en'><body><h1>Letter</h1><p>Dear Ms Murphy, <b>thank you</b>.</p>"
            "<p style='color: #c00'>Line (two) / 100%</p></body></html>")
    data = render_pdf(html, "@page { size: A5 } body { font-family: sans-serif }", tmp_path, tagged=True)
    reader = PdfReader(io.BytesIO(data))
    numbers = [n for n in range(1, int(reader.trailer["/Size"])) if reader.xref_objStm.get(n) or
               any(n in table for table in reader.xref.values())]
    assert len(numbers) > 20
    for number in numbers:
        value = reader.get_object(number)
        assert value is not None
        assert dumps(value) == pypdf_bytes(value), number


@pytest.mark.parametrize("module", PRELOAD_MAILING)
def test_mailing_preload_names_modules_that_import(module: str) -> None:
    importlib.import_module(module)
