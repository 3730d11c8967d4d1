"""The one seam where a language's staged project meets the engine that turns it into HTML.

Two engines read the same staged ``mkdocs.yml`` and the same overrides (site_templates/overrides):

- ``mkdocs``: MkDocs 1.6 + Material for MkDocs 9.8 (the default while Material is maintained; its
  last line reaches end of life on 2027-05-05). Runs in the build worker process.
- ``zensical``: Zensical (Material's successor from the same authors; tested with 0.0.73). Runs as
  ``python -m zensical build`` in a subprocess, on a project that must be self-contained: it refuses
  a ``docs_dir`` or ``site_dir`` outside the folder of its config file, so :func:`zensical_config`
  rewrites the paths relative to the staging folder and copies the overrides beside it, and
  :func:`build_with_zensical` moves the output to where the builder wants it.

Everything showpress does after the engine (feeds, calendars, brochures, offline scrubbing, the root
page) reads only the built pages, so it works with either. Known differences in the output: Zensical
writes its search index to ``search.json`` (``{"config", "items"}``) where Material writes
``search/search_index.json`` (``{"config", "docs"}``): :func:`search_index` reads either; Zensical
indexes Chinese, Japanese and Korean in the browser with ``Intl.Segmenter`` (not jieba) and writes no
``sitemap.xml.gz``. ``showpress serve`` (dirty builds: :func:`dirty_build`) uses MkDocs.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import posixpath
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import BuildError
from .stage import sync_docs
from .themefragments import ThemeFragments

log = logging.getLogger(__name__)

ENGINES = ("mkdocs", "zensical")
"""The engines ``showpress build --engine`` accepts; the first is the default."""

ZENSICAL_OUTPUT = "site"
"""Where Zensical builds inside the staging folder (it must be inside); moved out afterwards."""

ZENSICAL_OVERRIDES = "overrides"
"""The copy of the theme overrides inside the staging folder (custom_dir, relative)."""

ZENSICAL_TIMEOUT = 900.0
"""Seconds one language's Zensical build may take before it is stopped."""


def choose_engine(requested: str | None, root: dict[str, Any], source: str = "mkdocs.yml") -> str:
    """The engine to use: ``--engine`` if given, else ``showpress: {engine: ...}`` in the root
    mkdocs.yml, else MkDocs."""
    settings = root.get("showpress") or {}
    if not isinstance(settings, dict):
        raise BuildError(f"{source}: 'showpress' must be a mapping such as {{engine: zensical}}")
    engine = requested or settings.get("engine") or ENGINES[0]
    if engine not in ENGINES:
        raise BuildError(f"{source}: showpress.engine is {engine!r}; use one of {', '.join(ENGINES)}")
    if engine == "zensical" and not zensical_installed():
        raise BuildError("the zensical engine is not installed: run `.venv/bin/pip install -e '.[zensical]'` "
                         "(or `bash scripts/setup.sh --test`), or build with --engine mkdocs")
    return str(engine)


def zensical_installed() -> bool:
    """True when the ``zensical`` package can be imported by this interpreter."""
    import importlib.util

    return importlib.util.find_spec("zensical") is not None


def zensical_config(config: dict[str, Any], stage: Path) -> dict[str, Any]:
    """``config`` (as written for MkDocs) made self-contained in ``stage`` for Zensical.

    docs_dir, site_dir and custom_dir become relative to ``stage``; the overrides are copied into
    ``stage/overrides`` (only files that changed); the navigation names the pages where
    :func:`zensical_pages` stages them. The theme keeps Material's look (``variant:
    classic``) unless the root mkdocs.yml names a variant.
    """
    adapted = dict(config)
    theme = dict(adapted.get("theme") or {})
    custom = theme.get("custom_dir")
    if custom:
        source = Path(custom)
        files: dict[str, Path | bytes] = {
            p.relative_to(source).as_posix(): p for p in sorted(source.rglob("*")) if p.is_file()
        }
        sync_docs(stage / ZENSICAL_OVERRIDES, {}, files)
        theme["custom_dir"] = ZENSICAL_OVERRIDES
    theme.setdefault("variant", "classic")
    adapted.update(
        docs_dir=os.path.relpath(adapted["docs_dir"], stage),
        site_dir=ZENSICAL_OUTPUT,
        theme=theme,
        nav=_nav(adapted.get("nav") or []),
    )
    return adapted


_MD_LINK = re.compile(r'(\]\(\s*<?|^[ ]{0,3}\[[^\]]+\]:[ \t]*|href=")([^)\s<>"#?]+)(?=[)\s>"#?]|$)', re.MULTILINE)
"""A link target: Markdown inline link or image, reference definition, or raw HTML ``href``."""


def directory_source(rel: str) -> str:
    """Where a page is staged for Zensical: ``x/foo.md`` as ``x/foo/index.md`` (its output folder)."""
    if not rel.endswith(".md") or posixpath.basename(rel) in ("index.md", "README.md"):
        return rel
    return rel[:-3] + "/index.md"


def zensical_pages(pages: dict[str, str], files: Iterable[str] = ()) -> dict[str, str]:
    """``pages`` staged for Zensical: every page in the folder of its own output.

    Zensical reads every relative ``href``/``src`` of a page (raw HTML too) as relative to its
    source file, where MkDocs leaves links that are not to a Markdown file as written. showpress
    writes its links relative to the page's output URL (``exhibitors/acme.md`` is
    ``exhibitors/acme/``), so each page moves into that folder. Links that both engines read as
    relative to the source (Markdown links to a docs file or page, raw HTML links to a ``.md``)
    are rebased to the new place; the others already are relative to the output folder.
    """
    docs = {*pages, *files}
    staged: dict[str, str] = {}
    for rel, text in pages.items():
        new = directory_source(rel)
        if new in staged or (new != rel and new in pages):
            raise BuildError(f"both {rel} and {new} exist in the docs; keep one of them")
        staged[new] = _out_of_search(_MD_LINK.sub(functools.partial(_rebase, old=rel, new=new, docs=docs), text))
    return staged


_DIRECTORY_MARK = "\nsp_assets: [directory]\n"


def _out_of_search(text: str) -> str:
    """The exhibitor directory out of Zensical's search: it repeats every exhibitor (each has its
    own page in the index), and at show scale its text passes Zensical 0.0.73's per-field limit of
    128 KiB (2,000 exhibitors in Korean or Japanese: "Search field 'text' at 'exhibitors/' exceeds
    the search index limit"), which fails the build. MkDocs' search keeps it as before."""
    if text.startswith("---\n") and _DIRECTORY_MARK in text.split("\n---\n", 1)[0] + "\n":
        return text.replace(_DIRECTORY_MARK, _DIRECTORY_MARK + "search:\n  exclude: true\n", 1)
    return text


def _rebase(match: re.Match[str], old: str, new: str, docs: set[str]) -> str:
    lead, link = match.group(1), match.group(2)
    if ":" in link or link.startswith("/"):
        return match.group(0)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(old), link))
    if not (link.endswith(".md") or (not lead.startswith("href") and target in docs)):
        return match.group(0)
    return lead + posixpath.relpath(directory_source(target), posixpath.dirname(new) or ".")


def _nav(items: Any) -> Any:
    if isinstance(items, list):
        return [_nav(item) for item in items]
    if isinstance(items, dict):
        return {key: _nav(value) for key, value in items.items()}
    return directory_source(items) if isinstance(items, str) and "://" not in items else items


class _TemplateCache:
    """An MkDocs plugin (registered per build, not configured in mkdocs.yml) whose ``on_env`` event
    lets the theme's Jinja environment keep compiled templates in ``folder`` (Material's take ~1 s
    to compile). Entries are keyed by the template source's checksum, so an edited override is
    compiled again; the output does not change."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def on_env(self, env: Any, /, *, config: Any, files: Any) -> Any:  # noqa: ARG002 - MkDocs' event signature
        import jinja2

        Path(self.folder).mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(self.folder)
        return env


def build_with_mkdocs(config_file: str, dirty: bool = False, cache_dir: str | None = None) -> None:
    """One MkDocs build of a staged language (``dirty``: only pages newer than their output;
    ``cache_dir``: where compiled theme templates are kept between builds)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=config_file)
    # Registered the way MkDocs registers `hooks:` modules: their on_* methods become events.
    config.plugins["showpress/theme-fragments"] = ThemeFragments()  # type: ignore[assignment]
    if cache_dir:
        config.plugins["showpress/template-cache"] = _TemplateCache(cache_dir)  # type: ignore[assignment]
    if dirty:
        dirty_build(config)
    else:
        build(config)


def _page_url(file: Any) -> str:
    return "" if file.url in (".", "./") else str(file.url)


def merge_search_index(old: dict[str, Any], new: dict[str, Any], order: list[str], rebuilt: set[str]) -> str:
    """The search index a clean build writes, from the previous one and a dirty build's.

    Entries belong to the page whose URL is their location up to ``#``; rebuilt pages take their
    new entries, the others keep their old ones, in MkDocs' page ``order``.
    """
    def by_page(index: dict[str, Any]) -> dict[str, list[Any]]:
        groups: dict[str, list[Any]] = {}
        for entry in index.get("docs", []):
            groups.setdefault(str(entry["location"]).split("#", 1)[0], []).append(entry)
        return groups

    before, after = by_page(old), by_page(new)
    docs = [entry for url in order for entry in (after if url in rebuilt else before).get(url, [])]
    # The same serialisation as Material's search plugin.
    return json.dumps({"config": new.get("config", old.get("config")), "docs": docs}, separators=(",", ":"),
                      default=str)


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("A 'dirty' build is being performed")


def dirty_build(config: Any) -> None:
    """An MkDocs dirty build of ``config`` into its existing site_dir, with a complete search index
    (a dirty build's own index holds only the pages it rebuilt)."""
    from mkdocs.commands.build import build
    from mkdocs.structure.files import get_files

    build_log = logging.getLogger("mkdocs.commands.build")
    if _not_the_dirty_warning not in build_log.filters:
        build_log.addFilter(_not_the_dirty_warning)  # the warning is for `mkdocs serve --dirty` users

    index = Path(config.site_dir) / "search" / "search_index.json"
    if not index.is_file():
        build(config)
        return
    old = json.loads(index.read_text(encoding="utf-8"))
    pages = get_files(config).documentation_pages()
    order = [_page_url(f) for f in pages]
    rebuilt = {_page_url(f) for f in pages if f.is_modified()}
    build(config, dirty=True)
    new = json.loads(index.read_text(encoding="utf-8"))
    index.write_text(merge_search_index(old, new, order, rebuilt), encoding="utf-8")


def build_with_zensical(config_file: str, output: str) -> None:
    """One Zensical build of a staged language, then its output moved to ``output``.

    Runs ``python -m zensical build --clean`` in the staging folder (a subprocess: Zensical's Rust
    runtime keeps its own threads, which do not belong in a forked pool worker).
    """
    stage = Path(config_file).parent
    built = stage / ZENSICAL_OUTPUT
    shutil.rmtree(built, ignore_errors=True)
    command = [sys.executable, "-m", "zensical", "build", "--clean", "-f", Path(config_file).name]
    try:
        done = subprocess.run(command, cwd=stage, capture_output=True, text=True, timeout=ZENSICAL_TIMEOUT,
                              check=False)
    except subprocess.TimeoutExpired:
        raise BuildError(f"Zensical took more than {ZENSICAL_TIMEOUT:.0f} s on {config_file}") from None
    if done.returncode != 0:
        lines = (done.stderr or done.stdout).strip().splitlines()
        raise BuildError(f"Zensical failed on {config_file}: {lines[-1] if lines else done.returncode}")
    if not built.is_dir():
        raise BuildError(f"Zensical wrote no site into {built}")
    target = Path(output)
    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(built), str(target))


def search_index(site_lang: Path) -> tuple[Path, list[dict[str, Any]]] | None:
    """The search index of one built language and its entries (location, title, text), whichever
    engine wrote it; None when there is none."""
    for rel, key in (("search/search_index.json", "docs"), ("search.json", "items")):
        path = site_lang / rel
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            return path, list(data.get(key) or [])
    return None
