#!/usr/bin/env bash
# Refresh the lock files from pyproject.toml (and requirements/build.in):
#   requirements/dev.lock   runtime + test dependencies + build backend (scripts/setup.sh test, .ci/run)
#   requirements/site.lock  runtime + build backend, same versions (the GitLab jobs that build or validate)
# Every package is pinned with its hashes; installs use pip --require-hashes.
#
# Usage: bash scripts/lock.sh            # re-resolve what pyproject.toml allows, keeping current pins
#        bash scripts/lock.sh --upgrade  # move every package to its newest allowed release
# Then run bash scripts/test.sh and commit the lock files with the change that needed them.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION="0.13.8"
uv=".tools/uv/bin/uv"
if [ ! -x "$uv" ] || [ "$("$uv" --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  python3 -m venv .tools/uv
  .tools/uv/bin/python -m pip install --quiet "uv==$UV_VERSION"
fi
common=(--generate-hashes --python-version 3.11 --universal --no-header --quiet "$@")
"$uv" pip compile pyproject.toml requirements/build.in --extra test "${common[@]}" -o requirements/dev.lock
"$uv" pip compile pyproject.toml requirements/build.in -c requirements/dev.lock "${common[@]}" -o requirements/site.lock
echo "lock: requirements/dev.lock ($(grep -c '==' requirements/dev.lock) paquets), requirements/site.lock ($(grep -c '==' requirements/site.lock) paquets)"
