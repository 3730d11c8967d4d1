#!/usr/bin/env bash
# Set up (with the test tools), then run the whole test suite. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export SHOWPRESS_REQUIRE_POSTGRES=1 SHOWPRESS_REQUIRE_CHROMIUM=1 SHOWPRESS_REQUIRE_ZENSICAL=1
.venv/bin/ruff check generator tests bench
.venv/bin/mypy generator
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
if [[ $# -eq 0 ]]; then
  # The same outputs on any day: the date-sensitive tests again with the system clock moved to a
  # leap day years away (tests/conftest.py fixes the generator's clock; this proves nothing else reads it).
  echo "test: date-sensitive tests again with the clock at 2032-02-29 23:30 (faketime)"
  faketime '2032-02-29 23:30:00' .venv/bin/python -m pytest -q -p no:cacheprovider \
    tests/test_clock.py tests/test_pdf_mailing.py tests/test_news_dates.py tests/test_feeds_news.py \
    tests/test_feeds_calendar.py tests/test_site_pages.py
fi
