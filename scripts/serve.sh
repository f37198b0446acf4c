#!/usr/bin/env bash
# Build and serve the bundled knowledge base on http://127.0.0.1:8000/
# (validation included: a broken answer stops the build with its file and line).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/mkdocs serve --strict -a "${KB_ADDR:-127.0.0.1:8000}" "$@"
