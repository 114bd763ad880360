"""A reader uses the users map and the search, in the browser."""

import re
from urllib.parse import urlsplit

import pytest

from geotrek_portal.organisations import load_organisations
from tests.conftest import REPO

pytestmark = pytest.mark.browser

TILES = "https://tile.openstreetmap.org/"
SITE_HOST = "geotrek.fr"  # site_url: the same site once deployed


def offline(page) -> list[str]:
    """Answer tile requests with nothing and refuse any other outside request; return them all."""
    outside: list[str] = []

    def handle(route):
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1":
            return route.continue_()
        outside.append(url)
        if url.startswith(TILES):
            return route.fulfill(status=204, body="")
        return route.abort()

    page.route("**/*", handle)
    return outside


# Organisations the map shows: single markers, plus the number each cluster stands for
SHOWN_ON_MAP = """() => [...document.querySelectorAll('.leaflet-marker-pane .leaflet-marker-icon')]
    .reduce((n, icon) => n + (icon.classList.contains('marker-cluster') ? parseInt(icon.textContent, 10) : 1), 0)"""


def shown_on_map(page, expected: int) -> int:
    """What the map shows once it settles on `expected` (clusters animate), or what it shows after 15 s."""
    try:
        page.wait_for_function(f"({SHOWN_ON_MAP})() === {expected}", timeout=15000)
    except Exception:
        pass
    return page.evaluate(SHOWN_ON_MAP)


def zoom_out_to_the_world(page) -> None:
    """As a keyboard reader: "-" on the map until it zooms out no more; every organisation,
    overseas too, is then in view."""
    page.locator(".portal-map__canvas").focus()
    for _ in range(20):
        if "leaflet-disabled" in (page.locator(".leaflet-control-zoom-out").get_attribute("class") or ""):
            return
        page.keyboard.press("Minus")
        page.wait_for_timeout(300)
    raise AssertionError("the map does not zoom out to the whole world")


def switch_on_openstreetmap(page) -> None:
    """As a reader: open the layer switcher and pick the OpenStreetMap base layer."""
    page.locator(".leaflet-control-layers").hover()
    page.locator(".leaflet-control-layers-base label", has_text="OpenStreetMap").click()


def visible_rows(page):
    """The rows of the list's groups the filter shows (each group a <details>, open or not)."""
    return page.locator("#portal-organisations details:not([hidden]) tbody tr")


@pytest.mark.parametrize("prefix", ["", "en/", "es/"])
def test_users_map_filters_markers_and_list_by_type(page, site_server, prefix):
    organisations, _ = load_organisations(REPO / "data/organisations.geojson")
    offline(page)
    page.goto(site_server.url + prefix + "utilisateurs/")
    page.wait_for_selector(".leaflet-marker-pane .leaflet-marker-icon")
    zoom_out_to_the_world(page)
    assert shown_on_map(page, len(organisations)) == len(organisations)
    assert visible_rows(page).count() == len(organisations)

    kind = "regional_park"
    expected = [o.name for o in organisations if o.type == kind]
    assert 0 < len(expected) < len(organisations), "the filter must hide something"
    page.select_option("[data-portal-filter]", kind)
    assert shown_on_map(page, len(expected)) == len(expected)
    assert visible_rows(page).count() == len(expected)
    assert visible_rows(page).locator("th").all_inner_texts() == expected  # opened by the filter
    assert re.match(rf"^{len(expected)}\b", page.locator("[data-portal-count]").inner_text())

    page.select_option("[data-portal-filter]", "")
    assert shown_on_map(page, len(organisations)) == len(organisations)


def test_marker_popup_links_to_the_portal(page, site_server):
    organisations, _ = load_organisations(REPO / "data/organisations.geojson")
    ecrins = next(o for o in organisations if o.portal)
    offline(page)
    page.goto(site_server.url + "en/utilisateurs/")
    page.locator(f'details[data-type="{ecrins.type}"] summary').click()  # the reader opens its type
    page.locator(f"#{ecrins.id} button").click()  # "Show on the map", from the list
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert ecrins.name in popup.inner_text()
    assert popup.locator(f'a[href="{ecrins.portal}"]').count() == 1


def test_only_the_openstreetmap_layer_loads_from_another_server_when_the_reader_asks(page, site_server):
    outside = offline(page)
    for path in ["", "en/", "es/produit/", "ressources/", "en/contact/", "es/a-propos/", "utilisateurs/"]:
        page.goto(site_server.url + path, wait_until="networkidle")
    # Material reads the sitemap of the site itself (site_url): the same server once deployed
    assert [u for u in outside if urlsplit(u).hostname != SITE_HOST] == []
    page.locator(".leaflet-portal-base-pane path").first.wait_for()  # the site's own base map is drawn
    switch_on_openstreetmap(page)
    page.wait_for_load_state("networkidle")
    third_party = [u for u in outside if urlsplit(u).hostname != SITE_HOST]
    assert third_party and all(u.startswith(TILES) for u in third_party)


def search(page, url: str, query: str) -> list[str]:
    """The links of the search results, in order."""
    page.goto(url, wait_until="networkidle")  # the search index is loaded
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(query)
    page.wait_for_selector(".md-search-result__item")
    return page.eval_on_selector_all(".md-search-result__item > .md-search-result__link", "links => links.map(a => a.href)")


@pytest.mark.parametrize(
    "prefix, query, lang",
    [
        ("", "randonnée", "fr"),
        ("en/", "hiking", "en"),
        ("es/", "senderismo", "es"),
        # in every language: only this language's pages may come up
        ("", "Geotrek", "fr"),
        ("en/", "Geotrek", "en"),
    ],
)
def test_search_finds_pages_of_the_sites_language(page, site_server, prefix, query, lang):
    offline(page)
    results = search(page, site_server.url + prefix + "produit/", query)
    assert len(results) >= 2
    root = site_server.url + prefix
    for href in results:
        assert href.startswith(root), href
        tail = href[len(root):]
        assert not re.match(r"(en|es)/", tail), href  # not another language's page
    # the result pages really are in that language
    page.goto(results[0])
    assert page.locator("html").get_attribute("lang") == lang


AXE_PAGES = ["produit/", "utilisateurs/", "ressources/", "a-propos/", "contact/", "en/utilisateurs/", "es/utilisateurs/"]


@pytest.mark.parametrize("path", AXE_PAGES)
def test_portal_pages_have_no_serious_accessibility_violation(page, site_server, path):
    from axe_playwright_python.sync_playwright import Axe

    offline(page)
    page.goto(site_server.url + path, wait_until="networkidle")
    violations = Axe().run(page).response["violations"]
    blocking = [
        f"{v['id']} [{v['impact']}]: " + "; ".join(n["target"][0] for n in v["nodes"][:5])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert blocking == []
