"""Live reload for `showpress serve`: pages that reload themselves when their files change.

Only the preview server uses this module; nothing here is ever written to ``site/``. The server
inserts one ``<script src="/__showpress/live.js">`` into each HTML page *as it sends it*, so a
``showpress build`` never contains it. The script long-polls ``/__showpress/version?since=N``:
the answer comes as soon as the site changes (or after :data:`POLL_SECONDS`), lists the URL paths
of the pages changed since version ``N``, and the page reloads itself if it is one of them. While
the brochures are being rendered again after an edit, links to them are marked stale
(``aria-busy="true"``, dimmed) until the new PDFs are in place.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

log = logging.getLogger(__name__)

PREFIX = "/__showpress/"
POLL_SECONDS = 20.0
"""How long a version request waits for a change before it answers that nothing changed."""

HISTORY = 64
"""How many versions the server remembers; a page older than that reloads on the next change."""

WATCHED_SUFFIXES = (".html", ".css", ".js", ".pdf")

SCRIPT = b"""(function () {
  "use strict";
  var me = document.currentScript;
  var since = me.getAttribute("data-version");
  var here = location.pathname.replace(/index\\.html$/, "");
  function mark(stale) {
    document.querySelectorAll('a[href$="brochure.pdf"]').forEach(function (link) {
      if (stale) { link.setAttribute("aria-busy", "true"); link.style.opacity = "0.45"; }
      else { link.removeAttribute("aria-busy"); link.style.opacity = ""; }
    });
  }
  function poll() {
    fetch("/__showpress/version?since=" + encodeURIComponent(since), {cache: "no-store"})
      .then(function (response) { return response.json(); })
      .then(function (state) {
        mark(state.stale);
        if (state.changed.indexOf("*") >= 0 || state.changed.indexOf(here) >= 0) {
          location.reload();
          return;
        }
        since = String(state.version);
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"""


@dataclass
class LiveState:
    """The preview's version counter, what each version changed, and whether brochures are stale."""

    version: int = 0
    stale: bool = False
    history: deque[tuple[int, frozenset[str]]] = field(default_factory=lambda: deque(maxlen=HISTORY))
    condition: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, changed: set[str], *, stale: bool | None = None) -> None:
        """A new version: ``changed`` URL paths ('/en/exhibitors/acme/', or '*' for every page)."""
        with self.condition:
            self.version += 1
            self.history.append((self.version, frozenset(changed)))
            if stale is not None:
                self.stale = stale
            self.condition.notify_all()

    def since(self, version: int, timeout: float = POLL_SECONDS) -> dict[str, Any]:
        """Wait until there is a version after ``version`` (or ``timeout``); what changed since it."""
        with self.condition:
            self.condition.wait_for(lambda: self.version != version, timeout)
            known = [v for v, _ in self.history]
            if self.version != version and (not known or version < known[0] - 1 or version > self.version):
                changed: set[str] = {"*"}  # too old or from an earlier session: reload
            else:
                changed = {path for v, paths in self.history if v > version for path in paths}
            return {"version": self.version, "changed": sorted(changed), "stale": self.stale}


def url_path(rel: str) -> str:
    """'en/exhibitors/acme/index.html' -> '/en/exhibitors/acme/'; a stylesheet or script -> '*'."""
    if rel.endswith((".css", ".js")):
        return "*"
    if rel == "index.html" or rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def snapshot(out: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time of every page, stylesheet, script and PDF under ``out``."""
    found: dict[str, tuple[int, int]] = {}
    stack = [out]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
            elif entry.name.endswith(WATCHED_SUFFIXES):
                stat = entry.stat(follow_symlinks=False)
                found[Path(entry.path).relative_to(out).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return found


def changed_files(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> list[str]:
    """Files added, changed or removed between two snapshots, sorted."""
    return sorted(rel for rel in before.keys() | after.keys() if before.get(rel) != after.get(rel))


def inject(html: bytes, version: int) -> bytes:
    """The page with the live-reload script before its last ``</body>`` (or at its end)."""
    tag = f'<script src="{PREFIX}live.js" data-version="{version}" defer></script>'.encode()
    at = html.rfind(b"</body>")
    return html[:at] + tag + html[at:] if at >= 0 else html + tag


class LiveHandler(SimpleHTTPRequestHandler):
    """Serves ``site/`` with the live-reload script in every page, and the version endpoint."""

    live: LiveState

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        log.debug("%s - %s", self.address_string(), format % args)

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        path = urlsplit(self.path).path
        if path == PREFIX + "version":
            self._version()
        elif path == PREFIX + "live.js":
            self._send(SCRIPT, "text/javascript; charset=utf-8")
        elif not self._page(path):
            super().do_GET()

    def _version(self) -> None:
        query = parse_qs(urlsplit(self.path).query)
        try:
            since = int(query.get("since", ["0"])[0])
        except ValueError:
            since = 0
        self._send(json.dumps(self.live.since(since)).encode(), "application/json")

    def _page(self, path: str) -> bool:
        if not (path.endswith("/") or path.endswith(".html")):
            return False
        file = Path(self.translate_path(path))
        if file.is_dir():
            file = file / "index.html"
        version = self.live.version  # before reading the page: a newer page then only reloads once more
        try:
            html = file.read_bytes()
        except OSError:
            return False
        self._send(inject(html, version), "text/html; charset=utf-8")
        return True

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)
