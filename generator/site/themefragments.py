"""Parts of the theme rendered once per MkDocs build instead of once per page.

At show scale most pages of a language (exhibitors, news stories, form pages) are outside the
navigation, and Material renders the same sidebar navigation for each of them again: a tenth of a
language's build time. :class:`ThemeFragments` is an MkDocs plugin registered per build (like the
template cache in engines.py; not configured in mkdocs.yml) whose ``on_env`` event gives the theme's
Jinja environment one global, ``sp_nav_fragment``, that ``site_templates/overrides/partials/nav.html``
calls when it is defined (Zensical, which has no such global, renders the navigation itself).
It also gives ``sp_alternates``: the macros of ``partials/sp_alternates.html`` (the URL of the page
in another language) as Python functions, which main.html and partials/alternate.html use instead of
importing that file with the page's context, twice per page; and ``sp_theme_text``, which keeps
the answers of the theme's ``lang.t()`` (partials/language.html) for the build; and
``sp_build_fragment``, which renders a partial that reads no page data once per build.

The cache belongs to the plugin instance, so it lives for one build. A page in the navigation is
always rendered; for any other page the navigation's output is a function of build constants
(``nav``, ``config``, the theme's language) and of what the page changes in it: the active state
of each navigation item and every URL the template passes through MkDocs' ``url`` filter, relative
to the page. The key is exactly that, so two pages share a rendering only when it is the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any


def _items(items: Any) -> Iterator[Any]:
    for item in items or ():
        yield item
        yield from _items(getattr(item, "children", None))


class ThemeFragments:
    """MkDocs plugin: the sidebar navigation of pages outside it, rendered once per distinct key."""

    def __init__(self) -> None:
        self.rendered: dict[tuple[Any, ...], Any] = {}
        self.texts: dict[tuple[str, str], Any] = {}
        self.constant: dict[str, Any] = {}
        self.nav: Any = None
        self.items: list[Any] = []
        self.hits = 0

    def on_env(self, env: Any, /, *, config: Any, files: Any) -> Any:  # noqa: ARG002 - MkDocs' event signature
        import jinja2

        @jinja2.pass_context
        def sp_nav_fragment(context: Any, render: Callable[[], Any]) -> Any:
            return self.nav_fragment(context, render)

        env.globals["sp_nav_fragment"] = sp_nav_fragment
        env.globals["sp_alternates"] = Alternates()
        env.globals["sp_theme_text"] = self.theme_text
        env.globals["sp_build_fragment"] = self.build_fragment
        return env

    def theme_text(self, language: str, key: str, text: Callable[[str], Any], fallback: Callable[[str], Any]) -> Any:
        """``lang.t(key)`` of partials/language.html: the theme's text for ``key`` in ``language``,
        else in English, else the key; asked of the theme's language files once per build."""
        found = self.texts.get((language, key))
        if found is None:
            found = self.texts[(language, key)] = text(key) or fallback(key) or key
        return found

    def build_fragment(self, name: str, render: Callable[[], Any]) -> Any:
        """``render()`` once per build: for a partial that reads no page data (only the build's
        config, theme language and features), such as the header's palette and search form."""
        if name not in self.constant:
            self.constant[name] = render()
        return self.constant[name]

    def nav_fragment(self, context: Any, render: Callable[[], Any]) -> Any:
        """``render()`` (the navigation macro of nav.html), reused for pages with the same key."""
        nav = context.get("nav")
        if nav is not self.nav:  # the items of the build's navigation, listed once
            self.nav, self.items = nav, list(_items(getattr(nav, "items", None)))
        key = nav_key(context, self.items)
        if key is None:
            return render()
        if key in self.rendered:
            self.hits += 1
        else:
            self.rendered[key] = render()
        return self.rendered[key]


def nav_key(context: Any, items: list[Any]) -> tuple[Any, ...] | None:
    """What the navigation's output depends on for the context's page, or None when the page is in
    the navigation (its own item is marked and holds its table of contents: rendered every time).
    ``items``: every item of the context's navigation, sections' children included."""
    from mkdocs.utils.templates import url_filter

    page, nav, config = context.get("page"), context.get("nav"), context.get("config")
    if page is None or nav is None or config is None or any(p is page for p in nav.pages):
        return None
    urls = [getattr(item, "url", None) for item in items]
    extra, theme = config.get("extra") or {}, config.get("theme")
    urls += [extra.get("homepage"), getattr(nav.homepage, "url", None), theme and theme.get("logo")]
    return (
        tuple(bool(getattr(item, "active", False)) for item in items),
        tuple(None if url is None else url_filter(context, url) for url in urls),
    )


def _here_and_row(context: Any) -> tuple[str, dict[str, Any]]:
    page = context.get("page")
    here = str(page.url) if page is not None and page.url else ""
    if here[-5:] == ".html":
        here = ""
    alternates = context["config"]["extra"]["showpress"]["alternates"]
    return here, alternates[here] if here in alternates else {}


def alternate_target(context: Any, other: str) -> str:
    """``target(other)`` of partials/sp_alternates.html: the page's URL in ``other``."""
    here, row = _here_and_row(context)
    own = context["config"]["extra"]["showpress"]["lang"]
    return str(row[other]) if other != own and other in row else here


def alternate_missing(context: Any, other: str) -> str:
    """``missing(other)`` of partials/sp_alternates.html: "1" when the page has no counterpart there."""
    here, row = _here_and_row(context)
    return "1" if here and other in row and not row[other] else ""


class Alternates:
    """``sp_alt`` for the overrides: the two macros of partials/sp_alternates.html, with the context
    of the template that calls them (Jinja passes it to functions marked ``pass_context``)."""

    def __init__(self) -> None:
        import jinja2

        self.target = jinja2.pass_context(alternate_target)
        self.missing = jinja2.pass_context(alternate_missing)
