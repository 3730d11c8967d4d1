"""Incremental builds for the live preview: rebuild only what changed and update ``site/`` in place.

``showpress build`` always builds every language from scratch into a temporary folder and swaps it
in (build.py). ``showpress serve`` keeps an :class:`IncrementalSite` for the whole session:

1. gather every language (core data pages are reused while the data files, templates, date and
   links are unchanged: :class:`~generator.site.gather.PageCache`) and write the staging docs
   (only files whose bytes changed are rewritten, so only they get a new modification time);
2. a digest of everything staged for a language tells whether its MkDocs output is already right;
   a change in one language that shows in another (a story in the default language is the
   fallback elsewhere) is found this way too;
3. MkDocs builds into a folder that persists between builds, ``.cache/showpress/output/<lang>/``:
   a *dirty* build (MkDocs renders only pages whose source is newer than their output) when
   nothing that a dirty build cannot see has changed — the language's mkdocs.yml (navigation,
   alternates, feed links, theme settings), the theme overrides, the set of docs files, the front
   matter of the pages in the navigation — and no plugin but search is configured (the Material
   blog plugin breaks under ``--dirty``); else a clean build. A dirty build's search index holds
   only the rebuilt pages, so :func:`dirty_build` merges it into the previous index in MkDocs' page
   order: the result is the index a clean build writes. No MkDocs hook or plugin is involved;
4. feeds are rewritten where they changed, and each language's output is copied into
   ``site/<lang>/`` file by file (only files whose size or time differ, each replaced atomically).

A failed build removes the language's state file, so the next build of it is clean.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from ..dates import show_today
from ..errors import BuildError, ShowError
from ..feeds import feed_files
from ..show import Show
from ..workers import interrupts_end_pools, worker_timeout
from .build import BuildReport, Progress, _run_builds, staging_root
from .config import LanguagePlan, language_config, load_root_config, write_config
from .gather import PageCache, alternates, brochure_writer, gather
from .offline import scrub_language
from .pages import media_files, page_url
from .rootpage import root_files
from .stage import StagedFiles, staging_lock, sync_docs, write_if_changed

log = logging.getLogger(__name__)


# --------------------------------------------------------------------------- in the worker process


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
    """An MkDocs dirty build of ``config`` into its existing site_dir, with a complete search index."""
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


# --------------------------------------------------------------------------- in the parent process


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
    """What a dirty build assumes unchanged since the last build, as a hash; None: never dirty."""
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
    """A hash of everything one language's MkDocs output is made from."""
    digest = hashlib.sha256(json.dumps(config, sort_keys=True, default=str).encode("utf-8"))
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


def sync_tree(source: Path, target: Path, keep: frozenset[str] = frozenset()) -> int:
    """Make ``target`` a copy of ``source`` in place: copy files whose size or time differ (each
    replaced atomically), delete files ``source`` lacks (except ``keep``); return files copied."""
    copied = 0
    wanted: set[str] = set()
    for folder, _, names in os.walk(source):
        rel_dir = os.path.relpath(folder, source)
        for name in names:
            rel = os.path.normpath(os.path.join(rel_dir, name))
            wanted.add(rel)
            src, dst = os.path.join(folder, name), target / rel
            a = os.stat(src)
            try:
                b = os.stat(dst)
                if a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns:
                    continue
            except FileNotFoundError:
                dst.parent.mkdir(parents=True, exist_ok=True)
            tmp = dst.with_name(f".{name}.showpress-tmp")
            shutil.copy2(src, tmp)
            os.replace(tmp, dst)
            copied += 1
    for folder, dirs, names in os.walk(target, topdown=False):
        rel_dir = os.path.relpath(folder, target)
        for name in names:
            rel = os.path.normpath(os.path.join(rel_dir, name))
            if rel not in wanted and rel not in keep:
                os.unlink(os.path.join(folder, name))
        for name in dirs:
            path = os.path.join(folder, name)
            if not os.listdir(path):
                os.rmdir(path)
    return copied


def feeds_key(show: Show, lang: str) -> tuple[Any, ...]:
    """What the feeds and calendars of ``lang`` are made from: show.yml, halls.yml (event places),
    schedule.yml, the stories shown to readers of ``lang`` (its own and, in category feeds, those
    given in another language: ``show.news_for``), every story's front matter (translation links,
    unique addresses) and the media files (enclosure sizes). generator.feeds reads nothing else."""
    media = tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in media_files(show))
    stories = tuple(item for item, _fallback in show.news_for(lang))
    metas = tuple((item.lang, item.path, item.slug, item.meta) for item in show.news)
    return (show.root, show.info, show.halls_file, show.schedule, stories, metas, media)


def _output_of(rel: str) -> str:
    """The file MkDocs writes for a docs path (use_directory_urls)."""
    if not rel.endswith(".md"):
        return rel
    url = page_url(rel)
    return f"{url}index.html" if url else "index.html"


class IncrementalSite:
    """A site kept up to date in place by small rebuilds (one per ``showpress serve`` session)."""

    def __init__(self, out: Path, *, executor: Any, today: dt.date | None = None, brochures: bool = True):
        self.out = out.resolve()
        self.executor = executor
        self.today = today
        self.brochures = brochures
        """Link brochures and keep site/<lang>/brochure.pdf (rendered by ``build(..., brochures=True)``)."""
        self.pages = PageCache()
        self.staged: dict[str, StagedFiles] = {}
        self.synced: set[str] = set()
        """Languages whose site/<lang>/ matched their MkDocs output after the last build."""
        self.feeds_keys: dict[str, Any] = {}
        """Per language, what its feeds were last made from (see :func:`feeds_key`)."""

    def build(self, show: Show, *, brochures: bool = False, progress: Progress | None = None) -> BuildReport:
        """Bring ``out`` up to date with ``show``; ``brochures``: also render the brochures now."""
        with staging_lock(staging_root(show), worker_timeout()):  # not while a `showpress build` stages
            return self._build(show, brochures=brochures, progress=progress)

    def _build(self, show: Show, *, brochures: bool, progress: Progress | None) -> BuildReport:
        started = time.perf_counter()
        notify = progress or (lambda step, detail: None)
        report = BuildReport(out=self.out, languages=[])
        today = show_today(show, self.today)
        write_brochures = brochure_writer() if self.brochures else None
        contents = gather(show, today, brochures=write_brochures is not None, cache=self.pages)
        alt = alternates(show, contents)
        report.steps["gather"] = time.perf_counter() - started

        t0 = time.perf_counter()
        root_config = load_root_config(show.root)
        output_root = show.root / ".cache" / "showpress" / "output"
        jobs: list[tuple[str, Path]] = []
        dirty: list[str] = []
        pending: dict[str, dict[str, str | None]] = {}
        for lang in show.languages:
            content = contents[lang]
            stage = staging_root(show) / lang
            site_dir = output_root / lang
            plan = LanguagePlan(lang=lang, docs_dir=stage / "docs", site_dir=site_dir,
                                editor_pages=content.editor_pages, has_news=content.has_news,
                                extra_css=content.extra_css, extra_javascript=content.extra_javascript,
                                feeds=content.feeds, alternates=alt[lang])
            config = language_config(show, root_config, plan)
            fingerprint = dirty_fingerprint(config, content.pages, content.files, strict=False)
            digest = content_digest(fingerprint, config, content.pages, content.files)
            changed = sync_docs(stage / "docs", content.pages, content.files, known=self.staged.setdefault(lang, {}))
            write_config(stage / "mkdocs.yml", config)
            state_file = output_root / f"{lang}.state.json"
            state = json.loads(state_file.read_text(encoding="utf-8")) if state_file.is_file() else {}
            if state.get("digest") == digest and site_dir.is_dir():
                continue
            state_file.unlink(missing_ok=True)
            if fingerprint is not None and state.get("fingerprint") == fingerprint and site_dir.is_dir():
                dirty.append(lang)
                for rel in changed:  # a source no newer than its output (coarse clocks) is rebuilt all the same
                    (site_dir / _output_of(rel)).unlink(missing_ok=True)
            jobs.append((lang, stage / "mkdocs.yml"))
            pending[lang] = {"fingerprint": fingerprint, "digest": digest}
        report.languages = [lang for lang, _ in jobs]
        notify("staged", ", ".join(report.languages) or "nothing changed")
        report.steps["stage"] = time.perf_counter() - t0

        keys = {lang: feeds_key(show, lang) for lang in show.languages}
        clean = {lang for lang, _ in jobs if lang not in dirty}
        feed_langs = [lang for lang in show.languages if keys[lang] != self.feeds_keys.get(lang) or lang in clean]
        pdf_dir = Path(tempfile.mkdtemp(prefix=".brochures-", dir=self.out.parent)) if brochures else None
        try:
            import concurrent.futures as cf

            with cf.ThreadPoolExecutor(max_workers=2) as side, interrupts_end_pools():
                pdfs = (side.submit(write_brochures, show, pdf_dir, langs=show.languages, today=today)
                        if brochures and write_brochures is not None else None)
                feeds = {lang: side.submit(feed_files, show, lang) for lang in feed_langs}
                t0 = time.perf_counter()
                if jobs:
                    cache = show.root / ".cache" / "showpress" / "jinja"
                    steps = _run_builds(self.executor, jobs, notify, cache, dirty=dirty,
                                        outputs={lang: output_root / lang for lang, _ in jobs}, today=today)
                    report.steps.update({f"mkdocs {k}{' (dirty)' if k in dirty else ''}": v for k, v in steps.items()})
                report.steps["mkdocs (wall)"] = time.perf_counter() - t0
                t0 = time.perf_counter()
                for lang, _ in jobs:
                    scrub_language(output_root / lang)
                    (output_root / f"{lang}.state.json").write_text(json.dumps(pending[lang]), encoding="utf-8")
                touched = {lang for lang, _ in jobs}
                for lang, future in feeds.items():
                    for rel, data in future.result().items():
                        if write_if_changed(output_root / lang / rel, data):
                            touched.add(lang)
                self.feeds_keys = keys
                keep = frozenset({"brochure.pdf"}) if self.brochures else frozenset()
                copied = 0
                for lang in show.languages:
                    if lang in touched or lang not in self.synced:
                        self.synced.discard(lang)
                        copied += sync_tree(output_root / lang, self.out / lang, keep)
                        self.synced.add(lang)
                for rel, data in root_files(show, today).items():
                    write_if_changed(self.out / rel, data)
                if pdfs is not None and pdf_dir is not None:
                    pdfs.result()
                    for lang in show.languages:
                        if (pdf_dir / lang / "brochure.pdf").exists():
                            os.replace(pdf_dir / lang / "brochure.pdf", self.out / lang / "brochure.pdf")
                report.steps[f"update site ({copied} files)"] = time.perf_counter() - t0
        except ShowError:
            raise
        except OSError as exc:
            raise BuildError(f"updating the site failed: {exc}") from None
        finally:
            if pdf_dir is not None:
                shutil.rmtree(pdf_dir, ignore_errors=True)
        report.seconds = time.perf_counter() - started
        notify("done", str(self.out))
        return report
