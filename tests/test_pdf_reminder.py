"""`showpress mailing --kind reminder`: letters only to clients without an answer in the collector."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from collector_support import ADMIN, SECRET, SITE_ORIGIN, TINY, running_collector, tiny_show
from pdf_helpers import pdftext
from test_collector_codes import write_manifest

from generator.cli import cli
from generator.collector.settings import Settings
from generator.surveycodes import code_for

pytestmark = pytest.mark.slow
CLIENTS = "id,name,language,segment\nC1,Anna,en,vip\nC2,Wang Wei,zh,buyer\nC3,Erik,en,buyer\n"


def _mailed(out: Path) -> list[str]:
    with (out / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return [row["client_id"] for row in csv.DictReader(handle)]


def test_a_reminder_goes_only_to_clients_without_an_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clients = tmp_path / "clients.csv"
    clients.write_text(CLIENTS, encoding="utf-8")
    manifest = write_manifest(tmp_path / "manifest.csv", {"C1": "en", "C2": "zh", "C3": "en"})
    settings = Settings(show=tiny_show(), db_url=f"sqlite:///{tmp_path / 'feedback.db'}", admin_token=ADMIN,
                        token_secret=SECRET, rate_per_minute=0, manifest=manifest)
    runner = CliRunner()
    monkeypatch.setenv("SHOWPRESS_TOKEN_SECRET", SECRET)
    base = ["mailing", "--project", str(TINY), "--clients", str(clients), "--kind", "reminder",
            "--today", "2026-07-01", "--no-cache"]
    with running_collector(settings) as running, httpx.Client(base_url=running.url) as c:
        body = {"q.exhibits": "good", "lang": "zh", "code": code_for(SECRET, "C2", "feedback")}
        sent = c.post("/f/feedback", content=json.dumps(body),
                      headers={"Origin": SITE_ORIGIN, "Content-Type": "application/json"})
        assert sent.status_code == 200
        export = tmp_path / "export.json"
        export.write_bytes(c.get("/admin/export.json", headers={"Authorization": f"Bearer {ADMIN}"}).content)
        monkeypatch.setenv("SHOWPRESS_ADMIN_TOKEN", ADMIN)
        over_http = runner.invoke(cli, [*base, "--collector-url", running.url, "--out", str(tmp_path / "http")])
        assert over_http.exit_code == 0, over_http.output
        monkeypatch.setenv("SHOWPRESS_ADMIN_TOKEN", "wrong-token-wrong-token")
        refused = runner.invoke(cli, [*base, "--collector-url", running.url, "--out", str(tmp_path / "no")])
        assert refused.exit_code == 2 and "refused the admin token" in refused.output
    assert "1 client(s) answered already" in over_http.output
    assert _mailed(tmp_path / "http") == ["C1", "C3"]
    from_file = runner.invoke(cli, [*base, "--responses", str(export), "--out", str(tmp_path / "file")])
    assert from_file.exit_code == 0, from_file.output
    assert _mailed(tmp_path / "file") == ["C1", "C3"]
    text = " ".join(pdftext(tmp_path / "file" / "C1.pdf").split())
    assert "If you have not had a moment yet, we would still be very glad to hear from you." in text
    with (tmp_path / "file" / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        assert {row["kind"] for row in csv.DictReader(handle)} == {"reminder"}


def test_a_reminder_needs_the_answers_received(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clients = tmp_path / "clients.csv"
    clients.write_text(CLIENTS, encoding="utf-8")
    monkeypatch.setenv("SHOWPRESS_TOKEN_SECRET", SECRET)
    base = ["mailing", "--project", str(TINY), "--clients", str(clients), "--kind", "reminder",
            "--out", str(tmp_path / "out")]
    result = CliRunner().invoke(cli, base)
    assert result.exit_code == 2 and "--kind reminder needs the answers received so far" in result.output
    bad = tmp_path / "export.json"
    bad.write_text('{"not": "a list"}', encoding="utf-8")
    result = CliRunner().invoke(cli, [*base, "--responses", str(bad)])
    assert result.exit_code == 2 and "not the collector's export.json" in result.output
    assert not (tmp_path / "out").exists()
