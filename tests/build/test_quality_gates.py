"""Quality gates on the built site, in every language: links, feeds, page metadata."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
import pytest
from selectolax.lexbor import LexborHTMLParser

from geotrek_portal.blog import PostReader
from geotrek_portal.config import load_site
from geotrek_portal.feeds import ALL_LANGUAGES_FEED
from geotrek_portal.urls import POSTS_DIR, post_path
from tests.conftest import REPO
from tests.feed_validation import validate_json_feed, validate_rss

pytestmark = pytest.mark.build

SITE = load_site(REPO / "mkdocs.yml")
SITE_URL = SITE.site_url  # https://geotrek.fr/: absolute links to it are internal
PREFIXES = {lang.code: lang.prefix for lang in SITE.languages.all}
# (selector, attribute) of everything a page loads or links to
LINKING = [
    ("a[href]", "href"),
    ("link[href]", "href"),
    ("img[src]", "src"),
    ("script[src]", "src"),
    ("source[src]", "src"),
    ("iframe[src]", "src"),
    ("video[src]", "src"),
    ("audio[src]", "src"),
    ("video[poster]", "poster"),
]
NOT_FETCHED = ("mailto", "tel", "javascript", "data", "webcal")  # webcal: a calendar subscription (test_calendar_build checks its file)


def html_pages(site: Path) -> list[Path]:
    """Every page, but the old addresses' redirect stubs (data/redirects.yml, mkdocs-redirects)."""
    return sorted(path for path in site.rglob("*.html") if not is_redirect(path))


def is_redirect(path: Path) -> bool:
    return '<meta http-equiv="refresh"' in path.read_text(encoding="utf-8")[:1000]


@cache
def parsed(path: Path) -> LexborHTMLParser:
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def page_url(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    return urljoin(SITE_URL, rel)


def target_file(site: Path, url: str) -> Path:
    """The file a site URL serves, as a static server (or GitHub Pages) would."""
    path = unquote(urlsplit(url).path)[len(urlsplit(SITE_URL).path) :]
    target = site / path
    if path == "" or path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def links_of(site: Path, path: Path) -> list[tuple[str, str]]:
    """(raw value, absolute URL) of every link, picture, script and stylesheet of a page."""
    base = page_url(site, path)
    found = []
    for selector, attribute in LINKING:
        for node in parsed(path).css(selector):
            value = (node.attributes.get(attribute) or "").strip()
            if value:
                found.append((value, urljoin(base, value)))
        for node in parsed(path).css(f"{selector.split('[')[0]}[srcset]"):
            for candidate in (node.attributes.get("srcset") or "").split(","):
                if candidate.strip():
                    found.append((candidate.split()[0], urljoin(base, candidate.split()[0])))
    return found


def has_anchor(path: Path, fragment: str) -> bool:
    fragment = unquote(fragment)
    tree = parsed(path)
    return any(n.attributes.get("id") == fragment or n.attributes.get("name") == fragment for n in tree.css("[id], [name]"))


# ------------------------------------------------------------------ links
def test_every_internal_link_picture_script_and_stylesheet_resolves(site_build):
    site = site_build.site
    pages = html_pages(site)
    assert {path.relative_to(site).parts[0] for path in pages} >= {"en", "es", "blog", "index.html"}
    broken, external = [], {}
    for path in pages:
        rel = path.relative_to(site).as_posix()
        for raw, url in links_of(site, path):
            parts = urlsplit(url)
            if parts.scheme in NOT_FETCHED:
                continue
            if not url.startswith(SITE_URL):
                external.setdefault(url, set()).add(rel)
                continue
            target = target_file(site, url)
            if not target.is_file():
                broken.append(f"{rel}: {raw} -> {target.relative_to(site)} does not exist")
            elif parts.fragment and target.suffix == ".html" and not has_anchor(target, parts.fragment):
                broken.append(f"{rel}: {raw} -> no id '{parts.fragment}' in {target.relative_to(site)}")
    assert broken == []

    # external links are listed, never fetched; they must at least be well-formed web addresses
    print(f"\n{len(external)} external links (not fetched):")
    for url, where in sorted(external.items()):
        print(f"  {url}  ({len(where)} page(s), e.g. {min(where)})")
    malformed = [url for url in external if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc]
    assert malformed == []


def test_the_link_check_catches_a_broken_link(tmp_path):
    """The gate can fail: a missing picture and a wrong anchor are both found."""
    (tmp_path / "index.html").write_text(
        '<a href="missing/">x</a><img src="assets/nope.png"><a href="#here">ok</a><a href="#there">no</a>'
        '<p id="here"></p><a href="https://geotrek.fr/">self</a>',
        encoding="utf-8",
    )
    page = tmp_path / "index.html"
    results = []
    for raw, url in links_of(tmp_path, page):
        target = target_file(tmp_path, url)
        fragment = urlsplit(url).fragment
        results.append((raw, target.is_file() and (not fragment or has_anchor(target, fragment))))
    assert results == [
        ("missing/", False),
        ("#here", True),
        ("#there", False),
        ("https://geotrek.fr/", True),
        ("assets/nope.png", False),
    ]


# ------------------------------------------------------------------ feeds
RSS_FEEDS = ["feed_rss_created.xml", "feed_rss_updated.xml"]
JSON_FEEDS = ["feed_json_created.json", "feed_json_updated.json"]


def posts_of(lang: str, dated: bool = False):
    """Absolute URLs of the published posts of `lang`, computed by the core (with `dated`: url -> date)."""
    catalog = PostReader(SITE.languages).read(SITE.docs_dir / POSTS_DIR, SITE.docs_dir)
    urls = {
        urljoin(SITE_URL, post_path(SITE.languages, lang, post.published, catalog.group_of(post).slug,
                                    SITE.post_url_format, SITE.post_url_date_format)): post.published
        for post in catalog.posts(lang, drafts=False)
    }
    return urls if dated else set(urls)


@pytest.mark.parametrize("lang", list(PREFIXES))
@pytest.mark.parametrize("name", RSS_FEEDS)
def test_rss_feed_is_valid_rss_2(site_build, lang, name):
    path = site_build.site / (PREFIXES[lang] + name)
    raw = path.read_bytes()
    assert validate_rss(raw) == []  # RSS 2.0, strictly (tests/feed_validation.py)
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"

    channel = ET.fromstring(raw).find("channel")
    assert channel.findtext("language") == lang
    assert channel.findtext("link") == urljoin(SITE_URL, PREFIXES[lang] + "blog/")
    links = set()
    for item in channel.findall("item"):
        link = item.findtext("link")
        assert item.findtext("guid") == link
        assert target_file(site_build.site, link).is_file(), link
        links.add(link)
        assert_item_urls_resolve(site_build.site, item.findtext("description"), item.find("enclosure"))
    assert links == posts_of(lang)


def assert_item_urls_resolve(site: Path, html: str, enclosure) -> None:
    """Every URL of the site in an item is a file of the built site; an enclosure's length is its size."""
    for raw, url in links_of_html(html):
        if url.startswith(SITE_URL):
            assert target_file(site, url).is_file(), raw
    if enclosure is not None:
        assert target_file(site, enclosure.get("url")).stat().st_size == int(enclosure.get("length"))


def links_of_html(html: str) -> list[tuple[str, str]]:
    tree = LexborHTMLParser(f"<body>{html}</body>")
    found = []
    for selector, attribute in LINKING:
        found += [(n.attributes[attribute], n.attributes[attribute]) for n in tree.css(selector)]
    for node in tree.css("[srcset]"):
        found += [(c.split()[0],) * 2 for c in node.attributes["srcset"].split(",") if c.strip()]
    return found


def test_feed_xml_is_an_rss_feed_of_every_language(site_build):
    """The old site's feed address: feed readers subscribed to it get the latest posts of all languages."""
    raw = (site_build.site / ALL_LANGUAGES_FEED).read_bytes()
    assert validate_rss(raw) == []
    items = ET.fromstring(raw).findall("channel/item")
    published = {url: date for lang in PREFIXES for url, date in posts_of(lang, dated=True).items()}
    links = {item.findtext("link") for item in items}
    assert {"fr", "en", "es"} <= {item.findtext("{http://purl.org/dc/elements/1.1/}language") for item in items}
    assert links <= set(published)
    oldest = min(published[link] for link in links)
    assert all(date <= oldest for url, date in published.items() if url not in links)  # the latest ones
    for item in items:
        assert_item_urls_resolve(site_build.site, item.findtext("description"), item.find("enclosure"))


@pytest.mark.parametrize("lang", list(PREFIXES))
@pytest.mark.parametrize("name", JSON_FEEDS)
def test_json_feed_is_valid_json_feed_1_1(site_build, lang, name):
    path = site_build.site / (PREFIXES[lang] + name)
    assert validate_json_feed(path.read_bytes()) == []  # JSON Feed 1.1, strictly (tests/feed_validation.py)
    feed = json.loads(path.read_text(encoding="utf-8"))
    assert feed["home_page_url"] == urljoin(SITE_URL, PREFIXES[lang] + "blog/")
    assert feed["feed_url"] == urljoin(SITE_URL, PREFIXES[lang] + name)
    assert feed.get("language", lang) == lang
    assert isinstance(feed["items"], list)
    ids, urls = set(), set()
    for item in feed["items"]:
        assert item["id"] not in ids
        ids.add(item["id"])
        assert target_file(site_build.site, item["url"]).is_file(), item["url"]
        assert_item_urls_resolve(site_build.site, item["content_html"], None)
        if "image" in item:
            assert target_file(site_build.site, item["image"]).is_file(), item["image"]
        urls.add(item["url"])
    assert urls == posts_of(lang)


# ------------------------------------------------------------------ page metadata
def meta(tree: LexborHTMLParser, attribute: str, name: str) -> str | None:
    node = tree.css_first(f'meta[{attribute}="{name}"]')
    return node.attributes.get("content") if node is not None else None


def test_every_page_has_title_description_and_open_graph(site_build):
    site = site_build.site
    missing = []
    for path in html_pages(site):
        rel = path.relative_to(site).as_posix()
        tree = parsed(path)
        title = tree.css_first("head title")
        if title is None or not title.text().strip():
            missing.append(f"{rel}: <title>")
        for attribute, name in [("name", "description"), ("property", "og:title"), ("property", "og:description"),
                                ("property", "og:image"), ("property", "og:type")]:
            if not (meta(tree, attribute, name) or "").strip():
                missing.append(f"{rel}: {name}")
        image = meta(tree, "property", "og:image") or ""
        if image and not (image.startswith(SITE_URL) and target_file(site, image).is_file()):
            missing.append(f"{rel}: og:image {image} is not a picture of the site")
    assert missing == []


def test_open_graph_uses_the_post_picture(site_build):
    catalog = PostReader(SITE.languages).read(SITE.docs_dir / POSTS_DIR, SITE.docs_dir)
    with_image = [post for post in catalog.posts(drafts=False) if post.image]
    assert with_image, "the repository has posts with pictures"
    for post in with_image:
        url = post_path(SITE.languages, post.lang, post.published, catalog.group_of(post).slug,
                        SITE.post_url_format, SITE.post_url_date_format)
        tree = site_build.page(url)
        assert meta(tree, "property", "og:image") == urljoin(SITE_URL, post.image), url
        assert meta(tree, "property", "og:type") == "article"
        assert meta(tree, "property", "og:title") == post.title
        assert meta(tree, "property", "og:url") == urljoin(SITE_URL, url)


def test_pages_without_picture_show_the_logo(site_build):
    for prefix in PREFIXES.values():
        tree = site_build.page(prefix)
        assert meta(tree, "property", "og:image") == urljoin(SITE_URL, "assets/img/geotrek-logo.png")
        assert meta(tree, "property", "og:type") == "website"
        assert meta(tree, "property", "og:description") == meta(tree, "name", "description")
