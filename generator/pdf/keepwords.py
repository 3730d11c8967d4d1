"""Words kept whole in print, where WeasyPrint 70 cannot (it knows no ``word-break: keep-all``).

Pango breaks between any two Hangul syllables and any two Han characters. So before the HTML
goes to WeasyPrint, :func:`keep_words` leaves break opportunities only between words:

- Korean (written with spaces between words): every word of the body is joined by U+2060 WORD
  JOINER between its characters (Unicode line breaking never breaks at a word joiner; Pango draws
  nothing for it and pdftotext finds none). Not a ``<span class="keep">`` per word: at show scale
  that was 74,000 inline boxes, 2.8x the CPU and 2.4x the memory of the whole Korean brochure;
- Chinese and Japanese headings, in ``<span class="keep">`` (print CSS: ``white-space: nowrap``) (the cover title, chapter and section titles): the words found by
  ICU's word BreakIterator, so "消费博览会" never ends a line as "消/费博览会";
- short table cells (a date, a booth id, a status word): the whole cell (class ``keep`` on the cell).
"""

from __future__ import annotations

import re
import unicodedata

import icu

SHORT_CELL = 12
"""Table cells of at most this many characters are never broken."""

_BODY = re.compile(r"(<body\b.*?</body>)", re.S)
_SKIP = re.compile(r"(<(style|script|svg)\b.*?</\2>)", re.S)
_TEXT = re.compile(r"(?<=>)([^<]+)(?=<)")
_HANGUL_WORD = re.compile(r"[^\s<>]*[\uac00-\ud7a3][^\s<>]*")
_HEADING = re.compile(r"(<h[12]\b[^>]*>)(.*?)(</h[12]>)", re.S)
_CELL = re.compile(r"(<t[dh]\b[^>]*>)([^<]{2," + str(SHORT_CELL) + r"})(</t[dh]>)")
_CLASS = re.compile(r'\sclass="([^"]*)"')
_HAN_KANA = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
WORD_JOINER = "\u2060"


def _joined(word: str) -> str:
    """``word`` with a word joiner before each character that could start a new line: not before a
    combining mark, a joiner or a variation selector (they belong to the character before)."""
    out = [word[:1]]
    for before, char in zip(word, word[1:], strict=False):
        if not (unicodedata.category(char).startswith("M") or char in "\u200c\u200d" or before in "\u200c\u200d"
                or "\ufe00" <= char <= "\ufe0f"):
            out.append(WORD_JOINER)
        out.append(char)
    return "".join(out)


def _keep(word: str) -> str:
    return f'<span class="keep">{word}</span>'


def _kept_cell(opening: str) -> str:
    """The opening tag of a table cell, with class ``keep`` added: the cell itself is not broken
    (not a span inside it: one inline box fewer per cell, 7,500 in a show-scale brochure, about
    a tenth of its layout time and memory)."""
    found = _CLASS.search(opening)
    if found:
        return opening[:found.start(1)] + "keep " + opening[found.start(1):]
    return opening[:-1] + ' class="keep">'


def _words(content: str, lang: str) -> list[str]:
    """``content`` cut at ICU word boundaries of ``lang``."""
    breaker = icu.BreakIterator.createWordInstance(icu.Locale(lang))
    breaker.setText(content)
    cuts = [0, *breaker]
    words: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = content[a:b]
        if words and len(piece) == 1 and _HAN_KANA.match(piece) and _HAN_KANA.search(words[-1][-1]):
            words[-1] += piece  # a lone character (会, 財) stays with the word before it
        elif piece:
            words.append(piece)
    return words


def _cjk_heading(match: re.Match[str], lang: str) -> str:
    opening, inner, closing = match.groups()

    def words(text: re.Match[str]) -> str:
        content = text.group(1)
        if not _HAN_KANA.search(content):
            return content
        return "".join(_keep(w) if _HAN_KANA.search(w) and len(w) > 1 else w for w in _words(content, lang))

    return opening + _TEXT.sub(words, f">{inner}<")[1:-1] + closing


def _body(body: str, lang: str) -> str:
    base = lang.split("-")[0]
    body = _CELL.sub(lambda m: _kept_cell(m.group(1)) + m.group(2) + m.group(3) if m.group(2).strip() else m.group(0),
                     body)
    if base in ("zh", "ja"):
        body = _HEADING.sub(lambda m: _cjk_heading(m, lang), body)
    if base == "ko":
        body = _TEXT.sub(lambda m: _HANGUL_WORD.sub(lambda w: _joined(w.group(0)), m.group(1)), body)
    return body


def keep_words(html: str, lang: str) -> str:
    """``html`` (a whole print document in ``lang``) with words wrapped so that lines break
    only between words; ``<style>``, ``<script>`` and inline SVG are left alone."""
    def body(match: re.Match[str]) -> str:
        parts = _SKIP.split(match.group(1))
        out = []
        i = 0
        while i < len(parts):
            out.append(_body(parts[i], lang))
            if i + 1 < len(parts):
                out.append(parts[i + 1])
            i += 3
        return "".join(out)

    return _BODY.sub(body, html, count=1)
