"""Typed models of every data file of a show.

One model per file in ``data/`` (plus news front matter and the private client list). Every field
carries a docstring: pydantic turns it into the JSON Schema ``description`` that editors see as
autocompletion help, and ``tests/test_models.py`` fails when one is missing.

Translatable text is a :data:`Text`: a mapping ``{language: text}``. A plain string is accepted
too and means "the same in every language" (names of people, brand names). Fallback to the
default language happens at render time (:mod:`generator.i18n`), never here.
"""

from __future__ import annotations

from .clients import (  # noqa: F401 - re-exported
    SEGMENT_RE,
    Client,
    ClientsFile,
)
from .content import (  # noqa: F401 - re-exported
    NewsMeta,
    PageMeta,
)
from .forms import (  # noqa: F401 - re-exported
    Form,
    FormsFile,
    Lottery,
    Option,
    Question,
)
from .identity import (  # noqa: F401 - re-exported
    Hero,
    Identity,
    Palette,
    Sponsor,
)
from .letters import (  # noqa: F401 - re-exported
    LetterKind,
    LettersFile,
    LetterText,
    Occasion,
    Segment,
)
from .show import (  # noqa: F401 - re-exported
    Category,
    DailyVisitors,
    InquiryDesk,
    Mailing,
    Milestone,
    Office,
    Organiser,
    PastEdition,
    PlannedEdition,
    Section,
    ShowDay,
    ShowInfo,
    Statistics,
    Venue,
)
from .types import (  # noqa: F401 - re-exported
    ANY_LANG,
    AbsoluteUrl,
    CountryCode,
    Email,
    Id,
    LangCode,
    MediaPath,
    Model,
    Text,
    TimeZoneName,
)
from .venue import (  # noqa: F401 - re-exported
    Booth,
    BoothStatus,
    Entrance,
    Event,
    Exhibitor,
    ExhibitorCategory,
    ExhibitorsFile,
    Hall,
    HallsFile,
    Parking,
    Place,
    Rect,
    ScheduleFile,
    Service,
    Speaker,
    Ticket,
    Transport,
    VisitingFile,
)

DATA_FILES: dict[str, type[Model]] = {
    "show.yml": ShowInfo,
    "halls.yml": HallsFile,
    "exhibitors.yml": ExhibitorsFile,
    "schedule.yml": ScheduleFile,
    "visiting.yml": VisitingFile,
    "forms.yml": FormsFile,
    "letters.yml": LettersFile,
}
"""Each file under data/ and the model that reads it."""

SCHEMA_MODELS: dict[str, type[Model]] = {
    **DATA_FILES,
    "news.frontmatter": NewsMeta,
    "page.frontmatter": PageMeta,
    "clients.yml": ClientsFile,
}
"""Everything `showpress schema` writes a JSON Schema for."""


def schema_files() -> dict[str, str]:
    """File name -> JSON Schema text of every model in SCHEMA_MODELS (what `showpress schema` writes
    and what `showpress new` ships beside a new show's data)."""
    import json

    files = {}
    for name, model in SCHEMA_MODELS.items():
        stem = name.rsplit(".", 1)[0] if name.endswith(".yml") else name
        document = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
        files[f"{stem}.schema.json"] = json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return files
