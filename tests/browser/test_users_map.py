"""The users map as a reader uses it, on a site built with 300 organisations of our own."""

from __future__ import annotations

import functools
import gzip
import http.server
import re
import threading
from collections import Counter
from urllib.parse import urlsplit

import pytest

from geotrek_portal.posts import slugify
from geotrek_portal.users_map import PLACES, marker_position
from tests.browser.test_portal_pages import shown_on_map, switch_on_openstreetmap, visible_rows, zoom_out_to_the_world
from tests.conftest import _QuietHandler
from tests.users_map_data import users_map_site

pytestmark = pytest.mark.browser

N = 300
TILES = "https://tile.openstreetmap.org/"
# Material looks up the language switcher's sitemaps at the site's own production
# address (site_url); issue 11 deals with them. They are the only requests that
# may leave the test server besides the OpenStreetMap layer.
SITE_HOST = "geotrek.fr"
BUDGET = 400 * 1024  # the users page, everything it loads, compressed


@pytest.fixture(scope="module")
def map_site(tmp_path_factory):
    result, features = users_map_site(tmp_path_factory, N)
    handler = functools.partial(_QuietHandler, directory=str(result.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/", result.site, features
    server.shutdown()
    server.server_close()


class Watch:
    """Every request of a tab: outside ones are refused (tiles answered empty), failures and errors kept."""

    def __init__(self, tab):
        self.outside: list[str] = []
        self.local: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        tab.route("**/*", self._route)
        tab.on("requestfailed", lambda r: self.failed.append(r.url))
        tab.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))
        tab.on("console", self._console)
        tab.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route):
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1":
            self.local.append(url)
            return route.continue_()
        self.outside.append(url)
        if url.startswith(TILES):
            return route.fulfill(status=204, body="")
        return route.abort()

    def _console(self, message):
        if message.type == "error" and urlsplit(message.location.get("url") or "").hostname != SITE_HOST:
            self.errors.append(message.text)

    def off_site(self) -> list[str]:
        return [u for u in self.outside if urlsplit(u).hostname != SITE_HOST]

    def clean(self) -> bool:
        failed = [u for u in self.failed if urlsplit(u.split(" ")[-1]).hostname != SITE_HOST]
        assert failed == [] and self.errors == []
        return True


def open_map(tab, url: str) -> None:
    tab.goto(url, wait_until="networkidle")
    tab.locator(".leaflet-portal-base-pane path").first.wait_for()  # the site's own base map
    tab.locator(".leaflet-marker-pane .leaflet-marker-icon").first.wait_for()



@pytest.mark.parametrize("prefix", ["", "es/"])
def test_filter_by_type_keeps_markers_clusters_legend_and_list_in_step(page, map_site, prefix):
    url, _, features = map_site
    watch = Watch(page)
    open_map(page, url + prefix + "utilisateurs/")
    zoom_out_to_the_world(page)
    rows = visible_rows(page)
    assert shown_on_map(page, N) == N == rows.count()
    assert page.locator(".marker-cluster").count() > 0, "300 organisations must cluster"
    counts = Counter(f["properties"]["type"] for f in features)
    for kind, expected in counts.items():
        page.select_option("[data-portal-filter]", kind)
        assert shown_on_map(page, expected) == expected
        assert rows.count() == expected
        assert set(rows.evaluate_all("rows => rows.map(r => r.closest('details').dataset.type)")) == {kind}
        assert rows.first.is_visible()  # the filter opened the type's group
        legend = page.locator(f'.portal-map__legend li[data-type="{kind}"] [data-portal-type-count]').inner_text()
        assert int(legend) == expected
        assert re.search(rf"\b{expected}\b", page.locator("[data-portal-count]").inner_text())
    page.select_option("[data-portal-filter]", "")
    assert shown_on_map(page, N) == N == rows.count()
    assert watch.off_site() == [] and watch.clean()


def test_no_outside_request_until_the_reader_switches_on_openstreetmap(page, map_site):
    url, _, _ = map_site
    watch = Watch(page)
    open_map(page, url + "utilisateurs/")
    # a reader looks around: filters, overseas places, zooms, opens a marker
    page.select_option("[data-portal-filter]", "department")
    page.select_option("[data-portal-filter]", "")
    for place in PLACES:
        page.locator(f'[data-place="{place.code}"]').click()
        page.wait_for_timeout(400)
    page.locator(".leaflet-control-zoom-in").click()
    page.locator("#portal-organisations summary").first.click()
    page.locator("#portal-organisations tbody tr button").first.click()
    page.locator(".leaflet-popup-content").wait_for()
    page.wait_for_load_state("networkidle")
    assert watch.off_site() == []
    switch_on_openstreetmap(page)
    page.wait_for_load_state("networkidle")
    assert watch.off_site() and all(u.startswith(TILES) for u in watch.off_site())
    assert watch.clean()


def test_an_overseas_button_shows_the_organisations_there(page, map_site):
    url, _, features = map_site
    reunion = next(p for p in PLACES if p.code == "reunion")
    west, south, east, north = reunion.bounds
    markers = [marker_position(f["geometry"], f["properties"]) for f in features]
    there = [(lon, lat) for lon, lat in markers if west <= lon <= east and south <= lat <= north]
    assert there
    open_map(page, url + "en/utilisateurs/")
    page.locator('[data-place="reunion"]').click()
    page.wait_for_timeout(600)
    assert shown_on_map(page, len(there)) == len(there)


@pytest.mark.parametrize("prefix", ["", "en/", "es/"])
def test_the_embed_page_fills_600_by_450_without_scroll_bars(browser, map_site, prefix):
    url, _, _ = map_site
    context = browser.new_context(viewport={"width": 600, "height": 450})
    tab = context.new_page()
    watch = Watch(tab)
    open_map(tab, url + prefix + "utilisateurs/embed/")
    sizes = tab.evaluate(
        "() => { const e = document.scrollingElement; return [e.scrollWidth, e.clientWidth, e.scrollHeight, e.clientHeight] }"
    )
    assert sizes[0] <= sizes[1] and sizes[2] <= sizes[3], sizes
    box = tab.locator(".portal-map__canvas").bounding_box()
    assert box["height"] >= 200 and box["width"] >= 550 and box["y"] + box["height"] <= 450
    assert tab.locator("a[target=_top]").is_visible()
    zoom_out_to_the_world(tab)
    assert shown_on_map(tab, N) == N
    assert watch.outside == [] and watch.clean()  # no Material here: no request leaves the site at all
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_users_page_does_not_shift_while_the_map_starts(browser, map_site, width):
    url, _, _ = map_site
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    # any layout shift, header included (main.html holds the first paint until the page is parsed)
    tab.add_init_script(
        """window.__shifts = [];
        new PerformanceObserver(list => list.getEntries().forEach(entry => {
          const moved = entry.sources.map(s => s.node ? s.node.nodeName + '.' + s.node.className : '?');
          if (moved.length) window.__shifts.push([entry.value, moved]);
        })).observe({type: 'layout-shift', buffered: true})"""
    )
    Watch(tab)
    open_map(tab, url + "utilisateurs/")
    tab.wait_for_timeout(500)
    assert tab.evaluate("window.__shifts") == []
    context.close()


def test_the_list_links_and_buttons_are_touch_targets(browser, map_site):
    url, _, _ = map_site
    context = browser.new_context(viewport={"width": 390, "height": 800})
    tab = context.new_page()
    Watch(tab)
    open_map(tab, url + "utilisateurs/")
    for summary in tab.locator("#portal-organisations summary").all():  # every group open
        summary.click()
    small = tab.evaluate(
        """() => [...document.querySelectorAll('#portal-organisations :is(a, button, summary), [data-place]')]
        .map(e => e.getBoundingClientRect()).filter(r => r.width < 24 || r.height < 24).length"""
    )
    assert small == 0
    context.close()


def test_the_users_page_with_300_organisations_loads_under_400_kb_compressed(browser, map_site):
    url, site, _ = map_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    loaded: list[str] = []
    context.on("request", lambda r: urlsplit(r.url).hostname == "127.0.0.1" and loaded.append(r.url))
    watch = Watch(tab)
    open_map(tab, url + "utilisateurs/")
    tab.wait_for_load_state("networkidle")
    total = 0
    for address in set(loaded):
        path = urlsplit(address).path.lstrip("/")
        file = site / path / "index.html" if path.endswith("/") or not path else site / path
        total += len(gzip.compress(file.read_bytes(), 6))
    assert any(a.endswith("countries.json") for a in loaded) and any("leaflet.js" in a for a in loaded)
    # what the page preloads is not asked for a second time by the map's script
    map_files = [a for a in loaded if "/assets/vendor/" in a and a.endswith(".js") or "organisations.json" in a]
    assert len(map_files) == 4 and Counter(map_files).most_common(1)[0][1] == 1, map_files
    assert total < BUDGET, f"{total} bytes compressed"
    assert watch.off_site() == []
    context.close()


# What keeps a phone responsive while the map starts, checked as a mechanism (never a
# timing): users-map.js works in steps, each in a task of its own. It marks each step with
# a user timing (`portal-map:step`, its kind and how many items it handled), and yields to
# the browser between two steps with scheduler.yield(), which this script counts.
COUNT_STEPS = """
window.__yields = 0;
window.__marks = [];
const originalYield = scheduler.yield.bind(scheduler);
scheduler.yield = () => { window.__yields++; return originalYield(); };
const originalMark = performance.mark.bind(performance);
performance.mark = (name, options) => {
  if (name.startsWith('portal-map:')) window.__marks.push([name, (options && options.detail) || null, window.__yields]);
  return originalMark(name, options);
};
"""
STEP_LIMITS = {"organisations": 50, "markers": 50, "territories": 20, "basemap": 8}  # users-map.js, STEP


def test_the_map_starts_in_small_steps_each_a_task_of_its_own(browser, map_site):
    url, _, features = map_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.add_init_script(COUNT_STEPS)
    watch = Watch(tab)
    open_map(tab, url + "utilisateurs/")
    tab.wait_for_function(
        "['territories', 'basemap'].every(m => window.__marks.some(([name]) => name === 'portal-map:' + m))"
    )
    marks = tab.evaluate("window.__marks")
    steps: dict[str, list[tuple[int, int]]] = {}
    for name, detail, yields in marks:
        if name == "portal-map:step":
            steps.setdefault(detail["kind"], []).append((detail["count"], yields))
    shaped = sum(f["geometry"]["type"] != "Point" for f in features)
    assert shaped > STEP_LIMITS["territories"]
    expected = {"organisations": N, "markers": N, "territories": shaped}
    for kind, total in expected.items():
        assert sum(n for n, _ in steps[kind]) == total, kind  # every organisation, once
    # no step goes over all the organisations (or territories, or base map) at once
    for kind, limit in STEP_LIMITS.items():
        assert len(steps[kind]) > 1 and max(n for n, _ in steps[kind]) <= limit, (kind, steps[kind])
        yields = [y for _, y in steps[kind]]
        assert yields == sorted(set(yields)), f"{kind}: two steps in one task"
    assert [detail["count"] for name, detail, _ in marks if name == "portal-map:markers"] == [N]
    assert watch.clean()
    context.close()


def test_the_map_starts_only_when_it_nears_the_screen(browser, map_site):
    url, _, _ = map_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    open_map(tab, url + "utilisateurs/")
    top = tab.locator(".portal-map__canvas").bounding_box()["y"]
    context.close()
    # a screen so short that the map lies more than one and a half screens below it
    context = browser.new_context(viewport={"width": 1280, "height": int(top // 3)})
    tab = context.new_page()
    tab.add_init_script(COUNT_STEPS)
    watch = Watch(tab)
    tab.goto(url + "utilisateurs/", wait_until="networkidle")
    assert tab.evaluate("window.__marks") == []
    assert tab.locator(".portal-map__fallback").count() == 1  # untouched
    # the filter and the list work before the map exists
    tab.select_option("[data-portal-filter]", "department")
    visible = visible_rows(tab)
    assert set(visible.evaluate_all("rows => rows.map(r => r.closest('details').dataset.type)")) == {"department"}
    assert visible.first.is_visible()
    tab.locator(".portal-map__canvas").scroll_into_view_if_needed()
    tab.locator(".leaflet-marker-pane .leaflet-marker-icon").first.wait_for()
    assert tab.evaluate("window.__marks")[0][0] == "portal-map:start"
    assert watch.off_site() == [] and watch.clean()
    context.close()


def test_a_link_to_an_organisation_opens_its_group_of_the_list(page, map_site):
    url, _, features = map_site
    target = slugify(features[7]["properties"]["name"])
    watch = Watch(page)
    page.goto(url + "en/utilisateurs/#" + target, wait_until="networkidle")
    row = page.locator(f"#{target}")
    assert row.is_visible() and row.evaluate("r => r.closest('details').open")
    assert page.locator("#portal-organisations details[open]").count() == 1  # the others stay closed
    assert watch.clean()
