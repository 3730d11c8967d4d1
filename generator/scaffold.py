"""`showpress new`: a minimal, valid show that `check` passes and `build` builds at once.

The files come from ``site_templates/new_show/`` (editors' examples, commented); the JSON Schemas
are copied beside them so that the ``yaml-language-server`` comments work without showpress.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError
from .language import known_locale
from .models import schema_files
from .templating import environment

DATA_FILES = ("show", "halls", "exhibitors", "schedule", "visiting", "forms")


@dataclass(frozen=True)
class NewShow:
    """What `showpress new` needs to know."""

    folder: Path
    languages: tuple[str, ...]
    name: str
    first_day: dt.date
    days: int = 3
    timezone: str = "UTC"


def parse_languages(value: str) -> tuple[str, ...]:
    """'ar,en,fr' -> ('ar', 'en', 'fr'), each a BCP 47 tag Babel knows; the first is the default."""
    tags = tuple(part.strip() for part in value.split(",") if part.strip())
    if not tags:
        raise UsageError("--languages: name at least one language, e.g. --languages ar,en,fr")
    for tag in tags:
        if known_locale(tag) is None:
            raise UsageError(f"--languages: {tag!r} is not a language tag (BCP 47, e.g. fr, zh-TW, pt-BR)")
    if len(set(tags)) != len(tags):
        raise UsageError("--languages: a language is named twice")
    return tags


def create_show(spec: NewShow) -> list[Path]:
    """Write the new show into ``spec.folder`` (which must not exist or be empty); return the files."""
    folder = spec.folder
    if folder.exists() and any(folder.iterdir()):
        raise UsageError(f"{folder}: the folder is not empty; name a new folder for the show")
    env = environment("new_show")  # YAML and Markdown, not HTML-escaped: values pass through tojson
    days = [spec.first_day + dt.timedelta(days=n) for n in range(spec.days)]
    context = {
        "name": spec.name, "short_name": spec.name, "languages": list(spec.languages),
        "timezone": spec.timezone, "days": [d.isoformat() for d in days],
        "news_date": f"{days[-1].isoformat()}T18:00:00Z",
    }
    files: dict[Path, str] = {}
    for stem in DATA_FILES:
        files[Path("data") / f"{stem}.yml"] = env.get_template(f"data/{stem}.yml.j2").render(context)
    for lang in spec.languages:
        files[Path("content") / lang / "news" / "welcome.md"] = env.get_template("content/news.md.j2").render(context)
    files[Path(".gitignore")] = env.get_template("gitignore.j2").render(context)
    files[Path("README.md")] = env.get_template("README.md.j2").render(context)
    for name, text in schema_files().items():
        files[Path("schemas") / name] = text
    staging = folder.with_name(f".{folder.name}.new")
    shutil.rmtree(staging, ignore_errors=True)
    for rel, text in files.items():
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (staging / "data" / "media").mkdir(parents=True, exist_ok=True)
    (staging / "data" / "media" / ".gitkeep").write_text("", encoding="utf-8")
    if folder.exists():
        folder.rmdir()
    staging.rename(folder)
    return sorted(folder / rel for rel in files)
