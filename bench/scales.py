"""The sizes `bench/run` measures at, and what it says to close a target it does not meet."""

from __future__ import annotations

from dataclasses import dataclass

from bench.make_synthetic_show import BENCH_LANGS


@dataclass(frozen=True)
class Scale:
    """How big each benchmark of one `bench/run` is."""

    name: str
    show: tuple[int, int, int]
    """The bench show: exhibitors, news per language, events."""
    edit_show: tuple[int, int, int]
    """The show of the edit rebuilds (the issue: 1,000 exhibitors)."""
    baseline_show: tuple[int, int, int] | None
    """The size the naive baseline builds at; None: the bench show itself."""
    profile_show: tuple[int, int, int]
    """The size a build is profiled at when its target is not met."""
    clients: int
    whole_sample: int
    answers: int
    collector_seconds: float
    edit_runs: int
    cap: float
    """Seconds after which one command is stopped."""
    langs: tuple[str, ...] = tuple(BENCH_LANGS)

    def describe(self, size: tuple[int, int, int]) -> str:
        exhibitors, news, events = size
        return (f"{exhibitors:,} exhibitors, {len(self.langs)} languages, {news} news/lang, {events} events")


QUICK = Scale("quick", show=(30, 4, 8), edit_show=(30, 4, 8), baseline_show=None, profile_show=(30, 4, 8),
              clients=60, whole_sample=2, answers=3000, collector_seconds=8, edit_runs=1, cap=900)
FULL = Scale("full", show=(2000, 300, 200), edit_show=(1000, 50, 100), baseline_show=(500, 75, 50),
             profile_show=(500, 75, 50), clients=1000, whole_sample=4, answers=20000, collector_seconds=30,
             edit_runs=3, cap=3600)
SCALES = {"quick": QUICK, "full": FULL}

MAIL_LANGS = ("zh", "en", "ko", "ja", "ar")
"""Clients' languages: the sample show's four and Arabic (right to left, not a show language: the
letter's frame in Arabic, show texts by the fallback chain)."""

CLOSE = {
    "job_s": "Brochures are most of the CPU, inside WeasyPrint (style cascade, line breaking, the two "
             "2,000-row exhibitor tables, SVG plans): render them in the same process pool as the MkDocs "
             "builds instead of after them (generator.pdf.brochures.brochure_job + write_job give the "
             "pool one language's HTML, not the show), and reuse every unchanged PDF and page by content "
             "hash; the inclusive generator/ lines above say which stage to cut first.",
    "job_vs_baseline": "The ratio rises with what closes job_s (the baseline is one process and does not "
                       "render brochures or feeds).",
    "site_s": "Cut the top inclusive generator/ function above (gathering and writing Markdown runs in one "
              "process before MkDocs starts); overlap it with the MkDocs builds per language.",
    "job_mib": "One brochure's WeasyPrint layout peaks near 800 MiB at bench scale (its workers no longer "
               "hold the show and give memory back between languages), so two at once exceed the budget: "
               "render brochures one language at a time (write_brochures(workers=1), or one slot of the "
               "site's pool) beside MkDocs workers forked before the show is loaded.",
    "edit_news_s": "A news edit should re-render only the story, its category and index pages and the feeds "
                   "of one language; the steps above show what else ran.",
    "edit_exhibitor_s": "A data edit should re-render only the pages that read the edited exhibitor "
                        "(its page, the directory, its hall) per language, not gather every language's "
                        "core pages.",
    "unchanged_s": "An unchanged build should compare per-language content hashes and copy nothing; the "
                   "profile above shows what is still recomputed.",
    "mailing_s": "Spread the per-language letter batches over processes and keep the per-client font "
                 "subsets cached by glyph set.",
    "mailing_vs_whole": "Follows mailing_s: the reference renders each client whole.",
    "collector_rate": "Batch more answers per group commit and keep validation off the event loop; the "
                      "profile above is the collector server under load.",
    "collector_p99": "Shorter group-commit windows under low load, larger under high load.",
    "collector_vs_bare": "Follows collector_rate: the bare endpoint is the same server without storing.",
    "directory_kb": "Paginate the directory or move the per-exhibitor cards into a compressed JSON loaded "
                    "on demand; the largest parts are listed above.",
    "exhibitor_page_kb": "Drop what only some pages need from every page (scripts, styles, inline SVG); "
                         "the largest parts are listed above.",
}
