"""Hostile text in EVERY text field of EVERY data model and in news never becomes live HTML: not in
the site, not in the feeds, not in the brochure; and the built site passes its own strict
Content-Security-Policy in Chromium with no violation.

The fixture walks the models of ``generator/models`` over a copy of the tiny show: each string the
model accepts with a hostile payload appended (free text, Markdown, names, contacts...) gets it;
strings the model refuses with it (ids, URLs, codes, dates) cannot carry markup anyway.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import shutil
import threading
import typing
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html
import pydantic
import pytest

from conftest import TINY
from generator.load import load_show, split_front_matter
from generator.models import DATA_FILES, NewsMeta
from generator.models.types import SHOW_ZONE
from generator.pdf.brochures import brochure_html
from generator.site.build import BuildOptions, build_site
from generator.yamlsource import parse_yaml

pytestmark = pytest.mark.slow

PAYLOAD = ("<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) "
           "</title><script>alert(4)</script> <a href=\"javascript:alert(5)\" onclick=\"alert(6)\">a</a>")
BODY_PAYLOAD = f"\n\n{PAYLOAD}\n\n<div onmouseover=\"alert(7)\"><script>alert(8)</script></div>\n\n[j](  JaVaScRiPt:alert(9))\n"
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "{http://www.w3.org/1999/xlink}href", "data")
HTML_IN_FEEDS = ("description", "{http://purl.org/rss/1.0/modules/content/}encoded",
                 "{http://www.w3.org/2005/Atom}summary", "{http://www.w3.org/2005/Atom}content")
"""Feed elements whose text readers render as HTML (titles are plain text in RSS and Atom)."""
JSON_TYPES = {"application/ld+json", "application/json"}


def _submodel(annotation: Any) -> type[pydantic.BaseModel] | None:
    """The model a field holds (directly, in a list or optional), if any."""
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _submodel(arg)
        if found is not None:
            return found
    return None


def _fill(model: type[pydantic.BaseModel], data: Any, validate: Any) -> None:
    """Give every absent field of ``model`` that takes text a hostile value (in place), recursively."""
    if not isinstance(data, dict):
        return
    for name, field in model.model_fields.items():
        key = field.alias or name
        sub = _submodel(field.annotation)
        if key not in data:
            for candidate in (f"x {PAYLOAD}", [f"x {PAYLOAD}"], [{"title": "x", "body": "x"}]):
                data[key] = candidate
                if validate():
                    break
                del data[key]
        if sub is not None and key in data:
            for item in data[key] if isinstance(data[key], list) else [data[key]]:
                _fill(sub, item, validate)


def _poison(data: Any, validate: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Append PAYLOAD to every string leaf of ``data`` that ``validate`` still accepts (in place)."""
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in list(items):
        if isinstance(value, str):
            data[key] = value if PAYLOAD in value else f"{value} {PAYLOAD}"
            if validate():
                yield (*path, key)
            else:
                data[key] = value
        else:
            yield from _poison(value, validate, (*path, key))


def _accepts(model: type[pydantic.BaseModel], data: Any, context: dict[str, Any]) -> bool:
    try:
        model.model_validate(data, context=context)
    except pydantic.ValidationError:
        return False
    return True


def poison_project(project: Path) -> list[str]:
    """Every data file and the English news story poisoned field by field; returns the fields."""
    poisoned: list[str] = []
    context: dict[str, Any] = {}
    for filename, model in DATA_FILES.items():
        path = project / "data" / filename
        # an optional data file the tiny show lacks (letters.yml) is poisoned from empty
        data, _ = parse_yaml(path.read_text(encoding="utf-8")) if path.is_file() else ({}, None)
        validate = functools.partial(_accepts, model, data, context)
        _fill(model, data, validate)
        fields = list(_poison(data, validate))
        poisoned += [f"{filename}:{'.'.join(map(str, f))}" for f in fields]
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
        if filename == "show.yml":
            context = {SHOW_ZONE: model.model_validate(data).zone}  # type: ignore[attr-defined]
    story = project / "content" / "en" / "news" / "closing.md"
    front, body, _ = split_front_matter(story.read_text(encoding="utf-8"))
    meta, _ = parse_yaml(front or "")
    validate = functools.partial(_accepts, NewsMeta, meta, context)
    _fill(NewsMeta, meta, validate)
    fields = list(_poison(meta, validate))
    poisoned += [f"closing.md:{'.'.join(map(str, f))}" for f in fields]
    story.write_text("---\n" + json.dumps(meta, ensure_ascii=False, default=str) + "\n---\n" + body + BODY_PAYLOAD,
                     encoding="utf-8")
    return poisoned


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    project = tmp_path_factory.mktemp("hostile") / "show"
    shutil.copytree(TINY, project)
    poisoned = poison_project(project)
    build_site(load_show(project), BuildOptions(out=project / "site", today=dt.date(2026, 6, 20), jobs=2,
                                                brochures=False))
    return project, poisoned


def active_html(root: Any, *, inline_ok: bool = False) -> list[str]:
    """What in a parsed HTML tree could run: scripts, on* handlers, javascript: URLs, frames."""
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if tag == "script" and element.get("type") not in JSON_TYPES:
            src = element.get("src")
            if src is None and not inline_ok:
                found.append(f"inline <script>: {(element.text or '')[:60]!r}")
            elif src is not None and ("//" in src or ":" in src):
                found.append(f"<script src={src!r}>")
        if tag in {"iframe", "object", "embed", "base", "frame"}:
            found.append(f"<{tag}>")
        for name, value in element.attrib.items():
            local = str(name).rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                found.append(f"<{tag} {local}={value!r}>")
            if name in URL_ATTRIBUTES or local in URL_ATTRIBUTES:
                scheme = "".join(value.split()).lower()
                if scheme.startswith(("javascript:", "vbscript:", "data:text/html")):
                    found.append(f"<{tag} {local}={value!r}>")
    return found


def test_every_text_field_of_every_model_is_poisoned(hostile: tuple[Path, list[str]]) -> None:
    _, poisoned = hostile
    for field in ("show.yml:history.en", "show.yml:purpose.en", "visiting.yml:ticketing",
                  "visiting.yml:accessibility.en", "forms.yml:forms.0.intro", "show.yml:investment.0.body", "exhibitors.yml:exhibitors.0.name.en",
                  "closing.md:title", "closing.md:summary"):
        assert field in poisoned, f"{field} not poisoned; poisoned: {poisoned}"
    assert len(poisoned) > 60


def test_no_active_html_from_data_in_any_page(hostile: tuple[Path, list[str]]) -> None:
    site = hostile[0] / "site"
    problems: dict[str, list[str]] = {}
    pages = sorted(site.rglob("*.html"))
    for path in pages:
        tree = lxml.html.document_fromstring(path.read_bytes())
        found = active_html(tree, inline_ok=path == site / "index.html")  # the root chooser is ours
        if found:
            problems[path.relative_to(site).as_posix()] = found
    assert problems == {}
    assert len(pages) > 30
    hanil = (site / "en/exhibitors/hanil/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hanil  # a name is shown as text, not dropped


def test_no_active_html_in_feeds_or_search_index(hostile: tuple[Path, list[str]]) -> None:
    site = hostile[0] / "site"
    feeds = sorted(site.glob("*/feed.xml")) + sorted(site.glob("*/atom.xml"))
    assert feeds
    for path in feeds:
        tree = lxml.etree.parse(str(path))
        for element in tree.iter(*HTML_IN_FEEDS):
            text = element.text or ""
            if element.tag.endswith(("summary", "content")) and element.get("type") != "html":
                continue  # an Atom text construct is plain text
            if "<" in text:  # HTML carried as text: what a feed reader renders
                found = active_html(lxml.html.fragment_fromstring(text, create_parent="div"))
                assert found == [], f"{path.relative_to(site)} <{element.tag}>: {found}"
    indexes = sorted(site.glob("*/search/search_index.json"))
    assert indexes
    for path in indexes:  # Material puts each title and text into the page as HTML
        for doc in json.loads(path.read_text(encoding="utf-8"))["docs"]:
            for key in ("title", "text"):
                fragment = lxml.html.fragment_fromstring(doc[key] or "<p></p>", create_parent="div")
                assert active_html(fragment) == [], (path.relative_to(site), doc["location"], key)


def test_no_active_html_in_the_brochure(hostile: tuple[Path, list[str]]) -> None:
    show = load_show(hostile[0])
    for lang in show.languages:
        html = brochure_html(show, lang, today=dt.date(2026, 6, 20))
        assert active_html(lxml.html.document_fromstring(html)) == [], lang
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # names stay, as text
    assert "alert(8)" not in brochure_html(show, "en", today=dt.date(2026, 6, 20))  # a script's text is dropped


WATCH_CSP = """document.addEventListener("securitypolicyviolation", (e) => {
  (window.__csp = window.__csp || []).push(e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile);
});"""


def test_site_passes_its_content_security_policy_in_chromium(hostile: tuple[Path, list[str]], browser: Any) -> None:
    site = hostile[0] / "site"
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    dialogs: list[str] = []
    console: list[str] = []
    violations: dict[str, list[str]] = {}
    page = browser.new_page()
    try:
        page.add_init_script(WATCH_CSP)
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
        for rel in ("en/", "en/exhibitors/hanil/", "en/forms/feedback/", "en/exhibitors/", "en/news/closing/",
                    "zh/exhibitors/"):
            response = page.goto(f"{base}/{rel}")
            assert response is not None and response.ok, rel
            page.wait_for_load_state("load")
            policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
            assert policy and "script-src 'self'" in policy and "object-src 'none'" in policy, rel
            if rel == "en/exhibitors/":  # the directory's own script ran: its filter is there
                page.wait_for_timeout(300)
            if rel == "en/":  # search: Material's worker and index load under the policy
                query = page.locator('input[data-md-component="search-query"]')
                query.click()
                query.press_sequentially("fair", delay=30)
                page.locator(".md-search-result__item").first.wait_for(timeout=15000)
                assert page.locator(".md-search-result script, .md-search-result img").count() == 0
            violations[rel] = page.evaluate("window.__csp || []")
    finally:
        page.close()
        server.shutdown()
        server.server_close()
    assert {rel: found for rel, found in violations.items() if found} == {}
    assert console == []
    assert dialogs == []
