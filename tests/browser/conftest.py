"""The built site served the way GitHub Pages serves it."""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading

import pytest

from tests.conftest import Server


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """A missing address gets the site's single /404.html, with status 404, as on GitHub Pages."""

    def log_message(self, format, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = os.path.join(self.directory, "404.html")
        if code != 404 or not os.path.isfile(page):
            return super().send_error(code, message, explain)
        with open(page, "rb") as f:
            body = f.read()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _PagesServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a tab closed mid-transfer: not the site's fault
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def pages_server(site_build) -> Server:
    """The repository's site over HTTP on 127.0.0.1, missing addresses answered by /404.html (404)."""
    handler = functools.partial(_PagesHandler, directory=str(site_build.site))
    server = _PagesServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield Server(f"http://127.0.0.1:{server.server_port}/")
    server.shutdown()
    server.server_close()
