"""The files at the site root: ``index.html`` (the language chooser), its script, the sitemap index
and ``robots.txt``.

The chooser sends a reader to the best language of the show: a language they remembered here
(``localStorage``), else the first of their browser's languages the show has (``zh-TW`` finds
``zh``), else the fallback chain of their first browser language (``fallbacks:`` in show.yml, else
English when the show has it, else the default language). Without JavaScript, and with
``?choose``, it is a list of language links. Its script is a file, so the page keeps the site's
Content-Security-Policy (generator/site/csp.py: scripts only from the site).
"""

from __future__ import annotations

import datetime as dt
import json
from xml.sax.saxutils import escape

from ..i18n import text_dir, tr
from ..language import default_fallbacks, language_for
from ..show import Show
from ..urls import site_root
from .csp import content_security_policy
from .templates import PACKAGE_TEMPLATES, language_name, make_environment

ROOT_SCRIPT = "showpress-root.js"
"""The chooser's script, beside ``index.html``."""


def root_index(show: Show) -> str:
    """HTML of the language chooser at the site root."""
    env = make_environment(show.root)
    default = show.default_language
    languages = [
        {
            "code": lang,
            "name": language_name(lang),
            "title": tr(show.info.name, lang, show.languages),
            "choose": language_for(lang, show).gettext("Choose your language"),
            "dir": text_dir(lang),
        }
        for lang in show.languages
    ]
    return env.get_template("root_index.html.j2").render(
        default=default,
        languages=languages,
        site_url=site_root(show),
        title=tr(show.info.name, default, show.languages),
        choice=json.dumps(language_choice(show), ensure_ascii=False, separators=(",", ":")),
        csp=content_security_policy(show),
        script=ROOT_SCRIPT,
        dir=text_dir(default),
    )


def language_choice(show: Show) -> dict[str, object]:
    """What the chooser's script needs: the show's languages, the chains set in show.yml, and the
    chain of a language the show lacks (English if the show has it, then the default language)."""
    languages = list(show.languages)
    chains = {tag: [lang for lang in chain if lang in languages]
              for tag, chain in (getattr(show.info, "fallbacks", None) or {}).items()}
    return {
        "languages": languages,
        "fallbacks": {tag: chain for tag, chain in chains.items() if chain},
        "otherwise": [lang for lang in default_fallbacks("", languages) if lang in languages] or languages[:1],
    }


def root_files(show: Show, today: dt.date) -> dict[str, bytes]:
    """Every file of the site root, by path relative to it."""
    script = (PACKAGE_TEMPLATES / ROOT_SCRIPT).read_bytes()
    return {
        "index.html": root_index(show).encode("utf-8"),
        ROOT_SCRIPT: script,
        "sitemap.xml": sitemap_index(show, today).encode("utf-8"),
        "robots.txt": robots_txt(show).encode("utf-8"),
    }


def sitemap_index(show: Show, today: dt.date) -> str:
    """A sitemap index listing each language's ``sitemap.xml`` (written by MkDocs)."""
    base = site_root(show)
    entries = "".join(
        f"<sitemap><loc>{escape(base + lang)}/sitemap.xml</loc><lastmod>{today.isoformat()}</lastmod></sitemap>\n"
        for lang in show.languages
    )
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{entries}</sitemapindex>\n")


def robots_txt(show: Show) -> str:
    """Every page may be crawled; the sitemap index is named."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_root(show)}sitemap.xml\n"
