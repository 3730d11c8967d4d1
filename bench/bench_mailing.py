"""Benchmark: personalised mailings, assembled vs. rendering each client's brochure whole.

    .venv/bin/python bench/bench_mailing.py [--project .] [--clients 1000] [--whole-sample 10]

Writes N synthetic clients (spread over the show's first four languages, CJK names included, with
countries that make several letter variants per language) to a temporary CSV outside the project, runs ``run_mailing`` with an empty PDF cache (so every
brochure body is rendered too), then renders ``--whole-sample`` clients the slow way (letter and
brochure in one WeasyPrint document each) and extrapolates that per-client time to N clients.
Target (issue 15): 1,000 CJK mailings in <= 15 s and >= 100x faster than whole rendering.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.loading import load_checked_show  # noqa: E402
from generator.models import Client  # noqa: E402
from generator.pdf.mailing import Letter, run_mailing, survey_link, whole_client_pdf  # noqa: E402

NAMES = {
    "zh": ["王伟", "李娜", "张敏", "刘洋", "陈静"],
    "en": ["Anna Smith", "James Brown", "Olivia Jones", "Noah Miller", "Emma Davis"],
    "ko": ["김민준", "이서연", "박지훈", "최수아", "정예준"],
    "ja": ["佐藤 花子", "鈴木 一郎", "高橋 美咲", "田中 翔", "伊藤 さくら"],
}


COUNTRIES = {"zh": ["CN", "CN", "TW"], "en": ["GB", "US", "DE", "SG"], "ko": ["KR"], "ja": ["JP"]}
"""Clients' countries by language, as a real list mixes them: each (language, country) is a letter
variant of its own (en-GB and en-US dates, letter paper in the US, Traditional Chinese in TW)."""


def write_clients(path: Path, count: int, languages: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "language", "organisation", "address", "country"])
        for i in range(count):
            lang = languages[i % len(languages)]
            name = NAMES.get(lang, NAMES["en"])[i % 5]
            countries = COUNTRIES.get(lang, [""])
            writer.writerow([f"client-{i:05d}", name, lang, f"Org {i}", f"Street {i}\nCity {i % 17}",
                             countries[(i // len(languages)) % len(countries)]])


def cpu_seconds() -> float:
    """CPU time of this process and all its descendants, user + system.

    The workers are children of a fork server (generator/workers.py), which lives as long as this
    process: what they used is in the fork server's ``cutime``/``cstime`` (Linux /proc), not yet in
    this process's RUSAGE_CHILDREN (that counts children once reaped)."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total + _live_children_cpu()


def _live_children_cpu() -> float:
    """CPU seconds of this process's live children and their reaped descendants (0 without /proc)."""
    tick, total = os.sysconf("SC_CLK_TCK"), 0.0
    for children in Path("/proc/self/task").glob("*/children"):
        for pid in children.read_text().split():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # ended meanwhile
            total += sum(int(value) for value in fields[11:15]) / tick  # utime stime cutime cstime
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--whole-sample", type=int, default=10)
    parser.add_argument("--kind", default="brochure", choices=["brochure", "thank-you"])
    args = parser.parse_args()

    show = load_checked_show(args.project)
    languages = show.languages[:4]
    today = dt.date(2026, 5, 20)
    with tempfile.TemporaryDirectory(prefix="showpress-bench-") as tmp:
        work = Path(tmp)
        os.environ["SHOWPRESS_CACHE_DIR"] = str(work / "cache")  # cold cache: bodies are rendered
        clients = work / "clients.csv"
        write_clients(clients, args.clients, languages)

        started, cpu = time.perf_counter(), cpu_seconds()
        result = run_mailing(show, clients, work / "out", secret="bench-secret", kind=args.kind, today=today)
        fast, fast_cpu = time.perf_counter() - started, cpu_seconds() - cpu
        assert not result.problems, result.problems
        assert len(result.rows) == args.clients

        started, cpu = time.perf_counter(), cpu_seconds()  # again: the bodies now come from the cache
        run_mailing(show, clients, work / "out2", secret="bench-secret", kind=args.kind, today=today)
        warm, warm_cpu = time.perf_counter() - started, cpu_seconds() - cpu

        started, cpu = time.perf_counter(), cpu_seconds()
        for i in range(args.whole_sample):
            lang = languages[i % len(languages)]
            client = Client(id=f"whole-{i}", name=NAMES.get(lang, NAMES["en"])[i % 5], language=lang)
            letter = Letter(client, 0, lang, survey_link(show, client.id, lang, "bench-secret"))
            whole_client_pdf(show, letter, args.kind, today)
        whole_each = (time.perf_counter() - started) / args.whole_sample
        whole_cpu = (cpu_seconds() - cpu) / args.whole_sample

    whole_total = whole_each * args.clients
    print(f"cpus: {os.cpu_count()}  languages: {','.join(languages)}  kind: {args.kind}")
    n = args.clients
    load = os.getloadavg()[0]
    print(f"{'method':<34}{'per client':>14}{'for ' + str(n):>14}{'CPU for ' + str(n):>16}")
    print(f"{'assembled (run_mailing, cold)':<34}{fast / n * 1000:>11.1f} ms{fast:>12.1f} s{fast_cpu:>14.1f} s")
    print(f"{'assembled (run_mailing, warm)':<34}{warm / n * 1000:>11.1f} ms{warm:>12.1f} s{warm_cpu:>14.1f} s")
    print(f"{'whole render (sample of ' + str(args.whole_sample) + ')':<34}{whole_each * 1000:>11.1f} ms"
          f"{whole_total:>12.1f} s{whole_cpu * n:>14.1f} s (extrapolated)")
    print(f"load average at the end: {load:.2f} (the machine may be shared: compare CPU seconds)")
    print(f"speed-up: {whole_total / fast:.1f}x cold, {whole_total / warm:.1f}x warm   "
          "target: <= 15 s and >= 100x")


if __name__ == "__main__":
    main()
