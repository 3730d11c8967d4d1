#!/usr/bin/env bash
# Install everything showpress needs on a Debian machine (as root) and create .venv.
#   bash scripts/setup.sh          what building a show needs
#   bash scripts/setup.sh --test   plus what the test suite needs (Chromium, PostgreSQL, poppler, zbar)
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[[ "${1:-}" == "--test" ]] && want_test=1

packages=(fonts-noto-cjk fonts-noto-core fonts-noto-color-emoji libharfbuzz-subset0 libpango-1.0-0
          libpangoft2-1.0-0 shared-mime-info)
if (( want_test )); then
  packages+=(poppler-utils chromium zbar-tools postgresql)
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
echo "setup: ready (.venv/bin/showpress)"
