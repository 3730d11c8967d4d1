"""Keep the built site free of third-party requests.

Material's bundle knows two CDN addresses it loads lazily: a ResizeObserver polyfill (only on
browsers from before 2020) and mermaid (only for mermaid diagrams, which showpress does not
enable). Both are replaced by an inert ``data:`` script, so no page can ever reach unpkg; the
source maps (which quote those sources) are not published.
"""

from __future__ import annotations

import re
from pathlib import Path

CDN_HOSTS = ("fonts.googleapis.com", "fonts.gstatic.com", "unpkg.com", "cdn.jsdelivr.net", "cdnjs.cloudflare.com")
"""Hosts no page of the site may reference."""

_CDN_URL = re.compile(r"https://(?:unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com)/[^\"'`)\s]*")
INERT_SCRIPT = "data:text/javascript,void%200"


def scrub_language(folder: Path) -> list[str]:
    """Rewrite CDN script addresses in Material's bundles and drop source maps; return what changed."""
    changed: list[str] = []
    assets = folder / "assets"
    if not assets.is_dir():
        return changed
    for source_map in assets.rglob("*.map"):
        source_map.unlink()
        changed.append(source_map.relative_to(folder).as_posix())
    for script in assets.rglob("*.js"):
        text = script.read_text(encoding="utf-8")
        new = _CDN_URL.sub(INERT_SCRIPT, text).replace("//# sourceMappingURL=", "//# sourceMappingURL-removed=")
        if new != text:
            script.write_text(new, encoding="utf-8")
            changed.append(script.relative_to(folder).as_posix())
    return changed


def external_references(folder: Path) -> list[tuple[str, str]]:
    """(file, host) for every CDN host still mentioned in the site's HTML, CSS and JS."""
    found: list[tuple[str, str]] = []
    for path in folder.rglob("*"):
        if path.suffix not in (".html", ".css", ".js", ".json", ".xml", ".map") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [(path.relative_to(folder).as_posix(), host) for host in CDN_HOSTS if host in text]
    return found
