"""`bench/run`: every benchmark of issue 15 side by side with its reference, in one table.

    bench/run --quick                 # a small show, a few minutes on a loaded 2-core machine
    bench/run                         # the bench show: 2,000 exhibitors, zh/en/ko/ja/ar, 300 news/lang, 200 events
    bench/run --write-markdown        # also write the table into BENCHMARKS.md (between markers)

Generates the synthetic shows (seeded, bench/make_synthetic_show.py), then measures: the site
alone and the whole job (`showpress build`, subprocesses, memory summed over the process tree),
an unchanged rebuild, the naive MkDocs + mkdocs-static-i18n baseline on the same Markdown, the
`serve` rebuilds after one news and one exhibitor edit, the personalised mailings against whole
rendering, the collector against a bare endpoint, and the compressed weight of the exhibitor
directory and the heaviest exhibitor page. For each target not met it profiles the step (py-spy)
and prints the hot spots and what would close it. Needs .venv-bench (made on first use).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

from bench import measure
from bench.figures import Figure, Row, evaluate, notes, splice, summary, table
from bench.make_synthetic_show import make_show, write_clients
from bench.profiles import read_profile
from bench.scales import CLOSE, MAIL_LANGS, SCALES, Scale

REPO = Path(__file__).resolve().parent.parent
REQUIREMENTS = REPO / "bench" / "requirements-baseline.txt"


def ensure_bench_venv() -> None:
    """.venv-bench: a venv that sees .venv's packages (a .pth file) plus the baseline plugin and py-spy."""
    venv = REPO / ".venv-bench"
    if (venv / "bin" / "py-spy").is_file():
        return
    print(f"making {venv} (mkdocs-static-i18n and py-spy, never in .venv)", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    site = next((venv / "lib").glob("python*/site-packages"))
    (site / "showpress-venv.pth").write_text(next(p for p in sys.path if p.endswith("site-packages")) + "\n")
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "-r", str(REQUIREMENTS)], check=True)


def machine() -> str:
    mem = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.machine())
    return (f"{os.cpu_count()} CPUs (nproc) {cpu}, {int(mem.split()[1]) / 2**20:.1f} GiB memory, "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}")


def load_text() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


class Bench:
    """One run: its scale, work folder, logs, and the figures gathered so far."""

    def __init__(self, scale: Scale, work: Path, profile: bool):
        self.scale, self.work, self.profile = scale, work, profile
        self.logs = work / "logs"
        self.figures: list[Figure] = []
        self.runs: dict[str, measure.Run] = {}
        self.data: dict[str, dict] = {}
        self.profiles: dict[str, list[str]] = {}

    def step(self, name: str, keys: list[str], func: Callable[[], None]) -> None:
        """Run one benchmark; if it fails, its figures say so and the run goes on."""
        print(f"\n== {name} (load {load_text()})", flush=True)
        try:
            func()
        except Exception as error:  # a failed benchmark is a row, not the end of the table
            traceback.print_exc()
            message = str(error).strip().splitlines()[-1] if str(error).strip() else type(error).__name__
            self.figures += [Figure(key, None, note=f"{name} failed: {message}") for key in keys]

    def show(self, name: str, size: tuple[int, int, int]) -> Path:
        folder = self.work / name
        shutil.rmtree(folder, ignore_errors=True)
        return make_show(folder, *size, languages=list(self.scale.langs))

    def time(self, label: str, command: list[str]) -> measure.Run:
        run = self.runs[label] = measure.timed(label, command, self.logs, self.scale.cap)
        if not run.ok:
            tail = run.log.read_text(encoding="utf-8", errors="replace")[-1500:]
            raise RuntimeError(f"{label}: {'timed out' if run.timed_out else f'exit {run.rc}'}\n{tail}")
        return run

    # --- the benchmarks ----------------------------------------------------------------------

    def builds(self) -> None:
        s = self.scale
        project = self.show("bench", s.show)
        site = self.time("site alone", measure.showpress_build(project, brochures=False))
        for made in (".cache", "site"):  # the whole job starts cold
            shutil.rmtree(project / made)
        job = self.time("whole job", measure.showpress_build(project, brochures=True))
        scale = s.describe(s.show)
        self.figures.append(Figure("job_s", job.seconds, scale, f"site alone {site.seconds:.1f} s",
                                   f"{job.seconds / site.seconds:.2f}× the site alone",
                                   f"CPU {job.cpu:.0f} s over all processes; load {job.load:.1f} at its start"))
        self.figures.append(Figure("site_s", site.seconds, scale, f"whole job {job.seconds:.1f} s",
                                   f"{site.seconds / job.seconds:.2f} of the whole job",
                                   f"CPU {site.cpu:.0f} s; load {site.load:.1f} at its start"))
        again = self.time("unchanged rebuild", measure.showpress_build(project, brochures=True))
        self.figures.append(Figure("unchanged_s", again.seconds, scale, f"first build {job.seconds:.1f} s",
                                   f"{job.seconds / again.seconds:.1f}× faster", f"CPU {again.cpu:.0f} s"))
        self.data["job"] = {"rss": job.rss_mib, "project": project}

    def weights(self) -> None:
        directory, page = measure.weights(self.data["job"]["project"] / "site")
        scale = self.scale.describe(self.scale.show)
        for key, w in (("directory_kb", directory), ("exhibitor_page_kb", page)):
            self.figures.append(Figure(key, w["gzip"] / 1000, scale, f"uncompressed {w['raw'] / 1000:,.0f} KB",
                                       f"{w['gzip'] / w['raw']:.2f} of uncompressed",
                                       f"{w['page']}: HTML {w['html_gzip'] / 1000:.0f} KB gzip of the total; "
                                       f"brotli {w['brotli'] / 1000:,.0f} KB; web fonts not counted"))
            self.profiles[key] = [f"{w['page']}, largest parts:", *measure.biggest_parts(w)]

    def baseline(self) -> None:
        s = self.scale
        if s.baseline_show is None:
            project, showpress = self.data["job"]["project"], self.runs["whole job"]
        else:
            project = self.show("baseline-show", s.baseline_show)
            showpress = self.time("whole job at the baseline's size", measure.showpress_build(project, brochures=True))
        run, pages = measure.baseline(project, list(s.langs), self.work, self.logs, s.cap)
        size = s.describe(s.baseline_show or s.show)
        if not run.ok and not run.timed_out:
            raise RuntimeError(f"the baseline failed (exit {run.rc}); see {run.log}")
        bound = "> " if run.timed_out else ""
        note = (f"baseline {pages:,} HTML pages, one process, CPU {run.cpu:.0f} s against showpress's "
                f"{showpress.cpu:.0f} s ({run.cpu / showpress.cpu:.1f}× CPU)")
        if s.baseline_show is not None:
            note += f"; measured at {size}, not the bench show, to fit a loaded machine"
        self.figures.append(Figure("job_vs_baseline", run.seconds / showpress.seconds, size,
                                   f"baseline {bound}{run.seconds:.0f} s vs whole job {showpress.seconds:.1f} s",
                                   f"{bound}{run.seconds / showpress.seconds:.1f}×", note))
        job = self.runs["whole job"]
        self.figures.append(Figure("job_mib", job.rss_mib, s.describe(s.show),
                                   f"baseline {run.rss_mib:,.0f} MiB at {size}",
                                   f"{job.rss_mib / run.rss_mib:.1f}× the baseline's",
                                   f"sum of RSS over the process tree, sampled every 0.2 s (pages shared by "
                                   f"forked workers counted in each, so an upper bound); sum of PSS "
                                   f"{job.pss_mib:,.0f} MiB"))

    def edits(self) -> None:
        s = self.scale
        project = self.show("edit-show", s.edit_show)
        _, data = measure.run_job(["edits", str(project), "--runs", str(s.edit_runs)], self.work / "edits.json",
                                  self.logs, s.cap, "serve rebuilds after edits")
        full = data["full_build_s"]
        for kind in ("news", "exhibitor"):
            value = data[f"edit_{kind}_s"]
            steps = ", ".join(f"{k} {v:.2f}" for k, v in data[f"edit_{kind}_steps"].items())
            self.figures.append(Figure(f"edit_{kind}_s", value, s.describe(s.edit_show),
                                       f"clean full build {full:.1f} s", f"{full / value:.1f}× faster",
                                       f"median of {s.edit_runs}; steps (s): {steps}"))
        self.data["edits"] = {"project": project}

    def mailing(self) -> None:
        s = self.scale
        sample = self.work / "sample"
        for name in ("data", "content", "mkdocs.yml"):
            source = REPO / name
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, sample / name)
        clients = write_clients(self.work / "private" / "clients.csv", s.clients, list(MAIL_LANGS))
        _, data = measure.run_job(["mailing", str(sample), str(clients), "--whole-sample", str(s.whole_sample)],
                                  self.work / "mailing.json", self.logs, s.cap, "personalised mailings")
        n, cold, warm = data["clients"], data["seconds"], data["warm_seconds"]
        whole = data["whole_each_s"] * n
        scale = (f"sample show, {n:,} clients in {', '.join(MAIL_LANGS)} "
                 f"(letters in {', '.join(data['languages'])})")
        fewer = "" if n >= 1000 else f"; {n:,} clients, not 1,000: the fixed costs weigh more"
        self.figures.append(Figure("mailing_s", cold, scale, f"whole rendering {whole:,.0f} s",
                                   f"{whole / cold:.0f}× faster",
                                   f"cold PDF cache; again with the brochure bodies cached {warm:.1f} s{fewer}"))
        self.figures.append(Figure("mailing_vs_whole", whole / cold, scale,
                                   f"{data['whole_each_s']:.2f} s per client rendered whole "
                                   f"(sample of {data['whole_sample']}), × {n:,}", f"{whole / cold:.0f}×"))
        self.data["mailing"] = {"sample": sample, "clients": clients}

    def collector(self) -> None:
        s = self.scale
        bare, stored = measure.collector(s.answers, s.collector_seconds)
        scale = f"{stored['ok']:,} answers, 32 connections, loopback"
        self.figures.append(Figure("collector_rate", stored["per_second"], scale,
                                   f"bare endpoint {bare['per_second']:,}/s",
                                   f"{stored['per_second'] / bare['per_second']:.0%} of bare",
                                   f"statuses {stored['statuses']}"))
        self.figures.append(Figure("collector_p99", stored["p99_ms"], scale, f"bare p99 {bare['p99_ms']} ms",
                                   f"{stored['p99_ms'] / bare['p99_ms']:.1f}× bare", f"p50 {stored['p50_ms']} ms"))
        self.figures.append(Figure("collector_vs_bare", 100 * stored["per_second"] / bare["per_second"], scale,
                                   f"bare endpoint {bare['per_second']:,}/s", ""))

    # --- profiles of what is not met ---------------------------------------------------------

    def profile_missed(self, rows: list[Row]) -> None:
        missed = {row.figure.key for row in rows if row.met is False}
        done: dict[str, list[str]] = dict(self.profiles)
        groups = [({"job_s", "job_vs_baseline", "job_mib", "unchanged_s"}, self.profile_job),
                  ({"site_s"}, self.profile_site),
                  ({"edit_news_s", "edit_exhibitor_s"}, self.profile_edits),
                  ({"mailing_s", "mailing_vs_whole"}, self.profile_mailing),
                  ({"collector_rate", "collector_p99", "collector_vs_bare"}, self.profile_collector)]
        for keys, _ in groups:  # one profile per group, printed with its first row not met
            first = next((row.figure.key for row in rows if row.met is False and row.figure.key in keys), None)
            for key in keys - {first}:
                done.setdefault(key, [f"(the profile of {first}, above)"])
        if self.profile:
            for keys, func in groups:
                if missed & keys:
                    print(f"\n== profiling {', '.join(sorted(missed & keys))} (load {load_text()})", flush=True)
                    try:
                        first = next(row.figure.key for row in rows if row.met is False and row.figure.key in keys)
                        done.update({key: spots for key, spots in func().items() if key == first})
                    except Exception as error:  # a failed profile is said, not fatal
                        done.update({key: [f"(profiling failed: {error})"] for key in keys})
        for row in rows:
            if row.met is False:
                spots = done.get(row.figure.key, ["(not profiled: --no-profile)"])
                row.profile = [*spots, "", "what would close it: " + CLOSE[row.figure.key]]

    def _build_profile(self, name: str, brochures: bool, again: bool = False) -> tuple[list[str], list[str]]:
        size = self.scale.profile_show
        project = self.show(f"profile-{name}", size)
        out = self.work / "profiles" / f"{name}.txt"
        out.parent.mkdir(parents=True, exist_ok=True)
        command = measure.showpress_build(project, brochures=brochures)
        measure.profile_command(command, out, self.logs, self.scale.cap)
        head = [f"py-spy of `showpress build{'' if brochures else ' --no-brochures'}`, cold, "
                f"at {self.scale.describe(size)}:"]
        first = [*head, *read_profile(out)]
        if not again:
            return first, []
        measure.profile_command(command, out.with_name(f"{name}-again.txt"), self.logs, self.scale.cap)
        return first, ["py-spy of the unchanged rebuild:", *read_profile(out.with_name(f"{name}-again.txt"))]

    def profile_job(self) -> dict[str, list[str]]:
        first, again = self._build_profile("job", True, again=True)
        return {"job_s": first, "job_vs_baseline": first, "job_mib": first, "unchanged_s": again}

    def profile_site(self) -> dict[str, list[str]]:
        return {"site_s": self._build_profile("site", False)[0]}

    def profile_edits(self) -> dict[str, list[str]]:
        out = self.work / "profiles" / "edits.txt"
        out.parent.mkdir(parents=True, exist_ok=True)
        measure.run_job(["edits", str(self.data["edits"]["project"]), "--runs", "1", "--profile", str(out)],
                        self.work / "edits-profile.json", self.logs, self.scale.cap, "profile edits")
        return {f"edit_{kind}_s": [f"py-spy of one {kind} edit rebuild (all processes):",
                                   *read_profile(out.with_name(f"edits-{kind}.txt"))]
                for kind in ("news", "exhibitor")}

    def profile_mailing(self) -> dict[str, list[str]]:
        out = self.work / "profiles" / "mailing.txt"
        out.parent.mkdir(parents=True, exist_ok=True)
        data = self.data["mailing"]
        measure.run_job(["mailing", str(data["sample"]), str(data["clients"]), "--whole-sample", "1",
                         "--profile", str(out)], self.work / "mailing-profile.json", self.logs, self.scale.cap,
                        "profile mailings")
        spots = ["py-spy of run_mailing, cold cache:", *read_profile(out)]
        return {"mailing_s": spots, "mailing_vs_whole": spots}

    def profile_collector(self) -> dict[str, list[str]]:
        out = self.work / "profiles" / "collector.txt"
        out.parent.mkdir(parents=True, exist_ok=True)
        measure.collector(self.scale.answers, self.scale.collector_seconds, profile=out)
        spots = ["py-spy of the collector server under the same load:", *read_profile(out)]
        return {"collector_rate": spots, "collector_p99": spots, "collector_vs_bare": spots}


def report(bench: Bench, rows: list[Row], started: dt.datetime, load_start: str, command: str) -> str:
    head = [f"**Command**: `{command}` ({bench.scale.name} scale)",
            f"**Machine**: {machine()}",
            f"**Date of the run**: {started:%Y-%m-%d %H:%M %Z}; "
            f"**load average** (1/5/15 min) {load_start} at the start, {load_text()} at the end",
            f"**Bench show**: {bench.scale.describe(bench.scale.show)}; **result**: {summary(rows)}"]
    return "\n\n".join(["\n\n".join(head), table(rows, markdown=True), notes(rows, markdown=True)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small scale (a few minutes)")
    parser.add_argument("--no-profile", action="store_true", help="do not profile the targets not met")
    parser.add_argument("--write-markdown", nargs="?", const=REPO / "BENCHMARKS.md", type=Path, default=None,
                        metavar="FILE", help="write the table into FILE (default BENCHMARKS.md) between markers")
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    parser.add_argument("--wait-load", type=float, default=None, metavar="LOAD",
                        help="before starting, wait (at most 10 minutes) for the 1-min load to fall to LOAD")
    args = parser.parse_args()
    scale = SCALES["quick" if args.quick else "full"]
    ensure_bench_venv()
    measure.wait_quiet(args.wait_load, 600)
    started, load_start = dt.datetime.now().astimezone(), load_text()
    command = shlex.join(["bench/run", *sys.argv[1:]])
    print(f"{command}: {scale.name} scale on {machine()}; load {load_start}", flush=True)
    with tempfile.TemporaryDirectory(prefix="showpress-bench-run-") as tmp:
        work = (args.keep or Path(tmp)).resolve()
        work.mkdir(parents=True, exist_ok=True)
        bench = Bench(scale, work, profile=not args.no_profile)
        bench.step("site alone, whole job, unchanged rebuild", ["job_s", "site_s", "unchanged_s"], bench.builds)
        bench.step("bytes transferred", ["directory_kb", "exhibitor_page_kb"], bench.weights)
        bench.step("baseline", ["job_vs_baseline", "job_mib"], bench.baseline)
        bench.step("serve rebuilds after edits", ["edit_news_s", "edit_exhibitor_s"], bench.edits)
        bench.step("personalised mailings", ["mailing_s", "mailing_vs_whole"], bench.mailing)
        bench.step("collector", ["collector_rate", "collector_p99", "collector_vs_bare"], bench.collector)
        rows = evaluate(bench.figures)
        bench.profile_missed(rows)
    print("\n" + "\n".join([f"{command} — {scale.name} scale, {started:%Y-%m-%d %H:%M %Z}", machine(),
                            f"load average {load_start} at the start, {load_text()} at the end", "",
                            table(rows), "", summary(rows), notes(rows)]))
    if args.write_markdown:
        section = "## Every target in one run: `bench/run`\n\n" + report(bench, rows, started, load_start, command)
        path = args.write_markdown
        path.write_text(splice(path.read_text(encoding="utf-8"), section), encoding="utf-8")
        print(f"\nwrote the table into {path}")


if __name__ == "__main__":
    main()
