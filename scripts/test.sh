#!/usr/bin/env bash
# Run the whole test suite (set-up included). Extra arguments go to pytest.
# Browser tests need Debian's Chromium (/usr/bin/chromium); pipeline tests need
# gitlab-ci-local (bash scripts/install-ci-tools.sh). Without them those tests
# are skipped with a message, unless KB_REQUIRE_BROWSER=1 / KB_REQUIRE_CI_TOOLS=1.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export NO_MKDOCS_2_WARNING=1
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy  # --strict on kb_tools and hooks ([tool.mypy] in pyproject.toml)
exec .venv/bin/python -m pytest "$@"
