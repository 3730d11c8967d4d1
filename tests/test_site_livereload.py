"""`showpress serve` live reload: pages reload themselves when their files change, in a real Chromium.

The end-to-end test runs the real `showpress serve` in a subprocess on a copy of the tiny fixture,
opens pages in Chromium (Playwright) and edits an exhibitor, a news story and a hall: each page must
show the change without anyone reloading it. It prints the save → visible times (BENCHMARKS.md).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from checkers import CHROMIUM, CHROMIUM_ARGS, require_checkers
from serve_support import serving
from site_support import showpress_command

from conftest import TINY, edit
from generator.site.livereload import LiveState, changed_files, inject, url_path
from generator.site.serve import _pages_named

# --------------------------------------------------------------------------- the pieces


def test_script_goes_before_the_last_body_end_tag() -> None:
    page = b"<html><body><p>&lt;/body&gt;</p></body></html>"
    assert inject(page, 7) == (b'<html><body><p>&lt;/body&gt;</p><script src="/__showpress/live.js" '
                               b'data-version="7" defer></script></body></html>')


@pytest.mark.parametrize(("rel", "url"), [
    ("en/exhibitors/acme/index.html", "/en/exhibitors/acme/"), ("index.html", "/"), ("en/404.html", "/en/404.html"),
    ("en/assets/stylesheets/extra.css", "*"), ("en/brochure.pdf", "/en/brochure.pdf")])
def test_url_paths_of_changed_files(rel: str, url: str) -> None:
    assert url_path(rel) == url


def test_the_console_names_the_most_specific_page_in_the_first_language() -> None:
    changed = ["ar/exhibitors/acme/index.html", "en/exhibitors/index.html", "en/exhibitors/acme/index.html",
               "en/search/search_index.json", "en/brochure.pdf"]
    assert _pages_named(changed, ["en", "zh", "ar"]) == "en/exhibitors/acme/ and 2 more pages"
    assert _pages_named(["en/index.html"], ["en"]) == "en/"
    assert _pages_named(["en/brochure.pdf"], ["en"]) == "no page"


def test_changed_files_between_snapshots() -> None:
    before = {"a.html": (1, 1), "b.html": (1, 1), "c.html": (2, 2)}
    after = {"a.html": (1, 1), "b.html": (1, 2), "d.html": (3, 3)}
    assert changed_files(before, after) == ["b.html", "c.html", "d.html"]


def test_a_page_learns_what_changed_since_its_version() -> None:
    live = LiveState()
    live.publish({"/en/"})
    live.publish({"/zh/"}, stale=True)
    assert live.since(0, timeout=0) == {"version": 2, "changed": ["/en/", "/zh/"], "stale": True}
    assert live.since(1, timeout=0) == {"version": 2, "changed": ["/zh/"], "stale": True}
    assert live.since(2, timeout=0.05) == {"version": 2, "changed": [], "stale": True}  # nothing new: waited
    assert live.since(9, timeout=0)["changed"] == ["*"]  # a page from an earlier session reloads


def test_a_waiting_page_is_answered_at_once_when_the_site_changes() -> None:
    live = LiveState()
    threading.Timer(0.2, live.publish, args=({"/en/"},)).start()
    started = time.monotonic()
    assert live.since(0, timeout=10)["changed"] == ["/en/"]
    assert time.monotonic() - started < 5


# --------------------------------------------------------------------------- end to end in Chromium


class _Serve:
    """The real `showpress serve` in a subprocess, with its console output collected."""

    def __init__(self, project: Path) -> None:
        env = {**os.environ, "COLUMNS": "400", "SOURCE_DATE_EPOCH": "1781265600"}
        self.process = subprocess.Popen(
            [*showpress_command(), "serve", "--project", str(project), "--port", "0", "--no-brochures"],
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
        self.lines: list[str] = []
        self.url = ""
        self.ready = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip())
            found = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
            if found:
                self.url = found.group(1)
                self.ready.set()
        self.ready.set()

    def console(self) -> str:
        return "\n".join(self.lines)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, _Serve]]:
    require_checkers(browser=True)
    project = tmp_path / "show"
    shutil.copytree(TINY, project)
    server = _Serve(project)
    try:
        assert server.ready.wait(180) and server.url, f"serve did not start:\n{server.console()}"
        yield project, server
    finally:
        server.stop()


def _news_page(site: Path, title: str) -> str:
    for page in sorted((site / "en" / "news").rglob("index.html")):
        text = page.read_text(encoding="utf-8")
        if "<h1" in text and title in text.split("<h1", 1)[1].split("</h1>", 1)[0]:
            return page.parent.relative_to(site).as_posix() + "/"
    raise AssertionError(f"no news page titled {title!r} under {site / 'en' / 'news'}")


EDITS = [
    # (what, page, file, old, new, text that must appear)
    ("exhibitor", "en/exhibitors/acme/", "data/exhibitors.yml", "{en: Drills, zh: 电钻}",
     "{en: Cordless lathes, zh: 电钻}", "Cordless lathes"),
    ("news story", None, "content/en/news/closing.md", "- 1,400 visits", "- 1,400 visits and 12 new partners",
     "12 new partners"),
    ("hall", "en/halls/", "data/halls.yml", "name: {en: Hall A, zh: A馆}", "name: {en: Hall Aurora, zh: A馆}",
     "Hall Aurora"),
]


@pytest.mark.slow
def test_pages_show_edits_without_a_manual_reload(served: tuple[Path, _Serve]) -> None:
    from playwright.sync_api import sync_playwright

    project, server = served
    site = project / "site"
    figures: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            for what, path, file, old, new, expected in EDITS:
                path = path or _news_page(site, "The fair closes with record deals")
                assert (site / path / "index.html").is_file(), f"{path} was not built"
                page.goto(server.url + path)
                assert expected not in page.inner_text("body")
                navigations = page.evaluate("performance.timeOrigin")
                saved = time.monotonic()
                edit(project / file, old, new)
                page.wait_for_function(f"() => document.body.innerText.includes({expected!r})", timeout=60_000)
                seconds = time.monotonic() - saved
                assert page.evaluate("performance.timeOrigin") != navigations, "the page did not reload itself"
                figures.append(f"{what}: {path} visible {seconds:.2f} s after the save")
        finally:
            browser.close()
    on_disk = (site / "en" / "exhibitors" / "acme" / "index.html").read_text(encoding="utf-8")
    assert "Cordless lathes" in on_disk and "__showpress" not in on_disk, "the live script is only ever served"
    console = server.console()
    assert re.search(r"rebuilt en/exhibitors/acme/( and \d+ more pages?)? in \d+\.\d\d s \(\d+\.\d\d s after "
                     r"the save", console), console
    print("\n".join(figures))
    print("\n".join(line for line in server.lines if "rebuilt" in line))


def _json(url: str) -> dict[str, object]:
    import json
    import urllib.request

    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback test server
        return dict(json.loads(response.read()))


@pytest.mark.slow
def test_brochures_are_marked_stale_then_rendered_again_after_an_edit(tmp_path: Path) -> None:
    from pypdf import PdfReader

    project = tmp_path / "show"
    shutil.copytree(TINY, project)
    with serving(project, brochures=True, first_build=300) as base:
        pdf = project / "site" / "en" / "brochure.pdf"
        before = pdf.stat().st_mtime_ns
        version = _json(base + "__showpress/version?since=-1")["version"]
        edit(project / "data/halls.yml", "name: {en: Hall A, zh: A馆}", "name: {en: Hall Aurora, zh: A馆}")
        seen_stale = False
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            state = _json(base + f"__showpress/version?since={version}")
            seen_stale = seen_stale or bool(state["stale"])
            version = state["version"]
            if "/en/brochure.pdf" in state["changed"] and not state["stale"]:  # type: ignore[operator]
                break
        else:
            pytest.fail("the brochures were not rendered again")
        assert seen_stale, "the brochure links were never marked stale while rendering"
        assert pdf.stat().st_mtime_ns != before
        assert "Hall Aurora" in "".join(page.extract_text() for page in PdfReader(pdf).pages)
