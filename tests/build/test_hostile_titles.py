"""Titles are text: a post title or an event name full of HTML shows as written, everywhere.

A fixture site has a post (French and English) and an event whose title is
hostile HTML; every place a title appears must show exactly those characters
(parsed back as text), create no element, and never be escaped twice.
"""

from __future__ import annotations

import html
import json

import feedparser
import pytest
from selectolax.lexbor import LexborHTMLParser

from tests.hostile_site import BEFORE, EVENT, EVENT_PAGE, POST, TITLE, hostile_site

SITE_NAME = {"": "Communauté Geotrek", "en/": "Geotrek community"}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return hostile_site(tmp_path_factory)


def page(hostile, path: str) -> LexborHTMLParser:
    return hostile.page(path)


def texts(tree: LexborHTMLParser, selector: str) -> list[str]:
    return [" ".join(node.text().split()) for node in tree.css(selector)]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_post_page_shows_the_title_as_text(hostile, prefix):
    tree = page(hostile, prefix + POST)
    assert tree.css_first("head title").text() == f"{TITLE} - {SITE_NAME[prefix]}"
    assert texts(tree, ".md-content h1") == [TITLE]
    assert texts(tree, '[data-md-component="header-topic"] .md-ellipsis') == [TITLE]
    og = tree.css_first('meta[property="og:title"]').attributes["content"]
    assert og == TITLE
    # the title created no element: no <b>, no script with its code
    assert tree.css(".md-content h1 b, .md-header b") == []
    code = tree.css('script:not([type="application/ld+json"])')
    assert not any("alert(" in (s.text() or "") for s in code)
    # the structured data holds the title as JSON text, with no "<" to close its element
    (data,) = tree.css('script[type="application/ld+json"]')
    assert "<" not in data.text() and json.loads(data.text())["headline"] == TITLE


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_blog_lists_show_the_title_as_text(hostile, prefix):
    for path in (f"{prefix}blog/", f"{prefix}blog/archive/2019/"):
        tree = page(hostile, path)
        assert TITLE in texts(tree, ".md-post h2 a"), path
        assert tree.css(".md-post h2 b") == [], path


def test_previous_next_footer_shows_the_title_as_text(hostile):
    tree = page(hostile, BEFORE)
    link = tree.css_first(".md-footer__link--next")
    assert " ".join(link.css_first(".md-footer__title .md-ellipsis").text().split()) == TITLE
    assert link.attributes["aria-label"] == f"Suivant: {TITLE}"


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_home_cards_show_titles_as_text(hostile, prefix):
    tree = page(hostile, prefix)
    assert texts(tree, ".portal-teaser__title a")[0] == TITLE
    assert texts(tree, '[data-portal="featured-event"] .portal-event__name') == [EVENT]


@pytest.mark.parametrize("prefix", ["", "en/", "es/"])
def test_event_page_and_box_show_names_and_titles_as_text(hostile, prefix):
    tree = page(hostile, prefix + EVENT_PAGE)
    assert texts(tree, ".md-content h1") == [EVENT]
    assert tree.css_first("head title").text().startswith(EVENT + " - ")
    assert TITLE in texts(tree, ".portal-event__material a")
    assert TITLE in texts(tree, ".portal-event__posts a")
    assert EVENT in texts(tree, ".md-nav--primary a.md-nav__link")  # the events sidebar
    assert texts(tree, '[data-md-component="header-topic"] .md-ellipsis') == [EVENT]
    assert tree.css(".md-content h1 i, .md-nav i, .portal-event__posts b, .portal-event__material b") == []
    index = page(hostile, prefix + "events/")
    assert EVENT in texts(index, '[data-event="hostile-2030"] > a')
    if prefix != "es/":  # the post has no Spanish version
        box = page(hostile, prefix + POST).css_first('[data-portal="event-box"]')
        assert texts(box, ".portal-event-box__name a") == [EVENT]
        assert box.attributes["aria-label"].endswith(": " + EVENT)
        assert TITLE in texts(box, "li a")


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_search_index_holds_the_title_as_material_reads_it(hostile, prefix):
    """Material shows the index's titles as HTML: the title must be there escaped, once."""
    docs = json.loads(hostile.file(prefix + "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    titles = [doc["title"] for doc in docs if doc["location"].rstrip("/").endswith("hostile")]
    assert titles and all(html.unescape(t) == TITLE and "<" not in t for t in titles), titles


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_feeds_carry_the_title_as_text(hostile, prefix):
    rss = feedparser.parse(hostile.file(prefix + "feed_rss_created.xml").read_text(encoding="utf-8"))
    assert TITLE in [entry.title for entry in rss.entries]
    feed = json.loads(hostile.file(prefix + "feed_json_created.json").read_text(encoding="utf-8"))
    assert TITLE in [item["title"] for item in feed["items"]]


def test_nothing_is_escaped_twice(hostile):
    for path in hostile.site.rglob("*"):
        if path.suffix in (".html", ".xml", ".json"):
            text = path.read_text(encoding="utf-8")
            assert "&amp;amp;" not in text and "&amp;lt;" not in text and "&amp;#34;" not in text, path
            if path.suffix != ".json":  # JSON (feed, search) holds text, checked above
                assert "<script>alert(" not in text, path
