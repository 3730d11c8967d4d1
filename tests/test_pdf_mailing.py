"""Personalised mailings of the tiny fixture: one PDF per client, manifest, QR, failures, shards."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pdf_helpers import TINY, font_characters, pdffonts, pdftext
from pypdf import PdfReader

from generator.cli import cli
from generator.errors import UsageError
from generator.load import load_show
from generator.pdf import letterbatch
from generator.pdf.mailing import in_shard, parse_shard, run_mailing
from generator.surveycodes import code_for, grouped

pytestmark = pytest.mark.slow
SECRET = "test-secret"
LONG = "Maximilian " + "Alexander-Wolfgang-Theodor " * 8 + "Hohenzollern"
CLIENTS = (
    "id,name,language,organisation,salutation,address\n"
    "anna,Anna Schmidt,en,Schmidt GmbH,,\"Hauptstr. 1\n10115 Berlin\"\n"   # lines 2-3
    "wang,王伟,zh,海州贸易公司,,\n"                                        # 4
    "xss,<script>alert(1)</script>,en,<b>Evil</b> & Co,,\n"                # 5
    "ahmad,أحمد المنصور,ar,,,\n"                                           # 6
    "emoji,Hanako Yamada 🎉,ja,,,\n"                                       # 7: ja -> en
    "noname,,en,,,\n"                                                      # 8
    "badlang,Bad Lang,english!,,,\n"                                       # 9
    f"long,{LONG},en,,Dear Max,\n"                                         # 10
)


@pytest.fixture(scope="module")
def show():
    return load_show(TINY)


@pytest.fixture(scope="module")
def mailed(show, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("mailing")
    clients = tmp / "clients.csv"
    clients.write_text(CLIENTS, encoding="utf-8")
    result = run_mailing(show, clients, tmp / "out", secret=SECRET, use_cache=False, workers=2)
    return result, tmp / "out", clients


def manifest(out: Path) -> list[dict[str, str]]:
    with (out / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_one_pdf_per_good_client_and_manifest(mailed):
    result, out, _ = mailed
    rows = manifest(out)
    assert [r["client_id"] for r in rows] == ["anna", "wang", "xss", "ahmad", "emoji", "long"]
    assert {r["client_id"]: r["language"] for r in rows}["emoji"] == "en"  # ja is not a show language
    for row in rows:
        path = out / row["file"]
        assert path.is_file()
        assert int(row["pages"]) == len(PdfReader(path).pages) > 5
    assert sorted(p.name for p in out.iterdir()) == sorted([*(r["file"] for r in rows), "manifest.csv"])


def test_bad_rows_are_reported_with_positions_and_the_rest_finish(mailed):
    result, _, clients = mailed
    assert [str(p) for p in result.problems] == [
        f"{clients.as_posix()}:8:2: name: is empty: every client needs an id, a name and a language",
        f"{clients.as_posix()}:9:3: language: not a language code: use a code such as zh, en, ko, ja or pt-BR",
    ]


@pytest.mark.parametrize(("client", "expected"), [
    ("anna", ["Anna Schmidt", "Schmidt GmbH", "Dear Anna Schmidt,", "Erika Muster"]),
    ("wang", ["王伟", "海州贸易公司", "尊敬的王伟：", "总监"]),
    ("xss", ["<script>alert(1)</script>", "<b>Evil</b> & Co"]),
    ("emoji", ["Hanako Yamada", "様", "拝啓", "敬具"]),  # ja: a Japanese frame, show texts in English
    ("long", ["Maximilian", "Hohenzollern", "Dear Max"]),
])
def test_first_page_names_the_client_in_their_language(mailed, client, expected):
    _, out, _ = mailed
    first = pdftext(out / f"{client}.pdf", 1, 1)
    flat = " ".join(first.split())
    for text in expected:
        assert " ".join(text.split()) in flat, (text, first)


def test_arabic_letter_is_right_to_left_and_shaped(mailed):
    _, out, _ = mailed
    reader = PdfReader(out / "ahmad.pdf")
    fonts = {f["/BaseFont"] for f in _fonts(reader.pages[0])}
    assert any("Arabic" in f for f in fonts), fonts
    assert "المنصور" in subprocess.run(["pdftotext", "-l", "1", out / "ahmad.pdf", "-"],
                                       capture_output=True, text=True, check=True).stdout


def _fonts(page) -> list:
    return list(page["/Resources"]["/Font"].values()) + [
        f for xo in page["/Resources"].get("/XObject", {}).values()
        for f in xo.get_object().get("/Resources", {}).get("/Font", {}).values()]


def test_qr_code_decodes_to_the_manifest_link_with_the_clients_code(mailed, tmp_path):
    _, out, _ = mailed
    for row in manifest(out)[:2]:
        png = tmp_path / row["client_id"]
        subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile",
                        out / row["file"], png], check=True)
        decoded = subprocess.run(["zbarimg", "-q", "--raw", f"{png}.png"], capture_output=True, text=True,
                                 check=True).stdout.strip()
        assert decoded == row["survey_link"]
        code = code_for(SECRET, row["client_id"], "feedback")
        assert decoded == f"https://tiny.example.org/{row['language']}/forms/feedback/?c={code}"
        assert grouped(code) in pdftext(out / row["file"], 1, 1)  # printed whole (test_survey_codes.py)


def test_page_numbers_continue_after_the_letter(mailed):
    _, out, _ = mailed
    pages = [p.extract_text() for p in PdfReader(out / "anna.pdf").pages]
    assert "Contents" in pages[3]
    toc = pdftext(out / "anna.pdf", 4, 4)
    assert toc.rstrip().endswith("4")  # the contents page is page 4: letter, blank, cover, contents
    glance = [i for i, text in enumerate(pages) if "Dates and opening hours" in text and i > 2][0]
    assert "The show at a glance" in toc
    assert str(glance + 1) in toc.split("The show at a glance")[1].split("\n")[0]


def test_thank_you_letters_are_one_page_with_the_survey(show, tmp_path):
    clients = tmp_path / "c.csv"
    clients.write_text("id,name,language\nk1,Kim Min-jun,zh\nk2,Erik,en\n", encoding="utf-8")
    result = run_mailing(show, clients, tmp_path / "out", secret=SECRET, kind="thank-you", use_cache=False)
    assert not result.problems and len(result.rows) == 2
    for row in result.rows:
        assert row.pages == 1
    text = pdftext(tmp_path / "out" / "k2.pdf")
    assert "Thank you for taking part in Tiny Test Fair" in " ".join(text.split())


def test_a_client_that_fails_to_render_does_not_stop_the_others(show, tmp_path, monkeypatch):
    real = letterbatch.letter_context

    def failing(show, letter, shared, anchor):
        if letter.client.id == "boom":
            raise RuntimeError("simulated layout failure")
        return real(show, letter, shared, anchor)

    monkeypatch.setattr(letterbatch, "letter_context", failing)
    clients = tmp_path / "c.csv"
    clients.write_text("id,name,language\na,A,en\nboom,B,en\nc,C,en\n", encoding="utf-8")
    result = run_mailing(show, clients, tmp_path / "out", secret=SECRET, kind="thank-you", workers=1)
    assert [r.client_id for r in result.rows] == ["a", "c"]
    assert [str(p) for p in result.problems] == [
        f"{clients.as_posix()}:3:1: client 'boom': the letter could not be rendered: simulated layout failure"]


def test_shards_split_the_clients_without_overlap(show, tmp_path):
    ids = [f"client-{i}" for i in range(200)]
    shards = [{c for c in ids if in_shard(c, (k, 3))} for k in (1, 2, 3)]
    assert set().union(*shards) == set(ids) and sum(len(s) for s in shards) == 200
    assert all(40 < len(s) < 90 for s in shards)
    assert parse_shard("2/8") == (2, 8)
    for bad in ("0/2", "3/2", "x"):
        with pytest.raises(UsageError):
            parse_shard(bad)
    clients = tmp_path / "c.csv"
    clients.write_text("id,name,language\n" + "".join(f"c{i},N{i},en\n" for i in range(6)), encoding="utf-8")
    rows = []
    for k in (1, 2):
        result = run_mailing(show, clients, tmp_path / "out", secret=SECRET, kind="thank-you", shard=(k, 2))
        rows += [r.client_id for r in result.rows]
        assert result.skipped == 6 - len(result.rows)
    assert sorted(rows) == [f"c{i}" for i in range(6)]
    first = (tmp_path / "out" / "manifest-1-of-2.csv").read_text()
    second = (tmp_path / "out" / "manifest-2-of-2.csv").read_text()
    assert first.startswith("client_id,") and not second.startswith("client_id,")


def test_cli_needs_a_secret_refuses_published_paths_and_exits_2_on_bad_rows(tmp_path, monkeypatch):
    monkeypatch.delenv("SHOWPRESS_TOKEN_SECRET", raising=False)
    clients = tmp_path / "c.csv"
    clients.write_text("id,name,language\na,A,en\nb,,en\n", encoding="utf-8")
    runner = CliRunner()
    base = ["mailing", "--project", str(TINY), "--clients", str(clients), "--kind", "thank-you"]
    result = runner.invoke(cli, [*base, "--out", str(tmp_path / "o1")])
    assert result.exit_code == 2 and "token secret is required" in result.output
    result = runner.invoke(cli, [*base, "--out", str(TINY / "data" / "x"), "--token-secret", "s"])
    assert result.exit_code == 2 and "private" in result.output
    result = runner.invoke(cli, [*base, "--out", str(tmp_path / "o2")], env={"SHOWPRESS_TOKEN_SECRET": "s"})
    assert result.exit_code == 2, result.output
    assert "c.csv:3:2: name: is empty" in result.output and "1 client(s) failed" in result.output
    assert (tmp_path / "o2" / "a.pdf").is_file()


def _all_objects(path: Path) -> list:
    """Every object stored in the PDF, whether a page uses it or not (incremental updates included)."""
    reader = PdfReader(path)
    numbers = {n for table in reader.xref.values() for n in table} | set(reader.xref_objStm)
    return [reader.get_object(n) for n in sorted(numbers)]


def _count(objects: list, key: str, value: str) -> int:
    return sum(1 for o in objects if hasattr(o, "get") and o.get(key) == value)


def test_a_clients_file_holds_nothing_of_the_other_clients(show, tmp_path):
    """Letters are laid out together, but no other client's page, QR code or link reaches a file."""
    one, three = tmp_path / "one.csv", tmp_path / "three.csv"
    one.write_text("id,name,language\na,Anna Alone,en\n", encoding="utf-8")
    three.write_text("id,name,language\na,Anna Alone,en\nb,Bert Other,en\nc,Carl Third,en\n", encoding="utf-8")
    alone = run_mailing(show, one, tmp_path / "o1", secret=SECRET, use_cache=False, workers=1)
    together = run_mailing(show, three, tmp_path / "o3", secret=SECRET, use_cache=False, workers=1)
    assert not alone.problems and not together.problems
    solo, shared = _all_objects(tmp_path / "o1" / "a.pdf"), _all_objects(tmp_path / "o3" / "a.pdf")
    pages = len(PdfReader(tmp_path / "o3" / "a.pdf").pages)
    assert _count(shared, "/Type", "/Page") == pages == _count(solo, "/Type", "/Page")
    assert _count(shared, "/Subtype", "/Image") == _count(solo, "/Subtype", "/Image")
    text = " ".join(pdftext(tmp_path / "o3" / "a.pdf").split())
    links = {row.client_id: row.survey_code for row in together.rows}
    assert "Anna Alone" in text and links["a"] in text
    assert "Bert" not in text and "Carl" not in text and links["b"] not in text and links["c"] not in text


def test_clients_whose_lines_do_not_fit_the_shared_letter_are_laid_out_whole(show, tmp_path):
    """Most letters are the language's shared letter with the client's lines laid over it; a client
    with a taller address or a longer salutation gets a letter laid out whole, just as right."""
    address = "\n".join(f"Line {i}" for i in range(1, 8))
    salutation = "Dear Most Honourable Professor Doctor " + "Long Salutation of the Faculty of Very Long Titles " * 2 + "X,"
    clients = tmp_path / "c.csv"
    clients.write_text(
        "id,name,language,organisation,salutation,address\n"
        "short,Sam Short,en,Short Ltd,,\"Road 1\nTown\"\n"
        f"tall,Tara Tall,en,Tall Ltd,,\"{address}\"\n"
        f"formal,Fred Formal,en,,\"{salutation}\",\n"
        "kurz,王伟,zh,海州贸易公司,,\n", encoding="utf-8")
    result = run_mailing(show, clients, tmp_path / "out", secret=SECRET, kind="thank-you", use_cache=False)
    assert not result.problems and len(result.rows) == 4
    out = tmp_path / "out"
    overlaid = {row.client_id: "/ShowpressLetter" in PdfReader(out / row.file).pages[0]["/Resources"].get(
        "/XObject", {}) for row in result.rows}
    assert overlaid == {"short": True, "tall": False, "formal": False, "kurz": True}
    for row in result.rows:
        path = out / row.file
        assert row.pages == len(PdfReader(path).pages) == 1
        assert row.survey_code in pdftext(path, 1, 1)  # the printed code, whole
        png = tmp_path / row.client_id
        subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", path, png], check=True)
        decoded = subprocess.run(["zbarimg", "-q", "--raw", f"{png}.png"], capture_output=True, text=True,
                                 check=True).stdout.strip()
        assert decoded == row.survey_link
        fonts = pdffonts(path)
        assert fonts and all(f["emb"] == "yes" and f["sub"] == "yes" for f in fonts), fonts
    assert all(line in " ".join(pdftext(out / "tall.pdf").split()) for line in address.splitlines())
    assert salutation in " ".join(pdftext(out / "formal.pdf").split())
    assert "Sam Short Short Ltd Road 1 Town" in " ".join(pdftext(out / "short.pdf").split())
    assert "尊敬的王伟：" in pdftext(out / "kurz.pdf")


MIXED = {  # id: (name, language, organisation, salutation, address)
    "wang": ("王伟", "zh", "海州贸易公司", "", ""),
    "chen": ("陳淑芬", "zh", "臺灣精密機械股份有限公司", "陳董事長您好", "臺北市信義區松高路"),
    "zoe": ("Zoë 🎉", "en", "Fête Ltd", "", ""),
    "lukasz": ("Łukasz Ørsted", "en", "Ørsted Żółw", "", "ul. Wąska 5\nKraków"),
    "anna": ("Anna Smith", "en", "Smith Co", "", ""),
    "tall": ("Åsa Ångström", "en", "Ångström AB", "", "\n".join(f"Väg {i}" for i in range(1, 8))),  # laid out whole
    "ahmad": ("أحمد المنصور", "ar", "شركة النخيل", "", ""),
}


@pytest.mark.parametrize("kind", ["thank-you", "brochure"])
def test_a_clients_fonts_know_no_character_of_another_clients_texts(show, tmp_path, kind):
    """Letters are laid out together, which shares font subsets; each file's fonts (ToUnicode
    maps and font files alike) are cut back to the glyphs of that client's own letter."""
    rows = "".join(f'{cid},{name},{lang},{org},{salutation},"{address}"\n'
                   for cid, (name, lang, org, salutation, address) in MIXED.items())
    clients = tmp_path / "c.csv"
    clients.write_text("id,name,language,organisation,salutation,address\n" + rows, encoding="utf-8")
    result = run_mailing(show, clients, tmp_path / "out", secret=SECRET, kind=kind, workers=1)
    assert not result.problems and len(result.rows) == len(MIXED)
    personal = {cid: set("".join(texts)) - {" ", "\n"} for cid, texts in MIXED.items()}
    for cid, (name, *_) in MIXED.items():
        path = tmp_path / "out" / f"{cid}.pdf"
        assert name.split()[0] in pdftext(path, 1, 1)  # still renders, with the client's own name
        shown = set("".join(pdftext(path).split()))  # the letter, and the brochure's body after it
        others = set().union(*(chars for other, chars in personal.items() if other != cid))
        foreign = others - personal[cid] - shown
        fonts = font_characters(path)
        assert fonts
        leaked = {font: "".join(sorted(chars & foreign)) for font, chars in fonts.items() if chars & foreign}
        assert not leaked, (cid, leaked)
    images = {cid: _count(_all_objects(tmp_path / "out" / f"{cid}.pdf"), "/Subtype", "/Image") for cid in MIXED}
    assert images["lukasz"] == images["anna"] < images["zoe"]  # the emoji's image is Zoë's alone

