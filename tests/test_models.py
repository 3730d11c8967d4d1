"""Every model field is documented; schemas are written and kept up to date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import BaseModel

import generator.models as models
from conftest import ROOT
from generator.cli import cli

ALL_MODELS = [m for m in vars(models).values() if isinstance(m, type) and issubclass(m, models.Model) and m is not models.Model]


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_every_field_has_a_docstring(model: type[BaseModel]) -> None:
    assert model.__doc__, f"{model.__name__} has no docstring"
    undocumented = [name for name, info in model.model_fields.items() if not info.description]
    assert undocumented == [], f"{model.__name__}: fields without a docstring: {undocumented}"


def test_schema_command_writes_one_schema_per_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["schema", "--project", str(ROOT), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted([
        "show.schema.json", "halls.schema.json", "exhibitors.schema.json", "schedule.schema.json",
        "visiting.schema.json", "forms.schema.json", "news.frontmatter.schema.json",
        "page.frontmatter.schema.json", "clients.schema.json", "letters.schema.json",
    ])
    show = json.loads((tmp_path / "show.schema.json").read_text(encoding="utf-8"))
    assert show["additionalProperties"] is False
    assert show["properties"]["site_url"]["description"].startswith("Public address of the site")
    name_schema = show["properties"]["name"]
    assert {"type": "string"} in name_schema["anyOf"]


def test_committed_schemas_are_current(tmp_path: Path) -> None:
    """schemas/ is committed for editors' autocompletion; regenerate with `showpress schema`."""
    CliRunner().invoke(cli, ["schema", "--project", str(ROOT), "--out", str(tmp_path)])
    for fresh in tmp_path.iterdir():
        committed = ROOT / "schemas" / fresh.name
        assert committed.is_file() and committed.read_text(encoding="utf-8") == fresh.read_text(encoding="utf-8"), (
            f"schemas/{fresh.name} is out of date: run `showpress schema`")
