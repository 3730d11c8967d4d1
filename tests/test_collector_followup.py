"""The report that tells the organiser whom to follow up: rates per segment, kind and language over
the five weeks, satisfaction per segment on the four topics, free text with its language."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import httpx
from click.testing import CliRunner
from collector_support import ADMIN, SECRET, SITE_ORIGIN, TINY, running_collector, tiny_show
from pypdf import PdfReader

from generator.cli import cli
from generator.collector.app import template_env
from generator.collector.issued import Issued, IssuedLink
from generator.collector.report import WINDOW_DAYS, build_report, report_from_json
from generator.collector.reportpage import render_html
from generator.collector.settings import Settings
from generator.collector.store import Response
from generator.surveycodes import code_for, grouped

CLIENTS = {"C1": ("en", "vip"), "C2": ("zh", "vip"), "C3": ("en", "buyer"), "C4": ("zh", "buyer")}


def write_manifest(path: Path) -> Path:
    rows = ["client_id,language,file,pages,survey_link,survey_code,segment,kind,sent"]
    for cid, (lang, segment) in CLIENTS.items():
        code = code_for(SECRET, cid, "feedback")
        rows.append(f"{cid},{lang},{cid}.pdf,1,https://tiny.example.org/{lang}/forms/feedback/?c={code},"
                    f"{grouped(code)},{segment},thank-you,2026-06-20")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_report_of_a_real_collector_with_two_segments(tmp_path: Path) -> None:
    settings = Settings(show=tiny_show(), db_url=f"sqlite:///{tmp_path / 'feedback.db'}", admin_token=ADMIN,
                        token_secret=SECRET, rate_per_minute=0, manifest=write_manifest(tmp_path / "manifest.csv"))
    runner = CliRunner()
    answers = (("C1", "en", "good", "<i>great</i> show"), ("C3", "en", "poor", "交通不便"), ("C4", "zh", "fair", None))
    with running_collector(settings) as running, httpx.Client(base_url=running.url) as c:
        for cid, lang, choice, comment in answers:
            body = {"q.exhibits": choice, "lang": lang, "code": code_for(SECRET, cid, "feedback")}
            if comment:
                body["q.comments"] = comment
            reply = c.post("/f/feedback", content=json.dumps(body),
                           headers={"Origin": SITE_ORIGIN, "Content-Type": "application/json"})
            assert reply.status_code == 200, reply.text
        report = report_from_json(c.get("/admin/report.json", headers={"Authorization": f"Bearer {ADMIN}"}).json())
        exported = c.get("/admin/export.json", headers={"Authorization": f"Bearer {ADMIN}"}).json()
        out = tmp_path / "report"
        for lang in ("de", "en"):  # de: an interface language the show lacks
            result = runner.invoke(cli, ["report", "--project", str(TINY), "--url", running.url,
                                         "--admin-token", ADMIN, "--out", str(out), "--lang", lang])
            assert result.exit_code == 0, result.output
    rates = {line.group: (line.issued, line.answered, line.rate, line.pending) for line in report.segments}
    assert rates == {"buyer": (2, 2, 1.0, []), "vip": (2, 1, 0.5, ["C2"])}
    assert [(k.group, k.issued, k.answered) for k in report.kinds] == [("thank-you", 4, 3)]
    assert [(k.group, k.issued, k.answered) for k in report.languages] == [("en", 2, 2), ("zh", 2, 1)]
    scores = {(s.segment, s.topic): (s.score, s.answers) for s in report.satisfaction}
    assert scores[("vip", "exhibits")] == (100.0, 1) and scores[("buyer", "exhibits")] == (25.0, 2)
    assert scores[("vip", "transport")] == (None, 0)
    texts = {t.text: (t.lang, t.segment) for t in report.forms[0].questions[1].texts}
    assert texts == {"<i>great</i> show": ("en", "vip"), "交通不便": ("en", "buyer")}
    assert report.time_zone == "Europe/Berlin" and report.generated_at.endswith(("+01:00", "+02:00"))

    page = (out / "report-de.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in page and "Wen nachfassen" in page
    assert page.count('class="showpress-graphic showpress-rate-chart"') == 2
    assert "&lt;i&gt;great&lt;/i&gt; show" in page and "<i>great" not in page
    received = dt.datetime.fromisoformat(exported[0]["received_at"]).astimezone(tiny_show().info.zone)
    assert received.strftime("%d.%m.%y, %H:%M") in page  # German short date, the show's time zone
    assert "20. Juni 2026" in page  # the letters' date in the editor's locale
    pdf = "".join(p.extract_text() for p in PdfReader(out / "report-en.pdf").pages)
    assert "Whom to follow up" in pdf and "C2" in pdf and "Satisfaction per segment" in pdf


def _row(n: int, client: str | None, received: str, choice: str) -> Response:
    return Response(n, "feedback", "en", received, client, {"exhibits": choice}, False)


def test_rates_day_by_day_against_the_five_week_window() -> None:
    show = tiny_show()
    sent = dt.date(2026, 6, 20)
    links = tuple(IssuedLink(f"C{i}", "feedback", "", "en", "vip" if i < 2 else "media", "thank-you", sent)
                  for i in range(4))
    rows = [_row(1, "C0", "2026-06-20T21:59:00+00:00", "good"),   # 23:59 in Berlin: day 0
            _row(2, "C1", "2026-06-20T22:30:00+00:00", "fair"),   # 00:30 on 21 June in Berlin: day 1
            _row(3, "C2", "2026-07-01T08:00:00+00:00", "poor")]
    report = build_report(show, rows, 0, Issued(links), now=dt.datetime(2026, 7, 4, 12, tzinfo=dt.UTC))
    assert report.days_since == 14 and report.sent == "2026-06-20"
    vip, media = report.segments[1], report.segments[0]
    assert vip.group == "vip" and vip.by_day[:3] == [0.5, 1.0, 1.0] and len(vip.by_day) == WINDOW_DAYS + 1
    assert media.by_day[10] == 0.0 and media.by_day[11] == 0.5 and media.pending == ["C3"]
    page = render_html(show, report, "en", template_env())
    chart = page.split('showpress-rate-chart"')[1].split("</svg>")[0]
    assert chart.split('points="')[1].split('"')[0].count(",") == 15  # days 0..14 drawn, the rest to come
    assert ">Today<" in chart and "June 20, 2026" in page
