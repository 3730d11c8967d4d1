"""What the last build of a site made, so the next build redoes only what changed.

Lektor's shape: the builder asks a stored :class:`BuildState` whether an artifact is current, and a
full build is a build with an empty state. The artifacts and what decides that each is current:

- the whole site: a hash of every input (:func:`inputs_digest`: the project's data, content,
  catalogs, templates and mkdocs.yml, showpress's own code, templates and catalogs, the versions of
  the engines, the build's date and options). Equal, and the site is left as it is: nothing is
  loaded, gathered or built;
- a language's MkDocs output: a hash of everything staged for it (:func:`content_digest`: its
  Markdown, files and mkdocs.yml); equal, and its engine run is skipped;
- a language's dirty-build eligibility: :func:`dirty_fingerprint`;
- feeds and brochures: made again whenever the inputs changed (feeds are written only where their
  bytes changed; brochures come from the PDF cache when their sources are unchanged).

The state is one JSON file per output folder under ``.cache/showpress/state/``; a failed build
forgets what it was building, so its next build starts clean.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import logging
import os
from pathlib import Path
from typing import Any

from ..show import Show
from ..urls import page_url
from .pages import media_files
from .templates import PACKAGE_TEMPLATES

log = logging.getLogger(__name__)

STATE_VERSION = 1
ENGINE_PACKAGES = ("mkdocs", "mkdocs-material", "jinja2", "markdown", "pymdown-extensions", "babel", "jieba",
                   "feedgen", "icalendar", "weasyprint", "nh3", "zensical")
"""Packages whose version shapes the output (a missing one counts as its own version, None)."""
PROJECT_INPUTS = ("data", "content", "locale", "site_templates", "mkdocs.yml")
"""What of a show folder the site is made from."""


def state_file(root: Path, out: Path) -> Path:
    """The state of the site built from ``root`` into ``out`` (one per output folder)."""
    name = hashlib.sha256(str(out.resolve()).encode("utf-8")).hexdigest()[:16]
    return root / ".cache" / "showpress" / "state" / f"{name}.json"


class BuildState:
    """The recorded state of one output folder: the inputs of its last complete build and, per
    language, the digest and dirty fingerprint of what its engine output was made from."""

    def __init__(self, path: Path | None = None, data: dict[str, Any] | None = None):
        self.path = path
        data = data if data and data.get("version") == STATE_VERSION else {}
        self.inputs: str | None = data.get("inputs")
        self.zone: str | None = data.get("zone")
        self.brochures: bool = bool(data.get("brochures"))
        self.langs: list[str] = list(data.get("langs") or [])
        """The languages the last complete build was asked for."""
        self.languages: dict[str, dict[str, Any]] = dict(data.get("languages") or {})

    @classmethod
    def load(cls, path: Path) -> BuildState:
        """The state stored at ``path``; an empty one when there is none or it cannot be read."""
        try:
            return cls(path, json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return cls(path)

    def current(self, lang: str, digest: str) -> bool:
        """True when ``lang``'s engine output was made from exactly ``digest``."""
        return self.languages.get(lang, {}).get("digest") == digest

    def fingerprint(self, lang: str) -> str | None:
        return self.languages.get(lang, {}).get("fingerprint")

    def record(self, lang: str, digest: str, fingerprint: str | None) -> None:
        self.languages[lang] = {"digest": digest, "fingerprint": fingerprint}

    def forget(self, langs: list[str]) -> None:
        """A build of ``langs`` is under way: until it ends, nothing of theirs is current."""
        self.inputs = None
        for lang in langs:
            self.languages.pop(lang, None)
        self.save()

    def finish(self, inputs: str, zone: str, brochures: bool, langs: list[str], languages: list[str]) -> None:
        """A complete build of ``langs`` from ``inputs``; languages not in ``languages`` (the show's)
        are dropped."""
        self.inputs, self.zone, self.brochures, self.langs = inputs, zone, brochures, langs
        self.languages = {lang: self.languages[lang] for lang in languages if lang in self.languages}
        self.save()

    def save(self) -> None:
        if self.path is None:
            return
        data = {"version": STATE_VERSION, "inputs": self.inputs, "zone": self.zone, "brochures": self.brochures,
                "langs": self.langs, "languages": self.languages}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.path)


def _tree(digest: Any, base: Path, path: Path) -> None:
    if path.is_file():
        digest.update(f"\0{path.relative_to(base).as_posix()}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
        return
    if not path.is_dir():
        return
    for folder, dirs, names in os.walk(path):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            _tree(digest, base, Path(folder) / name)


@functools.cache
def code_digest() -> str:
    """showpress's own code, templates, catalogs and default mkdocs.yml, and the engines' versions."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    _tree(digest, package.parent, package)
    for path in (PACKAGE_TEMPLATES, PACKAGE_TEMPLATES.parent / "mkdocs.yml"):
        _tree(digest, PACKAGE_TEMPLATES.parent, path)
    for name in ENGINE_PACKAGES:
        try:
            version: str | None = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = None
        digest.update(f"\0{name}={version}".encode())
    return digest.hexdigest()


def inputs_digest(root: Path, settings: dict[str, Any]) -> str:
    """A hash of every input of a site build: the project's files, showpress's code and the
    build's ``settings`` (date, options). Equal digests build byte-identical sites."""
    digest = hashlib.sha256(code_digest().encode())
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode("utf-8"))
    for name in PROJECT_INPUTS:
        digest.update(f"\0input\0{name}".encode())
        _tree(digest, root, root / name)
    return digest.hexdigest()


def _theme_files(config: dict[str, Any]) -> list[tuple[str, int, int]]:
    custom = (config.get("theme") or {}).get("custom_dir")
    if not custom or not Path(custom).is_dir():
        return []
    return sorted((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in Path(custom).rglob("*") if p.is_file())


def _nav_paths(items: Any) -> list[str]:
    paths: list[str] = []
    for item in items or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        paths += _nav_paths(value) if isinstance(value, list) else [str(value)]
    return paths


def _front_matter(markdown: str) -> str:
    if not markdown.startswith("---"):
        return ""
    end = markdown.find("\n---", 3)
    return markdown[: end + 4] if end >= 0 else markdown


def dirty_fingerprint(config: dict[str, Any], pages: dict[str, str], files: dict[str, Any],
                      strict: bool) -> str | None:
    """What a dirty build assumes unchanged since the last build, as a hash; None: never dirty.

    A dirty build (MkDocs renders only pages whose source is newer than their output) is right
    when nothing it cannot see changed: the language's mkdocs.yml (navigation, alternates, feed
    links, theme settings), the theme overrides, the set of docs files, the front matter of the
    pages in the navigation; and no plugin but search is configured (the Material blog plugin
    breaks under ``--dirty``); never under ``--strict`` (warnings of pages not rebuilt are unseen).
    """
    import material
    import mkdocs

    plugins = [p if isinstance(p, str) else next(iter(p)) for p in config.get("plugins") or []]
    if strict or config.get("hooks") or any(p not in ("search", "material/search") for p in plugins):
        return None
    settings = {k: v for k, v in config.items() if k != "site_dir"}
    parts = {
        "versions": [mkdocs.__version__, getattr(material, "__version__", "")],
        "config": settings,
        "theme": _theme_files(config),
        "docs": sorted({*pages, *files}),
        "nav": {path: _front_matter(pages.get(path, "")) for path in _nav_paths(config.get("nav"))},
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def content_digest(fingerprint: str | None, config: dict[str, Any], pages: dict[str, str],
                   files: dict[str, Path | bytes]) -> str:
    """A hash of everything one language's engine output is made from (site_dir aside)."""
    settings = {k: v for k, v in config.items() if k != "site_dir"}
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode("utf-8"))
    digest.update(str(fingerprint).encode())
    for rel in sorted(pages):
        digest.update(f"\0page\0{rel}\0".encode())
        digest.update(pages[rel].encode("utf-8"))
    for rel in sorted(files):
        source = files[rel]
        digest.update(f"\0file\0{rel}\0".encode())
        if isinstance(source, bytes):
            digest.update(source)
        else:
            stat = source.stat()
            digest.update(f"{source}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def feeds_key(show: Show, lang: str) -> tuple[Any, ...]:
    """What the feeds and calendars of ``lang`` are made from: show.yml, halls.yml (event places),
    schedule.yml, the stories shown to readers of ``lang`` (its own and, in category feeds, those
    given in another language: ``show.news_for``), every story's front matter (translation links,
    unique addresses) and the media files (enclosure sizes). generator.feeds reads nothing else."""
    media = tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in media_files(show))
    stories = tuple(item for item, _fallback in show.news_for(lang))
    metas = tuple((item.lang, item.path, item.slug, item.meta) for item in show.news)
    return (show.root, show.info, show.halls_file, show.schedule, stories, metas, media)


def output_of(rel: str) -> str:
    """The file MkDocs writes for a docs path (use_directory_urls)."""
    if not rel.endswith(".md"):
        return rel
    url = page_url(rel)
    return f"{url}index.html" if url else "index.html"
