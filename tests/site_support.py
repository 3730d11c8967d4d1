"""Shared pieces of the tests that use the built site: a copy of the sample show pointed at
loopback, the real `showpress build` run on it, and a static file server for the result."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_PARTS = ("data", "content", "mkdocs.yml", "site_templates")
"""What a build reads from a project (generator/load.py, generator/site/config.py, templates.py)."""


def copy_sample(dest: Path, *, site_url: str, collector_url: str) -> Path:
    """The bundled sample show copied into ``dest`` with its site and collector URLs replaced."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in SAMPLE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part)
        elif source.is_file():
            shutil.copy2(source, dest / part)
    show_yml = dest / "data" / "show.yml"
    text = show_yml.read_text(encoding="utf-8")
    for key, value in (("site_url", site_url), ("collector_url", collector_url)):
        text, count = re.subn(rf"(?m)^{key}:.*$", f"{key}: {value}", text)
        if count != 1:
            raise AssertionError(f"{show_yml}: expected one top-level {key!r} line, found {count}")
    show_yml.write_text(text, encoding="utf-8")
    return dest


def showpress_command() -> list[str]:
    """The installed `showpress` console script of this interpreter (else ``python -m generator``)."""
    script = Path(sys.executable).with_name("showpress")
    return [str(script)] if script.exists() else [sys.executable, "-m", "generator"]


def build(project: Path, out: Path, *, today: str, brochures: bool = False) -> str:
    """Run the real `showpress build` in a subprocess; return its output (raise with it on failure)."""
    args = [*showpress_command(), "build", "--project", str(project), "--out", str(out), "--today", today]
    if not brochures:
        args.append("--no-brochures")
    done = subprocess.run(args, cwd=project, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        raise AssertionError(f"showpress build failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout + done.stderr


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def serving(folder: Path, port: int) -> Iterator[str]:
    """``folder`` served over HTTP on 127.0.0.1:``port`` (threaded); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)
