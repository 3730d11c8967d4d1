"""The collector checks the survey code from a letter against the codes the mailing issued."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from collector_support import ADMIN, SECRET, SITE_ORIGIN, running_collector, tiny_show

from generator import tokens
from generator.collector.settings import Settings
from generator.site.forms import form_html
from generator.surveycodes import code_for, grouped

JSON = {"Origin": SITE_ORIGIN, "Content-Type": "application/json"}
FORM = {"Origin": SITE_ORIGIN, "Content-Type": "application/x-www-form-urlencoded"}
ADMIN_HEADERS = {"Authorization": f"Bearer {ADMIN}"}


def write_manifest(path: Path, clients: dict[str, str], *, with_codes: bool = True) -> Path:
    """A mailing manifest for ``clients`` (id -> language), with or without the survey_code column."""
    head = "client_id,language,file,pages,survey_link" + (",survey_code,segment,kind,sent" if with_codes else "")
    rows = [head]
    for cid, lang in clients.items():
        code = code_for(SECRET, cid, "feedback")
        link = f"https://tiny.example.org/{lang}/forms/feedback/?c={code}"
        rows.append(f"{cid},{lang},{cid}.pdf,1,{link}" + (f",{grouped(code)},vip,thank-you,2026-06-20"
                                                           if with_codes else ""))
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def settings(tmp_path: Path, manifest: Path) -> Settings:
    return Settings(show=tiny_show(), db_url=f"sqlite:///{tmp_path / 'feedback.db'}", admin_token=ADMIN,
                    token_secret=SECRET, rate_per_minute=0, manifest=manifest)


def answer(code: str | None, lang: str = "en") -> str:
    body = {"q.exhibits": "good", "lang": lang}
    if code is not None:
        body["code"] = code
    return json.dumps(body)


def test_a_code_is_accepted_once_however_it_is_typed(tmp_path: Path) -> None:
    manifest = write_manifest(tmp_path / "manifest.csv", {"C-001": "en", "C-002": "zh"})
    typed = grouped(code_for(SECRET, "C-001", "feedback")).lower().replace("0", "o").replace("1", "l")
    with running_collector(settings(tmp_path, manifest)) as running, httpx.Client(base_url=running.url) as c:
        first = c.post("/f/feedback", content=answer(typed), headers=JSON)
        assert first.status_code == 200, first.text
        replay = c.post("/f/feedback", content=answer(code_for(SECRET, "C-001", "feedback")), headers=JSON)
        assert replay.status_code == 409 and replay.json()["errors"] == {"code": "duplicate"}
        # the client's token (the older link) counts as the same client: still one answer
        token = tokens.sign(SECRET, "C-001", "feedback")
        again = c.post("/f/feedback", content=json.dumps({"q.exhibits": "fair", "lang": "en", "token": token}),
                       headers=JSON)
        assert again.status_code == 409
        assert c.post("/f/feedback", content=answer(None), headers=JSON).status_code == 200  # no code: anonymous
        exported = c.get("/admin/export.json", headers=ADMIN_HEADERS).json()
    assert [row["client_id"] for row in exported] == ["C-001", None]


def test_an_unknown_code_is_refused_in_the_readers_language(tmp_path: Path) -> None:
    manifest = write_manifest(tmp_path / "manifest.csv", {"C-001": "en"})
    other = grouped(code_for("another-secret", "C-001", "feedback"))
    with running_collector(settings(tmp_path, manifest)) as running, httpx.Client(base_url=running.url) as c:
        refused = c.post("/f/feedback", content=answer(other), headers=JSON)
        assert refused.status_code == 403 and refused.json()["errors"] == {"code": "code"}  # as a forged token
        unreadable = c.post("/f/feedback", content=answer("not-a-valid-code"), headers=JSON)
        assert unreadable.status_code == 400 and unreadable.json()["errors"] == {"code": "code"}
        # a code issued for this survey is refused on another form
        ask = {"q.email": "a@example.org", "q.message": "hi", "lang": "en",
               "code": code_for(SECRET, "C-001", "feedback")}
        assert c.post("/f/ask", content=json.dumps(ask), headers=JSON).status_code == 403
        page = c.post("/f/feedback", content=f"q.exhibits=good&lang=zh&code={other}", headers=FORM)
    assert page.status_code == 403 and page.headers["content-type"].startswith("text/html")
    assert '<html lang="zh"' in page.text
    assert "来信中的代码" in page.text and "这不是我们寄出的代码" in page.text


def test_codes_are_derived_again_from_the_secret_for_an_older_manifest(tmp_path: Path) -> None:
    manifest = write_manifest(tmp_path / "manifest.csv", {"C-001": "en"}, with_codes=False)
    with running_collector(settings(tmp_path, manifest)) as running, httpx.Client(base_url=running.url) as c:
        code = code_for(SECRET, "C-001", "feedback")
        assert c.post("/f/feedback", content=answer(code), headers=JSON).status_code == 200
        assert c.post("/f/feedback", content=answer(code), headers=JSON).status_code == 409


def test_the_survey_page_has_a_visible_code_field_that_works_without_script() -> None:
    show = tiny_show()
    survey = form_html(show, show.form("feedback"), "zh")
    field = survey.split('name="code"')[0].rsplit("<input", 1)[1]
    assert 'type="text"' in field and "hidden" not in field
    assert "来信中的代码" in survey and 'name="code"' in survey
    assert 'name="code"' not in form_html(show, show.form("ask"), "en")  # only the mailing's survey asks


@pytest.mark.slow
def test_a_browser_prefills_the_code_from_the_qr_link_and_a_person_can_type_it(tmp_path: Path) -> None:
    """Headless Chromium on the survey page: with JavaScript the field takes ?c= from the QR link;
    without it, the code typed by hand reaches the collector (a form post) and counts for the client."""
    import functools
    import http.server
    import threading

    from test_forms_browser import ARGS, CHROMIUM, require_chromium

    require_chromium()
    from playwright.sync_api import sync_playwright

    from generator.site.forms import form_assets

    show = tiny_show()
    code = code_for(SECRET, "C-001", "feedback")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    static = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=static.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{static.server_address[1]}"
    collector = Settings(show=show, db_url=f"sqlite:///{tmp_path / 'feedback.db'}", admin_token=ADMIN,
                         token_secret=SECRET, rate_per_minute=0, allow_origins=(origin,),
                         manifest=write_manifest(tmp_path / "manifest.csv", {"C-001": "en"}))
    try:
        with running_collector(collector) as running, sync_playwright() as p:
            html = form_html(show, show.form("feedback"), "en").replace(
                "https://collect.tiny.example.org/f/feedback", f"{running.url}/f/feedback")
            (tmp_path / "showpress-forms.js").write_bytes(form_assets()["assets/showpress-forms.js"])
            (tmp_path / "survey.html").write_text(
                '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>s</title><script '
                f'src="showpress-forms.js" defer></script></head><body>{html}</body></html>', encoding="utf-8")
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            try:
                js = browser.new_page()
                js.goto(f"{origin}/survey.html?c={code}")
                assert js.locator('input[name="code"]').is_visible()
                assert js.locator('input[name="code"]').input_value() == code
                nojs = browser.new_context(java_script_enabled=False).new_page()
                nojs.route("https://tiny.example.org/**", lambda route: route.fulfill(body="thanks"))
                nojs.goto(f"{origin}/survey.html")
                assert nojs.locator('input[name="code"]').input_value() == ""
                nojs.check('input[name="q.exhibits"][value="good"]')
                nojs.fill('input[name="code"]', grouped(code).lower())
                with nojs.expect_response(f"{running.url}/f/feedback") as reply:
                    nojs.click('button[type="submit"]')
                assert reply.value.status == 303, reply.value.text()
            finally:
                browser.close()
            exported = httpx.get(f"{running.url}/admin/export.json", headers=ADMIN_HEADERS).json()
    finally:
        static.shutdown()
    assert [row["client_id"] for row in exported] == ["C-001"]
