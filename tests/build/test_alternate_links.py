"""What makes Material's script request sitemaps, checked on every built page.

Material's bundle fetches ``sitemap.xml`` next to every ``<link rel="alternate">``
of a page (to map the language selector), so each of those links must point at
a folder of this site that has a sitemap; otherwise every page view sends a
request to the production host, or one that ends in a 404.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from geotrek_portal.config import load_site
from tests.conftest import REPO

SITE_URL = load_site(REPO / "mkdocs.yml").site_url


def test_every_alternate_link_has_a_sitemap_next_to_it(site_build):
    site = site_build.site
    wrong = []
    pages = sorted(site.rglob("*.html"))
    for path in pages:
        rel = path.relative_to(site).as_posix()
        # where a reader gets the page: 404.html answers for any missing address
        address = urljoin(SITE_URL, "en/no/such/page/" if rel == "404.html" else rel.removesuffix("index.html"))
        for link in LexborHTMLParser(path.read_text(encoding="utf-8")).css("link[rel=alternate]"):
            target = urljoin(address, link.attributes.get("href") or "")
            sitemap = urlsplit(urljoin(target, "sitemap.xml"))
            if sitemap.netloc != urlsplit(SITE_URL).netloc or not (site / sitemap.path.lstrip("/")).is_file():
                wrong.append(f"{rel}: {link.attributes} -> {sitemap.geturl()}")
    assert len(pages) > 40
    assert wrong == []


def test_pages_name_their_translations_in_the_sitemap_only(site_build):
    seed = "blog/2019/12/17/retour-rencontres-geotrek-2019/"
    assert site_build.page(seed).css("link[hreflang]") == []
    assert site_build.alternates("en/" + seed) == {
        "fr": SITE_URL + seed,
        "en": SITE_URL + "en/" + seed,
        "es": SITE_URL + "es/" + seed,
        "x-default": SITE_URL + seed,
    }
    robots = (site_build.site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots.splitlines()
