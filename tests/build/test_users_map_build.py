"""The users page and its embed pages as built, in every language, from a directory of our own."""

from __future__ import annotations

import hashlib
import json
import posixpath
from collections import Counter

import pytest

from geotrek_portal.messages import t
from geotrek_portal.posts import slugify
from tests.conftest import make_project
from tests.jekyll_site import make_jekyll_site
from tests.users_map_data import NO_TERRITORIES, listed, map_data, map_file, territories_accepted, users_map_site

PREFIX = {"fr": "", "en": "en/", "es": "es/"}
SITE_URL = "https://geotrek.fr/"
N = 300


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return users_map_site(tmp_path_factory, N)


def resolve(page_path: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(page_path, href)) + ("/" if href.endswith("/") else "")


@pytest.mark.parametrize("lang", PREFIX)
def test_every_organisation_is_in_the_list_the_map_data_and_the_legend(built, lang):
    result, features = built
    page = result.page(PREFIX[lang] + "utilisateurs/")
    rows = listed(page)
    # a group per type, in the legend's order, each sorted by name
    names = sorted((f["properties"]["name"] for f in features), key=slugify)
    assert sorted((row.css_first("th").text(strip=True) for _, row in rows), key=slugify) == names
    for kind in {kind for kind, _ in rows}:
        ids = [row.attributes["id"] for k, row in rows if k == kind]
        assert ids == sorted(ids)
    data = map_data(page)
    _, file = map_file(result, PREFIX[lang] + "utilisateurs/")
    assert sorted((org["id"], org["type"]) for org in file["organisations"]) == sorted(
        (row.attributes["id"], kind) for kind, row in rows
    )
    counts = Counter(f["properties"]["type"] for f in features)
    legend = {li.attributes["data-type"]: int(li.css_first("[data-portal-type-count]").text()) for li in page.css(".portal-map__legend li")}
    assert legend == counts
    options = [o.attributes["value"] for o in page.css("[data-portal-filter] option")]
    assert options == ["", *legend]
    groups = page.css("#portal-organisations details[data-type]")
    assert [g.attributes["data-type"] for g in groups] == list(legend)
    assert [g.css_first("summary").text(strip=True) for g in groups] == [
        li.text(strip=True) for li in page.css(".portal-map__legend li")
    ]  # "Parcs nationaux (26)": the legend's words and count
    assert all("open" not in g.attributes for g in groups)  # laid out only when the reader opens one
    assert set(data["types"]) == set(counts) and all(v["colour"].startswith("#") for v in data["types"].values())
    assert page.css_first("[data-portal-count]").text() == t("org_count_other", lang).format(n=N)
    # a link to every website, none for an empty one
    with_site = sum(1 for f in features if f["properties"]["website"])
    assert len(page.css('#portal-organisations a:not([href^="https://rando."])')) == with_site


def test_the_map_fetches_one_file_for_every_language_with_every_territory(built):
    if not territories_accepted():
        pytest.skip(NO_TERRITORIES)
    result, features = built
    with_territory = {slugify(f["properties"]["name"]) for f in features if f["geometry"]["type"] != "Point"}
    files = {}
    for path in [prefix + page for prefix in PREFIX.values() for page in ("utilisateurs/", "utilisateurs/embed/")]:
        address, file = map_file(result, path)
        files[address] = file
        assert "shape" not in json.dumps(map_data(result.page(path)))  # the page stays light
    # one file, its address changing with its content
    [address] = files
    name, version = address.split("?v=")
    text = (result.site / name).read_text(encoding="utf-8")
    assert version == hashlib.sha256(text.encode()).hexdigest()[:len(version)] and len(version) >= 8
    file = files[address]
    assert file["scale"] == 1000 and len(file["organisations"]) == N
    assert {org["id"] for org in file["organisations"] if "shape" in org} == with_territory


@pytest.mark.parametrize("path", [prefix + page for prefix in PREFIX.values() for page in ("utilisateurs/", "utilisateurs/embed/")])
def test_the_map_pages_preload_what_the_map_starts_with_at_the_addresses_it_asks_for(built, path):
    """A preload at another address than the script's would download the file twice."""
    result, _ = built
    page = result.page(path)
    root = page.css_first("[data-portal-map]").attributes
    preloads = page.css('head link[rel="preload"]')
    assert [(p.attributes["href"], p.attributes["as"]) for p in preloads] == [
        *[(href, "script") for href in root["data-scripts"].split()], (root["data-organisations"], "fetch")
    ]
    # fetch()'s request (mode cors, credentials same-origin) is what a crossorigin="anonymous" preload makes,
    # else it is not reused; low priority: after the page's own styles and scripts
    assert [p.attributes.get("crossorigin") for p in preloads if p.attributes["as"] == "fetch"] == ["anonymous"]
    assert {p.attributes.get("fetchpriority") for p in preloads} == {"low"}
    assert root["data-basemap"] not in {p.attributes["href"] for p in preloads}  # drawn after the markers


@pytest.mark.parametrize("lang", PREFIX)
def test_the_embed_page_is_the_map_alone_with_a_link_to_the_users_page(built, lang):
    result, _ = built
    path = PREFIX[lang] + "utilisateurs/embed/"
    page = result.page(path)
    assert page.css_first("html").attributes["lang"] == lang
    assert page.css(".md-header, .md-tabs, .md-footer, .md-sidebar, header, footer, nav") == []
    assert page.css_first('meta[name="robots"]').attributes["content"] == "noindex"
    assert page.css_first("[data-portal-map] .portal-map__canvas") is not None
    assert len(page.css("[data-portal-filter] option")) > 1 and page.css(".portal-map__legend li")
    assert len(map_file(result, path)[1]["organisations"]) == N and map_data(page)["embedded"] is True
    links = [a for a in page.css("a[href]") if a.attributes.get("target") == "_top"]
    assert [resolve(path, a.attributes["href"]) for a in links] == [PREFIX[lang] + "utilisateurs/"]
    index = json.loads((result.site / PREFIX[lang] / "search/search_index.json").read_text(encoding="utf-8"))
    assert not [doc for doc in index["docs"] if doc["location"].startswith("utilisateurs/embed")]
    assert "utilisateurs/embed" not in (result.site / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", PREFIX)
def test_the_users_page_gives_the_code_to_embed_the_map_and_says_when_it_calls_openstreetmap(built, lang):
    result, _ = built
    page = result.page(PREFIX[lang] + "utilisateurs/")
    code = page.css_first("#portal-embed-code").text()
    assert code.startswith(f'<iframe src="{SITE_URL}{PREFIX[lang]}utilisateurs/embed/"')
    note = page.css_first(".admonition").text()
    assert "OpenStreetMap" in note and "Natural Earth" in note
    assert [b.text() for b in page.css("[data-place]")] == [
        t(f"map_place_{code}", lang) for code in ("mainland", "guadeloupe", "martinique", "guyane", "reunion", "mayotte")
    ]


def test_the_base_map_and_the_plugins_are_served_by_the_site_with_their_licences(built):
    result, _ = built
    site = result.site / "assets/vendor"
    topo = json.loads((site / "basemap/countries.json").read_text(encoding="utf-8"))
    assert topo["type"] == "Topology" and "France" in json.dumps(topo)
    for path in ("basemap/LICENSE-world-atlas", "basemap/SOURCE", "leaflet.markercluster/MIT-LICENCE.txt", "topojson-client/LICENSE"):
        assert (site / path).is_file(), path
    html = result.file("utilisateurs/").read_text(encoding="utf-8")
    assert "tile.openstreetmap.org" not in html.replace('"tiles":"https://tile.openstreetmap.org/{z}/{x}/{y}.png"', "")


@pytest.mark.parametrize("old, target", [
    ("utilisateurs-iframe.html", "utilisateurs/embed/"),
    ("utilisateurs-iframe-en.html", "en/utilisateurs/embed/"),
    ("utilisateurs-iframe-es.html", "es/utilisateurs/embed/"),
])  # fmt: skip
def test_the_old_embed_addresses_redirect_to_the_embed_pages(site_build, old, target):
    page = site_build.page(old)
    refresh = page.css_first('meta[http-equiv="refresh"]').attributes["content"]
    assert resolve("", refresh.split("url=", 1)[1]) == target
    assert site_build.file(target).is_file()


def test_the_import_redirects_the_old_embed_pages_to_the_embed_pages(tmp_path):
    from geotrek_portal.config import load_languages
    from geotrek_portal.jekyll_import import run_import
    from geotrek_portal.redirects import parse_redirect_map

    source = make_jekyll_site(tmp_path)
    for name in ("utilisateurs-iframe.html", "utilisateurs-iframe-en.html", "utilisateurs-iframe-es.html"):
        (source / name).write_text(f"---\nlayout: iframe\ntitle: {name}\n---\n<div id=map></div>\n", encoding="utf-8")
    project = make_project(tmp_path)
    run_import(source, project)
    languages = load_languages(project / "mkdocs.yml")
    redirects, problems = parse_redirect_map((project / "data/redirects.yml").read_text(encoding="utf-8"), languages)
    assert problems == []
    assert redirects["fr"]["utilisateurs-iframe.html"] == "utilisateurs/embed.md"
    assert redirects["en"]["utilisateurs-iframe-en.html"] == "en/utilisateurs/embed.md"
    assert redirects["es"]["utilisateurs-iframe-es.html"] == "es/utilisateurs/embed.md"
