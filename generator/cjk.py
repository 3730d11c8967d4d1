"""Line breaks inside Chinese and Japanese prose.

Editors hard-wrap Markdown. Between two Latin words a line break renders as the space that belongs
there; between two Han or kana characters it renders as a space that does not (「6台の デモライン」).
``join_cjk_lines`` removes such breaks before any output sees the text. Korean is written with
spaces between words, so Hangul is left alone.
"""

from __future__ import annotations

import re

_CJK = "\u3000-\u303f\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_ENDS_CJK = re.compile(rf"[{_CJK}][ \t]*$")
_STARTS_CJK = re.compile(rf"^[ \t]*[{_CJK}]")
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#")


def join_cjk_lines(markdown: str) -> str:
    """``markdown`` with line breaks between two Chinese or Japanese characters removed.

    Code fences are left as they are, and a heading line is never joined to the line after it.
    """
    lines = markdown.split("\n")
    out: list[str] = []
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
            out.append(line)
            continue
        previous = out[-1] if out else None
        if (not in_fence and previous is not None and not _FENCE.match(previous) and not _HEADING.match(previous)
                and _ENDS_CJK.search(previous) and _STARTS_CJK.match(line)):
            out[-1] = previous.rstrip(" \t") + line.lstrip(" \t")
        else:
            out.append(line)
    return "\n".join(out)


_HAN_KANA = "\u3005\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_FULL = {",": "\uff0c", ":": "\uff1a", ";": "\uff1b", "!": "\uff01", "?": "\uff1f"}
# a mark after a Han/kana character (or after a digit that follows one), before Han/kana or the end
_MARK = re.compile(rf"(?<=[{_HAN_KANA}）])[ \t]*([,:;!?])[ \t]*(?=[{_HAN_KANA}（(]|$)"
                   rf"|(?<=[{_HAN_KANA}][ \t]\d)([,;])[ \t]*(?=[{_HAN_KANA}])"
                   rf"|(?<=[{_HAN_KANA}]\d)([,;])[ \t]*(?=[{_HAN_KANA}])"
                   rf"|(?<=[{_HAN_KANA}）])([:：])[ \t]*", re.MULTILINE)
# parentheses whose content starts with Han/kana, or that follow Han/kana and hold some
_PARENS = re.compile(rf"(?<=[{_HAN_KANA}])[ \t]*\(([^()\n]*[{_HAN_KANA}][^()\n]*)\)"
                     rf"|[ \t]*\(([{_HAN_KANA}][^()\n]*)\)")


def cjk_punctuation(text: str) -> str:
    """``text`` (Chinese or Japanese) with half-width ``, : ; ! ?`` and parentheses set full width
    where they stand between Han or kana characters (``面积: 36`` -> ``面积：36``, ``(徒歩3分)`` ->
    ``（徒歩3分）``); punctuation between Latin letters or digits (``10:00``, ``1,200``, ``(m²)``) stays."""
    def mark(m: re.Match[str]) -> str:
        sign = next(g for g in m.groups() if g)
        return _FULL.get(sign, sign)

    def parens(m: re.Match[str]) -> str:
        return "（" + (m.group(1) if m.group(1) is not None else m.group(2)) + "）"

    return _MARK.sub(mark, _PARENS.sub(parens, text))
