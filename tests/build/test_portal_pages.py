"""The portal pages in each language: title, tabs, language, switcher, generated parts."""

import json
import posixpath
from urllib.parse import urljoin, urlsplit

import pytest

from geotrek_portal.blog import PostReader
from geotrek_portal.config import load_languages
from geotrek_portal.organisations import ORGANISATION_TYPES, load_organisations
from tests.conftest import REPO, make_project, run_mkdocs_build
from tests.users_map_data import listed, map_file

pytestmark = pytest.mark.build

LANGUAGES = load_languages(REPO / "mkdocs.yml")
PREFIX = {lang.code: lang.prefix for lang in LANGUAGES.all}
SITE_NAME = {"fr": "Communauté Geotrek", "en": "Geotrek community", "es": "Comunidad Geotrek"}
SLUGS = ["", "produit/", "utilisateurs/", "blog/", "ressources/", "a-propos/", "contact/"]
TABS = {
    "fr": ["Accueil", "Produit", "Utilisateurs", "Actualités", "Ressources", "À propos", "Contact"],
    "en": ["Home", "Product", "Users", "News", "Resources", "About", "Contact"],
    "es": ["Inicio", "Producto", "Usuarios", "Noticias", "Recursos", "Acerca de", "Contacto"],
}
CASES = [(lang, slug) for lang in PREFIX for slug in SLUGS]


def resolve(page_url: str, href: str) -> str:
    """The path, from the site root, that `href` on the page at `page_url` leads to."""
    return urlsplit(urljoin("http://site/" + page_url, href)).path.lstrip("/")


@pytest.mark.parametrize("lang, slug", CASES, ids=[f"{lang}:{slug or 'home'}" for lang, slug in CASES])
def test_page_title_tabs_language_and_switcher(site_build, lang, slug):
    url = PREFIX[lang] + slug
    page = site_build.page(url)
    assert page.css_first("html").attributes["lang"] == lang
    tab = TABS[lang][SLUGS.index(slug)]
    title = page.css_first("title").text()
    assert title == (SITE_NAME[lang] if slug == "" else f"{tab} - {SITE_NAME[lang]}")
    assert page.css_first(".md-content h1") is not None

    # the portal's tabs, in this order (other features, such as events, may add theirs)
    tabs = [(a.text(strip=True), resolve(url, a.attributes["href"])) for a in page.css(".md-tabs__link")]
    assert [tab for tab in tabs if tab[0] in TABS[lang]] == [(t, PREFIX[lang] + s) for t, s in zip(TABS[lang], SLUGS)]
    active = page.css_first(".md-tabs__item--active .md-tabs__link")
    assert active.text(strip=True) == tab

    switcher = {a.attributes["hreflang"]: resolve(url, a.attributes["href"]) for a in page.css(".md-select__link")}
    assert switcher == {code: PREFIX[code] + slug for code in PREFIX}
    for target in switcher.values():
        assert site_build.file(target).is_file()


@pytest.mark.parametrize("lang", PREFIX)
def test_home_shows_the_three_newest_posts_of_its_language(site_build, lang):
    catalog = PostReader(LANGUAGES).read(REPO / "docs/blog/posts", REPO / "docs")
    newest = catalog.posts(lang, drafts=False)[:3]
    assert len(newest) == 3, "the repository has at least three posts in each language"
    page = site_build.page(PREFIX[lang])
    teasers = page.css('[data-portal="latest-posts"] .portal-teaser')
    assert [t.css_first(".portal-teaser__title").text(strip=True) for t in teasers] == [p.title for p in newest]
    for teaser, post in zip(teasers, newest):
        target = resolve(PREFIX[lang], teaser.css_first(".portal-teaser__title a").attributes["href"])
        assert target.startswith(PREFIX[lang] + "blog/" + post.published.strftime("%Y/%m/%d/"))
        assert site_build.page(target).css_first("html").attributes["lang"] == lang
        assert teaser.css_first("time").attributes["datetime"] == post.date.isoformat()
        assert teaser.css_first(".portal-teaser__excerpt").text(strip=True)
        image = teaser.css_first("img")
        if post.image:
            assert site_build.file(resolve(PREFIX[lang], image.attributes["src"])).is_file()
        else:
            assert image is None


@pytest.mark.parametrize("lang", PREFIX)
def test_home_has_an_event_box_and_links_to_users_map_and_contact(site_build, lang):
    page = site_build.page(PREFIX[lang])
    assert page.css_first('[data-portal="featured-event"]') is not None
    targets = {resolve(PREFIX[lang], a.attributes["href"]) for a in page.css(".md-content a[href]")}
    assert {PREFIX[lang] + "utilisateurs/", PREFIX[lang] + "contact/"} <= targets


@pytest.mark.parametrize("lang", PREFIX)
def test_users_page_lists_every_organisation_of_the_data_file(site_build, lang):
    organisations, problems = load_organisations(REPO / "data/organisations.geojson")
    assert problems == []
    page = site_build.page(PREFIX[lang] + "utilisateurs/")
    rows = {row.attributes["id"]: (kind, row) for kind, row in listed(page)}
    assert sorted(rows) == sorted(o.id for o in organisations)
    on_map = {org["id"]: org for org in map_file(site_build, PREFIX[lang] + "utilisateurs/")[1]["organisations"]}
    for organisation in organisations:
        kind, row = rows[organisation.id]
        assert row.css_first("th").text(strip=True) == organisation.name
        assert kind == on_map[organisation.id]["type"] == organisation.type
        assert on_map[organisation.id]["at"] == [organisation.lat, organisation.lon]
        links = {a.attributes["href"] for a in row.css("a")}
        assert organisation.website in links
        assert (organisation.portal in links) == bool(organisation.portal)
    options = [o.attributes["value"] for o in page.css("[data-portal-filter] option")]
    assert options == ["", *sorted({o.type for o in organisations}, key=ORGANISATION_TYPES.index)]
    assert page.css_first(".admonition") is not None  # the note on map tiles


def test_leaflet_is_served_by_the_site_and_only_on_the_users_pages(site_build):
    with_leaflet = sorted(
        str(path.relative_to(site_build.site))
        for path in site_build.site.rglob("*.html")
        if "leaflet.js" in path.read_text(encoding="utf-8")
    )
    assert with_leaflet == [
        f"{prefix}utilisateurs/{page}index.html" for prefix in ("en/", "es/", "") for page in ("embed/", "")
    ]
    version = (REPO / "docs/assets/vendor/leaflet/VERSION").read_text().strip()
    assert f"Leaflet {version}" in (site_build.site / "assets/vendor/leaflet/leaflet.js").read_text(encoding="utf-8")[:200]
    assert (site_build.site / "assets/vendor/leaflet/LICENSE").is_file()


@pytest.mark.parametrize("lang", PREFIX)
def test_contact_page_shows_the_address(site_build, lang):
    link = site_build.page(PREFIX[lang] + "contact/").css_first('[data-portal="contact-email"] a')
    assert link.attributes["href"].startswith("mailto:") and "@" in link.text()


@pytest.mark.parametrize("lang", PREFIX)
def test_each_language_searches_its_own_index(site_build, lang):
    index = json.loads((site_build.site / PREFIX[lang] / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == [lang]
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {"", "produit/", "utilisateurs/", "contact/"} <= locations
    # locations are relative to the language root: all resolve to that language's pages
    for location in locations:
        target = site_build.file(PREFIX[lang] + location)
        assert target.is_file(), location
        assert f'<html lang="{lang}"' in target.read_text(encoding="utf-8")
    # and the pages of the language point Material's search at that root
    html = site_build.file(PREFIX[lang] + "produit/").read_text(encoding="utf-8")
    config = json.loads(html.split('<script id="__config" type="application/json">')[1].split("</script>")[0])
    assert posixpath.normpath(posixpath.join(PREFIX[lang] + "produit", config["base"])) == (PREFIX[lang].rstrip("/") or ".")


def test_a_broken_organisations_file_fails_the_build_with_its_line(tmp_path):
    project = make_project(tmp_path, keep_posts=True)
    data = project / "data/organisations.geojson"
    data.write_text(data.read_text(encoding="utf-8").replace('"https://www.mercantour-parcnational.fr/"', '"mercantour"'), encoding="utf-8")
    line = next(i for i, text in enumerate(data.read_text(encoding="utf-8").splitlines(), 1) if '"mercantour"' in text)
    features = json.loads(data.read_text(encoding="utf-8"))["features"]
    index = next(i for i, f in enumerate(features) if f["properties"]["name"] == "Parc national du Mercantour")
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"data/organisations.geojson:{line}: features[{index}].properties.website: is not a web address" in result.output
    assert "Traceback" not in result.output


def test_an_unknown_marker_fails_the_build(tmp_path):
    project = make_project(tmp_path, keep_posts=True)
    page = project / "docs/en/contact.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- portal:nothing -->\n", encoding="utf-8")
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/en/contact.md" in result.output and "'portal:nothing' is not a known marker" in result.output


@pytest.mark.parametrize("lang", PREFIX)
def test_rencontres_and_featured_event_come_from_the_event_data(site_build, lang):
    from datetime import date

    from geotrek_portal import events

    loaded = events.load_events(REPO / "data/events", LANGUAGES)
    rencontres = sorted((e for e in loaded if e.id.startswith("rencontres-")), key=lambda e: e.start, reverse=True)
    assert len(rencontres) >= 4
    page = site_build.page(PREFIX[lang] + "ressources/")
    items = page.css('[data-portal="rencontres"] > ul > li')
    assert [resolve(PREFIX[lang] + "ressources/", li.css_first("strong a").attributes["href"]) for li in items] == [
        f"{PREFIX[lang]}events/{e.id}/" for e in rencontres
    ]
    assert [li.css_first("strong").text(strip=True) for li in items] == [e.name.get(lang) for e in rencontres]
    videos = {a.attributes["href"] for a in page.css('[data-portal="videos"] a')}
    assert videos == {m.url for e in loaded for m in e.material if m.type.value == "video"}

    upcoming = sorted((e for e in loaded if e.last_day >= date.today()), key=lambda e: e.start)
    featured = upcoming[0] if upcoming else max(loaded, key=lambda e: e.start)
    box = site_build.page(PREFIX[lang]).css_first('[data-portal="featured-event"]')
    assert box.css_first(".portal-event__name").text(strip=True) == featured.name.get(lang)
    assert resolve(PREFIX[lang], box.css_first(".portal-event__name a").attributes["href"]) == f"{PREFIX[lang]}events/{featured.id}/"
