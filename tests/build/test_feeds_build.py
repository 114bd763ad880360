"""The feeds of a fixture site, built strictly: what feed readers get in every language and at /feed.xml."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from tests.conftest import REPO, make_project, post_text, run_mkdocs_build, shared_build, strict_build
from tests.feed_validation import validate_json_feed, validate_rss

pytestmark = pytest.mark.build

SITE = "https://geotrek.fr/"
DC = "{http://purl.org/dc/elements/1.1/}"
TEASER = "assets/img/feed-teaser.png"  # written by the fixture, its own size
PICTURE = "assets/img/2019-rencontres-geotrek-groupe.jpg"  # a picture of the repository
LANGUAGE_FEEDS = {
    prefix + name: lang
    for prefix, lang in (("", "fr"), ("en/", "en"), ("es/", "es"))
    for name in ("feed_rss_created.xml", "feed_rss_updated.xml", "feed_json_created.json", "feed_json_updated.json")
}

POSTS = {
    # a teaser, and relative links and pictures (Markdown and raw HTML) in the excerpt
    "2024-05-02-atelier-geotrek.md": post_text(
        "Atelier Geotrek", "2024-05-02", "fr", "p1",
        "Voir [le produit](../../produit.md#mobile) et [la suite](#programme), "
        "l'[annonce](2024-04-01-annonce.md) et la [photo du groupe](../../" + PICTURE + ").\n\n"
        "![Le groupe](../../" + PICTURE + ")\n\n"
        '<p><img src="{{ site.baseurl }}/' + PICTURE + '" srcset="{{ site.baseurl }}/' + PICTURE + ' 1x, '
        "{{ site.baseurl }}/" + TEASER + ' 2x" alt="groupe"> <a href="mailto:geotrek@example.org">écrire</a></p>\n\n'
        "```\nligne 1\nligne 2\n```\n\n"
        "<!-- more -->\n\n## Programme\n\nLa suite, absente du flux.\n",
        image=TEASER,
    ),
    "2024-04-01-annonce.md": post_text("Annonce", "2024-04-01", "fr", "p2", image=PICTURE),
    # a summary is text, never HTML
    "2024-05-02-workshop-en.md": post_text(
        "Geotrek workshop", "2024-05-02", "en", "p1", description="'Workshops & <talks>'",
        image=PICTURE,
    ),
    "2023-01-10-encuentro-es.md": post_text("Encuentro", "2023-01-10", "es", "p3"),
}


def build_feeds_site(root):
    project = make_project(root, POSTS)
    teaser = project / "docs" / TEASER
    shutil.copyfile(REPO / "docs/assets/img/geotrek-logo.png", teaser)
    with teaser.open("ab") as f:
        f.write(b"\0" * 123)  # a size of its own
    return strict_build(project, root)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    result = shared_build(tmp_path_factory, "feeds", build_feeds_site)
    result.docs = result.site.parent / "project" / "docs"
    return result


def rss_items(built, name: str) -> dict[str, ET.Element]:
    root = ET.fromstring((built.site / name).read_bytes())
    return {item.findtext("title"): item for item in root.iter("item")}


def json_items(built, name: str) -> dict[str, dict]:
    return {item["title"]: item for item in json.loads((built.site / name).read_text(encoding="utf-8"))["items"]}


def served(built, url: str):
    """The file of the built site that an absolute URL of the site serves."""
    assert url.startswith(SITE), url
    path = built.site / urlsplit(url).path.lstrip("/")
    return path / "index.html" if url.endswith("/") or path.is_dir() else path


@pytest.mark.parametrize("name", [*LANGUAGE_FEEDS, "feed.xml"])
def test_every_feed_validates_strictly(built, name):
    raw = (built.site / name).read_bytes()
    assert (validate_json_feed(raw) if name.endswith(".json") else validate_rss(raw)) == []


@pytest.mark.parametrize("name", [n for n in LANGUAGE_FEEDS if n.endswith(".xml")])
def test_enclosures_are_sized_and_typed_from_docs(built, name):
    items = rss_items(built, name)
    for title, item in items.items():
        enclosure = item.find("enclosure")
        if title == "Atelier Geotrek":
            assert enclosure.attrib == {
                "url": SITE + TEASER,
                "type": "image/png",
                "length": str((built.docs / TEASER).stat().st_size),
            }
            assert served(built, enclosure.get("url")).stat().st_size == int(enclosure.get("length"))
        elif title in ("Annonce", "Geotrek workshop"):
            assert enclosure.attrib == {
                "url": SITE + PICTURE, "type": "image/jpeg", "length": str((built.docs / PICTURE).stat().st_size),
            }
        else:
            assert enclosure is None, title
    assert items  # every language has posts


def test_links_and_pictures_of_an_item_are_absolute_and_lead_to_the_site(built):
    page = SITE + "blog/2024/05/02/atelier-geotrek/"
    rss = LexborHTMLParser(rss_items(built, "feed_rss_created.xml")["Atelier Geotrek"].findtext("description"))
    json_html = json_items(built, "feed_json_created.json")["Atelier Geotrek"]["content_html"]
    assert rss.body.html == LexborHTMLParser(json_html).body.html  # both feeds carry the same HTML
    assert [a.attributes["href"] for a in rss.css("a")] == [
        SITE + "produit/#mobile",
        page + "#programme",
        SITE + "blog/2024/04/01/annonce/",
        SITE + PICTURE,
        "mailto:geotrek@example.org",
    ]
    assert [img.attributes["src"] for img in rss.css("img")] == [SITE + PICTURE, SITE + PICTURE]
    assert rss.css("img")[1].attributes["srcset"] == f"{SITE}{PICTURE} 1x, {SITE}{TEASER} 2x"
    for url in [a.attributes["href"] for a in rss.css("a")[:4]] + [SITE + PICTURE, SITE + TEASER]:
        assert served(built, url).is_file(), url
    assert "ligne 1\nligne 2" in rss.css_first("pre").text()  # line breaks kept in code
    assert "Programme" not in rss.body.text()  # the excerpt only
    assert "¶" not in rss.body.text()


@pytest.mark.parametrize("name", [*LANGUAGE_FEEDS, "feed.xml"])
def test_no_feed_carries_what_follows_an_excerpt(built, name):
    # mkdocs.yml lets the rss plugin take a page's whole HTML (abstract_chars_count: -1,
    # no second conversion): hooks/feeds.py must replace it with the excerpt in every item
    text = (built.site / name).read_text(encoding="utf-8")
    assert "Atelier Geotrek" in text or LANGUAGE_FEEDS.get(name) != "fr"
    assert "absente du flux" not in text and "headerlink" not in text


def test_a_summary_is_shown_as_text(built):
    item = rss_items(built, "en/feed_rss_created.xml")["Geotrek workshop"]
    assert item.findtext("description") == "<p>Workshops &amp; &lt;talks&gt;</p>"
    assert json_items(built, "en/feed_json_created.json")["Geotrek workshop"]["content_html"] == (
        "<p>Workshops &amp; &lt;talks&gt;</p>"
    )


def test_json_items_show_the_teaser(built):
    items = json_items(built, "feed_json_created.json")
    assert items["Atelier Geotrek"]["image"] == SITE + TEASER
    assert "image" not in json_items(built, "es/feed_json_created.json")["Encuentro"]


def test_feed_xml_has_the_latest_posts_of_every_language(built):
    root = ET.fromstring((built.site / "feed.xml").read_bytes())
    channel = root.find("channel")
    assert channel.findtext("link") == SITE
    items = channel.findall("item")
    expected = {
        (item.findtext("link"), lang)
        for name, lang in LANGUAGE_FEEDS.items()
        if name.endswith("rss_created.xml")
        for item in ET.fromstring((built.site / name).read_bytes()).iter("item")
    }
    assert {(item.findtext("link"), item.findtext(f"{DC}language")) for item in items} == expected
    assert {lang for _, lang in expected} == {"fr", "en", "es"}
    dates = [parsedate_to_datetime(item.findtext("pubDate")) for item in items]
    assert dates == sorted(dates, reverse=True)
    # the same item as in its language's feed, enclosure included
    atelier = next(item for item in items if item.findtext("title") == "Atelier Geotrek")
    assert atelier.find("enclosure").attrib == rss_items(built, "feed_rss_created.xml")["Atelier Geotrek"].find("enclosure").attrib
    assert "Redirecting" not in (built.site / "feed.xml").read_text(encoding="utf-8")


def test_a_redirect_of_feed_xml_fails_the_build_with_a_clear_message(tmp_path):
    project = make_project(tmp_path, {"2024-04-01-annonce.md": POSTS["2024-04-01-annonce.md"]})
    (project / "data/redirects.yml").write_text(
        "fr:\n  actualites.html: blog/index.md\n  feed.xml: feed_rss_created.xml\n", encoding="utf-8"
    )
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "data/redirects.yml:3: fr: feed.xml: is the RSS feed the build writes" in result.output
    assert "Traceback" not in result.output
