"""Structure tags for letter pages joined to a tagged body (PDF/UA-1: every page's text in the tree).

WeasyPrint tags the brochure body; the letters are laid out many clients to a document and cut
apart (assemble.py), so their tags cannot follow them. Instead each letter page's content becomes
one marked-content sequence (MCID 0) owned by a ``/P`` element, all of a client's pages under one
``/Sect`` carrying the letter's language, and the body's own tree kept whole beside it.
Letter pages take parent-tree keys from :data:`LETTER_KEYS` on, far above any body key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
    TextStringObject,
)

from .isolate import Isolation
from .objbytes import indirect

LETTER_KEYS = 1_000_000
"""Parent-tree key of a client's first letter page (the next pages count up from it)."""
_OPEN, _CLOSE = b"/P <</MCID 0>> BDC\n", b"\nEMC\n"


def ref(number: int) -> IndirectObject:
    return IndirectObject(number, 0, None)  # type: ignore[arg-type]


def serialised(number: int, value: PdfObject) -> bytes:
    """``number 0 obj … endobj`` of ``value``."""
    return indirect(number, value)


def mark_pages(space: Isolation, page_ids: list[int]) -> None:
    """Wrap each page (copies made by ``space``) in one marked-content sequence and give it a key."""
    opening, closing = DecodedStreamObject(), DecodedStreamObject()
    opening.set_data(_OPEN)
    closing.set_data(_CLOSE)
    open_ref, close_ref = space.add(opening), space.add(closing)
    for k, idnum in enumerate(page_ids):
        page = cast(DictionaryObject, space.get(idnum))
        own = page.raw_get("/Contents")
        parts = list(own) if isinstance(own, ArrayObject) else [own] if own is not None else []
        page[NameObject("/Contents")] = ArrayObject([open_ref, *parts, close_ref])
        page[NameObject("/StructParents")] = NumberObject(LETTER_KEYS + k)
        page[NameObject("/Tabs")] = NameObject("/S")


@dataclass
class LetterTree:
    """A client's letter elements: a ``/Sect`` in the letter's language, one ``/P`` per page."""

    sect: int
    blobs: dict[int, bytes] = field(default_factory=dict)
    leaf: DictionaryObject = field(default_factory=DictionaryObject)
    """The parent-tree leaf of the letter pages (``/Limits`` and ``/Nums``)."""
    next_number: int = 0


def letter_tree(first: int, pages: list[int], lang: str, root: int) -> LetterTree:
    """Elements numbered from ``first`` for letter pages ``pages`` (object numbers), under ``root``."""
    tree = LetterTree(sect=first)
    kids, nums = ArrayObject(), ArrayObject()
    for k, page in enumerate(pages):
        number = first + 1 + k
        tree.blobs[number] = serialised(number, DictionaryObject({
            NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/P"),
            NameObject("/P"): ref(first), NameObject("/Pg"): ref(page), NameObject("/K"): NumberObject(0)}))
        kids.append(ref(number))
        nums += [NumberObject(LETTER_KEYS + k), ArrayObject([ref(number)])]
    tree.blobs[first] = serialised(first, DictionaryObject({
        NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/Sect"),
        NameObject("/P"): ref(root), NameObject("/Lang"): TextStringObject(lang), NameObject("/K"): kids}))
    tree.leaf = DictionaryObject({
        NameObject("/Limits"): ArrayObject([NumberObject(LETTER_KEYS), NumberObject(LETTER_KEYS + max(len(pages) - 1, 0))]),
        NameObject("/Nums"): nums})
    tree.next_number = first + 1 + len(pages)
    return tree


def struct_root(tree: LetterTree, body_kids: list[PdfObject], body_leaf: int | None,
                extra: dict[str, PdfObject], letter_leaf: int) -> DictionaryObject:
    """The structure tree root: the letter's section first, then the body's elements."""
    kids = ArrayObject([ref(tree.sect), *body_kids])
    leaves = ArrayObject(([ref(body_leaf)] if body_leaf is not None else []) + [ref(letter_leaf)])
    parent_tree = DictionaryObject({NameObject("/Kids"): leaves})
    root = DictionaryObject({NameObject(k): v for k, v in extra.items()})
    root.update({NameObject("/Type"): NameObject("/StructTreeRoot"), NameObject("/K"): kids,
                 NameObject("/ParentTree"): parent_tree,
                 NameObject("/ParentTreeNextKey"): NumberObject(LETTER_KEYS + len(cast(ArrayObject, tree.leaf["/Nums"])) // 2)})
    return root


class BodyTags:
    """What a tagged body contributes to each client's tree, serialised once per body."""

    def __init__(self, reader: PdfReader, leaf_number: int):
        catalog = cast(DictionaryObject, reader.trailer["/Root"])
        self.catalog = {k: catalog.raw_get(k) for k in catalog}
        self.catalog_number = cast(IndirectObject, reader.trailer.raw_get("/Root")).idnum
        self.lang = str(catalog.get("/Lang", ""))
        root_ref = catalog.raw_get("/StructTreeRoot")
        self.root_number = cast(IndirectObject, root_ref).idnum
        root = cast(DictionaryObject, catalog["/StructTreeRoot"])
        self.extra = {k: root.raw_get(k) for k in root if k not in ("/K", "/ParentTree", "/ParentTreeNextKey", "/Type")}
        kids = root.raw_get("/K")
        self.kids: list[PdfObject] = list(kids) if isinstance(kids, ArrayObject) else [kids]
        nums = cast(ArrayObject, cast(DictionaryObject, root["/ParentTree"]).get("/Nums", ArrayObject()))
        keys = [int(cast(NumberObject, nums[i])) for i in range(0, len(nums), 2)]
        if any(key >= LETTER_KEYS for key in keys) or "/Kids" in cast(DictionaryObject, root["/ParentTree"]):
            raise ValueError("the body's parent tree is not a flat tree of small keys")
        self.leaf_number = leaf_number
        self.leaf_blob = serialised(leaf_number, DictionaryObject({
            NameObject("/Limits"): ArrayObject([NumberObject(min(keys, default=0)), NumberObject(max(keys, default=0))]),
            NameObject("/Nums"): nums}))
        self._elements: dict[str, dict[int, bytes]] = {}

    def elements(self, lang: str) -> dict[int, bytes]:
        """The body's top elements again, with the body's language, when the letter's differs."""
        if lang == self.lang or not self.lang:
            return {}
        if lang not in self._elements:
            blobs = {}
            for kid in self.kids:
                if isinstance(kid, IndirectObject):
                    element = DictionaryObject(cast(DictionaryObject, kid.get_object()))
                    element[NameObject("/Lang")] = TextStringObject(self.lang)
                    blobs[kid.idnum] = serialised(kid.idnum, element)
            self._elements[lang] = blobs
        return self._elements[lang]

    def objects(self, tree: LetterTree, lang: str, leaf_number: int) -> dict[int, bytes]:
        """Catalog, structure root, leaves and elements of one client's file (overriding the body's)."""
        catalog = DictionaryObject({NameObject(k): v for k, v in self.catalog.items()})
        catalog[NameObject("/Lang")] = TextStringObject(lang)
        catalog[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
        root = struct_root(tree, self.kids, self.leaf_number, self.extra, leaf_number)
        return {self.catalog_number: serialised(self.catalog_number, catalog),
                self.root_number: serialised(self.root_number, root), self.leaf_number: self.leaf_blob,
                leaf_number: serialised(leaf_number, tree.leaf), **self.elements(lang), **tree.blobs}
