"""Incremental rebuilds: ``showpress serve`` and ``showpress build`` are one builder asking a build
state what is current. After an edit, the site updated in place must be byte for byte the site a
full build writes from the same sources; an unchanged rebuild runs no engine; an edit rebuilds only
the languages whose pages read it."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from concurrent.futures import Executor
from pathlib import Path

import pytest

from generator.load import load_show
from generator.site.build import BuildOptions, build_site, make_executor, serve_builder
from generator.site.engines import merge_search_index
from generator.site.publish import sync_tree

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
    """A project, an executor and a serve builder that has built the site once (as serve does)."""
    project = tmp_path_factory.mktemp("inc") / "show"
    shutil.copytree(TINY, project, ignore=shutil.ignore_patterns(".cache"))
    executor = make_executor(2, 3)
    show = load_show(project)
    site = serve_builder(show, BuildOptions(out=project / "site", today=TODAY, brochures=False), executor)
    report = site.build(show)
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
def test_an_exhibitor_edit_renders_again_only_the_pages_that_read_it(session, tmp_path):
    """Its own page and the pages of all exhibitors (home, halls, statistics, about), in every
    language; the other pages are reused (generator/site/corecache.py; a description is not in the
    directory's listing, corecache.LISTED)."""
    from generator.site.pages import PAGES

    project, _, site = session
    data = project / "data" / "exhibitors.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("Precision tools", "Precise tools"), encoding="utf-8")
    rebuild_and_compare(session, tmp_path)
    whole = [PAGES[name] for name in ("home", "about", "statistics", "halls")]
    expected = sorted([*whole, "exhibitors/acme.md"])
    assert {lang: sorted(found.rendered) for lang, found in site.pages.core.languages.items()} == {
        "en": expected, "zh": expected, "ar": expected}
    assert "Precise tools" in (project / "site" / "ar" / "exhibitors" / "acme" / "index.html").read_text(
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


class CountingExecutor(Executor):
    """A real process pool that counts the engine runs submitted to it, per language."""

    def __init__(self, pool: Executor):
        self.pool = pool
        self.runs: list[str] = []

    def submit(self, fn, /, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN201
        if fn.__name__ == "build_language":
            self.runs.append(args[1])
        return self.pool.submit(fn, *args, **kwargs)


@pytest.fixture(scope="module")
def counting():
    pool = make_executor(2, 3)
    yield CountingExecutor(pool)
    pool.shutdown()


def _build(project: Path, out: Path, executor: CountingExecutor, **options):  # noqa: ANN003, ANN202
    executor.runs.clear()
    return build_site(load_show(project), BuildOptions(out=out, today=TODAY, brochures=False, jobs=2, **options),
                      executor=executor)


@pytest.mark.slow
def test_unchanged_build_runs_no_engine_and_an_edit_rebuilds_only_its_language(tmp_path, counting):
    project = tmp_path / "show"
    shutil.copytree(TINY, project, ignore=shutil.ignore_patterns(".cache", "site"))
    out = project / "site"
    _build(project, out, counting)
    assert sorted(counting.runs) == ["ar", "en", "zh"]
    before = tree(out)

    report = _build(project, out, counting)
    assert counting.runs == [], "an unchanged rebuild ran MkDocs"
    assert report.languages == []
    assert tree(out) == before

    append(project / "content" / "ar" / "press.md", "\n## قسم جديد\n\nسطر جديد للاختبار\n")
    report = _build(project, out, counting)
    assert counting.runs == ["ar"] and report.languages == ["ar"]
    assert "سطر جديد للاختبار" in (out / "ar" / "press" / "index.html").read_text(encoding="utf-8")
    fresh = tmp_path / "fresh"
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns(".cache", "site"))
    _build(fresh, fresh / "site", counting)
    assert_same_tree(out, fresh / "site")


@pytest.mark.slow
def test_an_unchanged_build_is_known_before_the_show_is_loaded(tmp_path, counting):
    from generator.site.build import current_site

    project = tmp_path / "show"
    shutil.copytree(TINY, project, ignore=shutil.ignore_patterns(".cache", "site"))
    options = BuildOptions(out=project / "site", today=TODAY, brochures=False, jobs=2)
    assert current_site(project, options) is None, "never built"
    build_site(load_show(project), options, executor=counting)
    assert current_site(project, options) is not None
    assert current_site(project, BuildOptions(out=project / "site", today=dt.date(2026, 6, 21), brochures=False)) \
        is None, "another day is another sitemap"
    assert current_site(project, BuildOptions(out=project / "site", today=TODAY, brochures=True)) is None, \
        "brochures were not rendered"
    (project / "site" / "zh" / "index.html").unlink()
    assert current_site(project, options) is None, "a damaged output is rebuilt"


@pytest.mark.slow
def test_serve_publishing_makes_the_build_state_of_its_folder_stale(session, counting):
    from generator.site.build import current_site

    project = session[0]
    options = BuildOptions(out=project / "site", today=TODAY, brochures=False, jobs=2)
    build_site(load_show(project), options, executor=counting)
    assert current_site(project, options) is not None
    append(project / "content" / "en" / "news" / "notes-one.md", "\nServe was here.\n")
    session[2].build(load_show(project))
    assert current_site(project, options) is None, "serve changed site/ in place: build must look again"


def test_a_story_edit_renders_again_only_the_news_of_languages_that_show_it(tmp_path, monkeypatch):
    """closing.md is in en and zh, ar shows the English one: an edit of the English body renders
    the news pages of en and ar again, and reuses zh's (they read only zh's version)."""
    from generator.site import gather as gathering

    project = tmp_path / "show"
    shutil.copytree(TINY, project, ignore=shutil.ignore_patterns(".cache", "site"))
    rendered: list[str] = []
    real = gathering.news_pages

    def counting(show, lang, today):  # noqa: ANN001, ANN202
        rendered.append(lang)
        return real(show, lang, today)

    monkeypatch.setattr(gathering, "news_pages", counting)
    cache = gathering.PageCache()
    first = gathering.gather(load_show(project), TODAY, brochures=False, cache=cache)
    assert sorted(rendered) == ["ar", "en", "zh"]
    rendered.clear()
    append(project / "content" / "en" / "news" / "closing.md", "\nOne more English line.\n")
    again = gathering.gather(load_show(project), TODAY, brochures=False, cache=cache)
    assert sorted(rendered) == ["ar", "en"]
    assert again["zh"].pages == first["zh"].pages
    rendered.clear()
    fresh = gathering.gather(load_show(project), TODAY, brochures=False)
    assert {lang: c.pages for lang, c in fresh.items()} == {lang: c.pages for lang, c in again.items()}
