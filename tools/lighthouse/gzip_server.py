"""A static server for `site/` that compresses like GitHub Pages.

GitHub Pages answers text types with ``Content-Encoding: gzip`` when the
browser accepts it, and serves directories through their ``index.html`` and
missing addresses with ``/404.html`` (status 404). Lighthouse's byte counts
and timings are only meaningful against the same transfer sizes, so
`make lighthouse` serves the built site through this instead of
``python -m http.server`` (which never compresses).

Usage: python gzip_server.py SITE_DIR [PORT]   (PORT 0: an ephemeral port,
printed on the first line of standard output as ``http://127.0.0.1:PORT/``).
"""

from __future__ import annotations

import gzip
import mimetypes
import sys
from functools import lru_cache
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# what GitHub Pages (Fastly) compresses; pictures and fonts are sent as they are
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml",
                "application/rss+xml", "application/atom+xml", "image/svg+xml", "application/manifest+json")
mimetypes.add_type("application/javascript", ".js")
mimetypes.add_type("application/json", ".json")
mimetypes.add_type("image/svg+xml", ".svg")


@lru_cache(maxsize=512)
def _gzipped(path: str, mtime_ns: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class GzipHandler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like a CDN

    def log_message(self, format, *args):  # quiet: Lighthouse makes hundreds of requests
        pass

    def _resolve(self) -> tuple[Path | None, int]:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return path, HTTPStatus.MOVED_PERMANENTLY
            path = path / "index.html"
        if path.is_file():
            return path, HTTPStatus.OK
        return Path(self.directory) / "404.html", HTTPStatus.NOT_FOUND

    def send_head(self):
        path, status = self._resolve()
        if status == HTTPStatus.MOVED_PERMANENTLY:
            self.send_response(status)
            self.send_header("Location", self.path.split("?", 1)[0] + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if not path.is_file():
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        ctype = self.guess_type(str(path))
        body = path.read_bytes()
        encoded = ctype.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", "")
        if encoded:
            body = _gzipped(str(path), path.stat().st_mtime_ns)
        self.send_response(status)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # GitHub Pages' value
        self.send_header("Vary", "Accept-Encoding")
        if encoded:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        return body

    def do_GET(self):
        body = self.send_head()
        if body:
            self.wfile.write(body)

    def do_HEAD(self):
        self.send_head()


def serve(site_dir: str, port: int = 0) -> ThreadingHTTPServer:
    def handler(*args, **kwargs):
        return GzipHandler(*args, directory=site_dir, **kwargs)

    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    return server


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: python gzip_server.py SITE_DIR [PORT]")
    server = serve(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    print(f"http://127.0.0.1:{server.server_address[1]}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
