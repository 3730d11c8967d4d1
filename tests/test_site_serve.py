"""`showpress serve`: which languages a change rebuilds, and a live rebuild over a real socket."""

from __future__ import annotations

import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from serve_support import served_soon, serving

from generator.site.serve import languages_to_rebuild

TINY = Path(__file__).parent / "fixtures" / "tiny"
LANGS = ["en", "zh", "ar"]


@pytest.mark.parametrize(
    ("changed", "expected"),
    [(["content/ar/press.md"], ["ar"]),
     (["content/en/news/closing.md", "content/zh/news/closing.md"], ["en", "zh"]),
     (["data/exhibitors.yml"], LANGS),
     (["site_templates/pages/home.md.j2"], LANGS),
     (["mkdocs.yml"], LANGS),
     (["locale/ar.po"], LANGS),
     (["content/ar/.press.md.swp", "site/en/index.html", ".cache/showpress/x"], []),
     (["content/fr/page.md"], [])],
)
def test_languages_to_rebuild(tmp_path, changed, expected):
    assert languages_to_rebuild(tmp_path, {tmp_path / c for c in changed}, LANGS) == expected


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback test server
        return response.read().decode("utf-8")


@pytest.mark.slow
def test_serve_rebuilds_the_changed_language_only_in_place(tmp_path):
    project = tmp_path / "show"
    shutil.copytree(TINY, project)
    with serving(project, brochures=False) as base:
        assert "الصحافة" in _get(base + "ar/press/")
        en_before = (project / "site" / "en" / "index.html").stat().st_mtime_ns
        ar_folder = (project / "site" / "ar").stat().st_ino
        press = project / "content" / "ar" / "press.md"
        press.write_text(press.read_text(encoding="utf-8") + "\nسطر جديد للاختبار\n", encoding="utf-8")
        assert served_soon(base + "ar/press/", "سطر جديد للاختبار"), "the Arabic page was not rebuilt"
        assert (project / "site" / "en" / "index.html").stat().st_mtime_ns == en_before
        assert (project / "site" / "ar").stat().st_ino == ar_folder, "updated in place, not swapped"


CATALOG = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Construction progress"\nmsgstr "{}"\n'


@pytest.mark.slow
def test_serve_rebuilds_after_a_catalog_edit(tmp_path):
    """A translator saving the show's locale/ar.po sees the served Arabic pages change."""
    project = tmp_path / "show"
    shutil.copytree(TINY, project)
    (project / "locale").mkdir()
    catalog = project / "locale" / "ar.po"
    catalog.write_text(CATALOG.format("تقدم البناء الأول"), encoding="utf-8")
    with serving(project, brochures=False) as base:
        assert "تقدم البناء الأول" in _get(base + "ar/")
        catalog.write_text(CATALOG.format("تقدم البناء المحدّث"), encoding="utf-8")
        assert served_soon(base + "ar/", "تقدم البناء المحدّث"), "the Arabic pages did not take the edited catalog"


@pytest.mark.slow
def test_serve_strict_fails_where_build_strict_fails(tmp_path):
    """`showpress serve --strict` was taken as no --strict: serve built with strict=False always."""
    from click.testing import CliRunner

    from generator.cli import cli

    project = tmp_path / "show"
    shutil.copytree(TINY, project, ignore=shutil.ignore_patterns(".cache", "site"))
    # A broken link in an Arabic-only page is a warning of MkDocs: fatal under --strict only.
    (project / "content" / "ar" / "broken.md").write_text("# مكسور\n\n[x](no-such-page.md)\n", encoding="utf-8")
    build = CliRunner().invoke(cli, ["build", "--project", str(project), "--out", str(tmp_path / "built"),
                                     "--today", "2026-06-20", "--no-brochures", "--strict"])
    assert build.exit_code != 0 and "language 'ar'" in build.output, build.output
    try:  # a serve that ignores --strict serves (forever): the timeout fails the test
        served = subprocess.run([sys.executable, "-m", "generator", "serve", "--project", str(project), "--today",
                                 "2026-06-20", "--port", "0", "--no-brochures", "--strict"],
                                capture_output=True, text=True, timeout=180, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("serve --strict served a site whose build --strict fails")
    output = served.stdout + served.stderr
    assert served.returncode != 0, output
    assert "language 'ar'" in output and "Traceback" not in output, output
    assert not (project / "site").exists(), "nothing served, nothing written"
