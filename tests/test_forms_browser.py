"""A real headless Chromium submits the sample show's surveys to a collector on loopback,
with JavaScript on and off, in two languages; the answers appear in the export and the report.

Until `showpress build` exists, the form pages are rendered here into static HTML files
(the same ``form_html`` the site uses, with the same JS and CSS assets) served on loopback.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from collector_support import ADMIN, SECRET, free_port, running_collector

from generator import tokens
from generator.collector.settings import Settings
from generator.load import load_show
from generator.show import Show
from generator.site.forms import form_assets, form_html

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path("/tmp/showpress-shots")
ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def write_static_site(show: Show, out: Path) -> None:
    """<lang>/forms/<id>/index.html and .../thanks/index.html for every form and language."""
    for path, data in form_assets().items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(data)
    for lang in show.languages:
        for form in show.forms:
            page = out / lang / "forms" / form.id / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(
                f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{form.id}</title>'
                '<link rel="stylesheet" href="/assets/showpress-forms.css">'
                '<script src="/assets/showpress-forms.js" defer></script></head>'
                f"<body><main>{form_html(show, form, lang)}</main></body></html>", encoding="utf-8")
            thanks = page.parent / "thanks" / "index.html"
            thanks.parent.mkdir(exist_ok=True)
            text = html.escape(form.thanks.get(lang, ""))
            thanks.write_text(f'<!doctype html><html lang="{lang}"><meta charset="utf-8"><h1 id="thanks">{text}</h1>',
                              encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Show, str, str]]:
    """The sample show, pointed at a static server and a collector on loopback."""
    static_port, collector_port = free_port(), free_port()
    site_url, collector_url = f"http://127.0.0.1:{static_port}/", f"http://127.0.0.1:{collector_port}/"
    sample = load_show(ROOT)
    show = dataclasses.replace(sample, info=sample.info.model_copy(
        update={"site_url": site_url, "collector_url": collector_url}))
    out = tmp_path_factory.mktemp("site")
    write_static_site(show, out)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    handler.log_message = lambda *a: None  # type: ignore[attr-defined]
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", static_port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield show, site_url, collector_url
    httpd.shutdown()


def test_chromium_submits_with_and_without_javascript(site: tuple[Show, str, str], tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    show, site_url, collector_url = site
    SHOTS.mkdir(exist_ok=True)
    settings = Settings(show=show, db_url=f"sqlite:///{tmp_path / 'feedback.db'}", admin_token=ADMIN,
                        token_secret=SECRET, rate_per_minute=0)
    token = tokens.sign(SECRET, "KC-0042", "client-survey")
    port = int(collector_url.rsplit(":", 1)[1].strip("/"))  # the port the pages post to
    with running_collector(settings, port) as running, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            js = browser.new_context()
            nojs = browser.new_context(java_script_enabled=False)

            # zh, JS on, from the mailing link with a token: first an empty submit -> messages in Chinese
            page = js.new_page()
            page.goto(f"{site_url}zh/forms/client-survey/?t={token}")
            page.click("button[type=submit]")
            summary = page.locator(".sp-errors")
            expect(summary).to_be_visible()
            expect(summary).to_contain_text("此问题必须回答")
            page.set_viewport_size({"width": 390, "height": 844})
            page.screenshot(path=str(SHOTS / "forms-errors-zh-js.png"), full_page=True)
            page.check('input[name="q.overall"][value="4"]')
            page.check('input[name="q.services-used"] >> nth=0')
            page.check('input[name="q.services-used"] >> nth=1')
            page.fill('textarea[name="q.suggestions"]', "=cmd|' /C calc'!A0 更多停车位")
            page.click("button[type=submit]")
            expect(page.locator(".sp-thanks")).to_be_visible()
            expect(page.locator(".sp-thanks")).to_have_text(show.form("client-survey").thanks["zh"])
            assert page.url.endswith(f"?t={token}")  # stayed on the page: inline thanks

            # en, JS off: a plain form post, 303 to the English thank-you page
            page = nojs.new_page()
            page.goto(f"{site_url}en/forms/client-survey/")
            page.check('input[name="q.overall"][value="2"]')
            page.click("button[type=submit]")
            page.wait_for_url(f"{site_url}en/forms/client-survey/thanks/")
            expect(page.locator("#thanks")).to_have_text(show.form("client-survey").thanks["en"])

            # en, JS on, visitor survey with the lottery
            page = js.new_page()
            page.goto(f"{site_url}en/forms/visitor-survey/")
            page.check('input[name="q.exhibits-quality"][value="excellent"]')
            page.check('input[name="lottery_consent"]')
            page.fill('input[name="contact_name"]', "Ana Ruiz")
            page.fill('input[name="contact_email"]', "ana@example.org")
            page.click("button[type=submit]")
            expect(page.locator(".sp-thanks")).to_have_text(show.form("visitor-survey").thanks["en"])

            # zh, JS off, visitor survey
            page = nojs.new_page()
            page.goto(f"{site_url}zh/forms/visitor-survey/")
            page.check('input[name="q.exhibits-quality"][value="fair"]')
            page.check('input[name="q.transport-mode"][value="public"]')
            page.click("button[type=submit]")
            page.wait_for_url(f"{site_url}zh/forms/visitor-survey/thanks/")
            page.screenshot(path=str(SHOTS / "forms-thanks-zh-nojs.png"))
        finally:
            browser.close()

        auth = {"Authorization": f"Bearer {ADMIN}"}
        rows = httpx.get(f"{running.url}/admin/export.json", headers=auth).json()
        assert [(r["form"], r["lang"], r["client_id"]) for r in rows] == [
            ("client-survey", "zh", "KC-0042"), ("client-survey", "en", None),
            ("visitor-survey", "en", None), ("visitor-survey", "zh", None)]
        assert rows[0]["answers"]["overall"] == "4" and len(rows[0]["answers"]["services-used"]) == 2
        assert rows[3]["answers"] == {"exhibits-quality": "fair", "transport-mode": "public"}
        assert rows[2]["lottery_contact"] is True
        csv_text = httpx.get(f"{running.url}/admin/export.csv", headers=auth).content.decode("utf-8-sig")
        assert "'=cmd|' /C calc'!A0 更多停车位" in csv_text
        report = httpx.get(f"{running.url}/admin/report.json", headers=auth).json()
        by_form = {f["id"]: f for f in report["forms"]}
        assert by_form["client-survey"]["by_lang"] == {"zh": 1, "en": 1}
        assert by_form["visitor-survey"]["total"] == 2
        overall = {o["id"]: o["count"] for o in by_form["client-survey"]["questions"][0]["options"]}
        assert overall == {"1": 0, "2": 1, "3": 0, "4": 1, "5": 0}
