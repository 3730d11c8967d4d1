"""Rebuilds after one edit in a long-running process (`showpress serve`, issue 15): the parts of a
data file parsed apart (yamlsource.ChunkCache), the staging folder's listing kept in memory
(stage.sync_docs), and a whole serve session whose site equals a clean build after each edit."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.errors import DataError
from generator.load import LoadCache, load_show
from generator.loading import load_checked_show, show_problems
from generator.site import gather as gathering
from generator.site import halls
from generator.site.build import BuildOptions, build_site, make_executor, serve_builder
from generator.site.corecache import LISTED
from generator.site.pages import PAGES
from generator.site.stage import StagedFiles, sync_docs
from generator.yamlsource import ChunkCache, YamlProblem, _chunks, parse_yaml

TINY = Path(__file__).parent / "fixtures" / "tiny"
TODAY = dt.date(2026, 6, 20)

LISTS = """# exhibitors
categories:
- id: food
  name: {en: Food}
exhibitors:
- id: a
  name:
    en: Alpha  # a comment
  booths: [H1-001]

# between items
- id: b
  description: |
    Line one
    with *emphasis* & and: colons
  count: 3
- id: c
  flag: true
title: A show
nested:
  deeper:
  - 1
  - 2.5
"""

ODD = {
    "anchor and alias": "base: &b {x: 1}\nother: *b\n",
    "list under a key with a value": "a:\n  x: 1\n- y\n",
    "duplicate top-level key": "a: 1\nb: 2\na: 3\n",
    "duplicate key in an item": "items:\n- id: 1\n  id: 2\n",
    "bad indentation in an item": "items:\n- id: 1\n   name: x\n  - y\n",
    "a tab": "items:\n- id: 1\n\tname: x\n",
    "a key without items": "items:\nnext: 1\n",
    "a document marker": "---\na: 1\nb: 2\n",
    "a top-level list": "- a\n- b\n",
    "a quoted value": "a: 'one\n two'\nb: 2\n",
    "merge key": "items:\n- <<: {x: 1}\n  y: 2\n",
    "a tag": "a: !!str 1\nb: 2\n",
    "an alias as an item": "base:\n- &x 1\nitems:\n- *x\n",
    "a line starting with a star": "items:\n- text: |\n    *bold*\n- id: 2\n",
}


def _whole(text: str) -> tuple[object, object]:
    try:
        data, pos = parse_yaml(text)
    except YamlProblem as exc:
        return "problem", (exc.line, exc.col, exc.message)
    return data, (pos.values, pos.keys)


def _parts(cache: ChunkCache, text: str) -> tuple[object, object]:
    try:
        data, pos = cache.parse(text)
    except YamlProblem as exc:
        return "problem", (exc.line, exc.col, exc.message)
    return data, (pos.values, pos.keys)


def test_a_document_parsed_part_by_part_equals_the_whole_parse_values_and_positions():
    assert len(_chunks(LISTS) or []) == 8, "the document is split into its parts"
    cache = ChunkCache()
    assert _parts(cache, LISTS) == _whole(LISTS)
    edited = LISTS.replace("Alpha", "Alpha Beta").replace("count: 3", "count: 4\n  extra: [1, 2]")
    assert _parts(cache, edited) == _whole(edited)
    shifted = "# one more line first\n" + edited
    assert _parts(cache, shifted) == _whole(shifted), "an unchanged part moved down keeps right positions"


@pytest.mark.parametrize("name", sorted(ODD))
def test_what_cannot_be_split_safely_gives_exactly_the_whole_parse(name):
    text = ODD[name]
    assert _parts(ChunkCache(), text) == _whole(text)
    cache = ChunkCache()
    _parts(cache, LISTS)
    assert _parts(cache, text) == _whole(text), "after an earlier document too"


def test_after_an_edit_only_the_changed_items_are_parsed_again():
    cache = ChunkCache()
    first, _ = cache.parse(LISTS)
    second, _ = cache.parse(LISTS.replace("flag: true", "flag: false"))
    assert second["exhibitors"][0] is first["exhibitors"][0], "an unchanged item is reused"
    assert second["exhibitors"][2] is not first["exhibitors"][2]
    assert second["exhibitors"][2] == {"id": "c", "flag": False}


def test_load_cache_parses_an_edited_data_file_by_parts_and_equals_a_fresh_load(tmp_path):
    project = tmp_path / "show"
    shutil.copytree(TINY, project, ignore=shutil.ignore_patterns(".cache", "site"))
    loads = LoadCache()
    load_checked_show(project, cache=loads)
    data = project / "data" / "exhibitors.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("Fish from Norway.", "Fresh fish."), encoding="utf-8")
    cached = load_checked_show(project, cache=loads)
    fresh = load_checked_show(project)
    assert cached.exhibitors_file == fresh.exhibitors_file
    assert cached.positions == fresh.positions
    assert "data/exhibitors.yml" in loads.parts


def test_interface_problems_through_the_cache_follow_an_edited_show_catalog(tmp_path):
    project = tmp_path / "show"
    shutil.copytree(TINY, project, ignore=shutil.ignore_patterns(".cache", "site"))
    loads = LoadCache()
    show = load_show(project, loads)
    assert show_problems(show, loads) == show_problems(show)
    (project / "locale").mkdir()
    (project / "locale" / "ar.po").write_bytes(b'msgid "Hall"\nmsgstr "\xff\xfe"\n')  # not UTF-8
    show = load_show(project, loads)
    with pytest.raises(DataError) as fresh:
        show_problems(show)
    with pytest.raises(DataError) as cached:
        show_problems(show, loads)
    assert cached.value.problems == fresh.value.problems and "locale/ar.po" in str(fresh.value.problems[0].path)


def test_sync_docs_with_a_kept_listing_removes_what_is_no_longer_wanted(tmp_path):
    folder = tmp_path / "docs"
    known: StagedFiles = {}
    pages = {"index.md": "# Home\n", "exhibitors/a.md": "A\n", "exhibitors/b.md": "B\n"}
    files: dict[str, Path | bytes] = {"assets/x.css": b"x"}
    assert sorted(sync_docs(folder, pages, files, known=known)) == sorted([*pages, *files])
    del pages["exhibitors/b.md"]
    assert sync_docs(folder, pages, files, known=known) == ["exhibitors/b.md"]
    assert not (folder / "exhibitors" / "b.md").exists()
    del pages["exhibitors/a.md"]
    assert sync_docs(folder, pages, {}, known=known) == ["exhibitors/a.md", "assets/x.css"]
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == ["index.md"]


def test_sync_docs_notices_files_another_build_left_in_the_folder(tmp_path):
    folder = tmp_path / "docs"
    known: StagedFiles = {}
    pages = {"index.md": "# Home\n", "news/one.md": "One\n"}
    sync_docs(folder, pages, {}, known=known)
    (folder / "news" / "stray.md").write_text("another build's page\n", encoding="utf-8")
    (folder / "news" / "one.md").write_text("changed by another build\n", encoding="utf-8")
    assert sorted(sync_docs(folder, pages, {}, known=known)) == ["news/one.md", "news/stray.md"]
    assert (folder / "news" / "one.md").read_text(encoding="utf-8") == "One\n"
    assert not (folder / "news" / "stray.md").exists()


SHIPPED = Path(gathering.__file__).resolve().parents[2] / "site_templates"


def test_the_directory_and_hall_pages_read_of_exhibitors_only_their_listing():
    """What corecache.LISTED says: the directory template, the booth tables and the floor plans."""
    import generator.graphics.floorplan as floorplan_module
    import generator.site.pages as pages_module

    read = set(re.findall(r"\be\.(\w+)", (SHIPPED / "pages" / "directory.md.j2").read_text(encoding="utf-8")))
    read |= set(re.findall(r"holders\[b\.id\]\.(\w+)", (SHIPPED / "_macros" / "halls.j2").read_text(encoding="utf-8")))
    read |= set(re.findall(r"\bexhibitor\.(\w+)", Path(floorplan_module.__file__).read_text(encoding="utf-8")))
    directory = Path(pages_module.__file__).read_text(encoding="utf-8").split('render("directory.md.j2"')[1]
    read |= set(re.findall(r"\be\.(\w+)", directory.split("for exhibitor in")[0]))
    assert {"id", "name", "short_name", "booths"} <= read
    assert read <= LISTED


def _rendered(project: Path, cache: gathering.PageCache) -> dict[str, list[str]]:
    fresh = gathering.gather(load_show(project), TODAY, brochures=False)
    reused = gathering.gather(load_show(project), TODAY, brochures=False, cache=cache)
    assert {k: c.pages for k, c in reused.items()} == {k: c.pages for k, c in fresh.items()}, "a stale page"
    return {lang: sorted(found.rendered) for lang, found in cache.core.languages.items()}


def test_a_listed_field_edit_renders_the_directory_and_the_hall_again_a_description_edit_not(tmp_path, monkeypatch):
    monkeypatch.setattr(halls, "SPLIT_AT", 2)  # one page per hall, as test_site_corecache.py
    project = tmp_path / "show"
    shutil.copytree(TINY, project, ignore=shutil.ignore_patterns(".cache", "site"))
    data = project / "data" / "exhibitors.yml"
    cache = gathering.PageCache()
    _rendered(project, cache)
    data.write_text(data.read_text(encoding="utf-8").replace("Fish from Norway.", "Fresh fish."), encoding="utf-8")
    edited = _rendered(project, cache)["en"]
    assert "exhibitors/nordfisk.md" in edited
    assert PAGES["exhibitors"] not in edited and "halls/B.md" not in edited
    data.write_text(data.read_text(encoding="utf-8").replace("Nordfisk", "Nordfisk Sea", 1), encoding="utf-8")
    again = _rendered(project, cache)
    assert {PAGES["exhibitors"], "halls/B.md", "exhibitors/nordfisk.md"} <= set(again["en"])
    assert "halls/A.md" not in again["en"]


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_serve_rebuilds_after_a_story_and_an_exhibitor_edit_equal_a_clean_build(tmp_path):
    project = tmp_path / "show"
    shutil.copytree(TINY, project, ignore=shutil.ignore_patterns(".cache", "site"))
    loads = LoadCache()  # as serve keeps it
    executor = make_executor(2, 3)
    try:
        site = serve_builder(load_checked_show(project, cache=loads),
                             BuildOptions(out=project / "site", today=TODAY, brochures=False), executor)
        site.build(load_checked_show(project, cache=loads))
        story = project / "content" / "en" / "news" / "notes-one.md"
        data = project / "data" / "exhibitors.yml"
        edits = [(story, "\nA late addition to the notes.\n", None),
                 (data, None, ("Fish from Norway.", "Fresh fish from Norway."))]
        for n, (path, tail, swap) in enumerate(edits):
            text = path.read_text(encoding="utf-8")
            path.write_text(text + tail if tail else text.replace(*swap), encoding="utf-8")
            site.build(load_checked_show(project, cache=loads))
            clean = tmp_path / f"clean-{n}"
            build_site(load_checked_show(project), BuildOptions(out=clean, today=TODAY, brochures=False),
                       executor=executor)
            built, expected = _tree(project / "site"), _tree(clean)
            assert sorted(set(built) ^ set(expected)) == []
            assert sorted(rel for rel in built if built[rel] != expected[rel]) == []
        page = project / "site" / "en" / "exhibitors" / "nordfisk" / "index.html"
        assert "Fresh fish from Norway." in page.read_text(encoding="utf-8")
    finally:
        executor.shutdown()


def test_a_config_dumped_once_is_written_again_only_as_it_is_now(tmp_path: Path) -> None:
    """write_config's ``known`` (serve) reuses a YAML text only for the same config at the same path."""
    from generator.site.config import write_config

    known: dict[str, tuple[bytes, str]] = {}
    first, second = tmp_path / "en" / "mkdocs.yml", tmp_path / "zh" / "mkdocs.yml"
    config = {"site_name": "Show", "nav": [{"Home": "index.md"}], "extra": {"n": 1}}
    write_config(first, config, known)
    text = first.read_text(encoding="utf-8")
    assert yaml.safe_load(text) == config
    config["extra"]["n"] = 2  # the same dict, changed in place: not the text made for n = 1
    write_config(first, config, known)
    assert yaml.safe_load(first.read_text(encoding="utf-8"))["extra"] == {"n": 2}
    write_config(second, {"site_name": "展会"}, known)
    assert yaml.safe_load(second.read_text(encoding="utf-8")) == {"site_name": "展会"}
    config["extra"]["n"] = 1
    first.unlink()  # removed by someone else: written again from the kept text
    write_config(first, config, known)
    assert first.read_text(encoding="utf-8") == text
