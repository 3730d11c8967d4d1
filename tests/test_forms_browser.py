"""A real headless Chromium submits the sample show's surveys from the BUILT site to a collector
on loopback, with JavaScript on and off, in two languages; the answers appear in the export and
the report.

The sample show is copied into a temporary folder with its site and collector URLs pointed at
loopback, built with the real `showpress build`, and the built ``site/`` is served as is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
import pytest
from browser_support import CHROMIUM, require_chromium
from browser_support import CHROMIUM_ARGS as ARGS
from collector_support import ADMIN, SECRET, free_port, running_collector
from site_support import build, copy_sample, serving

from generator import tokens
from generator.collector.settings import Settings
from generator.language import language_for
from generator.load import load_show
from generator.show import Show

SHOTS = Path("/tmp/showpress-shots")
TODAY = "2026-05-20"  # after the show: the home pages carry the post-show banner with the survey link
pytestmark = [pytest.mark.slow]

JOURNEY_ANSWERS = {
    "client-survey": {"overall": "5", "transport-ease": "easy"},
    "visitor-survey": {"exhibits-quality": "poor", "shopping": "bought"},
}
"""What the visitor who comes from the English home page answers, by the survey they reach."""


@dataclass(frozen=True)
class Built:
    show: Show
    site: Path
    site_url: str
    collector_url: str
    collector_port: int


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The sample show built by `showpress build` for loopback URLs, its site served on loopback."""
    require_chromium()
    static_port, collector_port = free_port(), free_port()
    site_url, collector_url = f"http://127.0.0.1:{static_port}/", f"http://127.0.0.1:{collector_port}/"
    project = copy_sample(
        tmp_path_factory.mktemp("sample") / "show", site_url=site_url, collector_url=collector_url
    )
    build(project, project / "site", today=TODAY)
    show = load_show(project)
    assert show.info.site_url == site_url and show.info.collector_url == collector_url
    with serving(project / "site", static_port) as served:
        assert served == site_url
        yield Built(show, project / "site", site_url, collector_url, collector_port)


class _Refs(HTMLParser):
    """The forms (action, method) and the same-site scripts and stylesheets of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, str | None]] = []
        self.assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form" and "sp-form" in (a.get("class") or ""):
            self.forms.append(a)
        elif tag == "script" and a.get("src"):
            self.assets.append(a["src"] or "")
        elif tag == "link" and a.get("rel") == "stylesheet":
            self.assets.append(a.get("href") or "")


def test_built_form_pages_post_to_the_collector_and_load_their_assets(built: Built) -> None:
    """Every form page of every language: one form posting to the collector, its assets on disk,
    its thank-you page built."""
    show = built.show
    for lang in show.languages:
        for form in show.forms:
            page = built.site / lang / "forms" / form.id / "index.html"
            assert page.is_file(), f"{page} was not built"
            refs = _Refs()
            refs.feed(page.read_text(encoding="utf-8"))
            assert len(refs.forms) == 1, f"{page}: {len(refs.forms)} forms"
            assert refs.forms[0]["action"] == f"{built.collector_url}f/{form.id}", page
            assert (refs.forms[0]["method"] or "").lower() == "post", page
            assert refs.forms[0]["lang"] == lang, page
            url = f"{built.site_url}{lang}/forms/{form.id}/"
            wanted = {"showpress-forms.js", "showpress-forms.css"}
            for ref in refs.assets:
                target = urlsplit(urljoin(url, ref))
                if f"{target.scheme}://{target.netloc}/" != built.site_url:
                    continue
                assert (built.site / target.path.lstrip("/")).is_file(), f"{page}: {ref} is not in the site"
                wanted.discard(target.path.rsplit("/", 1)[-1])
            assert not wanted, f"{page} does not load {sorted(wanted)}"
            thanks = built.site / lang / "forms" / form.id / "thanks" / "index.html"
            assert thanks.is_file(), f"{thanks} was not built"
            assert f'<html lang="{lang}"' in thanks.read_text(encoding="utf-8")


def test_chromium_submits_with_and_without_javascript(built: Built, tmp_path: Path) -> None:
    from playwright.sync_api import Page, expect, sync_playwright

    show, site_url, collector_url = built.show, built.site_url, built.collector_url
    SHOTS.mkdir(exist_ok=True)
    settings = Settings(
        show=show,
        db_url=f"sqlite:///{tmp_path / 'feedback.db'}",
        admin_token=ADMIN,
        token_secret=SECRET,
        rate_per_minute=0,
    )
    token = tokens.sign(SECRET, "KC-0042", "client-survey")
    broken: list[str] = []  # pages or assets of the site that did not load

    def watch(page: Page) -> Page:
        page.on(
            "response",
            lambda r: (
                broken.append(f"{r.status} {r.url}")
                if r.url.startswith(site_url) and r.status >= 400
                else None
            ),
        )
        # ERR_ABORTED: a request cut short because the page moved on (the root page's redirect)
        page.on(
            "requestfailed",
            lambda r: (
                broken.append(f"{r.failure} {r.url}")
                if r.url.startswith(site_url) and r.failure != "net::ERR_ABORTED"
                else None
            ),
        )
        return page

    def thank_you_page(page: Page, lang: str, form_id: str) -> None:
        page.wait_for_url(f"{site_url}{lang}/forms/{form_id}/thanks/")
        assert page.locator("html").get_attribute("lang") == lang
        expect(page.locator("article h1")).to_contain_text(language_for(lang).gettext("Thank you"))
        expect(page.locator("article")).to_contain_text(show.form(form_id).in_phase("closed").thanks[lang])  # TODAY: closed

    with running_collector(settings, built.collector_port) as running, sync_playwright() as p:
        assert running.url + "/" == collector_url  # the port the built pages post to
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            js = browser.new_context(locale="en-US")
            nojs = browser.new_context(java_script_enabled=False)

            # zh, JS on, from the mailing link with a token: first an empty submit -> messages in Chinese
            page = watch(js.new_page())
            page.set_viewport_size({"width": 390, "height": 844})
            page.goto(f"{site_url}zh/forms/client-survey/?t={token}")
            assert page.locator(".sp-form .sp-hp").evaluate("e => getComputedStyle(e).position") == "absolute"
            page.screenshot(path=str(SHOTS / "forms-built-zh-390.png"), full_page=True)
            page.click(".sp-form button[type=submit]")
            summary = page.locator(".sp-errors")
            expect(summary).to_be_visible()
            expect(summary).to_contain_text("此问题必须回答")
            page.screenshot(path=str(SHOTS / "forms-errors-zh-js.png"), full_page=True)
            page.check('input[name="q.overall"][value="4"]')
            page.check('input[name="q.services-used"] >> nth=0')
            page.check('input[name="q.services-used"] >> nth=1')
            page.fill('textarea[name="q.suggestions"]', "=cmd|' /C calc'!A0 更多停车位")
            page.click(".sp-form button[type=submit]")
            expect(page.locator(".sp-thanks")).to_be_visible()
            expect(page.locator(".sp-thanks")).to_have_text(show.form("client-survey").thanks["zh"])
            assert page.url.endswith(f"?t={token}")  # stayed on the page: inline thanks

            # en, JS off: a plain form post, 303 to the English thank-you page of the built site
            page = watch(nojs.new_page())
            page.goto(f"{site_url}en/forms/client-survey/")
            page.check('input[name="q.overall"][value="2"]')
            page.click(".sp-form button[type=submit]")
            thank_you_page(page, "en", "client-survey")

            # en, JS on, visitor survey with the lottery
            page = watch(js.new_page())
            page.goto(f"{site_url}en/forms/visitor-survey/")
            page.check('input[name="q.exhibits-quality"][value="excellent"]')
            page.check('input[name="lottery_consent"]')
            page.fill('input[name="contact_name"]', "Ana Ruiz")
            page.fill('input[name="contact_email"]', "ana@example.org")
            page.click(".sp-form button[type=submit]")
            expect(page.locator(".sp-thanks")).to_have_text(show.form("visitor-survey").in_phase("closed").thanks["en"])

            # zh, JS off, visitor survey
            page = watch(nojs.new_page())
            page.set_viewport_size({"width": 390, "height": 844})
            page.goto(f"{site_url}zh/forms/visitor-survey/")
            page.check('input[name="q.exhibits-quality"][value="fair"]')
            page.check('input[name="q.transport-mode"][value="public"]')
            page.click(".sp-form button[type=submit]")
            thank_you_page(page, "zh", "visitor-survey")
            page.screenshot(path=str(SHOTS / "forms-thanks-zh-nojs.png"), full_page=True)

            # A visitor who knows no address: the site root sends an English browser to /en/, the
            # post-show banner of the home page links to a survey, they answer it there.
            page = watch(js.new_page())
            page.goto(site_url)
            page.wait_for_url(f"{site_url}en/")
            banner = page.locator("#post-show")
            expect(banner).to_be_visible()
            banner.locator('a[href*="forms/"]').click()
            page.wait_for_url(re.compile(re.escape(f"{site_url}en/forms/") + r"[^/?#]+/$"))
            reached = page.url[len(f"{site_url}en/forms/") :].strip("/")
            assert reached in JOURNEY_ANSWERS, f"the home page's survey link leads to {page.url}"
            for question, option in JOURNEY_ANSWERS[reached].items():
                page.check(f'input[name="q.{question}"][value="{option}"]')
            page.click(".sp-form button[type=submit]")
            expect(page.locator(".sp-thanks")).to_have_text(show.form(reached).in_phase("closed").thanks["en"])
        finally:
            browser.close()
        assert not broken, f"the built site failed to deliver: {broken}"

        auth = {"Authorization": f"Bearer {ADMIN}"}
        rows = httpx.get(f"{running.url}/admin/export.json", headers=auth).json()
        assert [(r["form"], r["lang"], r["client_id"]) for r in rows] == [
            ("client-survey", "zh", "KC-0042"),
            ("client-survey", "en", None),
            ("visitor-survey", "en", None),
            ("visitor-survey", "zh", None),
            (reached, "en", None),
        ]
        assert rows[0]["answers"]["overall"] == "4" and len(rows[0]["answers"]["services-used"]) == 2
        assert rows[1]["answers"] == {"overall": "2"}
        assert rows[3]["answers"] == {"exhibits-quality": "fair", "transport-mode": "public"}
        assert rows[4]["answers"] == JOURNEY_ANSWERS[reached]
        assert rows[2]["lottery_contact"] is True
        assert [r["lottery_contact"] for r in rows] == [False, False, True, False, False]
        csv_text = httpx.get(f"{running.url}/admin/export.csv", headers=auth).content.decode("utf-8-sig")
        assert "'=cmd|' /C calc'!A0 更多停车位" in csv_text
        assert "KC-0042" in csv_text
        report = httpx.get(f"{running.url}/admin/report.json", headers=auth).json()
        by_form = {f["id"]: f for f in report["forms"]}
        client_en = 2 if reached == "client-survey" else 1
        visitor_en = 2 if reached == "visitor-survey" else 1
        assert by_form["client-survey"]["by_lang"] == {"zh": 1, "en": client_en}
        assert by_form["visitor-survey"]["by_lang"] == {"en": visitor_en, "zh": 1}
        assert by_form["client-survey"]["total"] == 1 + client_en
        assert by_form["visitor-survey"]["total"] == 1 + visitor_en
        overall = {o["id"]: o["count"] for o in by_form["client-survey"]["questions"][0]["options"]}
        assert overall == {"1": 0, "2": 1, "3": 0, "4": 1, "5": 1 if reached == "client-survey" else 0}
