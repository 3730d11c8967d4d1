"""Letters to key clients follow their language's and country's conventions (every kind).

Rendered from the sample show (zh, en, ko, ja) for clients in zh, zh-TW, ja, ko, en-GB, en-US, fr,
de, es, ar, pt-BR (a language the show lacks, shipped by showpress) and sw (a language the show
lacks and showpress does not ship), with and without a gender, on fixed dates, and read back with
poppler (pdftotext, pdfinfo, pdffonts) and qpdf.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pdf_helpers import TINY, copy_tiny, pdffonts, pdfinfo, pdftext

from generator.checks import missing_translations
from generator.errors import DataError, UsageError
from generator.language import language_for
from generator.load import load_show
from generator.pdf.clients import read_csv
from generator.pdf.letterframe import calendar_of, framed, letter_date, year_name
from generator.pdf.mailing import run_mailing
from generator.show import Show

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 12, 1)
CLIENTS = """id,name,language,organisation,segment,country,salutation,observes,gender,family_name
c-zh,李明,zh,海州贸易有限公司,exhibitor,CN,李总,,,
c-zw,王芳,zh,海州物流有限公司,buyer,CN,,,female,王
c-tw,陳大文,zh,臺北貿易股份有限公司,buyer,TW,陳董事長,,,
c-ja,田中一郎,ja,株式会社海州商事,buyer,JP,,,,
c-ko,김민준,ko,서울무역,media,KR,김민준 대표,,,
c-gb,Aoife Murphy,en,Murphy & Co,buyer,GB,Ms Murphy,,,
c-us,John Smith,en,Smith Inc,sponsor,US,Mr Smith,christmas,,
c-fr,Claire Dubois,fr,Dubois SA,vip,FR,Madame,,,
c-fm,Luc Martin,fr,Martin SARL,buyer,FR,,,male,Martin
c-de,Hans Weber,de,Weber GmbH,exhibitor,DE,,,male,Weber
c-df,Anna Müller,de,Müller AG,buyer,DE,Frau Dr. Müller,,female,
c-dx,Alex Krüger,de,Krüger KG,buyer,AT,,,,
c-do,Hofmann & Kessler GmbH,de,Hofmann & Kessler GmbH,exhibitor,DE,,,,
c-es,María García López,es,García Importaciones,buyer,ES,,,female,García López
c-em,Jorge Pérez,es,Pérez y Asociados,buyer,MX,Sr. Pérez,,male,
c-ar,أحمد علي,ar,شركة الخليج,buyer,AE,السيد أحمد علي,eid-al-fitr;christmas,,
c-af,فاطمة حسن,ar,شركة النخيل,buyer,AE,,,female,
c-br,Ana Souza,pt-BR,Souza Comércio,buyer,BR,,,female,Souza
c-sw,Amani Njoroge,sw,Nairobi Traders,buyer,KE,,,,
"""
KINDS = ("thank-you", "reminder", "invitation", "greetings")
pytestmark = pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf missing: bash scripts/setup.sh --test")


@pytest.fixture(scope="module")
def sample() -> Show:
    return load_show(ROOT)


@pytest.fixture(scope="module")
def letters(sample: Show, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every kind for every client (the brochure kind for two), as kind/client -> PDF."""
    base = tmp_path_factory.mktemp("letters")
    clients = base / "clients.csv"
    clients.write_text(CLIENTS, encoding="utf-8")
    few = base / "few.csv"
    few.write_text("\n".join(line for line in CLIENTS.splitlines() if line.startswith(("id,", "c-ja", "c-us"))),
                   encoding="utf-8")
    out: dict[str, Path] = {}
    for kind in (*KINDS, "brochure"):
        folder = base / kind
        result = run_mailing(sample, few if kind == "brochure" else clients, folder, secret="s3cret", kind=kind,
                             today=TODAY, use_cache=False, workers=1,
                             answered=frozenset({"c-sw"}) if kind == "reminder" else frozenset())
        assert not result.problems, result.problems
        for row in result.rows:
            out[f"{kind}/{row.client_id}"] = folder / row.file
    return out


def text(letters: dict[str, Path], key: str) -> str:
    return pdftext(letters[key], 1, 1)


def lines(letters: dict[str, Path], key: str) -> list[str]:
    return [line.strip() for line in text(letters, key).splitlines() if line.strip()]


@pytest.mark.parametrize("kind", ["thank-you", "reminder", "invitation"])
def test_japanese_letter_opens_with_haikei_and_a_seasonal_greeting_and_closes_with_keigu(
        letters: dict[str, Path], kind: str) -> None:
    found = text(letters, f"{kind}/c-ja")
    assert "拝啓" in found and "師走の候" in found and "敬具" in found
    assert found.index("拝啓") < found.index("敬具")
    assert "田中一郎 様" in found
    assert "令和8年12月1日" in found and "2026年12月1日" not in found, "Japanese letters date in the era"


def test_the_japanese_convention_dates_in_the_imperial_era() -> None:
    ja = language_for("ja")
    assert (calendar_of("japanese"), calendar_of("western")) == ("japanese", "gregorian")
    assert letter_date(ja, dt.date(2019, 5, 1), "japanese") == "令和元年5月1日"
    assert letter_date(ja, dt.date(2026, 12, 1), "japanese") == "令和8年12月1日"
    assert year_name(ja, 2027, "japanese") == "令和9年" and year_name(ja, 2027) == "2027年"


def test_japanese_new_year_card_opens_with_kinga_shinnen_and_is_dated_gantan(letters: dict[str, Path]) -> None:
    found = text(letters, "greetings/c-ja")
    assert "謹賀新年" in found and re.search(r"令和9年\s+元旦", found) and "拝啓" not in found


@pytest.mark.parametrize(("client", "salute"), [("c-zh", "敬礼！"), ("c-tw", "敬禮！")])
@pytest.mark.parametrize("kind", KINDS)
def test_chinese_letter_frames_the_salutation_and_closes_on_two_lines_then_dates_under_the_signature(
        letters: dict[str, Path], kind: str, client: str, salute: str) -> None:
    found = lines(letters, f"{kind}/{client}")
    name = "李总" if client == "c-zh" else "陳董事長"
    assert f"尊敬的{name}：" in found
    assert found[found.index("此致") + 1] == salute
    assert found[-1] == "2026年12月1日", "the date goes under the signature"
    assert found.index(f"尊敬的{name}：") < found.index("此致")


def test_traditional_chinese_client_gets_traditional_glyphs(letters: dict[str, Path]) -> None:
    names = {row["name"] for row in pdffonts(letters["thank-you/c-tw"])}
    assert any("CJKtc" in name or "CJK TC" in name or "TC-" in name for name in names), names
    assert "您的代碼" in text(letters, "thank-you/c-tw")



@pytest.mark.parametrize("kind", KINDS)
def test_traditional_chinese_letter_writes_the_shows_simplified_texts_in_traditional(
        letters: dict[str, Path], kind: str) -> None:
    found = "".join(text(letters, f"{kind}/c-tw").split())
    assert "海州國際會展集團有限公司" in found and "海博會組委會秘書長" in found
    assert kind != "thank-you" or "感謝您撥冗出席第十二屆海博會" in found
    assert "感谢" not in found and "国际" not in found


@pytest.mark.parametrize("kind", KINDS)
def test_korean_letter_addresses_nimkke_and_signs_deurim(letters: dict[str, Path], kind: str) -> None:
    found = text(letters, f"{kind}/c-ko")
    assert "김민준 대표님께" in found and "드림" in found and "2026년 12월 1일" in found


@pytest.mark.parametrize("kind", KINDS)
def test_english_letters_frame_the_salutation_and_date_by_country(letters: dict[str, Path], kind: str) -> None:
    gb, us = text(letters, f"{kind}/c-gb"), text(letters, f"{kind}/c-us")
    assert "Dear Ms Murphy," in gb and "1 December 2026" in gb and "Yours sincerely," in gb
    # the American business letter: a colon after the salutation (the client's "Mr Smith" kept as
    # written), "Sincerely," (generator/locale/en_US)
    assert "Dear Mr Smith:" in us and "December 1, 2026" in us and "\nSincerely," in us
    assert "Dear Mr Smith," not in us and "Yours sincerely" not in us
    assert "\nMs Murphy\n" not in gb


def test_paper_follows_the_country_unless_given(letters: dict[str, Path]) -> None:
    assert "letter" in pdfinfo(letters["thank-you/c-us"])["Page size"]
    assert "A4" in pdfinfo(letters["thank-you/c-gb"])["Page size"]
    assert "letter" in pdfinfo(letters["brochure/c-us"])["Page size"]


@pytest.mark.parametrize("kind", KINDS)
def test_french_and_german_letters_use_their_own_frames(letters: dict[str, Path], kind: str) -> None:
    fr, de = text(letters, f"{kind}/c-fr"), text(letters, f"{kind}/c-de")
    assert "Madame," in fr and "Dear" not in fr and "1 décembre 2026" in fr
    assert "Veuillez agréer" in fr
    assert "Sehr geehrter Herr Weber," in de and "1. Dezember 2026" in de


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("client", "greeting"), [
    ("c-de", "Sehr geehrter Herr Weber,"), ("c-df", "Sehr geehrte Frau Dr. Müller,"),
    ("c-dx", "Guten Tag Alex Krüger,"), ("c-do", "Sehr geehrte Damen und Herren,"),
    ("c-es", "Estimada Sra. García López:"), ("c-em", "Estimado Sr. Pérez:"),
    ("c-fm", "Monsieur,"), ("c-br", "Prezada Sra. Souza,"),
])
def test_greetings_agree_with_the_clients_gender_or_take_the_neutral_form(
        letters: dict[str, Path], kind: str, client: str, greeting: str) -> None:
    found = lines(letters, f"{kind}/{client}")
    assert greeting in found, found[:8]


@pytest.mark.parametrize("kind", KINDS)
def test_spanish_letters_use_their_frame_date_and_closing(letters: dict[str, Path], kind: str) -> None:
    found = text(letters, f"{kind}/c-es")
    assert "1 de diciembre de 2026" in found and "Atentamente," in found and "Dear" not in found
    assert "Estimado/a" not in found


def test_chinese_and_arabic_greetings_take_the_gendered_title(letters: dict[str, Path]) -> None:
    assert "尊敬的王女士：" in lines(letters, "thank-you/c-zw")
    arabic = re.sub("[\u202a-\u202e]", "", text(letters, "thank-you/c-af"))  # pdftotext's bidi marks
    assert "السيدة فاطمة حسن المحترمة،" in arabic


@pytest.mark.parametrize("kind", KINDS)
def test_a_letter_does_not_mix_the_frames_language_with_a_fallback_body(letters: dict[str, Path], kind: str) -> None:
    """The show's own texts lack French, Spanish and Arabic: those letters take showpress's wording
    in their own language rather than an English body inside a French frame."""
    fr, es = " ".join(text(letters, f"{kind}/c-fr").split()), " ".join(text(letters, f"{kind}/c-es").split())
    assert "Thank you for joining us" not in fr and "Thank you for joining us" not in es
    assert "Merci" in fr or "Nous" in fr, fr


def test_spanish_letters_name_the_month_in_full(letters: dict[str, Path]) -> None:
    assert "11–15 de mayo de 2027" in " ".join(text(letters, "invitation/c-es").split())


def test_a_salutation_already_framed_is_not_framed_again() -> None:
    de = language_for("de")
    assert framed(de, "Sehr geehrter Herr Hofmann") == "Sehr geehrter Herr Hofmann,"
    assert framed(de, "Herr Hofmann", "male") == "Sehr geehrter Herr Hofmann,"
    assert framed(language_for("es"), "Estimada Sra. García", "female") == "Estimada Sra. García:"


def test_american_letters_take_the_american_business_frame() -> None:
    from generator.models import Client
    from generator.pdf.letterframe import greeting

    us, gb = language_for("en-US"), language_for("en-GB")
    assert framed(us, "Dear Mr Smith,") == "Dear Mr Smith:"  # framed by the client file already: not twice
    assert framed(us, "Ms Rivera", "female") == "Dear Ms Rivera:"
    rivera = Client(id="r", name="Ana Rivera", language="en", country="US", gender="female", family_name="Rivera")
    assert greeting(us, rivera) == "Dear Ms. Rivera:" and greeting(gb, rivera) == "Dear Ms Rivera,"
    firm = Client(id="f", name="Acme Corp", organisation="Acme Corp", language="en", country="US")
    assert greeting(us, firm) == "Dear Sir or Madam:"
    assert us.gettext("Yours sincerely,") == "Sincerely," and gb.gettext("Yours sincerely,") == "Yours sincerely,"
    assert us.gettext("Programme") == "Program" and language_for("en").gettext("Programme") == "Programme"


def test_a_language_the_show_lacks_falls_back_for_show_texts(letters: dict[str, Path]) -> None:
    found = text(letters, "thank-you/c-sw")
    assert "Dear Amani Njoroge," in found and "12th Haizhou Expo" in found


def test_thank_you_letter_asks_for_the_survey_once_and_consistently(letters: dict[str, Path]) -> None:
    found = " ".join(text(letters, "thank-you/c-gb").split())
    assert "three minutes" in found
    assert "five minutes" not in found and "enclosed survey" not in found


def test_brochure_letter_after_the_show_does_not_look_forward_to_welcoming(letters: dict[str, Path]) -> None:
    found = " ".join(text(letters, "brochure/c-us").split())
    assert "held from" in found and "look forward to welcoming you" not in found
    ja = text(letters, "brochure/c-ja")
    assert "海州海州" not in ja and "開催いたしました" in ja


def test_invitation_names_the_next_edition(letters: dict[str, Path]) -> None:
    found = " ".join(text(letters, "invitation/c-gb").split())
    assert "Low-carbon supply chains and the silver economy" in found and "11–15 May 2027" in found


def test_greetings_follow_culture_and_what_the_client_observes(letters: dict[str, Path]) -> None:
    assert "新春佳节" in text(letters, "greetings/c-zh")
    assert "Merry Christmas" in " ".join(text(letters, "greetings/c-us").split())
    assert "season's greetings" in " ".join(text(letters, "greetings/c-gb").split())
    assert "설날" in text(letters, "greetings/c-ko")


def test_reminder_skips_clients_who_answered(letters: dict[str, Path]) -> None:
    assert "reminder/c-sw" not in letters and "reminder/c-gb" in letters


def test_every_letter_is_qpdf_clean_and_without_dejavu(letters: dict[str, Path]) -> None:
    for key, path in letters.items():
        checked = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert checked.returncode == 0, (key, checked.stdout, checked.stderr)
        # qpdf repairs silently what poppler reports: a cross-reference table it has to rebuild.
        poppler = subprocess.run(["pdftotext", str(path), os.devnull], capture_output=True, text=True)
        assert poppler.returncode == 0 and not poppler.stderr, (key, poppler.stderr)
        assert not [f for f in pdffonts(path) if "DejaVu" in f["name"]], key


def test_invitation_without_a_planned_edition_is_a_clear_error(tmp_path: Path) -> None:
    show = load_show(copy_tiny(tmp_path))
    clients = tmp_path / "clients.csv"
    clients.write_text("id,name,language\nc1,Ann,en\n", encoding="utf-8")
    with pytest.raises(UsageError, match="planned_editions"):
        run_mailing(show, clients, tmp_path / "out", secret="s", kind="invitation", today=TODAY, workers=1)


def test_late_thank_you_warns(sample: Show, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    clients = tmp_path / "clients.csv"
    clients.write_text("id,name,language\nc1,Ann,en\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        run_mailing(sample, clients, tmp_path / "out", secret="s", kind="thank-you", today=TODAY,
                    use_cache=False, workers=1)
    assert "five weeks" in caplog.text


def test_gender_column_is_checked_with_a_clear_message() -> None:
    good, problems = read_csv(Path("c.csv"), "id,name,language,gender,family_name\nc1,Ann Lee,en,Female,Lee\n"
                                             "c2,Bo,de,w,\n")
    assert good[0][1].gender == "female" and good[0][1].family_name == "Lee"
    assert [(p.line, p.col) for p in problems] == [(3, 4)]
    assert "gender must be female, male or other" in problems[0].message


def test_observes_column_is_split_and_checked() -> None:
    good, problems = read_csv(Path("c.csv"), "id,name,language,observes\nc1,Ann,en,eid-al-fitr;christmas\n"
                                             "c2,Bo,en,diwali\n")
    assert good[0][1].observes == ["eid-al-fitr", "christmas"]
    assert problems and problems[0].line == 3


def test_letters_file_is_checked(tmp_path: Path) -> None:
    project = copy_tiny(tmp_path)
    (project / "data" / "letters.yml").write_text(
        "letters:\n  - kind: thank-you\n    body: {en: Thanks.}\n  - kind: thanks\n    segment: vipp\n"
        "    body: {en: x}\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_show(project)
    message = "\n".join(str(problem) for problem in error.value.problems)
    assert "data/letters.yml:4" in message and "kind" in message and "segment" in message
    (project / "data" / "letters.yml").write_text("letters:\n  - kind: thank-you\n    body: {en: Thanks.}\n",
                                                  encoding="utf-8")
    show = load_show(project)
    assert any(line.startswith("data/letters.yml:3") for line in missing_translations(show, "zh"))
    assert TINY.is_dir()


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg missing: bash scripts/setup.sh --test")
@pytest.mark.parametrize("kind", ["thank-you", "reminder"])
def test_every_survey_letter_prints_its_code_whole_its_qr_decodes_to_it_and_is_tagged(
        letters: dict[str, Path], kind: str, tmp_path: Path) -> None:
    """For every client of every language: the printed code whole on one line, the QR the same
    code's link, the file tagged (PDF/UA: marked, a structure tree, the letter's /Lang)."""
    import csv

    from pypdf import PdfReader

    folder = next(path.parent for key, path in letters.items() if key.startswith(f"{kind}/"))
    rows = list(csv.DictReader((folder / "manifest.csv").open(encoding="utf-8")))
    wanted = {line.split(",")[0]: line.split(",")[2] for line in CLIENTS.splitlines()[1:]}
    assert {row["client_id"] for row in rows} == set(wanted) - ({"c-sw"} if kind == "reminder" else set())
    for row in rows:
        path, code, link = folder / row["file"], row["survey_code"], row["survey_link"]
        assert code and link.endswith("?c=" + code.replace("-", "")), row
        layout = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(path), "-"],
                                capture_output=True, text=True, check=True).stdout
        assert any(code in line for line in layout.splitlines()), (row["client_id"], code)
        png = tmp_path / row["client_id"]
        subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", str(path), str(png)],
                       check=True)
        decoded = subprocess.run(["zbarimg", "-q", "--raw", f"{png}.png"], capture_output=True, text=True)
        assert decoded.stdout.strip() == link, (row["client_id"], decoded.stdout)
        root = PdfReader(path).trailer["/Root"]
        assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"], row["client_id"]
        assert str(root["/Lang"]).split("-")[0] == wanted[row["client_id"]].split("-")[0], (row, root["/Lang"])
