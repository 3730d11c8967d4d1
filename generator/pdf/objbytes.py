"""PDF objects to bytes exactly as pypdf writes them, without its per-object stream writes.

Every client's file serialises its own copies of the letter's pages, fonts, maps and structure
elements (assemble.py, tagging.py): tens of thousands of names, numbers and references a chunk.
pypdf's ``write_to_stream`` writes each of them through a stream call and escapes every name
character by character on every write; here the parts are joined once, a name is escaped once, and
references can be renumbered while they are written (no copy of the object first). The bytes are
pypdf's (``tests/test_speed_mail_objbytes.py`` compares them); types not handled here go through
pypdf's own ``write_to_stream``.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable

from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    EncodedStreamObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
    StreamObject,
)

Renumber = Callable[[int], int]
"""The number an indirect reference gets in the file being written (by the object's number in its source)."""
_LENGTH = NameObject("/Length")


def dumps(value: PdfObject, renumber: Renumber | None = None) -> bytes:
    """``value`` as pypdf's ``write_to_stream`` writes it; references renumbered by ``renumber``
    (generation 0 then, as the files written here number every object anew)."""
    parts: list[bytes] = []
    _dump(value, parts, renumber)
    return b"".join(parts)


def indirect(number: int, value: PdfObject, renumber: Renumber | None = None) -> bytes:
    """``number 0 obj … endobj`` of ``value``."""
    parts = [b"%d 0 obj\n" % number]
    _dump(value, parts, renumber)
    parts.append(b"\nendobj\n")
    return b"".join(parts)


@functools.lru_cache(maxsize=4096)
def _name(name: str) -> bytes:
    """A name escaped as pypdf escapes it (a pure function of the name's text)."""
    return NameObject(name).renumber()


def _dump(value: PdfObject, parts: list[bytes], renumber: Renumber | None) -> None:
    kind = type(value)
    if kind is IndirectObject:
        ref = value  # the type checked above; mypy does not narrow on `type(x) is`
        assert isinstance(ref, IndirectObject)
        parts.append(b"%d 0 R" % renumber(ref.idnum) if renumber is not None
                     else b"%d %d R" % (ref.idnum, ref.generation))
    elif kind is NameObject:
        parts.append(_name(str(value)))
    elif kind is NumberObject:
        parts.append(b"%d" % int(value))  # type: ignore[call-overload]
    elif kind is FloatObject:
        assert isinstance(value, FloatObject)
        parts.append(value.myrepr().encode())
    elif kind is ArrayObject:
        assert isinstance(value, ArrayObject)
        parts.append(b"[")
        for item in value:
            parts.append(b" ")
            _dump(item, parts, renumber)
        parts.append(b" ]")
    elif kind is DictionaryObject:
        assert isinstance(value, DictionaryObject)
        _dictionary(list(value.items()), parts, renumber)
    elif kind is EncodedStreamObject or kind is DecodedStreamObject:
        assert isinstance(value, (EncodedStreamObject, DecodedStreamObject))
        data = value._data
        items = list(value.items())
        length = NumberObject(len(data))
        if _LENGTH in value:  # pypdf sets /Length in place, or adds it last
            items = [(k, length if k == _LENGTH else v) for k, v in items]
        else:
            items.append((_LENGTH, length))
        _dictionary(items, parts, renumber)
        parts += [b"\nstream\n", data, b"\nendstream"]
    elif renumber is not None and isinstance(value, StreamObject):  # copied as assemble.py copies: data as is
        _dictionary([*((k, v) for k, v in value.items() if k != _LENGTH), (_LENGTH, NumberObject(len(value._data)))]
                    if _LENGTH not in value else
                    [(k, NumberObject(len(value._data)) if k == _LENGTH else v) for k, v in value.items()],
                    parts, renumber)
        parts += [b"\nstream\n", value._data, b"\nendstream"]
    elif renumber is not None and isinstance(value, DictionaryObject):
        _dictionary(list(value.items()), parts, renumber)
    elif renumber is not None and isinstance(value, ArrayObject):
        _dump(ArrayObject(value), parts, renumber)
    else:
        out = io.BytesIO()
        value.write_to_stream(out)
        parts.append(out.getvalue())


def _dictionary(items: list[tuple[PdfObject, PdfObject]], parts: list[bytes], renumber: Renumber | None) -> None:
    parts.append(b"<<\n")
    for key, item in items:
        text = str(key)
        if len(text) > 2 and text[1] == "%" and text[-1] == "%":
            continue  # pypdf leaves such keys out
        _dump(key, parts, renumber)
        parts.append(b" ")
        _dump(item, parts, renumber)
        parts.append(b"\n")
    parts.append(b">>")
