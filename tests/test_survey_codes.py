"""Survey codes a person can type: derivation, reading, and what the letter prints and the QR carries."""

from __future__ import annotations

import csv
import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from pdf_helpers import TINY, pdftext
from pypdf import PdfReader

from generator.errors import UsageError
from generator.load import load_show
from generator.pdf.mailing import run_mailing
from generator.surveycodes import ALPHABET, CodeCollision, code_for, grouped, issue, normalise

SECRET = "test-secret"


def test_a_code_is_eight_crockford_characters_derived_again_from_the_secret() -> None:
    code = code_for(SECRET, "anna", "feedback")
    assert len(code) == 8 and set(code) <= set(ALPHABET) and not set(code) & set("ILOU")
    assert code == code_for(SECRET, "anna", "feedback")
    assert code != code_for(SECRET, "anna", "other-survey")
    assert code != code_for("another-secret", "anna", "feedback")
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}", grouped(code))


@pytest.mark.parametrize("typed", ["k7m2-qx9p", " K7M2 QX9P ", "K7M2QX9P", "k7m2.qx9p"])
def test_typed_codes_ignore_case_spaces_and_hyphens(typed: str) -> None:
    assert normalise(typed) == "K7M2QX9P"


def test_typed_codes_read_o_as_zero_and_i_l_as_one() -> None:
    assert normalise("O1I2-L3o4") == "01121304"
    assert normalise("K7M2-QX9") is None and normalise("K7M2-QX9PP") is None
    assert normalise("K7M2-QX9U") is None and normalise("<script>") is None and normalise("x" * 500) is None


def test_issue_refuses_two_clients_with_one_code(monkeypatch: pytest.MonkeyPatch) -> None:
    codes = issue(SECRET, "feedback", [f"c{i}" for i in range(2000)])
    assert len(set(codes.values())) == 2000
    monkeypatch.setattr("generator.surveycodes.code_for", lambda secret, client, form: "AAAAAAAA")
    with pytest.raises(CodeCollision, match="'a' and 'b' got the same survey code AAAA-AAAA"):
        issue(SECRET, "feedback", ["a", "b"])


CLIENTS = ("id,name,language,segment\n"
           "anna,Anna Schmidt,en,vip\n"
           "wang,王伟,zh,buyer\n"
           "ahmad,أحمد المنصور,ar,vip\n")


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Thank-you letters of three clients on A4 and on US letter."""
    tmp = tmp_path_factory.mktemp("codes")
    clients = tmp / "clients.csv"
    clients.write_text(CLIENTS, encoding="utf-8")
    show = load_show(TINY)
    outs = {}
    for paper in ("A4", "letter"):
        outs[paper] = tmp / paper
        result = run_mailing(show, clients, outs[paper], secret=SECRET, kind="thank-you", paper=paper,
                             use_cache=False, workers=1, today=dt.date(2026, 6, 20))
        assert not result.problems
    return outs


def _manifest(out: Path) -> list[dict[str, str]]:
    with (out / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["A4", "letter"])
def test_the_letter_prints_the_code_whole_on_its_own_line_and_the_address_on_one_line(letters, paper) -> None:
    for row in _manifest(letters[paper]):
        code = grouped(code_for(SECRET, row["client_id"], "feedback"))
        assert row["survey_code"] == code and row["sent"] == "2026-06-20" and row["kind"] == "thank-you"
        lines = pdftext(letters[paper] / row["file"], 1, 1).splitlines()
        assert [line for line in lines if code in line], f"{row['client_id']}: {code} not whole on one line"
        address = f"tiny.example.org/{row['language']}/forms/feedback/"
        assert [line for line in lines if address in line and code not in line], "the address has its own line"


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["A4", "letter"])
def test_the_printed_address_and_code_stay_inside_the_page_margins(letters, paper) -> None:
    for row in _manifest(letters[paper]):
        path = letters[paper] / row["file"]
        width = float(PdfReader(path).pages[0].mediabox.width)
        bbox = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"], check=True,
                              capture_output=True, text=True).stdout
        words = re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', bbox)
        found = [(float(x0), float(x1)) for x0, x1, word in words
                 if "forms/feedback" in word or word == row["survey_code"]]
        assert len(found) == 2, (row["client_id"], found)
        margin = 10 * 72 / 25.4
        assert all(x0 >= margin and x1 <= width - margin for x0, x1 in found), (paper, found, width)


@pytest.mark.slow
def test_the_qr_code_decodes_to_the_survey_page_with_the_printed_code(letters, tmp_path) -> None:
    for row in _manifest(letters["A4"]):
        png = tmp_path / row["client_id"]
        subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile",
                        letters["A4"] / row["file"], png], check=True)
        decoded = subprocess.run(["zbarimg", "-q", "--raw", f"{png}.png"], capture_output=True, text=True,
                                 check=True).stdout.strip()
        code = row["survey_code"].replace("-", "")
        assert decoded == row["survey_link"] == f"https://tiny.example.org/{row['language']}/forms/feedback/?c={code}"


@pytest.mark.slow
def test_a_mailing_refuses_two_clients_with_one_code(tmp_path, monkeypatch) -> None:
    clients = tmp_path / "clients.csv"
    clients.write_text(CLIENTS, encoding="utf-8")
    monkeypatch.setattr("generator.surveycodes.code_for", lambda secret, client, form: "AAAAAAAA")
    with pytest.raises(UsageError, match="clients.csv: clients 'anna' and 'wang' got the same survey code"):
        run_mailing(load_show(TINY), clients, tmp_path / "out", secret=SECRET, kind="thank-you", use_cache=False)
    assert not (tmp_path / "out").exists()
