"""A stand-in for Gravatar on a loopback HTTP port: GET /avatar/<sha256>
answers 200 with a 1-pixel image for the hashes in ``images``, 404 for
others; ``status`` overrides every answer and ``delay`` holds it back (a
timeout). Requests are recorded so the cache can be observed."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from arcjet_core.gravatar import avatar_hash

PIXEL = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"


class AvatarServer:
    def __init__(self) -> None:
        self.images: set[str] = set()
        self.status: int | None = None
        self.delay = 0.0
        self.requests: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.requests.append(self.path)
                if owner.delay:
                    time.sleep(owner.delay)
                digest = self.path.split("?", 1)[0].rsplit("/", 1)[-1]
                status = owner.status or (200 if digest in owner.images else 404)
                body = PIXEL if status == 200 else b"not found"
                try:
                    self.send_response(status)
                    self.send_header("content-length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass  # the client gave up (timeout test)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/avatar/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def add(self, address: str) -> None:
        self.images.add(avatar_hash(address))

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
