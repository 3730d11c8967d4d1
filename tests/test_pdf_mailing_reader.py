"""The body reader of a mailing (assemble.LazyReader): the same objects as pypdf's, parsed one by one."""

from __future__ import annotations

import io

import pytest
import weasyprint
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from generator.pdf.assemble import BodyTemplate, LazyReader
from generator.pdf.tagging import serialised


@pytest.fixture(scope="module")
def tagged_pdf() -> bytes:
    parts = "".join(f"<h2>Part {i}</h2><p>Text {i} {'word ' * 40}</p>" for i in range(30))
    data = weasyprint.HTML(string=f"<html lang='en'><body>{parts}</body></html>").write_pdf(pdf_tags=True)
    assert len(PdfReader(io.BytesIO(data)).xref_objStm) > 100  # objects in object streams: what is tested here
    return data


def test_asking_for_the_catalog_parses_a_few_objects_not_the_whole_stream(tagged_pdf):
    lazy = LazyReader(tagged_pdf)
    assert lazy.trailer["/Root"]["/Pages"]["/Count"] > 1
    whole = PdfReader(io.BytesIO(tagged_pdf))
    assert whole.trailer["/Root"]["/Pages"]["/Count"] > 1
    assert len(lazy.resolved_objects) <= 5 < len(whole.xref_objStm) // 2 <= len(whole.resolved_objects)


def test_every_object_reads_as_pypdf_reads_it(tagged_pdf):
    lazy, whole = LazyReader(tagged_pdf), PdfReader(io.BytesIO(tagged_pdf))
    numbers = sorted(whole.xref_objStm, reverse=True)  # out of order: each read on its own
    for number in numbers:
        ours, theirs = lazy.get_object(number), whole.get_object(number)
        assert serialised(number, ours) == serialised(number, theirs), number
        assert ours.indirect_reference == IndirectObject(number, 0, lazy)
        assert lazy.get_object(number) is ours  # kept, not parsed again


def test_a_body_template_reads_the_tagged_body(tagged_pdf):
    body = BodyTemplate(tagged_pdf)
    assert body.count == len(PdfReader(io.BytesIO(tagged_pdf)).pages)
    assert body.tags is not None and body.tags.lang == "en"
