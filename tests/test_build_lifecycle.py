"""Process pools and the build's life: no fork after threads, bounded waits, clean ends on signals.

The builds run in subprocesses under timeouts, so a hang fails the test instead of blocking it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from bench.stress_build import group_processes, wait_gone
from generator.errors import BuildError
from generator.load import load_show
from generator.site.build import BuildOptions, build_site, make_executor

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
TINY = Path(__file__).resolve().parent / "fixtures" / "tiny"
TODAY = "2026-06-20"
CLIENTS = "id,name,language\nanna,Anna Schmidt,en\nwang,王伟,zh\nahmad,أحمد المنصور,ar\nerik,Erik,en\n"
RUN_BOUND = 120
"""Seconds one build and mailing of the tiny show may take on a busy 2-core machine (~5 s idle)."""
STAGING = re.compile(r"\.site\.(new|old)-\d+")


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), **extra}


# --------------------------------------------------------------------------- one start method


def test_no_module_makes_a_process_pool_but_generator_workers():
    """Every pool comes from generator.workers, whose workers start from the fork server."""
    from generator import workers

    offenders = []
    pattern = re.compile(r"ProcessPoolExecutor\(|multiprocessing\.Pool\(|\.Pool\(|os\.fork\(|get_context\(")
    for path in sorted((ROOT / "generator").rglob("*.py")):
        if path.name == "workers.py" and path.parent.name == "generator":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == [], "make pools with generator.workers.process_pool/new_pool:\n" + "\n".join(offenders)
    pool = workers.new_pool(2)
    try:
        assert pool._mp_context.get_start_method() == "forkserver"
    finally:
        pool.shutdown()


def test_pools_of_a_build_with_brochures_and_of_a_mailing_never_fork(tmp_path, monkeypatch):
    from generator.pdf.mailing import run_mailing

    methods: list[str] = []
    real_init = ProcessPoolExecutor.__init__

    def recording_init(self, *args, **kwargs):
        context = kwargs.get("mp_context")
        methods.append(context.get_start_method() if context is not None else "default (fork)")
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(ProcessPoolExecutor, "__init__", recording_init)
    project = tmp_path / "show"
    shutil.copytree(TINY, project)
    show = load_show(project)
    build_site(show, BuildOptions(out=tmp_path / "site", today=dt.date(2026, 6, 20), jobs=2))
    clients = tmp_path / "clients.csv"
    clients.write_text(CLIENTS, encoding="utf-8")
    run_mailing(show, clients, tmp_path / "mail", secret="s", today=dt.date(2026, 6, 20), workers=2)
    assert (tmp_path / "site" / "zh" / "brochure.pdf").is_file()
    assert len(methods) >= 2  # the build's one pool (engine builds and brochures, site/schedule.py), mailing
    assert set(methods) == {"forkserver"}, methods


LOCK_HELD_DURING_BROCHURES = """
import datetime as dt, importlib._bootstrap as bootstrap, sys, threading
from pathlib import Path
from generator.load import load_show
from generator.pdf.brochures import write_brochures

name = "email.policy"  # imported lazily while WeasyPrint renders, not before
assert name not in sys.modules, f"{name} is already imported: pick a module the renderer imports later"
show = load_show(Path(sys.argv[1]))
held, done = threading.Event(), threading.Event()

def importing():  # another thread in the middle of importing a module, as MkDocs' threads may be
    with bootstrap._ModuleLockManager(name):
        held.set()
        done.wait()

threading.Thread(target=importing, daemon=True).start()
held.wait()
try:
    write_brochures(show, Path(sys.argv[2]), today=dt.date(2026, 6, 20), use_cache=False)
finally:
    done.set()
print("written")
"""


def test_brochure_workers_start_while_another_thread_holds_an_import_lock(tmp_path):
    """The hang of the issue, made certain: a forked worker inherits the held module lock and waits
    forever for it; a worker from the fork server does not."""
    project = tmp_path / "show"
    shutil.copytree(TINY, project)
    process = subprocess.Popen([sys.executable, "-c", LOCK_HELD_DURING_BROCHURES, str(project), str(tmp_path / "pdf")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(),
                               start_new_session=True)
    try:
        _, errors = process.communicate(timeout=RUN_BOUND)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the hung workers too
        process.communicate()
        pytest.fail("write_brochures hung: a worker was forked while another thread held an import lock")
    assert process.returncode == 0, errors[-3000:]
    assert sorted(p.parent.name for p in (tmp_path / "pdf").glob("*/brochure.pdf")) == ["ar", "en", "zh"]


REPEATED = """
import datetime as dt, sys, time
from pathlib import Path
from generator.load import load_show
from generator.pdf.mailing import run_mailing
from generator.site.build import BuildOptions, build_site, make_executor

project, work, runs = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
today = dt.date(2026, 6, 20)
for run in range(runs):
    show = load_show(project)
    started = time.perf_counter()
    # Two languages (the brochures still go to a pool of two workers) keep twenty runs near a minute.
    build_site(show, BuildOptions(out=work / "site", today=today, jobs=2, langs=("en", "ar")))
    result = run_mailing(show, work / "clients.csv", work / "mail", secret="s", today=today, workers=2,
                         kind="thank-you" if run % 2 else "brochure")
    assert len(result.rows) == 4 and not result.problems, result.problems
    print(f"run {run}: {time.perf_counter() - started:.1f} s", flush=True)
"""


def test_twenty_builds_with_brochures_and_mailings_in_a_row_finish(tmp_path):
    """Each run has RUN_BOUND seconds to report (a loaded machine is slow, a hang never reports)."""
    project = tmp_path / "show"
    shutil.copytree(TINY, project)
    (tmp_path / "clients.csv").write_text(CLIENTS, encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-c", REPEATED, str(project), str(tmp_path), "20"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(),
                               start_new_session=True)
    assert process.stdout is not None and process.stderr is not None
    finished: list[str] = []
    try:
        while len(finished) < 20:
            ready, _, _ = select.select([process.stdout], [], [], RUN_BOUND)
            if not ready:
                pytest.fail(f"run {len(finished)} hung (no result in {RUN_BOUND} s); before it: {finished}")
            line = process.stdout.readline()
            if not line:
                break
            finished.append(line.strip())
        assert process.wait(timeout=RUN_BOUND) == 0, process.stderr.read()[-3000:]
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert len(finished) == 20, finished
    assert not [p for p in tmp_path.iterdir() if STAGING.match(p.name)]


# --------------------------------------------------------------------------- bounded waits


def test_a_wait_past_its_bound_fails_naming_the_work():
    from generator import workers

    with pytest.raises(BuildError, match=r"brochure of language 'zh' \(x\.pdf\): .* no result within 0\.5 s"):
        with workers.process_pool(2) as pool:
            workers.wait_for(pool.submit(time.sleep, 30), "brochure of language 'zh' (x.pdf)", timeout=0.5)
    with workers.process_pool(2) as pool:
        assert workers.wait_for(pool.submit(abs, -2), "quick") == 2


def test_brochures_slower_than_the_bound_fail_with_the_language(tmp_path, monkeypatch):
    from generator import workers
    from generator.pdf.brochures import write_brochures

    monkeypatch.setenv(workers.TIMEOUT_VARIABLE, "0.05")
    started = time.perf_counter()
    with pytest.raises(BuildError, match=r"brochure of language 'en' .*brochure\.pdf\): the worker process gave"):
        write_brochures(load_show(TINY), tmp_path / "pdf", today=dt.date(2026, 6, 20), use_cache=False)
    assert time.perf_counter() - started < 30  # the slow workers were killed, not awaited
    monkeypatch.setenv(workers.TIMEOUT_VARIABLE, "soon")
    with pytest.raises(BuildError, match="SHOWPRESS_WORKER_TIMEOUT='soon': give the seconds"):
        workers.worker_timeout()


# --------------------------------------------------------------------------- signals


def _start_build(project: Path, out: Path) -> subprocess.Popen[str]:
    """`showpress build` with brochures, in its own process group, stopped once workers run."""
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--project", str(project), "--out", str(out), "--today", TODAY,
         "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=_env(),
        start_new_session=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        staged = list(out.parent.glob(f".{out.name}.new-{process.pid}"))
        if staged and len(group_processes(process.pid)) >= 4 and process.poll() is None:  # main, fork server, workers
            return process
        if process.poll() is not None:
            pytest.fail(f"the build ended before it could be interrupted:\n{process.stdout.read()}")  # type: ignore[union-attr]
        time.sleep(0.05)
    process.kill()
    pytest.fail("the build never reached its worker processes")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_build_removes_its_staging_and_ends_its_workers(tmp_path, signum):
    project = tmp_path / "show"
    shutil.copytree(TINY, project)
    process = _start_build(project, tmp_path / "site")
    if signum == signal.SIGINT:
        os.killpg(process.pid, signum)  # Ctrl+C reaches the whole foreground group
    else:
        os.kill(process.pid, signum)  # `kill PID`
    try:
        output, _ = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail("the build did not stop after the signal")
    survivors = wait_gone(process.pid, 15)
    for pid in survivors:
        os.kill(pid, signal.SIGKILL)
    assert survivors == [], f"processes left running after {signal.Signals(signum).name}"
    assert [p.name for p in tmp_path.iterdir() if STAGING.match(p.name)] == []
    assert process.returncode != 0
    assert "Traceback" not in output


class _RecordingExecutor(Executor):
    """serve's pool (``make_executor``: one that outlives a build), keeping every future it made.
    A process pool, as serve's: an engine build sets SOURCE_DATE_EPOCH in its process."""

    def __init__(self) -> None:
        self.pool = make_executor(1, 1)
        self.futures: list[Future[Any]] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future = self.pool.submit(fn, *args, **kwargs)
        self.futures.append(future)
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.pool.shutdown(wait=wait, cancel_futures=cancel_futures)


def test_a_serve_build_that_fails_while_staging_leaves_no_engine_build_running(tmp_path):
    """The first language's MkDocs build starts as soon as it is staged; when staging the next
    one fails, that build is awaited, not left writing the output the next build writes too."""
    from generator.site.build import serve_builder, staging_root

    project = tmp_path / "show"
    shutil.copytree(TINY, project)
    show = load_show(project)
    shutil.rmtree(project / ".cache", ignore_errors=True)
    staging_root(show).mkdir(parents=True)
    (staging_root(show) / "zh").write_text("not a folder")  # staging zh (after en) fails
    executor = _RecordingExecutor()
    try:
        builder = serve_builder(show, BuildOptions(out=tmp_path / "site", today=dt.date(2026, 6, 20),
                                                   brochures=False), executor)
        with pytest.raises(BuildError, match="writing the site failed"):
            builder.build(show)
        assert executor.futures, "the en build was not started before zh was staged"
        assert all(future.done() for future in executor.futures)
    finally:
        executor.shutdown(wait=True)


class _SignalsWhenCollected:
    """Garbage whose finalizer sends ``signum`` to this process: the garbage collector runs it
    wherever the main thread is, and Python drops ("Exception ignored") what a finalizer raises,
    so the KeyboardInterrupt of the signal's handler is lost there."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        self.cycle = self  # only the collector frees it

    def __del__(self) -> None:
        os.kill(os.getpid(), self.signum)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupt_the_garbage_collector_swallowed_is_raised_again(signum):
    from generator import workers

    with pytest.raises(KeyboardInterrupt):
        with workers.sigterm_interrupts():
            _SignalsWhenCollected(signum)
            with pytest.raises(KeyboardInterrupt):
                workers.release_memory()  # the collection that ran the finalizer raises
            # caught and gone on as if nothing happened: the block's end raises it again
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
    assert signal.getsignal(signal.SIGINT) == signal.default_int_handler
    workers.check_interrupted()  # once the block is over, nothing is left noted


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_build_interrupted_inside_a_finalizer_stops_and_publishes_nothing(tmp_path):
    """Ctrl+C that reached the build while the collector ran a finalizer (seen as a build of the
    interrupted lifecycle test that exited 0): the build stops, no site, no staging."""
    project = tmp_path / "show"
    shutil.copytree(TINY, project)

    def progress(step: str, detail: str) -> None:
        if step == "gathered":  # inside the build: collected by the build's own release_memory
            _SignalsWhenCollected(signal.SIGINT)

    with pytest.raises(KeyboardInterrupt):
        build_site(load_show(project), BuildOptions(out=tmp_path / "site", today=dt.date(2026, 6, 20), jobs=2,
                                                    brochures=False), progress=progress)
    assert not (tmp_path / "site").exists()
    assert [p.name for p in tmp_path.iterdir() if STAGING.match(p.name)] == []


def test_a_killed_build_leaves_no_process_and_the_next_build_removes_its_folder(tmp_path):
    project = tmp_path / "show"
    shutil.copytree(TINY, project)
    process = _start_build(project, tmp_path / "site")
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    survivors = wait_gone(process.pid, 15)
    for pid in survivors:
        os.kill(pid, signal.SIGKILL)
    assert survivors == [], "worker processes outlived the killed build"
    stale = [p.name for p in tmp_path.iterdir() if STAGING.match(p.name)]
    assert stale == [f".site.new-{process.pid}"] or f".site.new-{process.pid}" in stale
    build_site(load_show(project), BuildOptions(out=tmp_path / "site", today=dt.date(2026, 6, 20), jobs=2,
                                                brochures=False))
    assert [p.name for p in tmp_path.iterdir() if STAGING.match(p.name)] == []
    assert (tmp_path / "site" / "en" / "index.html").is_file()


def test_staging_of_a_running_build_is_kept(tmp_path):
    from generator.site.stage import remove_stale_staging

    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        alive = tmp_path / f".site.new-{sleeper.pid}"
        dead_pid = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                                  text=True, check=True).stdout.strip()
        dead = [tmp_path / f".site.new-{dead_pid}", tmp_path / f".site.new-{dead_pid}-pdf",
                tmp_path / f".site.old-{dead_pid}-123-en"]
        for folder in [alive, *dead, tmp_path / ".other.new-1"]:
            folder.mkdir()
        assert sorted(remove_stale_staging(tmp_path / "site")) == sorted(dead)
        assert alive.is_dir() and (tmp_path / ".other.new-1").is_dir()
    finally:
        sleeper.kill()
        sleeper.wait()


HOLD_STAGING = """
import sys, time
from pathlib import Path
from generator.site.stage import staging_lock

with staging_lock(Path(sys.argv[1]), 5):
    print("held", flush=True)
    time.sleep(60)
"""


def test_a_second_build_of_the_same_project_waits_for_the_first_and_says_so(tmp_path, monkeypatch):
    """Two builds of one project shared .cache/showpress/staging and broke each other's MkDocs runs."""
    from generator import workers
    from generator.site.build import staging_root

    project = tmp_path / "show"
    shutil.copytree(TINY, project)
    show = load_show(project)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_STAGING, str(staging_root(show))], stdout=subprocess.PIPE,
                              text=True, env=_env())
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        monkeypatch.setenv(workers.TIMEOUT_VARIABLE, "0.5")
        with pytest.raises(BuildError, match=rf"another showpress build of this project \(process {holder.pid}\)"):
            build_site(show, BuildOptions(out=tmp_path / "site", today=dt.date(2026, 6, 20), brochures=False))
        assert not (tmp_path / "site").exists()
    finally:
        holder.kill()
        holder.wait()
    monkeypatch.setenv(workers.TIMEOUT_VARIABLE, "60")
    build_site(show, BuildOptions(out=tmp_path / "site", today=dt.date(2026, 6, 20), brochures=False, jobs=2))
    assert (tmp_path / "site" / "en" / "index.html").is_file()
