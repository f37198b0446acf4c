"""A loopback web server that serves a built site like GitLab Pages does.

GitLab Pages compresses nothing on the fly: for a request of ``FILE`` from a
browser that sends ``Accept-Encoding: br`` (or ``gzip``) it serves ``FILE.br``
(or ``FILE.gz``) when that file sits beside ``FILE``, with
``Content-Encoding`` and ``Vary: Accept-Encoding``, else ``FILE`` itself. This
server does the same (brotli first, then gzip) and records every response
(path, encoding, bytes sent including headers, time) so that a benchmark can
tell how many bytes crossed the link before a given moment.

    with serve_pages(site_dir) as (url, log): ...
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


@dataclass
class Sent:
    path: str
    encoding: str | None
    bytes: int  # status line, headers and body
    started: float  # time.perf_counter() when the request was read
    finished: float  # when the last byte was handed to the socket


@dataclass
class Log:
    responses: list[Sent] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sent: Sent) -> None:
        with self.lock:
            self.responses.append(sent)

    def clear(self) -> None:
        with self.lock:
            self.responses.clear()

    def requested_before(self, moment: float) -> list[Sent]:
        with self.lock:
            return [r for r in self.responses if r.started <= moment]


def accepted(header: str) -> set[str]:
    """Codings the client accepts (``q=0`` excluded)."""
    out = set()
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        if params.strip().replace(" ", "") in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            continue
        if name.strip():
            out.add(name.strip().lower())
    return out


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    log: Log

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _path_of(self) -> Path | None:
        rel = unquote(urlsplit(self.path).path)
        target = Path(self.translate_path(rel))
        if target.is_dir():
            if not rel.endswith("/"):
                return None  # SimpleHTTPRequestHandler redirects
            target = target / "index.html"
        return target if target.is_file() else None

    def do_GET(self) -> None:
        started = time.perf_counter()
        target = self._path_of()
        if target is None:
            super().do_GET()  # redirects, 404 (counted below as the bytes written)
            self._record(None, started)
            return
        encoding = None
        body_path = target
        wanted = accepted(self.headers.get("Accept-Encoding", ""))
        for name, suffix in ENCODINGS:
            copy = target.with_name(target.name + suffix)
            if name in wanted and copy.is_file():
                encoding, body_path = name, copy
                break
        data = body_path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(target)))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "max-age=600")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        self.wfile.write(data)
        self._record(encoding, started)

    def _record(self, encoding: str | None, started: float) -> None:
        self.log.add(Sent(self.path, encoding, self._written, started, time.perf_counter()))

    # Count what goes out: the handler writes through ``wfile`` (headers are flushed into it too).
    def setup(self) -> None:
        super().setup()
        self._written = 0
        raw = self.wfile

        handler = self

        class Counting:
            def write(self, b: bytes) -> int:
                handler._written += len(b)
                return int(raw.write(b))

            def flush(self) -> None:
                raw.flush()

            def __getattr__(self, name: str) -> Any:
                return getattr(raw, name)

        self.wfile = Counting()  # type: ignore[assignment]

    def handle_one_request(self) -> None:
        self._written = 0
        super().handle_one_request()


@contextmanager
def serve_pages(directory: Path) -> Iterator[tuple[str, Log]]:
    log = Log()
    handler = type("Handler", (PagesHandler,), {"log": log})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/", log
    finally:
        httpd.shutdown()
        httpd.server_close()


if __name__ == "__main__":  # python bench/pages_server.py site/  (serves until Ctrl-C)
    import sys

    with serve_pages(Path(sys.argv[1] if len(sys.argv) > 1 else "site")) as (url, _):
        print(f"serving {os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else 'site')} on {url}")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
