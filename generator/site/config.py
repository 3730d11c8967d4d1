"""One mkdocs.yml per language, derived from the project's root mkdocs.yml.

The root file holds the Material look shared by every language; this module adds what differs
per language: site name and URL, docs and site folders, theme language and direction, the
navigation (exhibitor, news and form pages stay out of it: a full nav on 1,000 pages makes MkDocs
quadratic), search language and separator, the language selector and the showpress overrides.
"""

from __future__ import annotations

import copy
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import BuildError
from ..i18n import text_dir, tr
from ..language import language_for
from ..phrases import N_
from ..show import Show
from ..urls import absolute_url, lang_root, site_root
from .csp import content_security_policy
from .pageassets import PAGE_ASSETS
from .pages import PAGES
from .sharecard import SHARE_IMAGE
from .templates import PACKAGE_TEMPLATES, language_name, template_dirs
from .themetext import localise_theme_text

NAV_TITLES = {
    "home": N_("Home"), "about": N_("About"), "statistics": N_("Statistics"), "halls": N_("Halls & booths"),
    "exhibitors": N_("Exhibitors"), "schedule": N_("Schedule"), "visiting": N_("Visiting"),
    "services": N_("Services"), "rules": N_("Participation & investment"),
    "construction": N_("Construction progress"), "inquiry": N_("Inquiry desk"), "news": N_("News"),
    "pages": N_("More"),
}
"""Navigation key -> English msgid of its title (translated per language build)."""

NOT_IN_NAV = "/exhibitors/\n/news/\n/forms/\n/halls/\n"
"""gitignore-style patterns of pages that exist but are deliberately not in the navigation."""


@dataclass(frozen=True)
class LanguagePlan:
    """Everything needed to write one language's mkdocs.yml."""

    lang: str
    docs_dir: Path
    site_dir: Path
    editor_pages: list[tuple[str, str]] = field(default_factory=list)
    """(docs path, title) of editors' pages, for the navigation."""
    has_news: bool = False
    extra_css: list[str] = field(default_factory=list)
    extra_javascript: list[str] = field(default_factory=list)
    feeds: list[dict[str, str]] = field(default_factory=list)
    alternates: dict[str, dict[str, str]] = field(default_factory=dict)
    """Page URL -> {other language: URL of the same page there} where it is not the same URL."""


def load_root_config(project: Path) -> dict[str, Any]:
    """The root mkdocs.yml of the project (or showpress's own when the project has none)."""
    path = project / "mkdocs.yml"
    if not path.exists():
        path = PACKAGE_TEMPLATES.parent / "mkdocs.yml"
        if not path.exists():
            return {"theme": {"name": "material", "font": False}, "plugins": ["search"]}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise BuildError(f"{path}: cannot read the root MkDocs settings: {exc}") from None
    if not isinstance(data, dict):
        raise BuildError(f"{path}: the root MkDocs settings must be a mapping")
    forbidden = {"i18n", "static-i18n", "gen-files", "social", "privacy"}
    for plugin in data.get("plugins") or []:
        name = plugin if isinstance(plugin, str) else next(iter(plugin), "")
        if name.split("/")[-1] in forbidden:
            raise BuildError(
                f"{path}: plugin {name!r} is not used by showpress (one build per language, no "
                "third-party requests); remove it"
            )
    if (data.get("theme") or {}).get("font") not in (False, None):
        raise BuildError(f"{path}: theme.font must be false (no Google Fonts); fonts come from showpress.css")
    return data


def material_language(lang: str) -> str:
    """The theme.language Material knows for ``lang`` (its own file, else the base language, else en)."""
    import material

    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    for candidate in (lang, lang.split("-")[0]):
        if (folder / f"{candidate}.html").exists():
            return candidate
    return "en"


def _search_plugin(lang: str) -> dict[str, Any]:
    settings: dict[str, Any] = {}
    # The lunr languages Material ships, less "ja": with lunr.ja the worker cuts the index with
    # TinySegmenter but never the query (協働ロボット indexed as 協働|ロボット, queried whole: no hit;
    # 清里精機 cut 清里|精機 in one text and 清里精|機 in another). Japanese uses lunr's base language with
    # the language model's Japanese separator on both sides instead.
    language = language_for(lang)
    settings["lang"] = [language.search_language]
    if language.search_separator:
        settings["separator"] = language.search_separator
    if language.script == "Jpan":
        # Not Material's ja default (the lunr.ja stemmer); the en trimmer would strip every Japanese token.
        settings["pipeline"] = ["stopWordFilter"]
    return {"search": settings}


def _plugins(root: dict[str, Any], lang: str) -> list[Any]:
    plugins: list[Any] = []
    for plugin in root.get("plugins") or ["search"]:
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name in ("search", "material/search"):
            own = _search_plugin(lang)
            if isinstance(plugin, dict):
                own["search"] = {**(plugin[name] or {}), **own["search"]}
            plugins.append(own)
        else:
            plugins.append(plugin)
    return plugins


def nav(show: Show, plan: LanguagePlan) -> list[dict[str, Any]]:
    """The navigation of one language: core pages, news, then editors' pages."""
    language = language_for(plan.lang, show)
    L = {key: language.gettext(message) for key, message in NAV_TITLES.items()}
    items: list[dict[str, Any]] = []
    order = ["home", "about", "exhibitors", "halls", "schedule", "news", "visiting", "services",
             "statistics", "rules", "construction", "inquiry"]
    for key in order:
        if key == "news":
            if plan.has_news:
                items.append({L["news"]: "news/index.md"})
            continue
        items.append({L[key]: PAGES[key]})
    if plan.editor_pages:
        items.append({L["pages"]: [{title: path} for path, title in plan.editor_pages]})
    return items


def og_locale(lang: str) -> str:
    """Open Graph's ``language_TERRITORY`` for a BCP 47 tag (``zh`` -> ``zh_CN``, ``ar`` -> ``ar_EG``)."""
    from babel.core import get_global

    locale = language_for(lang).locale
    territory = locale.territory
    if not territory:
        likely = get_global("likely_subtags").get(locale.language, "")
        territory = likely.split("_")[-1] if likely.count("_") >= 1 else ""
    return f"{locale.language}_{territory}" if territory else locale.language


def language_config(show: Show, root: dict[str, Any], plan: LanguagePlan, *, strict: bool = False) -> dict[str, Any]:
    """The full MkDocs configuration of one language (as written to its mkdocs.yml)."""
    lang = plan.lang
    config = copy.deepcopy(root)
    config.pop("showpress", None)  # showpress's own settings (the engine, see engines.py), not MkDocs'
    theme = dict(config.get("theme") or {})
    theme.update(
        name=theme.get("name", "material"),
        language=material_language(lang),
        direction=text_dir(lang),
        font=False,
        custom_dir=str(template_dirs(show.root)[0] / "overrides")
        if (template_dirs(show.root)[0] / "overrides").is_dir()
        else str(PACKAGE_TEMPLATES / "overrides"),
    )
    if show.info.identity.logo:  # the show's own logo in the header bar and as favicon (identity: in show.yml)
        theme.update(logo=show.info.identity.logo, favicon=show.info.identity.logo)
    extra = dict(config.get("extra") or {})
    extra["alternate"] = [
        {"name": language_name(other), "link": f"../{other}/", "lang": other} for other in show.languages
    ]
    extra["showpress"] = {
        "lang": lang,
        "languages": show.languages,
        "root_url": site_root(show),
        "feeds": plan.feeds,
        "alternates": plan.alternates,
        "csp": content_security_policy(show),
        "og_locale": og_locale(lang),
        "share_image": absolute_url(show, lang, SHARE_IMAGE),
        "page_assets": PAGE_ASSETS,  # scripts and styles a page names in its front matter (pageassets.py)
    }
    config.update(
        site_name=tr(show.info.short_name, lang, show.languages),
        site_description=tr(show.info.name, lang, show.languages),
        site_url=lang_root(show, lang),
        docs_dir=str(plan.docs_dir),
        site_dir=str(plan.site_dir),
        use_directory_urls=True,
        strict=strict,
        theme=theme,
        nav=nav(show, plan),
        not_in_nav=NOT_IN_NAV,
        plugins=_plugins(root, lang),
        extra=extra,
        extra_css=list(config.get("extra_css") or []) + plan.extra_css,
        extra_javascript=list(config.get("extra_javascript") or []) + plan.extra_javascript,
    )
    return localise_theme_text(config, language_for(lang, show))


def write_config(path: Path, config: dict[str, Any], known: dict[str, tuple[bytes, str]] | None = None) -> None:
    """Write a language's mkdocs.yml (only when it changed, so unchanged builds stay unchanged).

    ``known`` (kept by ``showpress serve`` between builds): the text last made for ``path`` by
    the pickle of its config, so an edit that leaves a language's config as it was does not dump
    it to YAML again (a tenth of a second per language at show scale).
    """
    key = pickle.dumps(config, protocol=pickle.HIGHEST_PROTOCOL) if known is not None else b""
    cached = known.get(str(path)) if known is not None else None
    if cached is not None and cached[0] == key:
        text = cached[1]
    else:
        text = "# Written by showpress from the root mkdocs.yml; edit that one instead.\n" + yaml.safe_dump(
            config, allow_unicode=True, sort_keys=False
        )
        if known is not None:
            known[str(path)] = (key, text)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
