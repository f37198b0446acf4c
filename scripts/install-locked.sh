#!/usr/bin/env bash
# Install the project into an existing virtual environment from a lock file,
# every package checked against its hash (nothing unpinned is fetched, the
# build backend included).
# Usage: bash scripts/install-locked.sh VENV LOCKFILE
set -euo pipefail
cd "$(dirname "$0")/.."
venv="$1"
lock="$2"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes -r "$lock"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
