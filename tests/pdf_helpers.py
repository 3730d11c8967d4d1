"""Helpers for the PDF tests: poppler tools and a copy of the tiny fixture show."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

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


def copy_tiny(tmp: Path) -> Path:
    target = tmp / "show"
    shutil.copytree(TINY, target)
    return target
