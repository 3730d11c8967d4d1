"""The collector over a real socket, against SQLite and PostgreSQL: hostile input is refused."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from collector_support import (
    ADMIN,
    SECRET,
    SITE_ORIGIN,
    Running,
    running_collector,
    tiny_show,
)

from generator import tokens
from generator.collector.settings import Settings

FORM = {"Origin": SITE_ORIGIN}
JSON_HEADERS = {"Origin": SITE_ORIGIN, "Content-Type": "application/json"}
ADMIN_HEADERS = {"Authorization": f"Bearer {ADMIN}"}


@pytest.fixture
def collector(db_url: str) -> Iterator[Running]:
    settings = Settings(show=tiny_show(), db_url=db_url, admin_token=ADMIN, token_secret=SECRET,
                        rate_per_minute=0, max_body=16 * 1024)
    with running_collector(settings) as running:
        yield running


@pytest.fixture
def client(collector: Running) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=collector.url, timeout=10, follow_redirects=False) as c:
        yield c


def export_json(client: httpx.Client) -> list[dict]:
    reply = client.get("/admin/export.json", headers=ADMIN_HEADERS)
    assert reply.status_code == 200
    return reply.json()


def test_form_post_redirects_to_thanks_in_reader_language(client: httpx.Client) -> None:
    reply = client.post("/f/feedback", data={"q.exhibits": "good", "q.comments": "很好", "lang": "zh"}, headers=FORM)
    assert reply.status_code == 303
    assert reply.headers["location"] == "https://tiny.example.org/zh/forms/feedback/thanks/"
    assert reply.headers["access-control-allow-origin"] == SITE_ORIGIN
    # a language the show lacks falls back to the default; the redirect never echoes user input
    reply = client.post("/f/feedback", data={"q.exhibits": "fair", "lang": "https://evil.example/"}, headers=FORM)
    assert reply.headers["location"] == "https://tiny.example.org/en/forms/feedback/thanks/"
    rows = export_json(client)
    assert [(r["lang"], r["answers"]) for r in rows] == [
        ("zh", {"exhibits": "good", "comments": "很好"}), ("en", {"exhibits": "fair"})]


def test_json_post_and_preflight(client: httpx.Client) -> None:
    pre = client.options("/f/feedback", headers={"Origin": SITE_ORIGIN, "Access-Control-Request-Method": "POST",
                                                  "Access-Control-Request-Headers": "content-type"})
    assert pre.status_code == 204 and pre.headers["access-control-allow-origin"] == SITE_ORIGIN
    reply = client.post("/f/feedback", content=json.dumps({"q.exhibits": "poor", "lang": "ar"}), headers=JSON_HEADERS)
    assert reply.status_code == 200, reply.text
    assert reply.json()["ok"] is True
    assert reply.json()["thanks_url"] == "https://tiny.example.org/ar/forms/feedback/thanks/"
    assert export_json(client)[0]["answers"] == {"exhibits": "poor"}


def test_foreign_origin_refused(client: httpx.Client) -> None:
    evil = {"Origin": "https://evil.example.org"}
    assert client.post("/f/feedback", data={"q.exhibits": "good"}, headers=evil).status_code == 403
    assert client.post("/f/feedback", data={"q.exhibits": "good"},
                       headers={"Origin": "https://tiny.example.org.evil.example"}).status_code == 403
    assert client.post("/f/feedback", data={"q.exhibits": "good"},
                       headers={"Origin": "http://tiny.example.org"}).status_code == 403  # scheme differs
    assert client.post("/f/feedback", data={"q.exhibits": "good"}, headers={"Origin": "null"}).status_code == 403
    assert client.post("/f/feedback", data={"q.exhibits": "good"}).status_code == 403  # neither Origin nor Referer
    pre = client.options("/f/feedback", headers={**evil, "Access-Control-Request-Method": "POST"})
    assert pre.status_code == 403 and "access-control-allow-origin" not in pre.headers
    # Referer stands in for a missing Origin
    ok = client.post("/f/feedback", data={"q.exhibits": "good"},
                     headers={"Referer": "https://tiny.example.org/en/forms/feedback/"})
    assert ok.status_code == 303
    bad = client.post("/f/feedback", data={"q.exhibits": "good"}, headers={"Referer": "https://evil.example.org/x"})
    assert bad.status_code == 403
    assert len(export_json(client)) == 1


def test_oversized_body_refused(client: httpx.Client) -> None:
    big = {"q.exhibits": "good", "q.comments": "x" * 20000}
    assert client.post("/f/feedback", data=big, headers=FORM).status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: the cap applies while reading the stream
        yield b"q.exhibits=good&q.comments="
        for _ in range(100):
            yield b"y" * 1024

    reply = client.post("/f/feedback", content=chunks(),
                        headers={**FORM, "Content-Type": "application/x-www-form-urlencoded"})
    assert reply.status_code == 413
    assert export_json(client) == []


def test_unknown_fields_options_and_missing_answers(client: httpx.Client) -> None:
    def errors(data: dict) -> dict:
        reply = client.post("/f/feedback", content=json.dumps(data), headers=JSON_HEADERS)
        assert reply.status_code == 400, reply.text
        return reply.json()["errors"]

    assert errors({"q.exhibits": "good", "q.nope": "x"}) == {"q.nope": "unknown_field"}
    assert errors({"q.exhibits": "great"}) == {"q.exhibits": "unknown_option"}
    assert errors({"q.exhibits": ["good", "fair"]}) == {"q.exhibits": "single_value"}
    assert errors({"q.comments": "hi"}) == {"q.exhibits": "required"}
    assert errors({"q.exhibits": "good", "q.comments": "z" * 2001}) == {"q.comments": "too_long"}
    assert errors({"q.exhibits": {"a": 1}}) == {"_form": "form"}
    assert client.post("/f/nosuchform", data={"q.x": "1"}, headers=FORM).status_code == 404
    # the plain-form path gets a page in the reader's language
    page = client.post("/f/feedback", data={"q.exhibits": "great", "lang": "zh"}, headers=FORM)
    assert page.status_code == 400 and 'lang="zh"' in page.text and "请从所列选项中选择" in page.text
    assert client.post("/f/feedback", content=b"<x/>", headers={**FORM, "Content-Type": "text/xml"}).status_code == 415
    assert export_json(client) == []


def test_invalid_utf8_refused(client: httpx.Client) -> None:
    form_type = {**FORM, "Content-Type": "application/x-www-form-urlencoded"}
    assert client.post("/f/feedback", content=b"q.exhibits=good&q.comments=%FF%FE", headers=form_type).status_code == 400
    assert client.post("/f/feedback", content=b"q.exhibits=good&q.comments=\xff", headers=form_type).status_code == 400
    raw = b'{"q.exhibits": "good", "q.comments": "\xff\xfe"}'
    assert client.post("/f/feedback", content=raw, headers=JSON_HEADERS).status_code == 400
    assert export_json(client) == []


def test_tokens_forged_replayed_and_for_another_form(client: httpx.Client) -> None:
    good = tokens.sign(SECRET, "C-001", "feedback")
    forged = tokens.sign("not-the-secret", "C-001", "feedback")
    other_form = tokens.sign(SECRET, "C-002", "ask")
    post = lambda token: client.post("/f/feedback", content=json.dumps({"q.exhibits": "good", "token": token}),  # noqa: E731
                                     headers=JSON_HEADERS)
    assert post(forged).status_code == 403
    assert post(other_form).status_code == 403
    assert post("garbage").status_code == 403
    assert post(good).status_code == 200
    replay = post(good)
    assert replay.status_code == 409 and replay.json()["errors"] == {"token": "duplicate"}
    rows = export_json(client)
    assert [(r["client_id"], r["answers"]) for r in rows] == [("C-001", {"exhibits": "good"})]


def test_csv_export_neutralises_formulas(client: httpx.Client) -> None:
    nasty = ["=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(A1)", "\tx", "\rY", "ok = fine"]
    for text in nasty:
        reply = client.post("/f/feedback", content=json.dumps({"q.exhibits": "good", "q.comments": text}),
                            headers=JSON_HEADERS)
        assert reply.status_code == 200, (text, reply.text)
    reply = client.get("/admin/export.csv", headers=ADMIN_HEADERS)
    assert reply.status_code == 200
    rows = list(csv.reader(io.StringIO(reply.content.decode("utf-8-sig"), newline="")))
    header = rows[0]
    assert header[:6] == ["id", "form", "received_at", "lang", "client_id", "lottery_contact"]
    assert header[6:] == ["feedback.exhibits", "feedback.comments", "ask.email", "ask.message"]
    comments = [r[header.index("feedback.comments")] for r in rows[1:]]
    assert comments == ["'=cmd|' /C calc'!A0", "'+1+1", "'-2", "'@SUM(A1)", "'\tx", "'\rY", "ok = fine"]
    # the JSON export keeps the text as written
    assert [r["answers"]["comments"] for r in export_json(client)] == nasty


def test_admin_needs_token(client: httpx.Client) -> None:
    for path in ("/admin/export.csv", "/admin/export.json", "/admin/report.json", "/admin/report",
                 "/admin/contacts.csv"):
        assert client.get(path).status_code == 401
        assert client.get(path, headers={"Authorization": "Bearer wrong-token-wrong-token"}).status_code == 401
        assert client.get(path, headers={"Authorization": ADMIN}).status_code == 401
        assert client.get(path, headers=ADMIN_HEADERS).status_code == 200
    token = tokens.sign(SECRET, "C-9", "feedback")
    assert client.delete(f"/admin/contacts/feedback/{token}").status_code == 401


def test_honeypot_stored_apart(client: httpx.Client) -> None:
    reply = client.post("/f/feedback", data={"q.exhibits": "good", "website": "http://spam.example"}, headers=FORM)
    assert reply.status_code == 303  # the bot sees success
    assert export_json(client) == []
    assert client.get("/admin/report.json", headers=ADMIN_HEADERS).json()["spam"] == 1


def test_lottery_contact_apart_with_consent_and_deletion(client: httpx.Client) -> None:
    token = tokens.sign(SECRET, "C-7", "feedback")
    no_consent = client.post("/f/feedback", content=json.dumps(
        {"q.exhibits": "good", "contact_name": "Kim", "contact_email": "kim@example.org"}), headers=JSON_HEADERS)
    assert no_consent.status_code == 400 and no_consent.json()["errors"] == {"lottery_consent": "consent_required"}
    ok = client.post("/f/feedback", content=json.dumps(
        {"q.exhibits": "good", "lottery_consent": True, "contact_name": "Kim", "contact_email": "kim@example.org",
         "token": token}), headers=JSON_HEADERS)
    assert ok.status_code == 200
    rows = export_json(client)
    assert rows[0]["lottery_contact"] is True and "kim@example.org" not in json.dumps(rows)
    contacts = client.get("/admin/contacts.csv", headers=ADMIN_HEADERS).content.decode("utf-8-sig")
    assert "kim@example.org" in contacts
    deleted = client.delete(f"/admin/contacts/feedback/{token}", headers=ADMIN_HEADERS)
    assert deleted.status_code == 200 and deleted.json() == {"deleted": 1}
    contacts = client.get("/admin/contacts.csv", headers=ADMIN_HEADERS).content.decode("utf-8-sig")
    assert "kim@example.org" not in contacts
    assert export_json(client)[0]["answers"] == {"exhibits": "good"}  # the answer itself stays
    # the inquiry form has no lottery: contact fields are unknown there
    reply = client.post("/f/ask", content=json.dumps({"q.email": "a@b.org", "q.message": "hi", "contact_name": "x"}),
                        headers=JSON_HEADERS)
    assert reply.json()["errors"] == {"contact_name": "unknown_field"}


def test_report_counts(client: httpx.Client) -> None:
    for lang, choice in [("en", "good"), ("zh", "good"), ("zh", "poor")]:
        client.post("/f/feedback", data={"q.exhibits": choice, "lang": lang, "q.comments": f"c-{lang}"}, headers=FORM)
    data = client.get("/admin/report.json", headers=ADMIN_HEADERS).json()
    form = data["forms"][0]
    assert form["id"] == "feedback" and form["total"] == 3 and form["by_lang"] == {"en": 1, "zh": 2}
    counts = {o["id"]: o["count"] for o in form["questions"][0]["options"]}
    assert counts == {"good": 2, "fair": 0, "poor": 1}
    assert [t["text"] for t in form["questions"][1]["texts"]] == ["c-en", "c-zh", "c-zh"]
    page = client.get("/admin/report?lang=zh", headers=ADMIN_HEADERS)
    assert page.status_code == 200 and "展品如何" in page.text and "<svg" in page.text


def test_health_and_openapi(client: httpx.Client) -> None:
    assert client.get("/healthz").json() == {"ok": True}
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert {"/f/feedback", "/f/ask", "/healthz", "/admin/export.csv", "/admin/report.json"} <= set(spec["paths"])


def test_rate_limit_per_address_and_forwarded_for(tmp_path: Path) -> None:
    settings = Settings(show=tiny_show(), db_url=f"sqlite:///{tmp_path / 'r.db'}", admin_token=ADMIN,
                        rate_per_minute=3, trusted_proxies=("127.0.0.1",))
    with running_collector(settings) as running, httpx.Client(base_url=running.url) as c:
        codes = [c.post("/f/feedback", data={"q.exhibits": "good"},
                        headers={**FORM, "X-Forwarded-For": "203.0.113.5"}).status_code for _ in range(4)]
        assert codes == [303, 303, 303, 429]
        # another client behind the trusted proxy has its own bucket; a forged left-most hop changes nothing
        other = c.post("/f/feedback", data={"q.exhibits": "good"},
                       headers={**FORM, "X-Forwarded-For": "203.0.113.5, 198.51.100.7"})
        assert other.status_code == 303
    untrusted = Settings(show=tiny_show(), db_url=f"sqlite:///{tmp_path / 'u.db'}", rate_per_minute=2)
    with running_collector(untrusted) as running, httpx.Client(base_url=running.url) as c:
        codes = [c.post("/f/feedback", data={"q.exhibits": "good"},
                        headers={**FORM, "X-Forwarded-For": f"10.0.0.{i}"}).status_code for i in range(3)]
        assert codes == [303, 303, 429]  # X-Forwarded-For from an untrusted peer is ignored
