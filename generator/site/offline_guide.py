"""The offline show guide: a service worker per language that keeps the guide pages on the device.

After one visit, a reader's phone has the home, halls (and each hall's page), exhibitor directory,
schedule, visiting and services pages of the language with their styles, scripts, images and fonts
(``site_templates/assets/showpress-sw.js``). Every page of the language loads
``assets/showpress/offline.js``, which registers the worker (scope: the language folder) and shows
a banner from the interface catalog while the device is offline.
"""

from __future__ import annotations

import hashlib
import json

from ..language import language_for
from ..show import Show
from ..urls import page_url
from .pages import PAGES
from .templates import find_template_file

WORKER = "showpress-sw.js"
"""Docs path of the service worker: the language's root, so its scope is the language folder."""

SCRIPT = "assets/showpress/offline.js"
"""Docs path of the script every page loads to register the worker."""

GUIDE = ("home", "halls", "exhibitors", "schedule", "visiting", "services")
"""Core pages (keys of :data:`generator.site.pages.PAGES`) kept for offline reading."""


def guide_pages(pages: dict[str, str]) -> list[str]:
    """URLs, relative to the language root, of the pages the worker keeps (halls' own pages too)."""
    paths = [PAGES[key] for key in GUIDE if PAGES[key] in pages]
    paths += sorted(p for p in pages if p.startswith("halls/"))
    return [page_url(p) or "./" for p in paths]


def offline_files(show: Show, lang: str, pages: dict[str, str]) -> dict[str, bytes]:
    """The worker and its registration script for one language (``pages``: its docs pages)."""
    urls = guide_pages(pages)
    digest = hashlib.sha256()
    for path in sorted(pages):  # a new cache whenever a page changes, so no reader keeps stale pages
        digest.update(path.encode("utf-8") + b"\0" + pages[path].encode("utf-8") + b"\0")
    worker = find_template_file("assets/showpress-sw.js", show.root).read_text(encoding="utf-8")
    worker = worker.replace('"__SP_VERSION__"', json.dumps(digest.hexdigest()[:16]))
    worker = worker.replace("__SP_PAGES__", json.dumps(urls))
    message = language_for(lang, show).gettext("You are offline: showing the pages saved on this device")
    script = find_template_file("assets/showpress-offline.js", show.root).read_text(encoding="utf-8")
    script = script.replace("__SP_MESSAGE__", json.dumps(message, ensure_ascii=False))
    return {WORKER: worker.encode("utf-8"), SCRIPT: script.encode("utf-8")}
