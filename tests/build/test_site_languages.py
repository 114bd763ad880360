"""The repository's own site: every page in the right language, posts linked."""

import pytest

from tests.conftest import REPO

LANG_OF_PREFIX = {"en": "en", "es": "es"}


def test_every_page_declares_the_language_of_its_folder(site_build):
    pages = sorted(site_build.site.rglob("*.html"))
    assert len(pages) > 20
    wrong = []
    for path in pages:
        rel = path.relative_to(site_build.site)
        expected = LANG_OF_PREFIX.get(rel.parts[0], "fr")
        html = path.read_text(encoding="utf-8")
        if '<meta http-equiv="refresh"' in html[:1000]:  # an old address: in the language of its target
            continue
        if f'<html lang="{expected}"' not in html:
            wrong.append(str(rel))
    assert wrong == []


def test_root_404_is_french(site_build):
    assert '<html lang="fr"' in (site_build.site / "404.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix", ["", "en/", "es/"])
def test_seed_post_in_each_language(site_build, prefix):
    page = site_build.page(f"{prefix}blog/2019/12/17/retour-rencontres-geotrek-2019/")
    links = set(site_build.alternates(f"{prefix}blog/2019/12/17/retour-rencontres-geotrek-2019/"))
    assert links == {"fr", "en", "es", "x-default"}
    image = page.css_first('.md-content img[src$="2019-rencontres-geotrek-groupe.jpg"]')
    assert image is not None
    assert (site_build.file(f"{prefix}blog/2019/12/17/retour-rencontres-geotrek-2019/").parent / image.attributes["src"]).resolve().is_file()


def test_seed_post_is_the_one_in_shared_seeds(site_build):
    seed = next((REPO.parent / "shared/seeds").glob("*.txt"), None)
    if seed is None:
        pytest.skip(
            f"no seed post in {REPO.parent / 'shared/seeds'}: this check compares the seed post with the "
            "workspace's copy; put the workspace's shared/ folder next to the repository to run it"
        )
    ours = REPO / "docs/blog/posts/2019-12-17-retour-rencontres-geotrek-2019.md"
    assert ours.read_text(encoding="utf-8") == seed.read_text(encoding="utf-8")


def test_pages_load_nothing_from_third_parties(site_build):
    """Offline build, private pages: every script, style, font, image and frame is ours."""
    from selectolax.lexbor import LexborHTMLParser

    allowed_frames = ("https://www.youtube-nocookie.com/", "https://www.youtube.com/embed/")
    external = []
    for path in site_build.site.rglob("*.html"):
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        for node in tree.css("script[src], img[src], iframe[src], link[rel=stylesheet], link[rel=preload], link[rel=icon]"):
            url = node.attributes.get("src") or node.attributes.get("href") or ""
            if node.tag == "iframe" and url.startswith(allowed_frames):
                continue
            if url.startswith(("http://", "https://", "//")):
                external.append(f"{path.relative_to(site_build.site)}: {url}")
    assert external == []


@pytest.mark.parametrize("prefix", ["en/", "es/"])
def test_each_language_has_a_sitemap_of_its_own_pages(site_build, prefix):
    """Material fetches the sitemap next to a page's feed links: its language's root."""
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring((site_build.site / prefix / "sitemap.xml").read_bytes())
    locs = [u.findtext("s:loc", namespaces=ns) for u in root.findall("s:url", ns)]
    assert locs and all(loc.startswith(f"https://geotrek.fr/{prefix}") for loc in locs)
    seed = next(u for u in root.findall("s:url", ns) if "retour-rencontres-geotrek-2019" in u.findtext("s:loc", namespaces=ns))
    assert {a.get("hreflang") for a in seed.findall("x:link", ns)} == {"fr", "en", "es", "x-default"}
