"""The root ``site/index.html``: sends a reader to their browser's language, with plain links too."""

from __future__ import annotations

import json

from markupsafe import Markup

from ..i18n import text_dir, tr
from ..show import Show
from .labels import labels_for
from .templates import language_name, make_environment


def root_index(show: Show) -> str:
    """HTML of the language chooser at the site root."""
    env = make_environment(show.root)
    default = show.default_language
    languages = [
        {
            "code": lang,
            "name": language_name(lang),
            "title": tr(show.info.name, lang, show.languages),
            "choose": labels_for(lang)["choose_language"],
            "dir": text_dir(lang),
        }
        for lang in show.languages
    ]
    return env.get_template("root_index.html.j2").render(
        default=default,
        languages=languages,
        site_url=show.info.site_url.rstrip("/") + "/",
        title=tr(show.info.name, default, show.languages),
        codes_json=Markup(json.dumps(show.languages)),
        dir=text_dir(default),
    )
