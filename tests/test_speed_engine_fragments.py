"""The theme parts MkDocs renders once per build (generator/site/themefragments.py) change no byte.

Each language of the tiny fixture show (en, zh, ar: right to left, news stories whose translations
sit at other URLs or are missing) is built from its staged mkdocs.yml twice: by plain MkDocs, where
the overrides render the navigation, the language selector, the hreflang links and the theme's
words themselves, and with the ThemeFragments plugin, as every showpress build does. Every file
must be the same, and the plugin must really have served pages from its cache.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import TINY
from generator.load import load_show
from generator.site.build import BuildOptions, build_site
from generator.site.themefragments import ThemeFragments
from generator.site.worker import _prepare_worker


@pytest.fixture(scope="module")
def staged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The staging folder of a showpress build of the tiny show (one mkdocs.yml per language)."""
    project = tmp_path_factory.mktemp("fragments") / "show"
    shutil.copytree(TINY, project)
    build_site(load_show(project), BuildOptions(out=project / "site", today=dt.date(2026, 6, 20), jobs=1,
                                                brochures=False))
    return project / ".cache" / "showpress" / "staging"


def _build(config_file: Path, site_dir: Path, fragments: ThemeFragments | None) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file), site_dir=str(site_dir))
    if fragments is not None:
        config.plugins["showpress/theme-fragments"] = fragments  # type: ignore[assignment]
    build(config)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("lang", ["en", "zh", "ar"])
def test_theme_fragments_change_no_byte(staged: Path, lang: str, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1781956800")  # 2026-06-20 12:00 UTC, as the showpress build
    config_file = staged / lang / "mkdocs.yml"
    _prepare_worker(lang)
    fragments = ThemeFragments()
    _build(config_file, tmp_path / "fragments", fragments)
    _build(config_file, tmp_path / "plain", None)

    built, plain = _files(tmp_path / "fragments"), _files(tmp_path / "plain")
    assert sorted(built) == sorted(plain)
    differing = sorted(name for name in plain if built[name] != plain[name])
    assert differing == [], f"{lang}: the plugin changed {differing[:5]}"
    # The cache served most pages: several pages outside the navigation share one rendering.
    pages = sum(1 for name in plain if name.endswith("index.html"))
    assert len(fragments.rendered) < fragments.hits, (len(fragments.rendered), fragments.hits, pages)
    assert fragments.texts


def test_the_tiny_show_has_pages_at_other_urls_in_other_languages(staged: Path) -> None:
    """The test above means something for the language selector only if some page's translation
    is elsewhere or missing (extra.showpress.alternates is not empty)."""
    config = yaml.safe_load((staged / "en" / "mkdocs.yml").read_text(encoding="utf-8"))
    alternates = config["extra"]["showpress"]["alternates"]
    assert alternates
    assert any(not url for row in alternates.values() for url in row.values()) or len(alternates) > 1
