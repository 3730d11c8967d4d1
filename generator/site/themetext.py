"""Words showpress's mkdocs.yml puts on every page, in the language of the build.

The root ``mkdocs.yml`` is written once, in English, for every language: the palette toggles'
names (Material's ``title`` and ``aria-label`` of the light/dark switch) and the table of
contents' permalink title. Each language build gets them through the interface catalog; a name
the catalog does not know (an editor's own wording) is kept as written.
"""

from __future__ import annotations

import copy
from typing import Any

from ..language import Language
from ..phrases import N_

TOGGLE_NAMES = (N_("Dark mode"), N_("Light mode"))
"""The palette toggle names of showpress's root mkdocs.yml (msgids)."""
PERMALINK_TITLE = N_("Permanent link")
"""Python-Markdown's default ``permalink_title`` of the toc extension."""


def _localised_palette(palette: Any, language: Language) -> Any:
    options = palette if isinstance(palette, list) else [palette]
    out = []
    for option in options:
        toggle = option.get("toggle") if isinstance(option, dict) else None
        name = toggle.get("name") if isinstance(toggle, dict) else None
        if isinstance(toggle, dict) and isinstance(name, str):
            translated = language.gettext(name)
            option = {**option, "toggle": {**toggle, "name": translated}}
        out.append(option)
    return out if isinstance(palette, list) else out[0]


def _localised_toc(extensions: list[Any], language: Language) -> list[Any]:
    out: list[Any] = []
    for extension in extensions:
        name = extension if isinstance(extension, str) else next(iter(extension), "")
        settings = {} if isinstance(extension, str) else dict(extension[name] or {})
        if name in ("toc", "markdown.extensions.toc") and settings.get("permalink"):
            title = settings.get("permalink_title", PERMALINK_TITLE)
            settings["permalink_title"] = language.gettext(title) if isinstance(title, str) else title
            extension = {name: settings}
        out.append(extension)
    return out


def localise_theme_text(config: dict[str, Any], language: Language) -> dict[str, Any]:
    """A copy of a language's MkDocs ``config`` with the toggle names and permalink title translated."""
    config = copy.copy(config)
    theme = dict(config.get("theme") or {})
    if theme.get("palette"):
        theme["palette"] = _localised_palette(theme["palette"], language)
        config["theme"] = theme
    if config.get("markdown_extensions"):
        config["markdown_extensions"] = _localised_toc(list(config["markdown_extensions"]), language)
    return config
