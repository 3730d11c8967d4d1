"""`showpress report`: from a running collector or its database, to a page and a PDF with charts."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
from click.testing import CliRunner
from collector_support import ADMIN, SECRET, SITE_ORIGIN, TINY, running_collector, tiny_show
from pypdf import PdfReader

from generator import tokens
from generator.cli import cli
from generator.collector.settings import Settings

HEADERS = {"Origin": SITE_ORIGIN, "Content-Type": "application/json"}


def write_mailing_files(tmp_path: Path) -> tuple[Path, Path]:
    clients = tmp_path / "clients.csv"
    clients.write_text("id,name,language,segment\nC1,A,en,vip\nC2,B,zh,vip\nC3,C,zh,media\n", encoding="utf-8")
    manifest = tmp_path / "manifest.csv"
    rows = ["client_id,language,file,pages,survey_link"]
    for cid, lang in (("C1", "en"), ("C2", "zh"), ("C3", "zh")):
        rows.append(f"{cid},{lang},{cid}.pdf,4,https://tiny.example.org/{lang}/forms/feedback/?t="
                    f"{tokens.sign(SECRET, cid, 'feedback')}")
    manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return manifest, clients


def test_report_from_collector_and_from_database(tmp_path: Path) -> None:
    manifest, clients = write_mailing_files(tmp_path)
    db = f"sqlite:///{tmp_path / 'feedback.db'}"
    settings = Settings(show=tiny_show(), db_url=db, admin_token=ADMIN, token_secret=SECRET, rate_per_minute=0,
                        manifest=manifest, clients=clients)
    runner = CliRunner()
    with running_collector(settings) as running, httpx.Client(base_url=running.url) as c:
        for lang, choice, cid in (("en", "good", "C1"), ("zh", "good", None), ("zh", "poor", "C3")):
            body = {"q.exhibits": choice, "lang": lang, "q.comments": f"<b>{lang}</b> 意见"}
            if cid:
                body["token"] = tokens.sign(SECRET, cid, "feedback")
            assert c.post("/f/feedback", content=json.dumps(body), headers=HEADERS).status_code == 200
        data = c.get("/admin/report.json", headers={"Authorization": f"Bearer {ADMIN}"}).json()
        assert [(s["group"], s["issued"], s["answered"], s["rate"], s["pending"]) for s in data["segments"]] == [
            ("media", 1, 1, 1.0, []), ("vip", 2, 1, 0.5, ["C2"])]
        out = tmp_path / "from-url"
        result = runner.invoke(cli, ["report", "--project", str(TINY), "--url", running.url, "--admin-token", ADMIN,
                                     "--out", str(out), "--lang", "zh"])
        assert result.exit_code == 0, result.output
        refused = runner.invoke(cli, ["report", "--project", str(TINY), "--url", running.url,
                                      "--admin-token", "wrong-token-wrong-token", "--out", str(out)])
        assert refused.exit_code == 2 and "refused the admin token" in refused.output
    page = (out / "report-zh.html").read_text(encoding="utf-8")
    assert 'lang="zh"' in page and "问卷报告" in page and "展品如何" in page
    assert "&lt;b&gt;zh&lt;/b&gt;" in page and "<b>zh</b>" not in page  # free text is escaped
    text = "".join(page.extract_text() for page in PdfReader(out / "report-zh.pdf").pages)
    assert "问卷报告" in text and "2 (67%)" in text and "50%" in text

    out2 = tmp_path / "from-db"
    result = runner.invoke(cli, ["report", "--project", str(TINY), "--db", db, "--out", str(out2),
                                 "--manifest", str(manifest), "--clients", str(clients)])
    assert result.exit_code == 0, result.output
    assert (out2 / "report-en.pdf").read_bytes().startswith(b"%PDF")
    assert "Survey report" in (out2 / "report-en.html").read_text(encoding="utf-8")
