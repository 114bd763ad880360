"""What a reader on a phone gets (README, "Performance on a phone"), never timed:
search loads its index only when opened and still answers, pages do not shift,
landmarks are told apart (axe's landmark-unique)."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from axe_playwright_python.sync_playwright import Axe

from geotrek_portal.config import load_site
from tests.conftest import REPO

pytestmark = pytest.mark.browser

SITE = load_site(REPO / "mkdocs.yml")
POST = "blog/2019/12/17/retour-rencontres-geotrek-2019/"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
LAYOUT_SHIFTS = """() => new Promise(done => {
  const shifts = [];
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) shifts.push(entry.value.toFixed(4) + " " +
      entry.sources.map(s => s.node ? s.node.nodeName + "." + (s.node.className || "") : "?").join(", "));
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => done(shifts), 500);
})"""


def is_search_asset(url: str) -> bool:
    return url.endswith("/search/search_index.json") or "/workers/search." in url


@contextmanager
def open_tab(browser, viewport):
    """A fresh tab (empty cache) and the list of the URLs it requests."""
    context = browser.new_context(viewport=viewport)
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    try:
        yield tab, requests
    finally:
        context.close()


@pytest.mark.parametrize("lang, viewport", [("fr", PHONE), ("en", DESKTOP), ("es", PHONE)], ids=["fr-phone", "en-desktop", "es-phone"])
def test_search_loads_its_index_when_the_reader_opens_it(browser, site_server, lang, viewport):
    prefix = SITE.languages[lang].prefix
    with open_tab(browser, viewport) as (tab, requests):
        tab.goto(site_server.url + prefix + POST)
        tab.wait_for_load_state("load")
        tab.wait_for_timeout(300)  # Material's bundle has started (it removes `no-js`)
        assert tab.evaluate("document.documentElement.classList.contains('js')")
        assert [u for u in requests if is_search_asset(u)] == []

        if viewport is PHONE:
            tab.click("label.md-header__button[for=__search]")
        else:
            tab.click(".md-search__input")
        tab.keyboard.type("Geotrek")
        tab.wait_for_selector(".md-search-result__item")
        assert site_server.url + prefix + "search/search_index.json" in requests
        assert any("/workers/search." in u for u in requests)
        first = tab.locator(".md-search-result__item a").first.get_attribute("href")
        assert first.startswith(site_server.url + prefix) or not first.startswith("http")


def test_keyboard_shortcut_opens_search_and_it_answers(browser, site_server):
    with open_tab(browser, DESKTOP) as (tab, requests):
        tab.goto(site_server.url + "blog/")
        tab.wait_for_load_state("load")
        tab.wait_for_timeout(300)
        tab.keyboard.press("/")
        tab.keyboard.type("rencontres")
        tab.wait_for_selector(".md-search-result__item")


def test_search_and_highlight_addresses_load_the_index_at_once(browser, site_server):
    with open_tab(browser, DESKTOP) as (tab, requests):
        tab.goto(site_server.url + "es/?q=geotrek")
        tab.wait_for_selector(".md-search-result__item")
        tab.goto(site_server.url + POST + "?h=geotrek")
        tab.wait_for_selector("mark[data-md-highlight]")


# the users map page is left out: its map's layout (and shift) belongs to the map's own tests
SHIFT_PAGES = [
    pytest.param(lang.prefix + path, viewport, id=f"{lang.code}-{kind}-{width}")
    for lang in SITE.languages.all
    for kind, path in (("home", ""), ("news", "blog/"), ("post", POST))
    for width, viewport in (("390", PHONE), ("1280", DESKTOP))
]


@pytest.mark.parametrize("path, viewport", SHIFT_PAGES)
def test_page_does_not_shift_while_loading(browser, site_server, path, viewport):
    with open_tab(browser, viewport) as (tab, _):
        if viewport is PHONE:
            # a phone's slower CPU: the parser yields mid-page, and a page painted
            # half-parsed shifts (the reason for main.html's render-blocking link)
            tab.context.new_cdp_session(tab).send("Emulation.setCPUThrottlingRate", {"rate": 4})
        tab.goto(site_server.url + path)
        tab.wait_for_load_state("load")
        assert tab.evaluate(LAYOUT_SHIFTS) == []


LANDMARK_PAGES = [
    pytest.param(SITE.languages[lang].prefix + path, id=f"{lang}-{kind}")
    for lang, kind, path in [
        ("fr", "home", ""), ("fr", "news", "blog/"), ("fr", "post", POST), ("fr", "archive", "blog/archive/2019/"),
        ("fr", "events", "events/"), ("fr", "users", "utilisateurs/"),
        ("en", "news", "blog/"), ("en", "post", POST), ("es", "news", "blog/"), ("es", "post", POST),
    ]
]


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("path", LANDMARK_PAGES)
def test_landmarks_have_unique_labels(browser, site_server, axe, path):
    for viewport in (PHONE, DESKTOP):
        with open_tab(browser, viewport) as (tab, _):
            tab.goto(site_server.url + path)
            tab.wait_for_load_state("load")
            violations = axe.run(tab, options={"runOnly": ["landmark-unique"]}).response["violations"]
            assert [n["target"] for v in violations for n in v["nodes"]] == [], viewport
