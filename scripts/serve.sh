#!/usr/bin/env bash
# Build and serve the bundled knowledge base on http://127.0.0.1:8000/
# (validation included: a broken answer stops the build with its file and line).
# KB_ADDR=127.0.0.1:8001 picks another address or port.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
addr="${KB_ADDR:-127.0.0.1:8000}"
# A busy port would end in a 30-line traceback from the web server: say it in one line.
if ! .venv/bin/python - "$addr" <<'PY'
import socket, sys
host, _, port = sys.argv[1].rpartition(":")
try:
    number = int(port)
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.bind((host.strip("[]") or "127.0.0.1", number))
except ValueError:
    sys.exit(f"serve.sh: adresse invalide « {sys.argv[1]} » : attendu HÔTE:PORT, par exemple KB_ADDR=127.0.0.1:8001")
except OSError as exc:
    sys.exit(
        f"serve.sh: impossible d'écouter sur {sys.argv[1]} ({exc.strerror}) : le port est sans doute déjà pris "
        "(un autre « serve.sh » ouvert ?). Fermez-le, ou choisissez un autre port : "
        "KB_ADDR=127.0.0.1:8001 bash scripts/serve.sh"
    )
PY
then
  exit 2
fi
exec .venv/bin/mkdocs serve --strict -a "$addr" "$@"
