"""The checkers a public body runs over a built site, as test helpers.

- the Nu Html Checker (``vnu.jar`` from npm ``vnu-jar``, run with Java) over a whole built folder,
  in one JVM run;
- axe-core (npm ``axe-core``) in Debian's Chromium through Playwright, at phone and desktop widths;
- a crawler's two questions answered from the files: does every same-site link and resource
  resolve to a built file, and does any page or stylesheet load something from another host.

Both npm packages are pinned in ``tools/checkers/package-lock.json`` and installed by
``bash scripts/setup.sh --test`` (``npm ci --ignore-scripts``).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from browser_support import CHROMIUM as CHROMIUM
from browser_support import CHROMIUM_ARGS as CHROMIUM_ARGS
from browser_support import chromium_missing, skip_or_fail

ROOT = Path(__file__).resolve().parents[1]
CHECKERS = ROOT / "tools" / "checkers" / "node_modules"
VNU_JAR = CHECKERS / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = CHECKERS / "axe-core" / "axe.min.js"
WIDTHS = (390, 1280)
"""A phone and a desktop viewport (CSS px), as in the issue's audit."""
BLOCKING = ("serious", "critical")


def require_checkers(*, browser: bool = False) -> None:
    """Skip when a checker is not installed; fail instead with SHOWPRESS_REQUIRE_CHROMIUM=1."""
    missing = [str(p) for p in (VNU_JAR, AXE_JS) if not p.is_file()]
    if shutil.which("java") is None:
        missing.append("java")
    if browser and (why_not := chromium_missing()) is not None:
        missing.append(why_not)
    if missing:
        skip_or_fail("the site checkers", f"missing {', '.join(missing)} (run: bash scripts/setup.sh --test)")


# --------------------------------------------------------------------------- Nu Html Checker


@dataclass(frozen=True)
class NuError:
    path: Path
    line: int
    message: str
    extract: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message} | {self.extract.strip()[:120]}"


class NuRun:
    """One run of the Nu Html Checker over whole built folders, in the background (one JVM)."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self._errors: list[NuError] | None = None

    @classmethod
    def start(cls, *folders: Path) -> NuRun:
        args = ["java", "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html", "--format", "json"]
        return cls(subprocess.Popen([*args, *map(str, folders)], stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True))

    def errors(self) -> list[NuError]:
        """Every error vnu reported (waits for the run to end)."""
        if self._errors is None:
            _, report = self.process.communicate(timeout=600)
            self._errors = _nu_errors(report, self.process.returncode)
        return self._errors

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


def nu_errors(*folders: Path) -> list[NuError]:
    """Every error of the Nu Html Checker on every HTML file under ``folders`` (one JVM run)."""
    return NuRun.start(*folders).errors()


def _nu_errors(report_text: str, returncode: int | None) -> list[NuError]:
    try:
        report = json.loads(report_text)
    except json.JSONDecodeError as error:
        raise AssertionError(f"vnu gave no JSON report ({returncode}): {report_text[:2000]}") from error
    errors = []
    for message in report.get("messages", []):
        if message.get("type") not in ("error", "non-document-error"):
            continue
        url = message.get("url", "")
        errors.append(NuError(Path(unquote(urlsplit(url).path)) if url else Path("?"), message.get("lastLine", 0),
                              message.get("message", ""), message.get("extract", "")))
    return errors


# --------------------------------------------------------------------------- links and resources


class _References(HTMLParser):
    """Links (``<a href>``) and resources (what a browser loads) of one page."""

    RESOURCE = {"script": "src", "img": "src", "source": "src", "iframe": "src", "audio": "src",
                "video": "src", "embed": "src", "track": "src"}
    LOADED_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest",
                   "apple-touch-icon", "font"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.resources: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag == "link" and "href" in a and self.LOADED_RELS & set(a.get("rel", "").lower().split()):
            self.resources.append(a["href"])
        elif tag in self.RESOURCE and a.get(self.RESOURCE[tag]):
            self.resources.append(a[self.RESOURCE[tag]])
        if "srcset" in a:
            self.resources += [part.split()[0] for part in a["srcset"].split(",") if part.strip()]
        if "style" in a:
            self.styles.append(a["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


def _css_urls(css: str) -> list[str]:
    return [a or b for a, b in _CSS_URL.findall(css)]


def _pages(folder: Path) -> Iterator[tuple[Path, str]]:
    for path in sorted(folder.rglob("*.html")):
        yield path, "/" + path.relative_to(folder).as_posix()


def _target_exists(folder: Path, path: str) -> bool:
    local = folder / unquote(path).lstrip("/")
    return local.is_file() or (local / "index.html").is_file()


def dead_links(folder: Path, site_url: str = "") -> list[str]:
    """``page: href`` for every same-site link or resource on a built page that resolves to no file.

    ``folder`` is served at ``/``; absolute URLs under ``site_url`` count as same-site."""
    dead = []
    for path, url in _pages(folder):
        refs = _References()
        refs.feed(path.read_text(encoding="utf-8", errors="replace"))
        for href in refs.links + refs.resources:
            target = urlsplit(urljoin(url, href))
            if site_url and href.startswith(site_url):
                target = urlsplit("/" + href[len(site_url):])
            if target.scheme or target.netloc or not target.path:
                continue
            if not _target_exists(folder, target.path):
                dead.append(f"{url}: {href}")
    return dead


def third_party_resources(folder: Path, site_url: str = "") -> list[str]:
    """``file: url`` for everything a page or stylesheet would load from another host."""
    found = []
    for path, url in _pages(folder):
        refs = _References()
        refs.feed(path.read_text(encoding="utf-8", errors="replace"))
        urls = refs.resources + [u for style in refs.styles for u in _css_urls(style)]
        found += [f"{url}: {u}" for u in urls if _is_outside(u, site_url)]
    for css in sorted(folder.rglob("*.css")):
        urls = _css_urls(css.read_text(encoding="utf-8", errors="replace"))
        found += [f"/{css.relative_to(folder).as_posix()}: {u}" for u in urls if _is_outside(u, site_url)]
    return found


def _is_outside(url: str, site_url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob"):
        return False
    return bool(parts.netloc) and not (site_url and url.startswith(site_url))


# --------------------------------------------------------------------------- axe-core in Chromium


@dataclass(frozen=True)
class AxeFinding:
    url: str
    width: int
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.url} @{self.width}px: {self.impact} {self.rule} ({self.help}) {list(self.targets)[:4]}"


def axe_findings(browser: Any, urls: Iterable[str], *, widths: Iterable[int] = WIDTHS,
                 prepare: Callable[[Any], None] | None = None) -> list[AxeFinding]:
    """Serious and critical axe-core violations of each URL at each viewport width.

    Each page is loaded once and checked at every width (the viewport is resized between runs);
    ``prepare(page)`` may act on the page first (open the search and type a query, say)."""
    source = AXE_JS.read_text(encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found: list[AxeFinding] = []
    try:
        for url in urls:
            page.goto(url, wait_until="load")
            if prepare is not None:
                prepare(page)
            page.evaluate(source)  # over DevTools, so the site's CSP does not block it
            # Material fades navigation parts in; axe must see the end state after each resize.
            page.add_style_tag(content="*,*::before,*::after{transition:none!important;animation:none!important}")
            for width in widths:
                page.set_viewport_size({"width": width, "height": 900 if width > 600 else 844})
                result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
                found += [
                    AxeFinding(url, width, v["id"], v["impact"], v["help"],
                               tuple(" ".join(map(str, n["target"])) for n in v["nodes"]))
                    for v in result["violations"] if v.get("impact") in BLOCKING
                ]
    finally:
        context.close()
    return found
