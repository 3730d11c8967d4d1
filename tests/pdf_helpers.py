"""Helpers for the PDF tests: poppler tools and a copy of the tiny fixture show."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

TINY = Path(__file__).parent / "fixtures" / "tiny"


def run(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True).stdout


def pdftext(path: Path, first: int | None = None, last: int | None = None) -> str:
    pages = []
    if first:
        pages += ["-f", str(first)]
    if last:
        pages += ["-l", str(last)]
    return run("pdftotext", "-layout", *pages, path, "-")


def pdfinfo(path: Path) -> dict[str, str]:
    info = {}
    for line in run("pdfinfo", path).splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def pdffonts(path: Path) -> list[dict[str, str]]:
    """Rows of `pdffonts`: name, emb, sub (the columns from the right, names may hold spaces)."""
    rows = []
    for line in run("pdffonts", path).splitlines()[2:]:
        parts = line.split()
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4]})
    return rows


def font_characters(path: Path) -> dict[str, set[str]]:
    """Characters every embedded font of the PDF knows, by font name: its ``ToUnicode`` CMap
    (``bfchar`` and ``bfrange``) and the ``cmap`` table of its font file, whether a page uses the
    font or not (every object stored in the file is read)."""
    reader = PdfReader(path)
    numbers = {n for table in reader.xref.values() for n in table} | set(reader.xref_objStm)
    fonts: dict[str, set[str]] = {}
    for number in sorted(numbers):
        font = reader.get_object(number)
        if not isinstance(font, DictionaryObject) or font.get("/Type") != "/Font" or "/BaseFont" not in font:
            continue
        known = fonts.setdefault(str(font["/BaseFont"]), set())
        if "/ToUnicode" in font:
            known |= _to_unicode(font["/ToUnicode"].get_data().decode("latin-1"))
        descriptor = font.get("/FontDescriptor")
        for key in ("/FontFile2", "/FontFile3"):
            if descriptor is not None and key in descriptor:
                data = descriptor[key].get_data()
                if data[:4] in (b"OTTO", b"\x00\x01\x00\x00", b"true"):  # a bare CFF has no cmap
                    known |= {chr(c) for c in (TTFont(io.BytesIO(data)).getBestCmap() or {})}
    return fonts


def _to_unicode(cmap: str) -> set[str]:
    chars: set[str] = set()
    for kind, body in re.findall(r"begin(bfchar|bfrange)(.*?)end\1", cmap, re.S):
        if kind == "bfchar":
            targets = re.findall(r"<[0-9a-fA-F]+>\s*<([0-9a-fA-F]*)>", body)
        else:
            targets = []
            for low, high, target in re.findall(r"<(\w+)>\s*<(\w+)>\s*(<\w*>|\[[^\]]*\])", body):
                if target.startswith("["):
                    targets += re.findall(r"<(\w*)>", target)
                else:
                    start = int(target[1:-1], 16)
                    targets += [f"{start + k:0{len(target) - 2}x}" for k in range(int(high, 16) - int(low, 16) + 1)]
        chars |= set("".join(bytes.fromhex(t).decode("utf-16-be", "replace") for t in targets))
    return chars


def copy_tiny(tmp: Path) -> Path:
    """A copy of the tiny fixture show at ``tmp/show`` (without build output or caches)."""
    target = tmp / "show"
    shutil.copytree(TINY, target, ignore=shutil.ignore_patterns(".cache", "site"))
    return target


def replace_text(path: Path, old: str, new: str) -> None:
    """Edit a file of a copied show as an editor would (``old`` must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def mailing_runs(show, tmp: Path, clients_csv: str, runs: dict[str, dict], **common) -> dict:
    """Each named run of ``run_mailing`` over one client list (``runs``: name -> its options; the
    output in ``tmp/<name>``), every one without problems; name -> its result."""
    from generator.pdf.mailing import run_mailing  # WeasyPrint only for the tests that mail

    clients = tmp / "clients.csv"
    clients.write_text(clients_csv, encoding="utf-8")
    results = {}
    for name, options in runs.items():
        results[name] = run_mailing(show, clients, tmp / name, use_cache=False, workers=1, **common, **options)
        assert not results[name].problems, (name, results[name].problems)
    return results
