"""Incremental rebuilds (``showpress serve``): after an edit, the site updated in place must be
byte for byte the site a full ``showpress build`` writes from the same sources."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from generator.load import load_show
from generator.site.build import BuildOptions, build_site, make_executor
from generator.site.incremental import IncrementalSite, merge_search_index, sync_tree

TINY = Path(__file__).parent / "fixtures" / "tiny"
TODAY = dt.date(2026, 6, 20)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same_tree(incremental: Path, full: Path) -> None:
    a, b = tree(incremental), tree(full)
    assert sorted(set(a) ^ set(b)) == [], "files only on one side"
    different = sorted(rel for rel in a if a[rel] != b[rel])
    assert different == [], f"{len(different)} files differ, e.g. {different[:5]}"


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    """A project, an executor and an IncrementalSite that has built the site once (as serve does)."""
    project = tmp_path_factory.mktemp("inc") / "show"
    shutil.copytree(TINY, project, ignore=shutil.ignore_patterns(".cache"))
    executor = make_executor(2, 3)
    site = IncrementalSite(project / "site", executor=executor, today=TODAY, brochures=False)
    report = site.build(load_show(project))
    assert report.languages == ["en", "zh", "ar"]
    yield project, executor, site
    executor.shutdown()


def rebuild_and_compare(session, tmp_path):  # noqa: ANN001, ANN201
    project, executor, site = session
    show = load_show(project)
    report = site.build(show)
    full = tmp_path / "full"
    build_site(show, BuildOptions(out=full, today=TODAY, brochures=False), executor=executor)
    assert_same_tree(project / "site", full)
    return report


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.mark.slow
def test_nothing_changed_builds_nothing(session):
    _, _, site = session
    project = session[0]
    report = site.build(load_show(project))
    assert report.languages == []


@pytest.mark.slow
def test_editor_page_edit_rebuilds_one_language_dirty_and_matches_a_full_build(session, tmp_path):
    project = session[0]
    append(project / "content" / "ar" / "press.md", "\n## قسم جديد\n\nسطر جديد للاختبار\n")
    report = rebuild_and_compare(session, tmp_path)
    assert report.languages == ["ar"]
    assert "mkdocs ar (dirty)" in report.steps
    index = json.loads((project / "site" / "ar" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any("سطر جديد للاختبار" in doc["text"] for doc in index["docs"])
    assert any(doc["location"] == "exhibitors/acme/" for doc in index["docs"]), "unchanged pages stay indexed"


@pytest.mark.slow
def test_story_in_the_default_language_reaches_the_fallback_languages(session, tmp_path):
    project = session[0]
    append(project / "content" / "en" / "news" / "notes-one.md", "\nA late addition to the notes.\n")
    report = rebuild_and_compare(session, tmp_path)
    assert report.languages == ["en", "zh", "ar"]  # zh and ar show the English story (no translation)
    story = project / "site" / "ar" / "news" / "notes-one" / "index.html"
    assert "A late addition" in story.read_text(encoding="utf-8")
    assert "A late addition" in (project / "site" / "en" / "feed.xml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_exhibitor_edit_in_data_matches_a_full_build(session, tmp_path):
    project = session[0]
    data = project / "data" / "exhibitors.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("Fish from Norway.", "Fresh fish from Norway."),
                    encoding="utf-8")
    report = rebuild_and_compare(session, tmp_path)
    assert report.languages == ["en", "zh", "ar"]
    assert "Fresh fish from Norway." in (project / "site" / "en" / "exhibitors" / "nordfisk" / "index.html").read_text(
        encoding="utf-8")


@pytest.mark.slow
def test_new_page_and_removed_page_match_a_full_build(session, tmp_path):
    project = session[0]
    (project / "content" / "en" / "press.md").write_text("---\ntitle: Press\n---\n# Press\n\nPress desk.\n",
                                                         encoding="utf-8")
    report = rebuild_and_compare(session, tmp_path)
    assert "mkdocs en" in report.steps, "a new page changes the navigation: a clean build"
    (project / "content" / "en" / "press.md").unlink()
    rebuild_and_compare(session, tmp_path)
    assert not (project / "site" / "en" / "press").exists()


def test_merge_search_index_keeps_page_order_and_replaces_rebuilt_pages():
    old = {"config": {"lang": ["en"]}, "docs": [
        {"location": "", "title": "Home", "text": "a"}, {"location": "#x", "title": "X", "text": "b"},
        {"location": "about/", "title": "About", "text": "old"}, {"location": "about/#h", "title": "H", "text": "old"},
        {"location": "news/", "title": "News", "text": "n"}]}
    new = {"config": {"lang": ["en"]}, "docs": [{"location": "about/", "title": "About", "text": "new"}]}
    merged = json.loads(merge_search_index(old, new, ["", "about/", "gone/", "news/"], {"about/"}))
    assert [(d["location"], d["text"]) for d in merged["docs"]] == [
        ("", "a"), ("#x", "b"), ("about/", "new"), ("news/", "n")]


def test_sync_tree_copies_changes_and_removes_extras_in_place(tmp_path):
    source, target = tmp_path / "a", tmp_path / "b"
    (source / "x").mkdir(parents=True)
    (source / "x" / "page.html").write_text("new")
    (source / "same.txt").write_text("same")
    assert sync_tree(source, target) == 2
    assert sync_tree(source, target) == 0, "unchanged files are not copied again"
    (target / "old").mkdir()
    (target / "old" / "stale.html").write_text("stale")
    (target / "brochure.pdf").write_text("%PDF")
    (source / "x" / "page.html").write_text("newer!")
    assert sync_tree(source, target, frozenset({"brochure.pdf"})) == 1
    assert tree(target) == {"brochure.pdf": b"%PDF", "same.txt": b"same", "x/page.html": b"newer!"}
