#!/usr/bin/env bash
# Create (or refresh) the project's virtual environment in .venv, from the lock
# files (pinned versions with hashes, see scripts/lock.sh).
# Usage: bash scripts/setup.sh [test]
#   (no argument) what the site and the kb command need  (requirements/site.lock)
#   test          the same plus the test tools           (requirements/dev.lock)
#   PYTHON        the interpreter to create .venv with (default: python3; 3.11 or newer)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
extras="${1:-}"
case "$extras" in
  "") lock=requirements/site.lock ;;
  test) lock=requirements/dev.lock ;;
  *) echo "setup: argument inconnu « $extras » : attendu rien ou « test »" >&2; exit 2 ;;
esac

version_ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; }

if ! version_ok "$PYTHON"; then
  echo "setup: $PYTHON n'est pas un Python 3.11 ou plus récent ; indiquez-en un avec PYTHON=/chemin/vers/python3.11" >&2
  exit 2
fi
if [ -e .venv ] && ! version_ok .venv/bin/python; then
  echo "setup: .venv n'a pas été créé par un Python 3.11 ou plus récent (ou est cassé) : il est recréé" >&2
  rm -rf .venv
fi
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=".venv/.installed-$(basename "$lock")"
# Reinstall only when the lock file or pyproject.toml changed since the last install.
if [ ! -f "$stamp" ] || [ "$lock" -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  bash scripts/install-locked.sh .venv "$lock"
  touch "$stamp"
fi
