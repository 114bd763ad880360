"""What feed readers get: enclosures, absolute URLs in items, and /feed.xml.

Feed readers show an item's HTML out of the site's context: many do not
resolve relative URLs (pictures and links then break), none follows an HTML
redirect page, and RSS 2.0 wants an enclosure's length in bytes. The
mkdocs-rss-plugin writes the per-language feeds (``hooks/feeds.py`` hands it
what is computed here); ``/feed.xml``, the address the Jekyll site published,
is the latest posts of every language, merged from those feeds.

Plain Python: no MkDocs import.
"""

from __future__ import annotations

import mimetypes
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from html import escape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

# The old site's feed address: feed readers subscribed to it keep reading it.
ALL_LANGUAGES_FEED = "feed.xml"
EXCERPT_MARKER = "<!-- more -->"

# Attributes holding one URL, on any element (a, img, source, video, iframe, blockquote...)
URL_ATTRIBUTES = ("href", "src", "poster", "cite", "action", "data", "background", "longdesc")
# Attributes holding a list of "URL [descriptor]" candidates
SRCSET_ATTRIBUTES = ("srcset", "imagesrcset")
_LOCAL_SCHEMES = ("", "http", "https")  # what a relative reference may resolve to

# MIME types Python may not know, or knows only on some systems
_EXTRA_TYPES = {".webp": "image/webp", ".svg": "image/svg+xml", ".avif": "image/avif"}

NAMESPACES = {"atom": "http://www.w3.org/2005/Atom", "dc": "http://purl.org/dc/elements/1.1/"}


# ---------------------------------------------------------------- enclosures
@dataclass(frozen=True)
class Enclosure:
    url: str  # absolute
    type: str  # MIME type
    length: int  # bytes; 0 when unknown (RSS Best Practices Profile, "enclosure")


def media_type(path: str) -> str:
    """MIME type of a file from its name (``application/octet-stream`` when unknown)."""
    suffix = Path(urlsplit(path).path).suffix.lower()
    return _EXTRA_TYPES.get(suffix) or mimetypes.guess_type("x" + suffix, strict=False)[0] or "application/octet-stream"


def enclosure(image: str | None, docs_dir: Path, site_url: str) -> Enclosure | None:
    """A post's teaser picture (front matter ``image:``) as an RSS enclosure.

    ``image`` is a path under ``docs/`` (``assets/img/x.jpg``, as in the page's
    Open Graph picture), or the address of a picture on another site: its size
    is then unknown (nothing is fetched at build time), and given as 0 as the
    RSS Best Practices Profile asks. None when there is no picture, or the file
    is missing (the post's validation reports that).
    """
    if not image or not image.strip():
        return None
    image = image.strip()
    if urlsplit(image).scheme in ("http", "https"):
        return Enclosure(image, media_type(image), 0)
    relative = image.lstrip("/")
    path = Path(docs_dir) / relative
    if not path.is_file():
        return None
    return Enclosure(urljoin(site_url, relative), media_type(relative), path.stat().st_size)


# ---------------------------------------------------------------- item HTML
def absolute_html(html: str, base_url: str) -> str:
    """``html`` (a fragment) with every URL made absolute against ``base_url``.

    Links, pictures (``src`` and every ``srcset`` candidate), videos, frames,
    quotes; addresses with another scheme (``mailto:``, ``data:``) are kept.
    The headings' permalink signs (``¶``) are dropped: out of the page they
    only add noise.
    """
    if not html.strip():
        return html
    tree = LexborHTMLParser(f"<body>{html}</body>")
    body = tree.body
    for node in body.css("a.headerlink"):
        node.decompose()
    for node in body.css("*"):
        attributes = node.attributes
        for name in URL_ATTRIBUTES:
            value = attributes.get(name)
            if value is not None and value.strip():
                node.attrs[name] = _absolute(value.strip(), base_url)
        for name in SRCSET_ATTRIBUTES:
            value = attributes.get(name)
            if value is not None and value.strip():
                node.attrs[name] = absolute_srcset(value, base_url)
    return body.inner_html


def absolute_srcset(srcset: str, base_url: str) -> str:
    """Every candidate URL of a ``srcset`` made absolute; descriptors (``2x``, ``640w``) kept."""
    candidates = []
    for candidate in srcset.split(","):
        parts = candidate.split()
        if parts:
            candidates.append(" ".join([_absolute(parts[0], base_url), *parts[1:]]))
    return ", ".join(candidates)


def _absolute(url: str, base_url: str) -> str:
    if urlsplit(url).scheme not in _LOCAL_SCHEMES:
        return url  # mailto:, tel:, data:...
    return urljoin(base_url, url)


def excerpt(html: str, marker: str = EXCERPT_MARKER) -> str:
    """The part of a post's HTML before the excerpt marker (all of it without one)."""
    return html.split(marker, 1)[0].strip()


def item_description(description: str | None, content_html: str, page_url: str) -> str:
    """The HTML a feed item carries: the post's summary, else its excerpt, with absolute URLs.

    The front matter ``description`` is text, never HTML: it is escaped.
    ``content_html`` is the post as the site renders it (links relative to
    its page, ``page_url``).
    """
    if description and description.strip():
        return f"<p>{escape(description.strip())}</p>"
    return absolute_html(excerpt(content_html), page_url)


# ---------------------------------------------------------------- JSON Feed
def compact_json_feed(json_feed: dict) -> dict:
    """A JSON Feed without empty optional fields.

    JSON Feed 1.1 types each optional field (``image`` is a string, ``tags``
    an array, ``authors`` one or more authors): a field without a value is
    omitted, not ``null`` or ``[]``.
    """

    def compact(obj: dict) -> dict:
        return {key: value for key, value in obj.items() if value is not None and not (key == "authors" and not value)}

    clean = compact(json_feed)
    if isinstance(clean.get("items"), list):
        clean["items"] = [compact(item) for item in clean["items"]]
    return clean


# ---------------------------------------------------------------- /feed.xml
@dataclass(frozen=True)
class Channel:
    title: str
    link: str  # the site's home page
    description: str
    self_url: str  # where this feed is published
    image: str | None = None  # absolute URL of a bitmap logo


def merge_rss(feeds: dict[str, bytes], channel: Channel, limit: int) -> bytes:
    """One RSS 2.0 feed with the latest ``limit`` items of several feeds, newest first.

    ``feeds`` maps a language code to that language's RSS feed. Items are
    copied as they are (their ``source`` still names their language's feed)
    and get a ``dc:language``. The channel has no ``language``: it mixes them.
    """
    for prefix, uri in NAMESPACES.items():
        ET.register_namespace(prefix, uri)
    items = []
    for lang, raw in feeds.items():
        root = ET.fromstring(raw)
        for item in root.iterfind("channel/item"):
            language = ET.SubElement(item, f"{{{NAMESPACES['dc']}}}language")
            language.text = lang
            items.append((parsedate_to_datetime(item.findtext("pubDate")), item))
    items.sort(key=lambda pair: pair[0], reverse=True)

    rss = ET.Element("rss", {"version": "2.0"})
    out = ET.SubElement(rss, "channel")
    for tag, text in (("title", channel.title), ("link", channel.link), ("description", channel.description)):
        ET.SubElement(out, tag).text = text
    ET.SubElement(
        out, f"{{{NAMESPACES['atom']}}}link", {"href": channel.self_url, "rel": "self", "type": "application/rss+xml"}
    )
    newest = items[0][1].findtext("pubDate") if items else None
    if newest:
        ET.SubElement(out, "lastBuildDate").text = newest
    if channel.image:
        image = ET.SubElement(out, "image")
        for tag, text in (("url", channel.image), ("title", channel.title), ("link", channel.link)):
            ET.SubElement(image, tag).text = text
    for _, item in items[:limit]:
        out.append(item)
    ET.indent(rss)
    return ET.tostring(rss, encoding="UTF-8", xml_declaration=True) + b"\n"
