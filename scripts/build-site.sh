#!/usr/bin/env bash
# Build the site (site/) and its offline copy, zipped into the site as
# site/telechargement/base-hors-ligne.zip (the home page links to
# telechargement/base-hors-ligne.zip). Used by the `build` and `pages` CI jobs.
#
# Usage: bash scripts/build-site.sh
#   KB_REQUIRE_OFFLINE=1  fail when mkdocs-offline.yml is absent (pages job)
#   MKDOCS                the mkdocs command (default: mkdocs on PATH, else .venv/bin/mkdocs, set up if needed)
#   KB                    the kb command (default: the one beside MKDOCS)
#
# The published site gets gzip and brotli copies of its text files (FILE.gz,
# FILE.br, served by GitLab Pages to browsers that accept them): `kb precompress`.
# The offline copy (read from file://) does not need them.
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
if [ -z "${KB:-}" ]; then
  KB="$(dirname "$(command -v "${MKDOCS%% *}" || echo .)")/kb"
  [ -x "$KB" ] || KB=kb
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
  "$KB" precompress site
  exit 0
fi
rm -rf site-offline
$MKDOCS build --strict -f mkdocs-offline.yml --site-dir site-offline/base-hors-ligne
mkdir -p site/telechargement
rm -f site/telechargement/base-hors-ligne.zip
(cd site-offline && "$PY" -m zipfile -c ../site/telechargement/base-hors-ligne.zip base-hors-ligne/)
"$KB" precompress site
echo "build-site: site/index.html et site/telechargement/base-hors-ligne.zip ($(du -h site/telechargement/base-hors-ligne.zip | cut -f1)) construits"
