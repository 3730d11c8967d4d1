"""Print-shop grade files of the tiny fixture: tagged, clean xref, vector QR, duplex-safe, marks, PDF/X-4."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pytest
from pdf_helpers import TINY, mailing_runs, pdfinfo
from PIL import Image
from pypdf import PdfReader

from generator.load import load_show
from generator.pdf.brochures import render_brochure

pytestmark = pytest.mark.slow
SECRET = "test-secret"
TODAY = __import__("datetime").date(2026, 6, 1)
TALL = "\\n".join(f"Line {i}" for i in range(1, 8))
CLIENTS = (
    "id,name,language,organisation,salutation,address,country\n"
    "anna,Anna Schmidt,en,Schmidt GmbH,,\"Hauptstr. 1\n10115 Berlin\",DE\n"
    "wang,王伟,zh,海州贸易公司,,,CN\n"
    "tall,Tara Tall,en,Tall Ltd,,\"" + TALL.replace("\\n", "\n") + "\",GB\n"
)


@pytest.fixture(scope="module")
def show():
    return load_show(TINY)


@pytest.fixture(scope="module")
def files(show, tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("printshop")
    mailing_runs(show, tmp, CLIENTS, {kind: {"kind": kind} for kind in ("brochure", "thank-you")},
                 secret=SECRET, today=TODAY)
    made = {"bleed": render_brochure(show, "en", bleed=True, pad_to=4, today=TODAY),
            "x4": render_brochure(show, "zh", pdf_x4=True, today=TODAY)}
    for name, data in made.items():
        (tmp / f"{name}.pdf").write_bytes(data)
    return {"root": tmp}


def manifest(folder: Path) -> list[dict[str, str]]:
    with (folder / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def all_pdfs(root: Path) -> list[Path]:
    return sorted(root.rglob("*.pdf"))


def test_every_file_passes_qpdf_check(files):
    pdfs = all_pdfs(files["root"])
    assert len(pdfs) == 8
    for path in pdfs:
        done = subprocess.run(["qpdf", "--check", path], capture_output=True, text=True)
        assert done.returncode == 0 and "No syntax or stream encoding errors" in done.stdout, (path, done.stdout)


@pytest.mark.parametrize("kind", ["brochure", "thank-you"])
def test_mailing_pdfs_are_tagged_with_the_letters_language(files, kind):
    expected = {"anna": "en-DE", "wang": "zh-CN", "tall": "en-GB"}
    for row in manifest(files["root"] / kind):
        path = files["root"] / kind / row["file"]
        assert pdfinfo(path)["Tagged"] == "yes"
        reader = PdfReader(path)
        catalog = reader.trailer["/Root"]
        assert catalog["/Lang"] == expected[row["client_id"]]
        tree = catalog["/StructTreeRoot"]
        kids = [kid.get_object() for kid in tree["/K"]]
        assert kids[0]["/S"] == "/Sect" and kids[0]["/Lang"] == expected[row["client_id"]]
        assert reader.pages[0]["/StructParents"] in {int(n) for leaf in tree["/ParentTree"]["/Kids"]
                                                     for n in leaf.get_object()["/Nums"][::2]}
        if kind == "brochure":
            assert kids[1]["/S"] == "/Document" and kids[1]["/Lang"] == row["language"]  # the body's own


def test_the_qr_code_is_vector_even_in_a_letter_laid_out_whole(files):
    for kind in ("brochure", "thank-you"):
        for row in manifest(files["root"] / kind):
            listing = subprocess.run(["pdfimages", "-list", "-f", "1", "-l", "1", files["root"] / kind / row["file"]],
                                     capture_output=True, text=True, check=True).stdout.splitlines()[2:]
            assert listing == [], (row["client_id"], listing)
    tall = PdfReader(files["root"] / "thank-you" / "tall.pdf").pages[0]
    assert "/ShowpressLetter" not in tall["/Resources"].get("/XObject", {})  # really laid out whole


def test_the_brochure_starts_on_a_right_hand_page_and_the_manifest_says_which_pages(files):
    folder = files["root"] / "brochure"
    for row in manifest(folder):
        pages = len(PdfReader(folder / row["file"]).pages)
        assert row["letter_pages"] == "1"
        first, last = (int(n) for n in row["brochure_pages"].split("-"))
        assert first % 2 == 1 and first == 3 and last == pages == int(row["pages"])
        assert int(row["sheets"]) == (pages + 1) // 2
        assert PdfReader(folder / row["file"]).pages[1].extract_text().strip() == ""  # the blank back of the letter
    anna = next(r for r in manifest(folder) if r["client_id"] == "anna")
    assert [anna[f"address_line_{i}"] for i in range(1, 7)] == [
        "Anna Schmidt", "Schmidt GmbH", "Hauptstr. 1", "10115 Berlin", "", ""]
    tall = next(r for r in manifest(folder) if r["client_id"] == "tall")
    assert tall["address_line_6"] == "Line 4, Line 5, Line 6, Line 7"


def test_crop_marks_lie_outside_the_bleed_and_the_cover_colour_reaches_it(files, tmp_path):
    path = files["root"] / "bleed.pdf"
    page = PdfReader(path).pages[0]
    media, trim, bleed = page.mediabox, page.trimbox, page["/BleedBox"]
    assert float(trim.left) - float(bleed[0]) == pytest.approx(8.504, abs=0.01)  # 3 mm
    subprocess.run(["pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "1", "-singlefile", path, tmp_path / "p"],
                   check=True)
    image = Image.open(tmp_path / "p.png").convert("RGB")
    off = float(trim.left) - float(media.left)  # trim edge in pixels (1 px = 1 pt)
    bleed_px = off - 8.504

    def dark(x: float, y: float) -> bool:
        return sum(image.getpixel((round(x), round(y)))) < 200

    def cover(x: float, y: float) -> bool:
        r, g, b = image.getpixel((round(x), round(y)))
        return b > 100 and r < 60

    assert any(dark(off + dx, y) for dx in (-1, 0, 1) for y in range(2, int(bleed_px) - 3))  # a mark in the slug
    for x in range(0, int(bleed_px) - 1):  # the slug's corner is paper, no colour
        assert not cover(x, x)
    assert cover(bleed_px + 2, bleed_px + 2) and cover(off + 20, bleed_px + 2)  # colour fills the bleed
    assert not any(dark(x, bleed_px + 3) for x in range(int(bleed_px) + 1, int(off + 40)))  # no mark over it


def test_pad_to_four_and_pdf_x4(files):
    assert len(PdfReader(files["root"] / "bleed.pdf").pages) % 4 == 0
    x4 = PdfReader(files["root"] / "x4.pdf")
    intents = x4.trailer["/Root"]["/OutputIntents"]
    assert intents[0]["/S"] == "/GTS_PDFX" and intents[0]["/DestOutputProfile"].get_object()["/N"] == 4
    assert pdfinfo(files["root"] / "x4.pdf")["Tagged"] == "yes"
    assert b"0 0 0 1 scn" in x4.pages[2].get_contents().get_data()  # body text in pure black (K only)
