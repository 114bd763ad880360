"""Every kind of page, in every language, loads without a failed request, an
off-site request or a console error, served the way GitHub Pages serves it.

The pages are found in the built site (one of each kind per language), so the
sweep follows the content instead of naming addresses that could vanish.
"""

from __future__ import annotations

import posixpath
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from selectolax.lexbor import LexborHTMLParser

from geotrek_portal.config import load_site
from geotrek_portal.urls import help_translate_path
from tests.conftest import REPO

pytestmark = pytest.mark.browser

SITE = load_site(REPO / "mkdocs.yml")
MISSING = "no-such-page/"  # an address no language has: the 404 page answers it
# Kinds every language has; the others must exist in at least one language
EVERY_LANGUAGE = {"home", "news", "post", "archive", "category", "events", "event", "help translate", "404"}
SOMEWHERE = {"news page 2", "post with translations", "post without translations", "users"}
QUIET_MS = 150  # no request in flight for this long: the page is done loading
MAX_WAIT_S = 30  # on a busy machine; a page normally settles in under a second
# Material writes its search placeholder in the results' header once the search works
SEARCH_READY = "() => { const meta = document.querySelector('.md-search-result__meta'); return !meta || !!meta.textContent.trim() }"


@dataclass
class Visit:
    lang: str
    kind: str
    path: str  # from the site root, no leading slash
    status: int = 200
    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.lang} {self.kind} /{self.path}"


def _html(site: Path, path: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / path / "index.html").read_text(encoding="utf-8"))


def _first_dir(folder: Path, site: Path) -> str | None:
    pages = sorted(p.parent for p in folder.glob("*/index.html"))
    return pages[0].relative_to(site).as_posix() + "/" if pages else None


def pages_of(site: Path, lang: str) -> list[Visit]:
    """One page of each kind in `lang`'s part of the built site."""
    prefix = SITE.languages[lang].prefix
    root = site / prefix
    visits = [Visit(lang, "home", prefix), Visit(lang, "news", f"{prefix}blog/")]
    if (root / "blog/page/2/index.html").is_file():
        visits.append(Visit(lang, "news page 2", f"{prefix}blog/page/2/"))
    posts = sorted(p.parent.relative_to(site).as_posix() + "/" for p in root.glob("blog/[0-9]*/*/*/*/index.html"))
    by_kind: dict[str, str] = {}
    for path in posts:
        translated = _html(site, path).css_first('[data-portal="translations"]') is not None
        by_kind.setdefault("post with translations" if translated else "post without translations", path)
    if posts:
        visits.append(Visit(lang, "post", posts[-1]))  # the newest
    visits += [Visit(lang, kind, path) for kind, path in sorted(by_kind.items())]
    for kind, folder in (("archive", "blog/archive"), ("category", "blog/category"), ("event", "events")):
        path = _first_dir(root / folder, site)
        if path:
            visits.append(Visit(lang, kind, path))
    if (root / "events/index.html").is_file():
        visits.append(Visit(lang, "events", f"{prefix}events/"))
    help_page = help_translate_path(SITE.languages, lang)
    if (site / help_page / "index.html").is_file():
        visits.append(Visit(lang, "help translate", help_page))
    # the portal pages: every other tab of the navigation
    known = {v.path for v in visits}
    for link in _html(site, prefix).css(".md-tabs__link"):
        path = urljoin("/" + prefix, link.attributes["href"]).lstrip("/")
        if path in known or not (site / path / "index.html").is_file():
            continue
        known.add(path)
        if _html(site, path).css_first("[data-portal-map]") is not None:
            visits.append(Visit(lang, "users", path))  # OpenStreetMap only once the reader asks
        else:
            visits.append(Visit(lang, "page " + posixpath.basename(path.rstrip("/")), path))
    visits.append(Visit(lang, "404", prefix + MISSING, status=404))
    return visits


def every_page(site: Path) -> list[Visit]:
    visits = [v for lang in SITE.languages.codes for v in pages_of(site, lang)]
    missing = [
        f"{lang}: {kind}"
        for lang in SITE.languages.codes
        for kind in sorted(EVERY_LANGUAGE - {v.kind for v in visits if v.lang == lang})
    ]
    missing += [f"any language: {kind}" for kind in sorted(SOMEWHERE - {v.kind for v in visits})]
    assert missing == [], "the built site lacks pages the sweep must visit"
    return visits


class Sweep:
    """One tab that visits pages one after the other and records, per page, its
    requests and what went wrong. Requests to other hosts are refused (after
    being recorded): nothing leaves the machine."""

    def __init__(self, context, root: str) -> None:
        self.root = root
        self.here = urlsplit(root).netloc
        self.visit = Visit("", "", "")
        self.pending: dict = {}  # request in flight -> the visit that made it
        self.last_activity = time.monotonic()
        self.tab = tab = context.new_page()
        tab.route(re.compile(r"^(?!" + re.escape(root) + ")https?://"), lambda route: route.abort())
        tab.on("request", self._request)
        tab.on("requestfinished", self._done)
        tab.on("requestfailed", self._failed)
        tab.on("response", self._response)
        tab.on("console", self._console)
        tab.on("pageerror", lambda error: self.visit.problems.append(f"script error: {error}"))

    def load(self, visit: Visit) -> Visit:
        self.visit = visit
        self.tab.goto(self.url, wait_until="load")
        # Material's search is ready once its worker has the index and the
        # language's stemmer: their requests come late, after a lull
        try:
            self.tab.wait_for_function(SEARCH_READY, timeout=MAX_WAIT_S * 1000)
        except PlaywrightTimeout:
            visit.problems.append(f"the search was not ready after {MAX_WAIT_S} s")
        deadline = time.monotonic() + MAX_WAIT_S
        while time.monotonic() < deadline and (self.pending or time.monotonic() - self.last_activity < QUIET_MS / 1000):
            self.tab.wait_for_timeout(25)
        if self.pending:
            visit.problems.append(f"still loading after {MAX_WAIT_S} s: {sorted(r.url for r in self.pending)}")
        return visit

    @property
    def url(self) -> str:
        return self.root + self.visit.path

    def _local(self, address: str) -> bool:
        return urlsplit(address).netloc == self.here

    def _request(self, request) -> None:
        self.pending[request] = self.visit
        self.last_activity = time.monotonic()
        if request.url.startswith(("data:", "blob:")):
            return
        self.visit.requests.append(request.url)
        if not self._local(request.url):
            self.visit.problems.append(f"request to another host: {request.url}")

    def _done(self, request) -> Visit:
        self.last_activity = time.monotonic()
        return self.pending.pop(request, self.visit)

    def _failed(self, request) -> None:
        owner = self._done(request)
        if owner is not self.visit and "ERR_ABORTED" in (request.failure or ""):
            return  # a late request of the previous page, cut short when the sweep moved on
        if self._local(request.url):
            owner.problems.append(f"failed: {request.url} ({request.failure})")

    def _response(self, response) -> None:
        owner = self.pending.get(response.request, self.visit)
        own = response.url == self.root + owner.path and response.request.resource_type == "document"
        if own and response.status != owner.status:
            owner.problems.append(f"the page answered {response.status}, expected {owner.status}")
        elif not own and response.status >= 400:
            owner.problems.append(f"{response.status}: {response.url}")

    def _console(self, message) -> None:
        if message.type != "error":
            return
        source = message.location.get("url", "")
        if source == self.url and self.visit.status == 404 and "404" in message.text:
            return  # Chromium logs the page's own, expected, 404
        if self._allowed(source):
            return
        self.visit.problems.append(f"console error: {message.text} ({source})")


def test_the_sweep_visits_every_kind_of_page(site_build):
    every_page(site_build.site)


# one test per language, so that the test session's workers share the sweep
@pytest.mark.parametrize("lang", SITE.languages.codes)
def test_every_kind_of_page_loads_cleanly(browser, pages_server, site_build, lang):
    visits = pages_of(site_build.site, lang)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        sweep = Sweep(context, pages_server.url)
        for visit in visits:
            sweep.load(visit)
    finally:
        context.close()
    for visit in visits:
        print(f"{visit.name}: {len(visit.requests)} requests")
    problems = [f"{visit.name}: {problem}" for visit in visits for problem in visit.problems]
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)
