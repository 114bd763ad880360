"""What feed readers get (geotrek_portal.feeds), and the strict validator the build tests use."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from geotrek_portal.feeds import (
    ALL_LANGUAGES_FEED,
    Channel,
    Enclosure,
    absolute_html,
    absolute_srcset,
    compact_json_feed,
    enclosure,
    excerpt,
    item_description,
    media_type,
    merge_rss,
)
from geotrek_portal.languages import Language, Languages
from geotrek_portal.redirects import parse_redirect_map
from tests.feed_validation import rfc822_problem, validate_json_feed, validate_rss

SITE = "https://geotrek.fr/"
PAGE = "https://geotrek.fr/blog/2019/12/17/retour/"
LANGUAGES = Languages((Language("fr", "Français", True), Language("en", "English"), Language("es", "Español")))


# ---------------------------------------------------------------- enclosures
def test_a_teaser_under_docs_is_sized_from_docs_not_from_the_post_folder(tmp_path):
    (tmp_path / "assets/img").mkdir(parents=True)
    (tmp_path / "assets/img/x.jpg").write_bytes(b"\xff\xd8\xff" + b"0" * 997)
    (tmp_path / "blog/posts").mkdir(parents=True)
    assert enclosure("assets/img/x.jpg", tmp_path, SITE) == Enclosure("https://geotrek.fr/assets/img/x.jpg", "image/jpeg", 1000)
    assert enclosure(" /assets/img/x.jpg ", tmp_path, SITE).length == 1000
    # a site served under a path keeps it
    assert enclosure("assets/img/x.jpg", tmp_path, "https://example.org/geotrek/").url == (
        "https://example.org/geotrek/assets/img/x.jpg"
    )


def test_no_enclosure_without_a_picture_or_when_the_file_is_missing(tmp_path):
    assert enclosure(None, tmp_path, SITE) is None
    assert enclosure("  ", tmp_path, SITE) is None
    assert enclosure("assets/img/missing.png", tmp_path, SITE) is None


def test_a_picture_on_another_site_is_not_fetched_its_length_is_zero(tmp_path):
    assert enclosure("https://www.ecrins-parcnational.fr/a.PNG", tmp_path, SITE) == Enclosure(
        "https://www.ecrins-parcnational.fr/a.PNG", "image/png", 0
    )


@pytest.mark.parametrize(
    "name, mime",
    [("a.jpg", "image/jpeg"), ("a.JPEG", "image/jpeg"), ("a.png", "image/png"), ("a.gif", "image/gif"),
     ("a.webp", "image/webp"), ("a.svg", "image/svg+xml"), ("a.avif", "image/avif"), ("a.pdf", "application/pdf"),
     ("https://x.org/a.jpg?w=200", "image/jpeg"), ("noext", "application/octet-stream")],
)
def test_media_type_comes_from_the_extension(name, mime):
    assert media_type(name) == mime


# ---------------------------------------------------------------- item HTML
def test_every_url_of_an_item_becomes_absolute():
    html = (
        '<p><a href="../../../../../produit/#mobile">produit</a> <a href="#suite">suite</a> '
        '<img src="../../../../../assets/img/a.jpg" srcset="../../../../../assets/img/a.jpg 1x, /assets/img/a@2x.jpg 2x" alt="a"></p>'
        '<picture><source srcset="b.webp 640w,c.webp 1280w" type="image/webp"></picture>'
        '<video poster="v.jpg" src="v.mp4"></video><blockquote cite="/source/">q</blockquote>'
    )
    out = absolute_html(html, PAGE)
    assert 'href="https://geotrek.fr/produit/#mobile"' in out
    assert 'href="https://geotrek.fr/blog/2019/12/17/retour/#suite"' in out
    assert 'src="https://geotrek.fr/assets/img/a.jpg"' in out
    assert 'srcset="https://geotrek.fr/assets/img/a.jpg 1x, https://geotrek.fr/assets/img/a@2x.jpg 2x"' in out
    assert f'srcset="{PAGE}b.webp 640w, {PAGE}c.webp 1280w"' in out
    assert f'poster="{PAGE}v.jpg"' in out and f'src="{PAGE}v.mp4"' in out
    assert 'cite="https://geotrek.fr/source/"' in out
    assert 'alt="a"' in out and ">produit</a>" in out


def test_other_schemes_and_absolute_urls_are_kept_and_text_is_untouched():
    html = '<p>A &amp; B &lt;b&gt; <a href="mailto:geotrek@example.org">mail</a> <a href="https://github.com/GeotrekCE">gh</a></p>'
    out = absolute_html(html, PAGE)
    assert out == html


def test_heading_permalinks_are_dropped():
    out = absolute_html('<h2 id="t">Titre<a class="headerlink" href="#t" title="Permanent link">¶</a></h2>', PAGE)
    assert out == '<h2 id="t">Titre</h2>'


def test_srcset_candidates_keep_their_descriptors():
    assert absolute_srcset(" a.jpg 1x ,  b.jpg 2x, ", PAGE) == f"{PAGE}a.jpg 1x, {PAGE}b.jpg 2x"


def test_the_excerpt_ends_at_the_marker():
    assert excerpt("<p>a</p>\n<!-- more -->\n<p>b</p>") == "<p>a</p>"
    assert excerpt("<p>a</p>") == "<p>a</p>"


def test_a_summary_is_text_and_an_excerpt_is_html_with_absolute_urls():
    assert item_description("Rencontres & <ateliers>", "<p>x</p>", PAGE) == "<p>Rencontres &amp; &lt;ateliers&gt;</p>"
    assert item_description(None, '<p><a href="../x/">x</a></p><!-- more --><p>y</p>', PAGE) == (
        '<p><a href="https://geotrek.fr/blog/2019/12/17/x/">x</a></p>'
    )


# ---------------------------------------------------------------- JSON Feed
def test_empty_optional_json_fields_are_omitted():
    feed = {"version": "v", "title": "t", "authors": [], "icon": None,
            "items": [{"id": "1", "image": None, "tags": None, "authors": [], "content_html": ""}]}
    assert compact_json_feed(feed) == {"version": "v", "title": "t", "items": [{"id": "1", "content_html": ""}]}


# ---------------------------------------------------------------- /feed.xml
def rss(lang: str, *items: tuple[str, str]) -> bytes:
    body = "".join(
        f"<item><title>{title}</title><description>d</description><link>{SITE}{lang}/{title}/</link>"
        f"<pubDate>{date}</pubDate><guid isPermaLink=\"true\">{SITE}{lang}/{title}/</guid></item>"
        for title, date in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">'
        f"<channel><title>{lang}</title><link>{SITE}</link><description>d</description>"
        f'<atom:link href="{SITE}{lang}.xml" rel="self" type="application/rss+xml"/>{body}</channel></rss>'
    ).encode()


CHANNEL = Channel("Tous", SITE, "Toutes les langues", SITE + ALL_LANGUAGES_FEED, SITE + "logo.png")


def test_the_all_languages_feed_has_the_latest_items_of_every_language_newest_first():
    merged = merge_rss(
        {
            "fr": rss("fr", ("a", "Tue, 17 Dec 2019 00:00:00 +0000"), ("b", "Mon, 30 Sep 2019 00:00:00 +0000")),
            "en": rss("en", ("c", "Wed, 18 Dec 2019 09:00:00 +0100")),
            "es": rss("es"),
        },
        CHANNEL,
        limit=2,
    )
    assert validate_rss(merged) == []
    channel = ET.fromstring(merged).find("channel")
    assert [(i.findtext("title"), i.findtext("{http://purl.org/dc/elements/1.1/}language")) for i in channel.iter("item")] == [
        ("c", "en"),
        ("a", "fr"),
    ]
    assert channel.findtext("title") == "Tous" and channel.findtext("link") == SITE
    assert channel.find("language") is None  # it mixes languages
    assert channel.findtext("lastBuildDate") == "Wed, 18 Dec 2019 09:00:00 +0100"  # the newest item, not the build time
    assert channel.find("{http://www.w3.org/2005/Atom}link").get("href") == SITE + "feed.xml"
    assert b"xmlns:atom" in merged and b"ns0:" not in merged


def test_the_all_languages_feed_without_posts_is_still_valid():
    merged = merge_rss({"fr": rss("fr")}, CHANNEL, limit=30)
    assert validate_rss(merged) == []
    assert ET.fromstring(merged).find("channel/item") is None


# ---------------------------------------------------------------- the redirect map
def test_a_redirect_of_feed_xml_is_an_error_naming_its_line():
    text = "# map\nfr:\n  contact.html: contact.md\n  feed.xml: feed_rss_created.xml\n"
    redirects, problems = parse_redirect_map(text, LANGUAGES)
    assert redirects == {"fr": {"contact.html": "contact.md"}}
    assert [(p.field, p.line) for p in problems] == [("fr: feed.xml", 4)]
    assert "feed readers" in problems[0].message and "remove this entry" in problems[0].hint


# ---------------------------------------------------------------- the validator can fail
GOOD_ITEM = (
    "<item><title>t</title><description>&lt;p&gt;&lt;a href=\"https://geotrek.fr/x/\"&gt;x&lt;/a&gt;&lt;/p&gt;</description>"
    "<link>https://geotrek.fr/x/</link><pubDate>Tue, 17 Dec 2019 00:00:00 +0000</pubDate>"
    '<guid isPermaLink="true">https://geotrek.fr/x/</guid>'
    '<enclosure url="https://geotrek.fr/a.jpg" type="image/jpeg" length="12" /></item>'
)


def channel_with(item: str, extra: str = "") -> bytes:
    return (
        f'<rss version="2.0"><channel><title>T</title><link>{SITE}</link><description>D</description>'
        f"{extra}{item}</channel></rss>"
    ).encode()


def test_the_rss_validator_accepts_a_valid_feed():
    assert validate_rss(channel_with(GOOD_ITEM, "<language>fr</language><ttl>60</ttl>")) == []


@pytest.mark.parametrize(
    "change, problem",
    [
        (('length="12"', 'length="None"'), "<enclosure length> 'None' is not a number of bytes"),
        (('type="image/jpeg"', 'type="jpeg"'), "<enclosure type> 'jpeg' is not a MIME type"),
        (('url="https://geotrek.fr/a.jpg"', 'url="/a.jpg"'), "<enclosure url> '/a.jpg' is not an absolute URL"),
        (("Tue, 17 Dec 2019 00:00:00 +0000", "2019-12-17T00:00:00Z"), "is not an RFC 822 date-time"),
        (("Tue, 17 Dec", "Wed, 17 Dec"), "that date is a Tue"),
        (('<guid isPermaLink="true">https://geotrek.fr/x/</guid>', ""), "no <guid>"),
        (("href=\"https://geotrek.fr/x/\"", "href=\"../x/\""), "<description>: relative URL <a> '../x/'"),
        (("<title>t</title>", "<titre>t</titre>"), "<titre> is not an RSS 2.0 item element"),
    ],
)
def test_the_rss_validator_finds_each_problem(change, problem):
    item = GOOD_ITEM.replace(*change)
    assert item != GOOD_ITEM
    problems = validate_rss(channel_with(item))
    assert len(problems) == 1 and problem in problems[0], problems


def test_the_rss_validator_finds_channel_problems():
    assert validate_rss(b"<rss version='0.91'><channel/></rss>")
    assert validate_rss(b"<feed/>")
    assert validate_rss(b"<rss version='2.0'><channel>") [0].startswith("not well-formed XML")
    problems = validate_rss(b"<rss version='2.0'><channel><title>T</title><link>/</link></channel></rss>")
    assert problems == ["channel: needs exactly one <description>", "channel: <link> '/' is not an absolute URL"]
    problems = validate_rss(channel_with("", "<pubDate>28 Nov 2026</pubDate><language>français</language>"))
    assert len(problems) == 2


@pytest.mark.parametrize(
    "value, ok",
    [("Sat, 28 Nov 2026 20:06:43 -0000", True), ("28 Nov 2026 20:06 GMT", True), ("Sat, 28 Nov 2026 20:06:43 Z", True),
     ("Sat, 28 Nov 2026 20:06:43", False), ("Sat, 31 Nov 2026 20:06:43 +0000", False), ("Sat,28 Nov 2026 20:06 +0000", False),
     ("Sat, 28 nov 2026 20:06:43 +0000", False), ("Sat, 28 Nov 2026 24:06:43 +0000", False)],
)
def test_rfc_822_dates(value, ok):
    assert (rfc822_problem(value) is None) == ok


GOOD_JSON = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "T",
    "home_page_url": SITE,
    "feed_url": SITE + "feed.json",
    "language": "fr",
    "items": [
        {"id": SITE + "x/", "url": SITE + "x/", "title": "x", "content_html": f'<img src="{SITE}a.jpg">',
         "image": SITE + "a.jpg", "date_published": "2019-12-17T00:00:00+00:00", "tags": ["a"],
         "authors": [{"name": "Geotrek"}], "_geotrek": {"any": "thing"}}
    ],
}


def test_the_json_feed_validator_accepts_a_valid_feed():
    assert validate_json_feed(json.dumps(GOOD_JSON).encode()) == []


@pytest.mark.parametrize(
    "change, problem",
    [
        ({"image": None}, "image is null, not a string"),
        ({"tags": None}, "tags is not an array of strings"),
        ({"authors": []}, "authors is not an array of one or more authors"),
        ({"id": 12}, "id (required) is missing or not a string"),
        ({"content_html": None}, "needs content_html or content_text"),
        ({"date_published": "2019-12-17"}, "date_published '2019-12-17' is not an RFC 3339 date-time"),
        ({"date_published": "2019-13-17T00:00:00Z"}, "is not an RFC 3339 date-time"),
        ({"url": "/x/"}, "url '/x/' is not an absolute URL"),
        ({"content_html": '<img srcset="a.jpg 2x">'}, "content_html: relative URL <img> 'a.jpg'"),
        ({"summary_text": "s"}, "summary_text is not a JSON Feed 1.1 item field"),
    ],
)
def test_the_json_feed_validator_finds_each_problem(change, problem):
    feed = json.loads(json.dumps(GOOD_JSON))
    feed["items"][0].update(change)
    problems = validate_json_feed(json.dumps(feed).encode())
    assert any(problem in p for p in problems), problems


def test_the_json_feed_validator_finds_feed_problems():
    assert validate_json_feed(b"[]") == ["the top level is not an object"]
    feed = {**GOOD_JSON, "version": "https://jsonfeed.org/version/1", "title": None}
    del feed["items"]
    problems = validate_json_feed(json.dumps(feed).encode())
    assert problems[0].startswith("version is 'https://jsonfeed.org/version/1'")
    assert "title (required) is missing or not a string" in problems
    assert problems[-1] == "items (required) is missing or not an array"
