"""The one template environment factory: every Jinja environment of showpress comes from here.

A template *family* is a folder of templates rendered one way: ``pages`` (the generated Markdown
pages, the root page and the Material overrides: the whole ``site_templates/``), ``news``,
``forms``, ``print`` (brochures and letters), ``stylesheet`` (print CSS, not escaped), ``collector``
(the collector's problem and report pages) and ``new_show`` (``showpress new``'s files).

One loader rule for every family: a project overrides any template by putting a file at the same
path under its own ``site_templates/`` folder (``site_templates/news/story.md.j2``,
``site_templates/pdf/letters.html``, ``site_templates/collector/report.html``...); the project's copy
wins, every other template comes from showpress. Escaping is on for every family that renders
data (autoescape, ``StrictUndefined``); Markdown templates also escape Markdown punctuation of plain
text with ``md_inline`` and render editors' Markdown with ``editor_md`` (:mod:`generator.markup`).
One environment serves every language: the language comes from each render's context
(:func:`generator.phrases.install`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from .markup import markdown_block, md_text, render_markdown
from .phrases import install as install_i18n

_PACKAGE = Path(__file__).resolve().parent
SHIPPED = _PACKAGE / "site_templates" if (_PACKAGE / "site_templates").is_dir() else _PACKAGE.parent / "site_templates"
"""site_templates/ shipped with showpress (package data when installed, the repo folder otherwise)."""

OVERRIDES = "site_templates"
"""The folder of a project that holds its own copies of showpress's templates."""


@dataclass(frozen=True)
class Family:
    """How the templates of one family are found and rendered."""

    folder: str
    """Its folder under site_templates/ (a project's copy lives at the same path in its own folder)."""
    shipped: Path | None = None
    """Where showpress keeps it when not under site_templates/ (the collector's templates)."""
    escape: bool = True
    """HTML autoescape (off only for CSS and for the new show's YAML, whose values go through tojson)."""
    trim: bool = True
    """trim_blocks and lstrip_blocks."""
    trailing_newline: bool = True
    markdown: bool = False
    """Markdown output: ``md_inline`` escapes plain text, ``editor_md`` renders Markdown as a raw block."""
    i18n: bool = True
    overridable: bool = True


FAMILIES = {
    "pages": Family("", markdown=True),
    "news": Family("news", markdown=True, trim=False),
    "forms": Family("forms", markdown=True),
    "print": Family("pdf"),
    "stylesheet": Family("pdf", escape=False, trim=False, trailing_newline=False, i18n=False),
    "collector": Family("collector", shipped=_PACKAGE / "collector" / "templates", trailing_newline=False),
    "new_show": Family("new_show", escape=False, trim=False, i18n=False, overridable=False),
}
"""Every template family of showpress."""


def shipped_folder(family: str) -> Path:
    """Where showpress's own templates of ``family`` are."""
    spec = FAMILIES[family]
    return spec.shipped if spec.shipped is not None else SHIPPED / spec.folder


def template_folders(family: str, project: Path | None = None) -> list[Path]:
    """The folders templates of ``family`` are looked up in, the project's own copy first."""
    spec = FAMILIES[family]
    folders = []
    if project is not None and spec.overridable:
        own = (project / OVERRIDES / spec.folder).resolve()
        if own != shipped_folder(family).resolve():  # a folder made later is found too (no is_dir test)
            folders.append(own)
    return [*folders, shipped_folder(family)]


def environment(family: str, project: Path | None = None) -> Environment:
    """The Jinja environment of ``family`` for the show in ``project`` (None: showpress's own templates).

    A new environment on each call: a caller that renders often keeps its own (compiled templates
    are reused, and a template edited on disk is reloaded: Jinja's auto_reload). Callers add only
    their own filters and globals.
    """
    if family not in FAMILIES:
        raise ValueError(f"no template family {family!r} (known: {', '.join(FAMILIES)})")
    spec = FAMILIES[family]
    env = Environment(  # noqa: S701 - autoescape is on for every family that renders data (see Family.escape)
        loader=ChoiceLoader([FileSystemLoader(str(folder)) for folder in template_folders(family, project)]),
        autoescape=spec.escape,
        undefined=StrictUndefined,
        trim_blocks=spec.trim,
        lstrip_blocks=spec.trim,
        keep_trailing_newline=spec.trailing_newline,
    )
    if spec.markdown:
        env.filters.update(md_inline=md_text, editor_md=markdown_block)
    elif spec.escape:
        env.filters["editor_md"] = lambda value: render_markdown(value or "")
    return install_i18n(env) if spec.i18n else env
