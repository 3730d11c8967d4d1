"""The loader: positions, YAML dialect, hostile input (property-based), and never a traceback."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
import sys
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


def test_unreadable_page_names_the_file(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A content file the build user cannot read: its path and what to do, not a PermissionError."""
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "press.md":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert problems(tiny) == ["content/ar/press.md: cannot be read (Permission denied): make it readable by the "
                              "user who runs showpress"]


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


FUZZ_EXAMPLES = int(os.environ.get("SHOWPRESS_FUZZ_EXAMPLES", "2000"))
"""Mutated files per run: 2,000 in CI (deterministic, ~15 s); SHOWPRESS_FUZZ_EXAMPLES=50000 for a long run."""

FUZZ_FILES = sorted(p.relative_to(TINY).as_posix() for p in TINY.rglob("*") if p.suffix in (".yml", ".md"))

FUZZ_TOKENS = [
    "&a ", "*a", "<<: ", "!!str ", "!!python/object:os.system ", "? ", "- ", ": ", "{", "}", "[", "]", "'", '"',
    "\t", "\x00", "\ufeff", "\u202e", "#", "---\n", "...\n", "~", "NO", "yes", "1e400", "-0", "0x1F", "2026-13-45",
    "'25:00'", "'09:00+08:00'", "'2026-06-10T09:00:00+08:00'", "'2026-06-10T09:00:00Z'", "0001-01-01T00:00:00+14:00",
    "media/../show.yml", "media/" + "a" * 300, "/etc/passwd", "zz", "Europe/Nowhere", "*", "\n  - ", "\n" + " " * 40,
]
"""Fragments that YAML, the models and the checks treat specially."""

TWEAKS = ["{v}+08:00", "{v}+02:00", "{v}Z", "{v}+14:00", "{v}:60", "{v}{v}", "", "{v}/../show.yml",
          "../{v}", "{v}" * 60, "-{v}", "{v}\u0301", "{v}\u202e", " {v} ", "[{v}]", "{x: {v}}"]
"""Variants of an existing value (inside its quotes): offsets on times, '..' on paths, repetitions."""

VALUE = re.compile(r"(?m)(?<=[\w\]]: )(?![{\[])[^,}\]\n]*")
"""A value after 'key: ' (block or flow style): what a value edit replaces."""

fuzz_edits = st.lists(
    st.one_of(
        st.tuples(st.just("slice"), st.integers(0, 10**5), st.integers(0, 40), st.text(max_size=8)),
        st.tuples(st.just("slice"), st.integers(0, 10**5), st.integers(0, 40), st.sampled_from(FUZZ_TOKENS)),
        st.tuples(st.just("value"), st.integers(0, 10**4), st.integers(0, 0), st.sampled_from(FUZZ_TOKENS)),
        st.tuples(st.just("value"), st.integers(0, 10**4), st.integers(1, 1), st.sampled_from(TWEAKS)),
    ),
    min_size=1, max_size=3,
)
"""Each edit cuts a slice and inserts random text or a fragment, or replaces one value with a fragment
or with a variant of itself (length 1: a TWEAKS template)."""


def _mutate(text: str, edits: list[tuple[str, int, int, str]]) -> str:
    for kind, where, length, insert in edits:
        values = list(VALUE.finditer(text)) if kind == "value" else []
        if values:
            found = values[where % len(values)]
            start, end = found.span()
            if length == 1:  # a variant of the value, inside its quotes
                quote = text[start] if end - start > 1 and text[start] in "'\"" else ""
                inner = text[start + len(quote):end - len(quote)]
                insert = quote + insert.replace("{v}", inner) + quote
            length = end - start
        else:
            start = where % (len(text) + 1)
        text = text[:start] + insert + text[start + length:]
    return text


def test_mutated_files_never_raise_anything_but_data_error(tmp_path_factory: pytest.TempPathFactory) -> None:
    """FUZZ_EXAMPLES times: cut slices out of one file of the tiny show and put random text or a special
    fragment in their place; load and check the whole show. Only problems may come out, each positioned
    in a real file: never another exception. The seed is fixed (derandomize), so CI runs the same files."""
    root = tmp_path_factory.mktemp("fuzz") / "show"
    shutil.copytree(TINY, root)
    originals = {name: (root / name).read_text(encoding="utf-8") for name in FUZZ_FILES}
    ran: list[str] = []

    @settings(max_examples=FUZZ_EXAMPLES, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(st.sampled_from(FUZZ_FILES), fuzz_edits)
    def mutate_and_check(name: str, edits: list[tuple[str, int, int, str]]) -> None:
        (root / name).write_text(_mutate(originals[name], edits), encoding="utf-8", errors="surrogatepass")
        try:
            for line in problems(root):  # DataError is caught inside; any other exception fails the test
                assert line.split(":")[0] in originals or line.startswith(("data/", "content/")), line
        finally:
            (root / name).write_text(originals[name], encoding="utf-8")
        ran.append(name)

    mutate_and_check()
    assert len(ran) >= FUZZ_EXAMPLES


def _peak_cost(text: str) -> dict[str, object]:
    """Refuse ``text`` in a fresh interpreter; its time and peak memory (ru_maxrss) added by parsing."""
    script = """if True:
        import json, resource, sys, time
        from generator.load import load_model
        from generator.models import ShowInfo
        text = sys.stdin.read()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        _, _, found = load_model(ShowInfo, text, "data/show.yml")
        seconds = time.perf_counter() - started
        extra_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
        print(json.dumps({"seconds": seconds, "extra_mib": extra_kib / 1024, "problems": [str(p) for p in found]}))
    """
    done = subprocess.run([sys.executable, "-c", script], input=text, capture_output=True, text=True,
                          timeout=120, check=True)
    return json.loads(done.stdout)


ALIAS_BOMB = "\n".join(
    ["a: &a [x,x,x,x,x,x,x,x,x]"]
    + [f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]" for p, c in zip("abcdefgh", "bcdefghi", strict=True)]
) + "\n"


def test_alias_bomb_is_refused_fast_and_small() -> None:
    """306 bytes that expand to 9**9 nodes: refused from the composed graph, before building anything,
    and not parsed a second time (it took 5.9 s and 537 MB)."""
    assert len(ALIAS_BOMB.encode()) == 306
    cost = _peak_cost(ALIAS_BOMB)
    assert cost["problems"] == ["data/show.yml:5:4: document too large (aliases expanding?): simplify it"]
    assert cost["seconds"] < 1, cost  # type: ignore[operator]
    assert cost["extra_mib"] < 100, cost  # type: ignore[operator]


def test_small_aliases_still_work() -> None:
    data, _ = parse_yaml("a: &x [1, {b: 2}]\nc: *x\nd: [*x, *x]\n")
    assert data == {"a": [1, {"b": 2}], "c": [1, {"b": 2}], "d": [[1, {"b": 2}], [1, {"b": 2}]]}


def test_alias_to_its_own_collection_is_refused() -> None:
    with pytest.raises(YamlProblem) as caught:
        parse_yaml("a: &a [1, *a]\n")
    assert f"{caught.value.line}:{caught.value.col}: {caught.value.message}" == (
        "1:4: this list or mapping contains an alias to itself: write it out")
