#!/usr/bin/env bash
# Build the site (site/) and its offline copy, zipped into the site as
# site/telechargement/base-hors-ligne.zip (the home page links to
# telechargement/base-hors-ligne.zip). Used by the `build` and `pages` CI jobs.
#
# Usage: bash scripts/build-site.sh
#   KB_REQUIRE_OFFLINE=1  fail when mkdocs-offline.yml is absent (pages job)
#   MKDOCS                the mkdocs command (default: mkdocs on PATH, else .venv/bin/mkdocs, set up if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${MKDOCS:-}" ]; then
  if command -v mkdocs >/dev/null 2>&1; then
    MKDOCS=mkdocs
  else  # on a developer's machine: the project's own environment
    bash scripts/setup.sh
    MKDOCS=.venv/bin/mkdocs
  fi
fi
export NO_MKDOCS_2_WARNING=1
PY="$(command -v python3 || command -v python)"

$MKDOCS build --strict --site-dir site

if [ ! -f mkdocs-offline.yml ]; then
  if [ "${KB_REQUIRE_OFFLINE:-}" = 1 ]; then
    echo "build-site: mkdocs-offline.yml introuvable : la copie hors ligne ne peut pas être construite" >&2
    exit 1
  fi
  echo "build-site: mkdocs-offline.yml absent : pas de copie hors ligne (site seul)" >&2
  exit 0
fi
rm -rf site-offline
$MKDOCS build --strict -f mkdocs-offline.yml --site-dir site-offline/base-hors-ligne
mkdir -p site/telechargement
rm -f site/telechargement/base-hors-ligne.zip
(cd site-offline && "$PY" -m zipfile -c ../site/telechargement/base-hors-ligne.zip base-hors-ligne/)
echo "build-site: site/index.html et site/telechargement/base-hors-ligne.zip ($(du -h site/telechargement/base-hors-ligne.zip | cut -f1)) construits"
