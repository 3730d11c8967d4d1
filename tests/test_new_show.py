"""`showpress new`: a new show in three languages (one right to left) passes `check --strict` and builds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd or ROOT, capture_output=True,
                          text=True, timeout=600)


@pytest.mark.slow
def test_a_new_show_checks_strictly_and_builds(tmp_path):
    folder = tmp_path / "salon"
    made = run("new", str(folder), "--languages", "ar,en,fr", "--name", "Salon d'essai", "--first-day", "2027-03-02",
               "--timezone", "Asia/Dubai")
    assert made.returncode == 0, made.stderr
    assert "a new show in ar, en, fr" in made.stdout
    for lang in ("ar", "en", "fr"):
        assert (folder / "content" / lang / "news" / "welcome.md").is_file()
    assert "/site/" in (folder / ".gitignore").read_text(encoding="utf-8").splitlines()
    show_yml = (folder / "data" / "show.yml").read_text(encoding="utf-8")
    assert show_yml.startswith("# yaml-language-server: $schema=../schemas/show.schema.json")
    assert (folder / "schemas" / "show.schema.json").is_file()

    checked = run("check", "--strict", "--project", str(folder))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "data is consistent (1 exhibitors, 1 events, 3 news files)" in checked.stdout

    built = run("build", "--project", str(folder), "--today", "2027-03-10", "--no-brochures")
    assert built.returncode == 0, built.stdout + built.stderr
    home = (folder / "site" / "ar" / "index.html").read_text(encoding="utf-8")
    assert 'dir="rtl"' in home
    assert "Salon d&#39;essai" in home or "Salon d'essai" in home


def test_new_refuses_a_folder_with_files(tmp_path):
    (tmp_path / "old.txt").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(cli, ["new", str(tmp_path), "--languages", "en"])
    assert result.exit_code != 0
    assert "the folder is not empty; name a new folder for the show" in result.output
    assert (tmp_path / "old.txt").read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize(("languages", "message"), [
    ("en,english!", "'english!' is not a language tag (BCP 47, e.g. fr, zh-TW, pt-BR)"),
    ("en,en", "a language is named twice"),
    (",", "name at least one language"),
])
def test_new_refuses_bad_languages(tmp_path, languages, message):
    result = CliRunner().invoke(cli, ["new", str(tmp_path / "show"), "--languages", languages])
    assert result.exit_code != 0
    assert message in result.output
    assert not (tmp_path / "show").exists()
