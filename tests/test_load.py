"""The loader: positions, YAML dialect, hostile input (property-based), and never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TINY, problems
from generator.errors import DataError
from generator.load import load_model, load_show
from generator.models import DATA_FILES, ExhibitorsFile, ShowInfo
from generator.yamlsource import YamlProblem, parse_yaml


def test_positions_are_kept_for_values_and_keys() -> None:
    data, pos = parse_yaml("a:\n  - x: 1\n    y: [2, 3]\n")
    assert data == {"a": [{"x": 1, "y": [2, 3]}]}
    assert pos.of(("a", 0, "y", 1)) == (3, 12)
    assert pos.of(("a", 0, "y"), key=True) == (3, 5)
    assert pos.of(("a", 0, "nope")) == (2, 5)  # falls back to the nearest known ancestor


def test_yaml_1_2_scalars() -> None:
    data, _ = parse_yaml("a: NO\nb: yes\nc: 9:30\nd: 2026-05-12\ne: true\nf: 012\ng: 1.5\nh: ~\n")
    assert data == {"a": "NO", "b": "yes", "c": "9:30", "d": "2026-05-12", "e": True, "f": 12, "g": 1.5, "h": None}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: 1\na: 2\n", "2:1: key 'a' appears twice in this mapping (first at line 1)"),
        ("a: !!python/object:os.system x\n", "1:4: unsupported YAML tag 'tag:yaml.org,2002:python/object:os.system': remove it"),
        ("a: &x [1]\nb:\n  <<: *x\n", "3:3: merge keys (<<) are not supported: write the keys out"),
        ("--- 1\n--- 2\n", "2:1: YAML syntax error: expected a single document in the stream but found another document; check indentation and quoting"),
    ],
)
def test_yaml_problems_have_positions(text: str, message: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(text)
    assert f"{caught.value.line}:{caught.value.col}: {caught.value.message}" == message


def test_exponential_aliases_are_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, "
              f"*a{i - 1}, *a{i - 1}]" for i in range(1, 9)]
    with pytest.raises(YamlProblem, match="document too large"):
        parse_yaml("\n".join(lines))


def test_not_utf8_names_the_position(tiny: Path) -> None:
    (tiny / "data/visiting.yml").write_bytes(b"entrances: []\naccessibility: caf\xe9\n")
    assert problems(tiny) == ["data/visiting.yml:2:19: not valid UTF-8: save the file as UTF-8"]


def test_missing_project_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        load_show(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        f"data/show.yml: not found: is {tmp_path} a showpress project? (use --project DIR)"]


def test_news_without_front_matter(tiny: Path) -> None:
    (tiny / "content/en/news/bare.md").write_text("Just text.\n", encoding="utf-8")
    assert problems(tiny) == ["content/en/news/bare.md:1:1: a news story needs front matter between '---' lines "
                              "(title, date, category, summary, key)"]


def test_front_matter_not_closed(tiny: Path) -> None:
    (tiny / "content/en/news/open.md").write_text("---\ntitle: x\n", encoding="utf-8")
    assert problems(tiny) == ["content/en/news/open.md:1:1: front matter starts with '---' but has no closing "
                              "'---' line"]


def test_show_loads_and_keeps_plain_strings_as_any_language() -> None:
    show = load_show(TINY)
    nordfisk = show.exhibitors[1]
    assert nordfisk.name == {"*": "Nordfisk AS"}
    assert show.default_language == "en"
    assert [n.slug for n, fallback in show.news_for("zh") if fallback] == ["notes-one"]


# ------------------------------------------------------------------ property-based: never a traceback

yaml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30),
    st.sampled_from(["2026-05-12", "'09:30'", "NO", "H1-001", "https://x.example.org/", "", "<script>"]),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.text(max_size=12), children, max_size=4)),
    max_leaves=20,
)


def _assert_clean(model, text: str) -> None:  # noqa: ANN001
    loaded, _, found = load_model(model, text, "data/x.yml")
    assert (loaded is None) == bool(found)
    for problem in found:
        assert problem.path == "data/x.yml" and problem.line >= 1 and problem.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(list(DATA_FILES.values())), yaml_values)
def test_random_yaml_gives_problems_not_exceptions(model, value) -> None:  # noqa: ANN001
    _assert_clean(model, yaml.safe_dump(value, allow_unicode=True))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_random_text_gives_problems_not_exceptions(text: str) -> None:
    _assert_clean(ExhibitorsFile, text)


SHOW_TEXT = (TINY / "data/show.yml").read_text(encoding="utf-8")


@settings(max_examples=300, deadline=None)
@given(st.integers(0, len(SHOW_TEXT) - 1), st.integers(0, 40), st.text(max_size=8))
def test_mutated_show_gives_problems_not_exceptions(start: int, length: int, insert: str) -> None:
    """Cut a slice out of a real file and put random text in its place."""
    _assert_clean(ShowInfo, SHOW_TEXT[:start] + insert + SHOW_TEXT[start + length:])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(sorted(DATA_FILES)), st.integers(0, 4000), st.integers(0, 30), st.text(max_size=6))
def test_mutated_whole_show_never_raises_anything_but_data_error(tmp_path_factory, name, start, length, insert) -> None:  # noqa: ANN001
    root = tmp_path_factory.mktemp("show")
    shutil.copytree(TINY, root, dirs_exist_ok=True)
    path = root / "data" / name
    text = path.read_text(encoding="utf-8")
    start = min(start, len(text))
    path.write_text(text[:start] + insert + text[start + length:], encoding="utf-8")
    problems(root)  # DataError is caught inside; any other exception fails the test
