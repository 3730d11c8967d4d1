"""The command-line surface: thin commands that load their area lazily, and one door
(``generator.loading.show_problems``) shared by `showpress check` and the tests. That no area imports
generator.cli is guarded in test_architecture.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from conftest import ROOT, TINY, problems
from generator.cli import cli

HEAVY = ("weasyprint", "mkdocs", "material", "starlette", "uvicorn", "zensical")
"""Libraries that only the command needing them may load."""

CHECK_MAY_LOAD = {"generator.pdf.choices", "generator.site", "generator.site.identity"}
"""Area modules `showpress check` may load: the print choices its options list, and the colour contrast
check that checks.py asks of site/identity.py."""

PROBE = """
import json, sys
from generator.cli import cli
loaded_by_import = sorted(sys.modules)
commands = sorted(cli.commands)
for name in commands:
    try:
        cli.main([name, "--help"], prog_name="showpress", standalone_mode=False)
    except SystemExit:
        pass
try:
    cli.main(["-q", "check", "--project", sys.argv[1]], prog_name="showpress", standalone_mode=False)
except SystemExit:
    pass
print(json.dumps({"import": loaded_by_import, "check": sorted(sys.modules), "commands": commands}))
"""


def _probe() -> dict[str, list[str]]:
    done = subprocess.run([sys.executable, "-c", PROBE, str(TINY)], capture_output=True, text=True, check=True,
                          cwd=ROOT, env={"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": "1781265600"})
    result: dict[str, list[str]] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if m.split(".")[0] in HEAVY]


def test_help_of_every_command_and_check_load_no_heavy_library_nor_other_areas() -> None:
    probe = _probe()
    assert probe["commands"] == sorted(["check", "schema", "new", "build", "serve", "brochures", "mailing",
                                        "collector", "report", "i18n"])
    assert _heavy(probe["import"]) == []
    assert _heavy(probe["check"]) == []
    areas = [m for m in probe["check"] if m.startswith(("generator.site", "generator.collector", "generator.feeds",
                                                         "generator.pdf."))]
    assert sorted(set(areas) - CHECK_MAY_LOAD) == []


def test_check_and_the_tests_report_the_same_problems_through_one_door(tiny: Path) -> None:
    page = tiny / "content" / "en" / "press.md"
    page.write_text("---\ntitle: Press\n---\n\n# Press\n\n<!-- showpress:form nope -->\n", encoding="utf-8")
    marker = "content/en/press.md:7:1: form marker names no form 'nope' (known forms: feedback, ask)"
    assert marker in problems(tiny)
    result = CliRunner().invoke(cli, ["check", "--project", str(tiny)], env={"SOURCE_DATE_EPOCH": "1781265600"})
    assert result.exit_code == 2
    printed = [line for line in result.output.splitlines() if line.startswith(("content/", "data/"))]
    assert printed == problems(tiny)
