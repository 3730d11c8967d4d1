"""bench/run's target evaluation, table and BENCHMARKS.md splicing, on made-up figures (no benchmark runs)."""

from __future__ import annotations

import pytest

from bench.figures import BEGIN, END, TARGETS, Figure, evaluate, notes, number, splice, summary, table
from bench.profiles import hot_spots
from bench.scales import CLOSE


def figures() -> list[Figure]:
    return [
        Figure("collector_rate", 2900, "20,000 answers", "bare endpoint 9,000/s", "32% of bare"),
        Figure("job_s", 45.0, "2,000 exhibitors", "site alone 20.0 s", "2.25× the site alone"),
        Figure("job_vs_baseline", 15.0, "500 exhibitors", "baseline 300 s", "15.0×"),
        Figure("job_mib", 1025, "2,000 exhibitors", "baseline 300 MiB", "3.4×", note="upper bound"),
        Figure("edit_news_s", None, note="serve rebuilds after edits failed: boom"),
    ]


def test_a_maximum_holds_up_to_its_limit_and_a_minimum_from_its_limit() -> None:
    rows = {row.figure.key: row.met for row in evaluate(figures())}
    assert rows == {"job_s": True, "job_vs_baseline": True, "job_mib": False, "collector_rate": False,
                    "edit_news_s": None}


def test_rows_follow_the_order_of_the_targets() -> None:
    order = [target.key for target in TARGETS]
    keys = [row.figure.key for row in evaluate(figures())]
    assert keys == sorted(keys, key=order.index)


def test_an_unknown_target_is_refused_with_the_known_ones() -> None:
    with pytest.raises(ValueError, match="no target named job_seconds .*known: job_s"):
        evaluate([Figure("job_seconds", 1.0)])


def test_every_target_says_what_would_close_it() -> None:
    assert {target.key for target in TARGETS} == set(CLOSE)


def test_numbers_read_as_written() -> None:
    assert number(44.93, "s") == "44.9 s"
    assert number(0.734, "s") == "0.73 s"
    assert number(15.04, "×") == "15×"
    assert number(3120, "/s") == "3,120/s"
    assert number(1024, "MiB") == "1,024 MiB"
    assert number(50, "%") == "50 %"


def test_the_plain_table_aligns_every_column_and_says_met_or_not() -> None:
    rows = evaluate(figures())
    lines = table(rows).splitlines()
    assert lines[0].split()[:2] == ["figure", "scale"]
    assert len(lines) == 2 + len(rows)
    start = lines[0].index("measured")
    assert all(line[start - 2:start] == "  " for line in lines[2:])
    job = next(line for line in lines if line.startswith("whole job on"))
    assert "45.0 s" in job and "≤ 45 s" in job and job.rstrip().endswith("met")
    assert next(line for line in lines if "peak memory" in line).rstrip().endswith("NOT MET")
    assert next(line for line in lines if "news edit" in line).rstrip().endswith("not measured")


def test_the_markdown_table_has_one_row_per_figure_and_escapes_pipes() -> None:
    rows = evaluate([Figure("site_s", 20.0, "a | b")])
    lines = table(rows, markdown=True).splitlines()
    assert lines[0].startswith("| figure |") and len(lines) == 3
    assert "a \\| b" in lines[2] and lines[2].count(" | ") == 6


def test_summary_and_notes_name_what_is_not_met_with_its_profile() -> None:
    rows = evaluate(figures())
    for row in rows:
        if row.met is False:
            row.profile = ["50.0%  render (generator/pdf/render.py)", "what would close it: less"]
    assert summary(rows) == ("2 of 5 targets met; not met: job_mib, collector_rate; "
                             "not measured: edit_news_s")
    text = notes(rows, markdown=True)
    assert "- **job_mib**: upper bound" in text
    assert "#### Not met: peak memory of the whole job" in text
    assert "```text\n50.0%  render (generator/pdf/render.py)\nwhat would close it: less\n```" in text


def test_splice_replaces_only_the_runners_section_and_keeps_the_others() -> None:
    document = "# Benchmarks\n\nIntro.\n\n## Engines side by side\n\nTheirs.\n"
    once = splice(document, "## Every target\n\nfirst")
    assert once.index(BEGIN) < once.index("## Engines") and "Theirs." in once
    twice = splice(once, "## Every target\n\nsecond")
    assert "second" in twice and "first" not in twice
    assert twice.count(BEGIN) == 1 and twice.count(END) == 1
    assert twice.replace("second", "first") == once


def test_hot_spots_count_self_and_inclusive_generator_frames_of_every_process() -> None:
    worker = 'process 2:"python -c from multiprocessing.forkserver import main; main(3, 5)";'
    raw = ('process 1:"python -m generator build";main (generator/cli/__init__.py);gather (generator/site/gather.py);'
           "render (jinja2/environment.py) 30\n"
           f'process 1:"python -m generator build";{worker}build_language (generator/site/build.py);'
           "render (jinja2/environment.py) 10\n"
           'process 1:"python -m generator build";main (generator/cli/__init__.py);write (generator/site/stage.py) 10\n'
           'process 1:"python -m generator build" 50\n')
    lines = hot_spots(raw, top=3)
    assert lines[0] == "100 samples at 50/s, all processes; main 90%, worker 10%"
    assert lines[2:4] == ["   40.0%  render (jinja2/environment.py)", "   10.0%  write (generator/site/stage.py)"]
    inclusive = lines[lines.index("inclusive, generator/ functions (module bodies and the CLI left out):") + 1:]
    assert inclusive == ["   30.0%  gather (generator/site/gather.py)", "   10.0%  build_language (generator/site/build.py)",
                         "   10.0%  write (generator/site/stage.py)"]
