#!/usr/bin/env bash
# Set up (with the test tools), then run the whole test suite. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export SHOWPRESS_REQUIRE_POSTGRES=1 SHOWPRESS_REQUIRE_CHROMIUM=1
.venv/bin/ruff check generator tests bench
.venv/bin/mypy generator
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
