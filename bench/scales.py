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
    "job_s": "The brochures set the wall time: they run one at a time beside the engine builds "
             "(generator/site/schedule.py), so two layouts are never held at once, and each is 23-35 CPU-s of "
             "WeasyPrint at bench scale, five in a row. The table is not the cost: the en brochure's 4,242 "
             "directory rows as plain paragraphs still take 22 of its 26 CPU-s (WeasyPrint's per-line layout, "
             "style and PDF/UA tagging; the 20 SVG plans ~5 CPU-s). Two at a time would cut the wall by about a "
             "third for ~0.7 GB more; 45 s needs page ranges of a brochure laid out in parallel and merged "
             "(tagged structure included) and the site under 25 s (see site_s).",
    "job_vs_baseline": "showpress runs MkDocs + Material on the same Markdown, so its engine part costs about "
                       "what the baseline costs per page; the ratio comes from the two cores, the baseline's "
                       "nav on every page (which grows with the square of the pages: 12.7x at 2,000 exhibitors "
                       "idle, BENCHMARKS.md) and the brochures it does not make. 15x at 500 exhibitors needs an "
                       "engine cheaper per page than MkDocs.",
    "site_s": "MkDocs per page is the floor: about 12 CPU-s per language of ~2,370 pages after the shared "
              "theme fragments (Material's search plugin parsing every page ~15%, Python-Markdown ~22%, "
              "Jinja ~20%), so five languages on two cores take 30 s of wall before gathering (~6 CPU-s). "
              "Closing it needs fewer pages through MkDocs or an engine cheaper per page.",
    "job_mib": "At the peak: one brochure layout (660-700 MiB RSS: WeasyPrint holds every box of the document "
               "until it is written), the main process (344-371 MiB: imports ~100, the show ~80, what gathering "
               "left) and the fork server (~100 MiB), with or without an engine worker (~100-370 MiB). Without "
               "any engine job beside a brochure it would still be ~1.1 GiB, so under 1 GiB needs a brochure "
               "laid out in parts and a main process that lets the show go while the brochures run.",
    "edit_news_s": "What is left is the dirty MkDocs build of the language (a new MkDocs run: config, nav, "
                   "the changed pages) and staging its config; the steps above give each.",
    "edit_exhibitor_s": "As for a news edit: the dirty MkDocs build and staging are what is left (the YAML is "
                        "parsed only where it changed, the directory and halls pages are reused unless a "
                        "field they list changed).",
    "unchanged_s": "An unchanged build should compare per-language content hashes and copy nothing; the "
                   "profile above shows what is still recomputed.",
    "mailing_s": "Each client's slot page is laid out by WeasyPrint (~60% of 26-30 CPU-ms per client) and the "
                 "four brochure bodies cost ~3 CPU-s each cold: setting the client's few lines with HarfBuzz "
                 "directly would close it (the letters' bytes would change, not their text).",
    "mailing_vs_whole": "Follows mailing_s: the reference renders each client whole.",
    "collector_rate": "Batch more answers per group commit and keep validation off the event loop; the "
                      "profile above is the collector server under load.",
    "collector_p99": "The tail is the disk's fdatasync (p99 ~19 ms on this machine) plus CPU starvation when "
                     "the machine is loaded (the bare endpoint's own p99 rises with the load); next: WAL "
                     "checkpoints off the commit path (wal_autocheckpoint=0, a passive checkpoint when idle).",
    "collector_vs_bare": "Measured in turns (both servers running, five rounds of equal time each): one window "
                         "each swung from 28% to 53% between runs because the bare endpoint did its whole count "
                         "in about a second. In turns the collector is about a third of a bare endpoint: each "
                         "answer is validated and committed durably (SQLite WAL, synchronous=FULL, one fdatasync "
                         "per group); half of bare needs more answers per commit, at the cost of p99.",
    "directory_kb": "Paginate the directory or move the per-exhibitor cards into a compressed JSON loaded "
                    "on demand; the largest parts are listed above.",
    "exhibitor_page_kb": "Drop what only some pages need from every page (scripts, styles, inline SVG); "
                         "the largest parts are listed above.",
}
