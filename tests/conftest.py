"""Shared fixtures: build sites with ProperDocs, serve them over HTTP, parse their HTML."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import pickle
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, TypeVar
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from bench.corpus import POSTS, copy_project

REPO = Path(__file__).resolve().parents[1]
# The site is built by ProperDocs (`make build` runs `properdocs build`)
PROPERDOCS = [sys.executable, "-m", "properdocs"]
# What Material and mkdocs-redirects print when they run under MkDocs itself
# (Material's end of life; "switch to ProperDocs"), and the switches that hide
# it: ProperDocs needs no switch, so tests run without them and find no banner.
BANNER_SWITCHES = ("NO_MKDOCS_2_WARNING", "DISABLE_MKDOCS_2_WARNING")
BANNER_TEXTS = ("end of life", "MkDocs may break support", "switch to *ProperDocs*", "set NO_MKDOCS_2_WARNING")
T = TypeVar("T")
ENV = {**{k: v for k, v in os.environ.items() if k not in BANNER_SWITCHES}, "PYTHONPATH": str(REPO)}


def banners(output: str) -> list[str]:
    """The MkDocs 2 banner texts found in a command's output."""
    return [text for text in BANNER_TEXTS if text in output]


@dataclass
class BuildResult:
    returncode: int
    output: str  # stdout and stderr, interleaved
    site: Path

    def page(self, url_path: str) -> HTMLParser:
        return HTMLParser(self.file(url_path).read_text(encoding="utf-8"))

    def alternates(self, url_path: str) -> dict[str, str]:
        """hreflang -> URL of the page's language versions, as the root sitemap lists them."""
        ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
        root = ElementTree.fromstring((self.site / "sitemap.xml").read_bytes())
        wanted = "/" + url_path.lstrip("/")
        entries = [u for u in root.findall("s:url", ns) if urlsplit(u.findtext("s:loc", namespaces=ns)).path == wanted]
        assert len(entries) == 1, f"{wanted} is listed {len(entries)} times in the sitemap"
        return {link.get("hreflang"): link.get("href") for link in entries[0].findall("x:link", ns)}

    def file(self, url_path: str) -> Path:
        path = self.site / url_path.strip("/")
        if url_path.endswith("/") or url_path in ("", "/"):
            path = path / "index.html"
        return path


def run_mkdocs_build(project: Path, site_dir: Path, *, strict: bool = True) -> BuildResult:
    cmd = [*PROPERDOCS, "build", "--site-dir", str(site_dir)] + (["--strict"] if strict else [])
    proc = subprocess.run(
        cmd, cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600
    )
    return BuildResult(proc.returncode, proc.stdout, site_dir)


def make_project(root: Path, posts: dict[str, str | bytes] | None = None, *, keep_posts: bool = False) -> Path:
    """A copy of the portal in `root`, with `posts` as the only posts (file name -> content)."""
    project = copy_project(root / "project", root=REPO, keep_posts=keep_posts)
    for name, content in (posts or {}).items():
        target = project / POSTS / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return project


def post_text(title: str, date: str, lang: str, ref: str, body: str = "", **extra: str) -> str:
    """A post file's text; `extra` adds front matter lines verbatim."""
    lines = [f"title: {title}", f"date: {date}", f"lang: {lang}", f"ref: {ref}"]
    lines += [f"{key}: {value}" for key, value in extra.items()]
    body = body or f"First paragraph of {title}.\n\nSecond paragraph of {title}."
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body + "\n"


def shared_build(tmp_path_factory, key: str, build: Callable[[Path], T]) -> T:
    """What `build(root)` returns (a BuildResult whose site is under `root`, or a
    tuple holding one and other picklable values), built once per test session.

    Every fixture, module and pytest-xdist worker that asks for the same `key`
    gets the same build: the first one builds it under a file lock, in a folder
    of the session's temporary directory shared by the workers; the others wait
    for it and read it. A build that raises is not kept (the next caller tries
    again, and fails the same way). Tests must treat the result as read-only:
    one that changes files builds its own site (`make_project`, `run_mkdocs_build`).
    """
    from filelock import FileLock

    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # <session>/popen-gwN: the session's folder is shared by the workers
    folder = base / "shared-builds" / re.sub(r"[^\w.-]", "_", key)
    done = folder.parent / f"{folder.name}.pickle"
    folder.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(folder) + ".lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a build that raised left
            folder.mkdir()
            partial = folder.parent / f"{folder.name}.partial"
            partial.write_bytes(pickle.dumps(build(folder)))
            partial.replace(done)
    return pickle.loads(done.read_bytes())


def strict_build(project: Path, root: Path) -> BuildResult:
    """`project` built strictly into `root`/site; fails the test with the build's output if it fails."""
    result = run_mkdocs_build(project, root / "site")
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> BuildResult:
    """The repository's own site, built strictly once per test session (shared by the xdist workers)."""
    return shared_build(tmp_path_factory, "site", functools.partial(strict_build, REPO))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@dataclass
class Server:
    url: str  # http://127.0.0.1:PORT/


@pytest.fixture(scope="session")
def site_server(site_build) -> Server:
    """The built site over HTTP on 127.0.0.1 (Material's language switcher needs HTTP)."""
    with serve_directory(site_build.site) as url:
        yield Server(url)


@contextlib.contextmanager
def serve_directory(site: Path):
    """`site` over HTTP on 127.0.0.1 (an ephemeral port) while the block runs; yields its URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (Playwright never downloads a browser here)."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} is missing: run `make browser-deps` (Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


def pytest_collection_modifyitems(config, items):
    """Mark tests by folder, so `make test-fast` can leave out builds and browsers."""
    for item in items:
        parts = Path(str(item.fspath)).parts
        if "build" in parts:
            item.add_marker(pytest.mark.build)
        if "browser" in parts:
            item.add_marker(pytest.mark.browser)
