#!/usr/bin/env bash
# Install everything showpress needs on a Debian machine (as root) and create .venv.
#   bash scripts/setup.sh          what building a show needs
#   bash scripts/setup.sh --test   plus what the test suite needs (Chromium, PostgreSQL, poppler, zbar)
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[[ "${1:-}" == "--test" ]] && want_test=1

packages=(fonts-noto-cjk fonts-noto-core fonts-noto-color-emoji libharfbuzz-subset0 libgs-common libpango-1.0-0
          libpangoft2-1.0-0 shared-mime-info libicu-dev pkg-config g++
          fonts-noto-mono)
if (( want_test )); then
  packages+=(poppler-utils chromium zbar-tools postgresql faketime qpdf)
fi
if (( want_test )); then
  command -v java >/dev/null || packages+=(default-jre-headless)   # the Nu Html Checker (vnu.jar)
  command -v npm >/dev/null || packages+=(nodejs npm)               # installs the checkers below
fi
python=${PYTHON:-python3}
if ! "$python" -c 'import ensurepip, venv' 2>/dev/null; then
  packages+=(python3-venv)
fi

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if (( ${#missing[@]} )); then
  echo "setup: installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "setup: showpress needs Python 3.11 or newer (found $("$python" --version)); set PYTHON=python3.11" >&2
  exit 1
}
[[ -x .venv/bin/python ]] || "$python" -m venv .venv

stamp=.venv/.showpress-installed
want=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
if [[ ! -f $stamp || "$(cat "$stamp")" != "$want" ]]; then
  echo "setup: installing Python packages into .venv"
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.lock
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e .
  echo "$want" > "$stamp"
fi
if (( want_test )) && ! .venv/bin/python -c 'import zensical' 2>/dev/null; then
  # The Zensical engine (tests/test_site_zensical.py), only with --test: the newest release first;
  # 0.1.x and 0.0.74 need zensical-ui, which this registry does not serve, so fall back to the
  # newest that installs, the pin of the zensical extra (requirements-zensical.lock).
  echo "setup: installing Zensical"
  .venv/bin/python -m pip install -q --disable-pip-version-check zensical==0.1.3 2>/dev/null \
    || .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-zensical.lock
fi
if (( want_test )); then
  # The checkers the tests run over the built site, pinned in tools/checkers/package-lock.json.
  checkers_stamp=tools/checkers/node_modules/.showpress-installed
  checkers_want=$(sha256sum tools/checkers/package-lock.json | cut -d' ' -f1)
  if [[ ! -f $checkers_stamp || "$(cat "$checkers_stamp")" != "$checkers_want" ]]; then
    echo "setup: installing the site checkers (vnu-jar, axe-core) with npm"
    (cd tools/checkers && npm ci --no-audit --no-fund --loglevel=error --ignore-scripts)
    echo "$checkers_want" > "$checkers_stamp"
  fi
fi
echo "setup: ready (.venv/bin/showpress)"
