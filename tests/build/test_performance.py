"""What `make lighthouse`'s figures rely on, checked on the built pages (never timed).

See README, "Performance on a phone". The search deferral and the sidebar
labels rely on Material internals: these tests (and tests/browser/test_performance.py)
are meant to fail loudly when a Material upgrade changes them.
"""

from __future__ import annotations

import json
import re

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

pytestmark = pytest.mark.build

BUNDLE = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"')
# the worker address the deferral script recognises (overrides/partials/search-on-demand.html)
WORKER = re.compile(r"/workers/search\.[\w.]+\.js$")


def html_pages(site):
    return sorted(p for p in site.rglob("*.html") if "<html" in p.read_text(encoding="utf-8")[:500])


def test_every_page_holds_the_search_index_back_before_material_starts(site_build):
    pages = html_pages(site_build.site)
    assert len(pages) > 20
    wrong = []
    for path in pages:
        html = path.read_text(encoding="utf-8")
        bundle = BUNDLE.search(html)
        if bundle is None:
            continue  # mkdocs-redirects' pages: no Material
        deferral = html.find("portalSearchIndex")
        if deferral < 0 or deferral > bundle.start():
            wrong.append(str(path.relative_to(site_build.site)))
    assert wrong == [], "search-on-demand.html must come before Material's bundle"


EXPECT = re.compile(r'<link rel="expect" href="#([\w-]+)" blocking="render">')
TEMPLATE = re.compile(r"<template\b.*?</template>", re.S)


def test_every_page_holds_its_first_paint_until_the_footer_and_no_further(site_build):
    """The render-blocking link of main.html names an element that is there once,
    after the page's content and before Material's bundle (which must not run
    before the first paint). A missing id would hold the paint to the end of the page."""
    wrong = []
    for path in html_pages(site_build.site):
        # without the 404's other languages, which are <template>s, not part of the document
        html = TEMPLATE.sub("", path.read_text(encoding="utf-8"))
        bundle = BUNDLE.search(html)
        if bundle is None:
            continue  # mkdocs-redirects' pages: no Material
        expect = EXPECT.search(html)
        target = html.find(f'id="{expect.group(1)}"') if expect else -1
        content = html.find("</article>")
        if not expect or html.count(f'id="{expect.group(1)}"') != 1 or not content < target < bundle.start():
            wrong.append(str(path.relative_to(site_build.site)))
    assert wrong == []


def test_material_fetches_its_index_and_worker_as_the_deferral_expects(site_build):
    page = site_build.page("blog/")
    config = json.loads(page.css_first("script#__config").text())
    assert WORKER.search(config["search"]), config["search"]
    bundle_src = page.css_first('script[src*="assets/javascripts/bundle."]').attributes["src"]
    bundle = (site_build.site / "blog" / bundle_src).resolve().read_text(encoding="utf-8")
    assert "search/search_index.json" in bundle  # the address the deferral holds back
    assert "new XMLHttpRequest" in bundle  # the way Material fetches it
    assert "new Worker(" in bundle
    assert page.css_first("input#__search[data-md-toggle=search]") is not None
    assert page.css_first("[data-md-component=search-query]") is not None


def test_pictures_in_pages_have_width_and_height(site_build):
    unsized, checked = [], 0
    for path in html_pages(site_build.site):
        tree = site_build.page(str(path.relative_to(site_build.site)))
        for img in tree.css(".md-content img"):
            src = img.attributes.get("src") or ""
            if src.endswith(".svg") or "://" in src:
                continue
            checked += 1
            if not (img.attributes.get("width") and img.attributes.get("height")):
                unsized.append(f"{path.relative_to(site_build.site)}: {img.html}")
    assert checked > 5
    assert unsized == []


def test_teasers_are_lazy_and_decoded_off_the_main_thread(site_build):
    for url in ("", "blog/", "en/", "en/blog/", "es/", "es/blog/"):
        teasers = site_build.page(url).css("img.md-post__teaser, img.portal-teaser__image")
        assert teasers, url
        for img in teasers:
            assert img.attributes.get("loading") == "lazy", img.html
            assert img.attributes.get("decoding") == "async", img.html


@pytest.mark.parametrize("prefix", ["", "en/", "es/"])
def test_post_sidebar_sections_have_a_label(site_build, prefix):
    page = site_build.page(f"{prefix}blog/2019/12/17/retour-rencontres-geotrek-2019/")
    sections = page.css(".md-sidebar--post .md-post__meta > .md-nav__item--section")
    assert sections, "Material's post sidebar changed: see geotrek_portal/landmarks.py"
    for section in sections:
        title = " ".join(section.css_first(".md-post__title").text().split())
        assert section.css_first("nav").attributes.get("aria-label") == title


def test_sections_with_an_index_page_are_named_after_their_link_on_every_page(site_build):
    """Their navs would otherwise be named by a toggle holding only an icon (geotrek_portal.landmarks)."""
    unnamed_sections, wrong = [], []
    for path in html_pages(site_build.site):
        tree = HTMLParser(path.read_text(encoding="utf-8"))
        navs = tree.css(".md-nav__container + nav")
        if tree.css_first(".md-nav--primary") is not None and not navs:
            unnamed_sections.append(str(path.relative_to(site_build.site)))
        for nav in navs:
            container = nav.prev
            while container.tag == "-text":
                container = container.prev
            link = " ".join(container.css_first("a").text().split())
            if nav.attributes.get("aria-label") != link or "aria-labelledby" in nav.attributes:
                wrong.append(f"{path.relative_to(site_build.site)}: {nav.html[:120]} (link: {link})")
    # News and Events are such sections in every language's navigation
    assert unnamed_sections == [], "Material's indexed sections changed: see geotrek_portal/landmarks.py"
    assert wrong == []


def test_post_excerpts_are_not_landmarks(site_build):
    page = site_build.page("blog/")
    assert page.css(".md-post__action a")
    assert page.css("nav.md-post__action") == []
