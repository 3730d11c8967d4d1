"""Search tuned per language: one word treatment for Material's index and for the query.

Material's search runs lunr in a web worker (``assets/javascripts/workers/search.<hash>.min.js``)
whose only knobs are a word separator and the removal of lunr's pipeline functions. Typed queries
miss what readers expect: Arabic written without hamza or without the article ال, French without
accents, a part of a Korean word or of a Japanese kanji run. And a query term carries a trailing
wildcard, so lunr never runs its pipeline on it: a typed word never meets its stemmed index entry.

showpress therefore ships the worker with ``site_templates/assets/showpress-search.js`` appended:
it wraps lunr's ``Pipeline.run`` (index side) and ``Index.search`` (query side) with the same
normalisation (Arabic letters and article, Latin accent folding) and, for Korean and Japanese,
character bigrams of long Hangul or kanji runs. The tuned worker is written into each language's
docs folder under the worker's own path, and MkDocs lets a docs file win over the theme's file.
"""

from __future__ import annotations

import json
from pathlib import Path

from .templates import PACKAGE_TEMPLATES

SCRIPT = PACKAGE_TEMPLATES / "assets" / "showpress-search.js"
WORKERS = "assets/javascripts/workers"


def search_options(lang: str) -> dict[str, bool]:
    """What the tuning does beyond normalisation in ``lang``: Hangul bigrams (ko), kanji bigrams (ja)."""
    base = lang.split("-")[0].lower()
    return {"hangul": base == "ko", "kanji": base == "ja"}


def material_worker() -> Path | None:
    """Material's search worker script, or None when Material is not installed."""
    try:
        import material
    except ImportError:
        return None
    folder = Path(material.__file__).parent / "templates" / WORKERS
    found = sorted(folder.glob("search.*.min.js"))
    return found[0] if found else None


def search_assets(lang: str) -> dict[str, bytes]:
    """``{docs path: bytes}``: Material's search worker with showpress's tuning for ``lang`` appended
    (empty when Material's worker is not found: the engine's search then works untuned)."""
    worker = material_worker()
    if worker is None:
        return {}
    original = worker.read_text(encoding="utf-8")
    original = "\n".join(line for line in original.splitlines() if not line.startswith("//# sourceMappingURL="))
    tuning = (f"self.SHOWPRESS_SEARCH_OPTIONS = {json.dumps(search_options(lang), sort_keys=True)};\n"
              + SCRIPT.read_text(encoding="utf-8"))
    return {f"{WORKERS}/{worker.name}": (original + "\n" + tuning).encode("utf-8")}
