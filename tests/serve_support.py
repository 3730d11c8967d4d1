"""`showpress serve` running in a thread of the test, for tests that edit a show under it."""

from __future__ import annotations

import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.site.serve import serve_site


@contextmanager
def serving(project: Path, *, brochures: bool, first_build: float = 120) -> Iterator[str]:
    """Serve ``project`` into ``project/site`` on a free port; the base URL once the first build
    is served (within ``first_build`` seconds); stopped when the block ends."""
    ready, stop = threading.Event(), threading.Event()
    urls: list[str] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            serve_site(project, project / "site", port=0, brochures=brochures,
                       ready=lambda url: (urls.append(url), ready.set()), stop=stop)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
            ready.set()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        assert ready.wait(first_build), "the first build did not finish"
        assert not errors, errors
        yield urls[0]
    finally:
        stop.set()
        thread.join(60)


def served_soon(url: str, text: str, seconds: float = 60) -> bool:
    """Whether the page at ``url`` shows ``text`` within ``seconds`` (serve rebuilds after a pause)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback test server
            if text in response.read().decode("utf-8"):
                return True
        time.sleep(0.3)
    return False
