"""Every link and asset reference in the built site resolves: pages, feeds, calendars, brochures, forms."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import TINY
from generator.load import load_show
from generator.site.build import BuildOptions, build_site

pytestmark = pytest.mark.slow

REF = re.compile(r'(?:href|src)="([^"#?]*)[^"]*"')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("links") / "show"
    shutil.copytree(TINY, project)
    build_site(load_show(project), BuildOptions(out=project / "site", today=dt.date(2026, 6, 20), jobs=2))
    return project / "site"


def target(site: Path, page: Path, ref: str) -> Path | None:
    """The file a relative reference from ``page`` lands on, or None for external/absolute URLs."""
    if not ref or urlsplit(ref).scheme or ref.startswith("//"):
        return None
    base = "/" + page.relative_to(site).as_posix()
    path = unquote(urlsplit(urljoin(base, ref)).path).lstrip("/")
    candidate = site / path
    return candidate / "index.html" if path.endswith("/") or candidate.is_dir() else candidate


def broken_links(site: Path) -> tuple[list[str], int]:
    """Every relative link of every page of ``site`` that points at no file, and how many were checked."""
    broken: list[str] = []
    checked = 0
    for page in sorted(site.rglob("*.html")):
        for ref in REF.findall(page.read_text(encoding="utf-8")):
            resolved = target(site, page, ref)
            if resolved is None:
                continue
            checked += 1
            if not resolved.is_file():
                broken.append(f"{page.relative_to(site)} -> {ref}")
    return broken, checked


def test_every_relative_link_resolves(site: Path) -> None:
    broken, checked = broken_links(site)
    assert broken == []
    assert checked > 500


def test_schedule_links_its_calendars(site: Path) -> None:
    page = site / "en/schedule/index.html"
    html = page.read_text(encoding="utf-8")
    assert 'href="../schedule.ics"' in html and 'href="../events/forum.ics"' in html
    for ref in ("../schedule.ics", "../events/opening.ics", "../events/forum.ics"):
        assert target(site, page, ref).read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_home_links_brochure_feeds_and_survey(site: Path) -> None:
    for lang in ("en", "zh", "ar"):
        page = site / lang / "index.html"
        refs = set(REF.findall(page.read_text(encoding="utf-8")))
        resolved = {ref: target(site, page, ref) for ref in refs}
        assert any(p and p.name == "brochure.pdf" and p.read_bytes().startswith(b"%PDF") for p in resolved.values())
        assert any(p and p.name == "feed.xml" for p in resolved.values()), lang
        assert any(p and p.name == "atom.xml" for p in resolved.values()), lang
        assert any(p and p.parent.parent.name == "forms" and p.parent.name == "feedback" for p in resolved.values())
