"""Reading what a content stream draws (generator/pdf/contents.py), used to cut letters' resources."""

from __future__ import annotations

import pytest

from generator.pdf.contents import drawn


def test_fonts_strings_and_resources_are_found_in_arrays_literals_and_around_inline_images():
    stream = (b"q /Letter Do Q BT /F1 12 Tf [<0012 0034> -120 <0056>] TJ (a\\(b\\)\\101) Tj ET\n"
              b"/Span <</MCID 3>> BDC /P0 scn /GS1 gs EMC % /Comment Do\n"
              b"BI /W 1 /H 1 /BPC 8 ID \x00/Fake Do\x01 EI BT /F2 9 Tf 1 2 (x) \" ET")
    found = drawn(stream)
    assert dict(found.names) == {"/XObject": {"/Letter"}, "/Font": {"/F1", "/F2"}, "/Pattern": {"/P0"},
                                 "/ExtGState": {"/GS1"}}
    assert found.strings["/F1"] == [b"\x00\x12\x00\x34", b"\x00\x56", b"a(b)A"]
    assert found.strings["/F2"] == [b"x"]


def test_text_without_a_font_is_refused():
    with pytest.raises(ValueError, match="before a font"):
        drawn(b"BT (x) Tj ET")
