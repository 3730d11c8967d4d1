"""load.LoadCache: a long-running process parses again only the files whose text changed, and a
load through the cache is always the load without it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_helpers import copy_tiny
from pdf_helpers import replace_text as replace

from generator.errors import DataError
from generator.load import LoadCache, load_show
from generator.loading import load_checked_show
from generator.models import DATA_FILES
from generator.show import Show


@pytest.fixture
def project(tmp_path):
    return copy_tiny(tmp_path)


def same_show(a: Show, b: Show) -> None:
    for name in ("info", "halls_file", "exhibitors_file", "schedule", "visiting", "forms_file", "letters_file",
                 "news", "pages", "positions"):
        assert getattr(a, name) == getattr(b, name), name


def test_unchanged_files_are_reused_and_an_edited_one_is_read_again(project):
    cache = LoadCache()
    first = load_checked_show(project, cache=cache)
    story = next(item for item in first.news if item.lang == "en")
    replace(project / "data" / "exhibitors.yml", "Fish from Norway.", "Fresh fish from Norway.")
    second = load_checked_show(project, cache=cache)
    same_show(second, load_show(project))
    assert second.halls_file is first.halls_file and second.info is first.info
    assert second.exhibitors_file is not first.exhibitors_file
    assert "Fresh fish from Norway." in str(second.exhibitors_file.model_dump())
    assert next(item for item in second.news if item.path == story.path).meta is story.meta
    Path(project / story.path).write_text(Path(project / story.path).read_text(encoding="utf-8") + "\nMore.\n",
                                          encoding="utf-8")
    third = load_show(project, cache)
    same_show(third, load_show(project))
    assert next(item for item in third.news if item.path == story.path).body.rstrip().endswith("More.")


def test_a_new_time_zone_reads_the_files_that_depend_on_it_again(project):
    cache = LoadCache()
    load_show(project, cache)
    replace(project / "data" / "show.yml", "timezone: Europe/Berlin\n", "timezone: Asia/Seoul\n")
    same_show(load_show(project, cache), load_show(project))


def test_a_broken_edit_gives_the_same_problems_and_the_fix_loads_again(project):
    cache = LoadCache()
    load_show(project, cache)
    data = project / "data" / "exhibitors.yml"
    good = data.read_text(encoding="utf-8")
    data.write_text(good.replace("country: DE", "country: Germany"), encoding="utf-8")
    with pytest.raises(DataError) as cached:
        load_show(project, cache)
    with pytest.raises(DataError) as fresh:
        load_show(project)
    assert [str(p) for p in cached.value.problems] == [str(p) for p in fresh.value.problems]
    assert any("exhibitors.yml" in str(p) for p in cached.value.problems)
    data.write_text(good, encoding="utf-8")
    same_show(load_show(project, cache), load_show(project))
    read = [p for p in (project / "data").glob("*.yml") if p.name in DATA_FILES]
    read += [p for p in (project / "content").rglob("*.md") if p.parent != project / "content"]
    assert len(cache.entries) == len(read), "only the files of the last load are kept (not the broken version)"
