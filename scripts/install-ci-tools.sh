#!/usr/bin/env bash
# Install Node 22 and gitlab-ci-local into .tools/ (gitignored), idempotently.
#
# Usage: bash scripts/install-ci-tools.sh
#   Afterwards: .tools/bin/gitlab-ci-local --version   (and .tools/bin/node)
# Environment (optional):
#   KB_TOOLS_DIR   where to install (default: .tools at the project root)
#   GCL_VERSION    gitlab-ci-local version (default below)
#   NODE_VERSION   node package version range (default: 22)
# Needs npm (any version) to bootstrap; Node 22 itself comes from the npm
# registry's `node` package. rsync (Debian package) is needed by
# gitlab-ci-local to copy the project: apt-get install -y rsync.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS="${KB_TOOLS_DIR:-.tools}"
GCL_VERSION="${GCL_VERSION:-4.75.1}"
NODE_VERSION="${NODE_VERSION:-22}"
mkdir -p "$TOOLS/bin"
TOOLS="$(cd "$TOOLS" && pwd)"
bin="$TOOLS/node_modules/.bin"

installed() {
  [ -x "$bin/node" ] && [ -x "$bin/gitlab-ci-local" ] || return 1
  case "$("$bin/node" --version 2>/dev/null)" in "v$NODE_VERSION".*) ;; *) return 1 ;; esac
  [ "$(PATH="$bin:$PATH" "$bin/gitlab-ci-local" --version 2>/dev/null)" = "$GCL_VERSION" ]
}

if installed; then
  echo "install-ci-tools: déjà installés dans $TOOLS (node $("$bin/node" --version), gitlab-ci-local $GCL_VERSION)"
else
  if ! command -v npm >/dev/null 2>&1; then
    echo "install-ci-tools: npm introuvable ; installez-le (apt-get install -y npm) puis relancez" >&2
    exit 1
  fi
  [ -f "$TOOLS/package.json" ] || echo '{"name": "kb-ci-tools", "private": true}' >"$TOOLS/package.json"
  npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error \
    "node@$NODE_VERSION" "gitlab-ci-local@$GCL_VERSION"
fi

# Wrappers that put Node 22 first on PATH (gitlab-ci-local's shebang is
# `#!/usr/bin/env node`, which would otherwise pick the system's node).
for tool in node gitlab-ci-local; do
  cat >"$TOOLS/bin/$tool" <<WRAP
#!/usr/bin/env bash
export PATH="$bin:\$PATH"
exec "$bin/$tool" "\$@"
WRAP
  chmod +x "$TOOLS/bin/$tool"
done

if ! command -v rsync >/dev/null 2>&1; then
  echo "install-ci-tools: attention, rsync est absent (apt-get install -y rsync) : gitlab-ci-local en a besoin" >&2
fi
installed || { echo "install-ci-tools: l'installation a échoué (voir ci-dessus)" >&2; exit 1; }
echo "install-ci-tools: node $("$TOOLS/bin/node" --version), gitlab-ci-local $("$TOOLS/bin/gitlab-ci-local" --version) dans $TOOLS/bin"
