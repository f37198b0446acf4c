"""The README's scripts fail in one French line, never with a traceback."""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def serve(addr: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, KB_ADDR=addr)
    return subprocess.run(["bash", "scripts/serve.sh"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_busy_port_is_one_line() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = serve(f"127.0.0.1:{port}")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith(f"serve.sh: impossible d'écouter sur 127.0.0.1:{port}")
    assert "KB_ADDR=127.0.0.1:8001 bash scripts/serve.sh" in last


def test_bad_address_is_one_line() -> None:
    proc = serve("localhost")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith("serve.sh: adresse invalide « localhost »")
