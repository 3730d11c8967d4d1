"""Mailings for the print shop and the envelope: which kinds carry the survey, the DIN 5008 window,
PDF/X-4, words kept whole in Korean letters (the sample show, whose planned editions allow invitations)."""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pdf_helpers import mailing_runs, pdftext

from generator.load import load_show
from generator.models import Client
from generator.pdf.letterbatch import LetterStyle, return_line, variant_context
from generator.pdf.letterframe import variant_for
from generator.pdf.manifest import address_lines

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
SECRET = "test-secret"
TODAY = dt.date(2026, 6, 1)
CLIENTS = (
    "id,name,language,organisation,address,country\n"
    "anna,Anna Schmidt,en,Schmidt GmbH,\"Hauptstr. 1\n10115 Berlin\",DE\n"
    "kim,김민준,ko,동아시아 전시도시 연맹,\"서울특별시 중구 세종대로 55\n12층\",KR\n"
    "ahmad,أحمد المنصور,ar,,\"Sheikh Zayed Road 1\nDubai\",AE\n"
)
MM = 72 / 25.4
WINDOW = (20 * MM, 45 * MM, 105 * MM, 90 * MM)
"""DIN 5008 form B address field in PDF points from the sheet's top left: left, top, right, bottom."""


@pytest.fixture(scope="module")
def show():
    return load_show(ROOT)


@pytest.fixture(scope="module")
def mailings(show, tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("mailing-print")
    runs = {"greetings": {"kind": "greetings"}, "invitation": {"kind": "invitation"},
            "thank-you": {"kind": "thank-you"},
            "window": {"kind": "thank-you", "window": "din5008"},
            "window-greetings": {"kind": "greetings", "window": "din5008"},
            "x4": {"kind": "thank-you", "pdf_x4": True}, "x4-brochure": {"kind": "brochure", "pdf_x4": True}}
    results = mailing_runs(show, tmp, CLIENTS, runs, secret=SECRET, today=TODAY)
    assert all(len(result.rows) == 3 for result in results.values()), {n: len(r.rows) for n, r in results.items()}
    return {name: tmp / name for name in runs}


def _qr(path: Path, tmp: Path) -> str:
    png = tmp / path.stem
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", path, png], check=True)
    found = subprocess.run(["zbarimg", "-q", "--raw", f"{png}.png"], capture_output=True, text=True)
    return found.stdout.strip()


@pytest.mark.parametrize("kind", ["greetings", "invitation"])
def test_greetings_and_invitations_carry_no_survey(mailings, kind, tmp_path):
    folder = mailings[kind]
    manifest = (folder / "manifest.csv").read_text(encoding="utf-8")
    assert "forms/client-survey" not in manifest
    for client in ("anna", "kim", "ahmad"):
        text = pdftext(folder / f"{client}.pdf", 1, 1)
        assert "forms/client-survey" not in text and "QR" not in text
        assert not re.search(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}\b", text)  # no survey code
        assert _qr(folder / f"{client}.pdf", tmp_path) == ""


def test_a_thank_you_letter_carries_the_survey_code_and_qr(mailings, tmp_path):
    lines = (mailings["thank-you"] / "manifest.csv").read_text(encoding="utf-8").splitlines()
    for client in ("anna", "ahmad"):
        link = _qr(mailings["thank-you"] / f"{client}.pdf", tmp_path)
        assert "/forms/client-survey/?c=" in link
        assert any(line.startswith(client + ",") and link in line for line in lines)


def _words(path: Path) -> list[tuple[float, float, float, float, str]]:
    xml = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", path, "-"], capture_output=True, text=True,
                         check=True).stdout
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', xml)]


@pytest.mark.parametrize(("run", "client"), [("window", "anna"), ("window", "kim"), ("window", "ahmad"),
                                             ("window-greetings", "anna")])
def test_the_address_lies_in_the_din5008_window_under_a_return_line(mailings, show, run, client):
    words = _words(mailings[run] / f"{client}.pdf")
    left, top, right, bottom = WINDOW
    inside = [w for w in words if w[0] >= left - 0.5 and w[2] <= right + 0.5 and w[1] >= top and w[3] <= bottom]
    wanted = {w for line in address_lines(_client(client)) for w in line.split()
              if w.isascii() or client != "ahmad"}  # pdftotext gives Arabic in presentation forms
    found = {w[4] for w in inside}
    assert wanted <= found, wanted - found
    first_address = min(w[1] for w in inside if w[4] in wanted)
    sender = return_line(show, variant_for(show, _client(client), "thank-you", TODAY, None)).split()
    above = {w[4] for w in inside if w[3] <= first_address}
    assert len(sender) > 3 and sender[0] in above and sender[-1] in above  # the return line, above the address
    for word in words:
        if word[4] in wanted and word[1] >= top - 1 and word[3] <= bottom + 1:
            assert left - 0.5 <= word[0] and word[2] <= right + 0.5


def _client(client_id: str) -> Client:
    return {"anna": Client(id="anna", name="Anna Schmidt", language="en", organisation="Schmidt GmbH",
                           address="Hauptstr. 1\n10115 Berlin", country="DE"),
            "kim": Client(id="kim", name="김민준", language="ko", organisation="동아시아 전시도시 연맹",
                          address="서울특별시 중구 세종대로 55\n12층", country="KR"),
            "ahmad": Client(id="ahmad", name="أحمد المنصور", language="ar", address="Sheikh Zayed Road 1\nDubai", country="AE")}[client_id]


def test_without_the_option_the_address_sits_where_it_did(mailings):
    words = _words(mailings["thank-you"] / "anna.pdf")
    schmidt = next(w for w in words if w[4] == "Anna")
    assert schmidt[0] > 25 * MM - 0.5  # in the page box (25 mm margin), not the window's 20 mm


@pytest.mark.parametrize("run", ["x4", "x4-brochure"])
def test_pdf_x4_mailings_have_a_cmyk_output_intent_and_pure_black_text(mailings, run):
    for client in ("anna", "kim"):
        path = mailings[run] / f"{client}.pdf"
        check = subprocess.run(["qpdf", "--check", path], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        with pikepdf.open(path) as pdf:
            intents = pdf.Root.OutputIntents
            assert intents[0].S == "/GTS_PDFX" and int(intents[0].DestOutputProfile.N) == 4
            assert b"PDF/X-4" in pdf.Root.Metadata.read_bytes()
            assert pdf.trailer.Info.Trapped == pikepdf.Name("/False")
            page = pdf.pages[0]
            streams = [page.Contents.read_bytes()] if isinstance(page.Contents, pikepdf.Stream) else [
                s.read_bytes() for s in page.Contents]
            streams += [x.read_bytes() for x in page.Resources.get("/XObject", {}).values()
                        if x.get("/Subtype") == "/Form"]
            drawn = b"\n".join(streams)
            assert b"0 0 0 1 scn" in drawn  # body text in pure black (K only)
            assert not re.search(rb"\brg\b", drawn)  # no DeviceRGB fill


def test_pdf_x4_is_off_by_default(mailings):
    with pikepdf.open(mailings["thank-you"] / "anna.pdf") as pdf:
        assert "/OutputIntents" not in pdf.Root


def test_korean_letter_lines_break_only_between_words(mailings, show):
    variant = variant_for(show, _client("kim"), "thank-you", TODAY, None)
    shared = variant_context(show, variant, LetterStyle("thank-you", TODAY))
    source = re.sub(r"<[^>]+>", " ", " ".join(str(value) for value in shared.values() if isinstance(value, str)))
    words = set(html.unescape(source).split())  # the letter's words: body, survey prompt, signature
    lines = [line.split() for line in pdftext(mailings["thank-you"] / "kim.pdf", 1, 1).splitlines()]
    lines = [[token for token in tokens if re.search("[\uac00-\ud7a3]", token)] for tokens in lines]
    body = [tokens for tokens in lines if len(tokens) > 3 and set(tokens) <= words]
    cut = [token for tokens in lines for token in tokens
           if re.search("[\uac00-\ud7a3]", token) and token not in words and any(
               w.startswith(token) or w.endswith(token) for w in words if len(w) > len(token))]
    assert len(body) >= 2 and not cut, cut
