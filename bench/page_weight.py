"""Page weight: bytes a first visit to one built page transfers, gzip-compressed.

Counts the page's HTML and every script and stylesheet it links from the site itself (what a
server with gzip on sends); images, fonts and the search index (fetched on demand) are left out.

    python bench/page_weight.py SITE_DIR en/exhibitors/index.html [more pages...]
    python bench/page_weight.py SITE_DIR --heaviest en/exhibitors   # the heaviest page under a folder
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ASSET = re.compile(r'<(?:script\b[^>]*?\ssrc|link\b[^>]*?rel="stylesheet"[^>]*?\shref)="([^"]+)"')
"""Scripts (src) and stylesheets (href) a page links."""

DIRECTORY_BUDGET = 1_000_000
"""The exhibitor directory of a 2,000-exhibitor show, HTML + own scripts and styles, gzip (bytes)."""


@dataclass(frozen=True)
class Weight:
    page: str
    html: int
    assets: dict[str, int]

    @property
    def total(self) -> int:
        return self.html + sum(self.assets.values())


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def assets_of(site: Path, page: str) -> list[Path]:
    """Local scripts and stylesheets the page at ``site/page`` links (external ones are not counted)."""
    html = (site / page).read_text(encoding="utf-8")
    found = []
    for ref in ASSET.findall(html):
        parts = urlsplit(ref)
        if parts.scheme or parts.netloc:
            continue
        path = ((site / page).parent / parts.path).resolve()
        if path.is_file() and path not in found:
            found.append(path)
    return found


def page_weight(site: Path, page: str) -> Weight:
    """The compressed bytes of ``page`` (relative to ``site``) and of each asset it loads."""
    html = gzipped((site / page).read_bytes())
    assets = {p.relative_to(site.resolve()).as_posix(): gzipped(p.read_bytes()) for p in assets_of(site, page)}
    return Weight(page, html, assets)


def heaviest(site: Path, folder: str) -> Weight:
    """The page under ``site/folder`` whose HTML is largest (one level of subfolders, index.html)."""
    pages = sorted((site / folder).glob("*/index.html"), key=lambda p: p.stat().st_size)
    if not pages:
        raise SystemExit(f"{site / folder}: no */index.html pages")
    return page_weight(site, pages[-1].relative_to(site).as_posix())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("pages", nargs="*", help="pages relative to SITE, e.g. en/exhibitors/index.html")
    parser.add_argument("--heaviest", action="append", default=[], help="a folder whose heaviest page to weigh")
    args = parser.parse_args(argv)
    weights = [page_weight(args.site, p) for p in args.pages] + [heaviest(args.site, f) for f in args.heaviest]
    for w in weights:
        sys.stdout.write(f"{w.page}: {w.total:,} B gzip (HTML {w.html:,} B + {len(w.assets)} assets "
                         f"{w.total - w.html:,} B)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
