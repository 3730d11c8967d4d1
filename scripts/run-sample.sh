#!/usr/bin/env bash
# Set up, then check and build the bundled sample show: site/ with feeds, calendars and brochures.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/showpress check
.venv/bin/showpress build "$@"
echo "run-sample: open site/index.html (or run .venv/bin/showpress serve)"
