"""Hostile text in every kind of YAML and front-matter field never becomes live HTML in the site."""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import TINY, edit
from generator.load import load_show
from generator.site.build import BuildOptions, build_site

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
HOSTILE = "</title><script>alert(1)</script><img src=x onerror=alert(2)>"
LIVE = ("<script>alert", "<img src=x")

EDITS = [
    ("data/exhibitors.yml", "name: {en: Hanil Foods, zh: 韩一食品}", f'name: {{en: "Hanil {HOSTILE}", zh: "韩一{HOSTILE}"}}'),
    ("data/exhibitors.yml", "short_name: {en: Acme, zh: 阿克米}", f'short_name: {{en: "Acme {HOSTILE}", zh: 阿克米}}'),
    ("data/schedule.yml", "title: {en: Tools forum, zh: 工具论坛}", f'title: {{en: "Forum {HOSTILE}", zh: 工具论坛}}'),
    ("data/halls.yml", "name: {en: Hall B, zh: B馆}", f'name: {{en: "Hall {HOSTILE}", zh: B馆}}'),
    ("data/forms.yml", "title: {en: Your opinion, zh: 您的意见}", f'title: {{en: "Opinion {HOSTILE}", zh: 您的意见}}'),
    ("data/show.yml", "short_name: {en: TTF, zh: 测试展, ar: م.ا.ص}", f'short_name: {{en: "TTF {HOSTILE}", zh: 测试展, ar: م.ا.ص}}'),
    ("content/en/news/closing.md", "title: The fair closes with record deals", f'title: "Closes {HOSTILE}"'),
    ("content/en/news/closing.md", "summary: Two days, 1,400 visits and deals worth 2 million euros.", f'summary: "S {HOSTILE}"'),
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("hostile") / "show"
    shutil.copytree(TINY, project)
    for path, old, new in EDITS:
        edit(project / path, old, new)
    build_site(load_show(project), BuildOptions(out=project / "site", today=dt.date(2026, 6, 20), jobs=2,
                                                brochures=False))
    return project / "site"


def test_no_live_markup_in_any_page_feed_or_index(hostile_site: Path) -> None:
    checked = 0
    for path in hostile_site.rglob("*"):
        if path.suffix in {".html", ".xml", ".json", ".js"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            if path.suffix == ".xml":  # feeds carry story HTML escaped or in CDATA; a title must stay text
                text = text.replace("<![CDATA[", "").replace("]]>", "")
                assert "<title>Closes </title><script>" not in text, path
                continue
            for live in LIVE:
                assert live not in text, f"{path.relative_to(hostile_site)} holds {live!r}"
            checked += 1
    assert checked > 30
    assert "Hanil &lt;/title&gt;&lt;script&gt;" in (hostile_site / "en/exhibitors/hanil/index.html").read_text()


def test_chromium_runs_no_injected_script(hostile_site: Path) -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("SHOWPRESS_REQUIRE_CHROMIUM") == "1":
            pytest.fail("chromium is required (SHOWPRESS_REQUIRE_CHROMIUM=1) but /usr/bin/chromium is missing")
        pytest.skip("no chromium")
    from playwright.sync_api import sync_playwright

    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(hostile_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    dialogs: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"])
            page = browser.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            for rel in ("en/", "en/exhibitors/", "en/exhibitors/hanil/", "en/exhibitors/acme/", "en/halls/",
                        "en/schedule/", "en/news/", "en/news/closing/", "en/forms/feedback/", "zh/exhibitors/hanil/"):
                response = page.goto(f"{base}/{rel}")
                assert response is not None and response.ok, rel
                page.wait_for_load_state("load")
                assert "Hanil" in page.content() or rel not in ("en/exhibitors/", "en/exhibitors/hanil/")
            title = page.goto(f"{base}/en/exhibitors/hanil/") and page.title()
            browser.close()
    finally:
        server.shutdown()
    assert dialogs == []
    assert "<script>alert(1)</script>" in title  # shown as text in the tab, not run
