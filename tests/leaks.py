"""Finding interface text in the wrong language: English words of showpress's catalog or of
Material's own interface on a page, feed, calendar, PDF or letter in another language.

A *needle* is an English interface string whose translation in the page's language differs (a
word that is the same in both, like "Contact" in French, is never a needle). The visible text
is searched after every data string of the show (names, brands, descriptions, news) and every
translation in the page's language is taken out, so only interface text is left to match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import lxml.html
from babel.messages.pofile import read_po
from pydantic import BaseModel

from generator.language import language_for
from generator.show import Show
from generator.site.config import material_language

POT = Path(__file__).resolve().parents[1] / "generator" / "locale" / "messages.pot"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
WORD = re.compile(r"[A-Za-z]{3,}")
MKDOCS_ENGLISH = ("Permanent link", "Dark mode", "Light mode", "Made with", "Back to top")
"""English strings MkDocs, its extensions or showpress's mkdocs.yml put on pages outside both catalogs."""
NOT_VISIBLE = ("script", "style", "template", "noscript")
ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")


@dataclass(frozen=True)
class Needle:
    english: str
    """An English fragment (a msgid, or a msgid's literal part between placeholders)."""
    source: str
    """Where it comes from: 'catalog: <msgid>' or 'material: <key>'."""


def _fragments(text: str) -> list[str]:
    parts = (part.strip(" ,.:;()–-") for part in PLACEHOLDER.split(text))
    return [part for part in parts if WORD.search(part)]


def _catalog_pairs(show: Show, lang: str) -> Iterator[tuple[str, list[str], str]]:
    """(English text, its translations in ``lang``, msgid) for every catalog message."""
    language = language_for(lang, show)
    with POT.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            singular, plural = message.id[0], message.id[1]
            forms = [language.ngettext(singular, plural, n) for n in (1, 2, 3, 5, 11, 100)]
            yield singular, forms, singular
            yield plural, forms, singular
        elif message.context:
            yield message.id, [language.pgettext(message.context, message.id)], message.id
        else:
            yield message.id, [language.gettext(message.id)], message.id


@cache
def _material_strings(code: str) -> dict[str, str]:
    import material

    path = Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{code}.html"
    return dict(re.findall(r'"([a-z][\w.]*)": "([^"]*)"', path.read_text(encoding="utf-8")))


def needles_and_translations(show: Show, lang: str) -> tuple[list[Needle], list[str]]:
    """The English needles for pages in ``lang``, and every interface text of ``lang`` (to take out)."""
    needles: list[Needle] = []
    own: list[str] = []
    for english, forms, msgid in _catalog_pairs(show, lang):
        translated = " ".join(forms)
        own += [frag for form in forms for frag in PLACEHOLDER.split(form) if frag.strip()]
        for fragment in _fragments(english):
            if fragment not in translated:
                needles.append(Needle(fragment, f"catalog: {msgid}"))
    english_material, theirs = _material_strings("en"), _material_strings(material_language(lang))
    for key, value in english_material.items():
        if key != "language" and theirs.get(key, value) != value and WORD.search(value):
            needles.append(Needle(value, f"material: {key}"))
            own.append(theirs[key])
    needles += [Needle(text, "mkdocs/showpress settings") for text in MKDOCS_ENGLISH]
    return needles, own


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def data_strings(show: Show) -> list[str]:
    """Every text of the show's data, news and editors' pages, in every language, longest first."""
    sources: list[object] = [show.info, show.halls_file, show.exhibitors_file, show.schedule, show.visiting,
                             show.forms_file, show.letters_file]
    sources += [(item.meta, item.body) for item in show.news] + [(page.meta, page.body) for page in show.pages]
    found: set[str] = set()
    for text in _strings(sources):
        plain = re.sub(r"[*_#`]+|\[|\]\([^)]*\)", "", text)
        found.update(line.strip() for line in (text + "\n" + plain).splitlines() if len(line.strip()) > 1)
    return sorted(found, key=len, reverse=True)


def remove_all(text: str, parts: Iterable[str]) -> str:
    """``text`` without ``parts`` (a part that starts or ends with a Latin letter only as whole words)."""
    for part in sorted({p.strip() for p in parts if len(p.strip()) > 1}, key=len, reverse=True):
        before = "(?<![A-Za-z])" if part[0].isascii() and part[0].isalpha() else ""
        after = "(?![A-Za-z])" if part[-1].isascii() and part[-1].isalpha() else ""
        text = re.sub(before + re.escape(part) + after, " ", text)
    return text


def find_leaks(text: str, needles: list[Needle], taken_out: Iterable[str]) -> list[str]:
    """The needles found in ``text`` once ``taken_out`` (data, own translations) is removed."""
    rest = remove_all(text, taken_out)
    found = []
    for needle in needles:
        if re.search(rf"(?<!\w){re.escape(needle.english)}(?!\w)", rest):
            found.append(f"{needle.english!r} ({needle.source})")
    return sorted(set(found))


def visible_text(html: bytes | str, lang: str) -> str:
    """The text a reader sees or hears on a page: <title>, <body> text and labelling attributes,
    without scripts and without elements marked as another language (data in a fallback language,
    language names in the selector)."""
    root = lxml.html.fromstring(html)
    for element in root.iter(*NOT_VISIBLE):
        element.drop_tree()
    for element in list(root.iter()):
        other = element.get("lang")
        if other and other != lang and element is not root and element.getparent() is not None:
            element.drop_tree()
    parts = [root.findtext(".//title") or ""]
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        parts += [element.get(name, "") for name in ATTRIBUTES]
        parts += [element.text or "", element.tail or ""]
    return "\n".join(parts)
