"""The OpenAPI description and the service agree: schemathesis (every check, positive and negative
data, coverage and fuzzing phases) against the collector on a real socket, bounded and seeded."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
from collector_support import ADMIN, SITE_ORIGIN, running_collector, tiny_show

from generator.collector.settings import Settings

EXAMPLES = 10
"""Hypothesis examples per operation in the fuzzing phase (the coverage phase adds its own)."""


def schemathesis() -> list[str]:
    found = shutil.which("schemathesis", path=str(Path(sys.executable).parent))
    assert found, "schemathesis is in the test extra: pip install -e '.[test]'"
    return [found]


def test_schemathesis_finds_no_difference(tmp_path: Path) -> None:
    settings = Settings(show=tiny_show(), db_url=f"sqlite:///{tmp_path / 'f.db'}", admin_token=ADMIN,
                        token_secret="token-secret-for-tests", rate_per_minute=0)
    with running_collector(settings) as running:
        done = subprocess.run(
            [*schemathesis(), "run", f"{running.url}/openapi.json", "--checks", "all",
             "--max-examples", str(EXAMPLES), "--seed", "20260101", "--no-color",
             "-H", f"Origin: {SITE_ORIGIN}", "-H", f"Authorization: Bearer {ADMIN}"],
            cwd=tmp_path, capture_output=True, text=True, timeout=240)
        assert httpx.get(f"{running.url}/healthz").json() == {"ok": True}
    out = done.stdout + done.stderr
    assert done.returncode == 0, out[-6000:]
    figures = re.search(r"(\d+) generated, (\d+) passed", out)
    assert figures, out[-3000:]
    generated, passed = map(int, figures.groups())
    assert generated == passed >= 200, out[-3000:]
    assert "Coverage" in out and "Fuzzing" in out
    print(f"schemathesis: {generated} cases generated, {passed} passed")
