# Python environment of a GitLab CI job; to be *sourced* by the job:
#   . scripts/ci-env.sh
# Works in the python:3.11-slim image (docker executor) and with a shell
# executor on a developer's machine:
#   - KB_VENV set (e.g. to an existing .venv with the project installed):
#     reuse it, with this checkout first on PYTHONPATH so its kb_tools is the
#     one imported (fast: nothing is installed);
#   - otherwise: a fresh virtual environment in .venv-ci, the project installed
#     into it from requirements/site.lock (pinned, hashes checked; pip's cache,
#     PIP_CACHE_DIR, is kept between pipelines by GitLab).
if [ -n "${KB_VENV:-}" ]; then
  if [ ! -x "$KB_VENV/bin/python" ]; then
    echo "ci-env: KB_VENV=$KB_VENV ne contient pas d'environnement Python (bin/python absent)" >&2
    return 1 2>/dev/null || exit 1
  fi
  export PATH="$KB_VENV/bin:$PATH"
  export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
else
  python3 -m venv .venv-ci
  bash scripts/install-locked.sh .venv-ci requirements/site.lock
  export PATH="$PWD/.venv-ci/bin:$PATH"
fi
export NO_MKDOCS_2_WARNING=1
kb --help >/dev/null
