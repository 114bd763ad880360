"""Strict validation of RSS 2.0 and JSON Feed 1.1 documents, written against the specs.

There is no offline W3C feed validator, and the PyPI validators are
unmaintained (jsonfeedvalidator 0.0.3, 2017), so the rules are written here,
from https://www.rssboard.org/rss-specification (with the RSS Best Practices
Profile where the specification is loose) and https://www.jsonfeed.org/version/1.1/.
On top of the specs, what feed readers need from this site: every item has a
guid, and every URL in an item is absolute.

Each function returns a list of problems (empty when the feed is valid), so
a test shows them all at once.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

# ---------------------------------------------------------------- shared
URL_ATTRIBUTES = ("href", "src", "poster", "cite", "action", "data", "background", "longdesc")
SRCSET_ATTRIBUTES = ("srcset", "imagesrcset")
OTHER_SCHEMES = ("mailto", "tel", "data", "javascript")
MIME = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$", re.I)
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$", re.I)


def is_absolute_url(url: object) -> bool:
    if not isinstance(url, str) or url != url.strip():
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def relative_urls_in_html(html: str) -> list[str]:
    """Every URL of an HTML fragment that a feed reader would have to resolve."""
    found = []
    tree = LexborHTMLParser(f"<body>{html}</body>")
    for node in tree.body.css("*"):
        attributes = node.attributes
        values = [attributes.get(name) for name in URL_ATTRIBUTES]
        for name in SRCSET_ATTRIBUTES:
            for candidate in (attributes.get(name) or "").split(","):
                values.append(candidate.split()[0] if candidate.split() else None)
        for value in values:
            if value is None:
                continue
            if urlsplit(value.strip()).scheme in OTHER_SCHEMES:
                continue
            if not is_absolute_url(value.strip()):
                found.append(f"<{node.tag}> {value!r}")
    return found


# ---------------------------------------------------------------- RSS 2.0
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# RFC 822 section 5 (with RFC 1123's four-digit year, as the RSS spec's examples)
RFC822 = re.compile(
    rf"^(?:(?P<day>{'|'.join(DAYS)}), )?(?P<date>\d{{1,2}}) (?P<month>{'|'.join(MONTHS)}) (?P<year>\d{{4}}) "
    r"(?P<hour>\d\d):(?P<minute>\d\d)(?::(?P<second>\d\d))? "
    r"(?P<zone>UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|[A-IK-Z]|[+-]\d{4})$"
)
CHANNEL_REQUIRED = ("title", "link", "description")
CHANNEL_OPTIONAL = (
    "language", "copyright", "managingEditor", "webMaster", "pubDate", "lastBuildDate", "category",
    "generator", "docs", "cloud", "ttl", "image", "rating", "textInput", "skipHours", "skipDays",
)
ITEM_ELEMENTS = ("title", "link", "description", "author", "category", "comments", "enclosure", "guid", "pubDate", "source")
ONCE = ("title", "link", "description", "author", "comments", "enclosure", "guid", "pubDate", "source")


def rfc822_problem(value: str | None) -> str | None:
    """Why `value` is not an RFC 822 date-time, or None."""
    if value is None:
        return "missing"
    match = RFC822.match(value)
    if not match:
        return f"{value!r} is not an RFC 822 date-time (e.g. 'Tue, 17 Dec 2019 00:00:00 +0000')"
    try:
        parsed = datetime(
            int(match["year"]), MONTHS.index(match["month"]) + 1, int(match["date"]),
            int(match["hour"]), int(match["minute"]), int(match["second"] or 0),
        )
    except ValueError as e:
        return f"{value!r}: {e}"
    if match["day"] and DAYS[parsed.weekday()] != match["day"]:
        return f"{value!r}: that date is a {DAYS[parsed.weekday()]}"
    return None


def validate_rss(raw: bytes) -> list[str]:
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as e:
        return [f"not well-formed XML: {e}"]
    problems: list[str] = []
    if root.tag != "rss" or root.get("version") != "2.0":
        return [f"root is <{root.tag} version={root.get('version')!r}>, not <rss version=\"2.0\">"]
    channels = root.findall("channel")
    if len(channels) != 1:
        return [f"{len(channels)} <channel> elements, RSS 2.0 has exactly one"]
    channel = channels[0]
    for tag in CHANNEL_REQUIRED:
        if len(channel.findall(tag)) != 1:
            problems.append(f"channel: needs exactly one <{tag}>")
    for tag in ("title", "link"):
        if not (channel.findtext(tag) or "").strip():
            problems.append(f"channel: <{tag}> is empty")
    if channel.find("link") is not None and not is_absolute_url(channel.findtext("link")):
        problems.append(f"channel: <link> {channel.findtext('link')!r} is not an absolute URL")
    for child in channel:
        if "}" in child.tag or child.tag == "item":
            continue  # namespaced extensions (atom:link...) are allowed
        if child.tag not in CHANNEL_REQUIRED + CHANNEL_OPTIONAL:
            problems.append(f"channel: <{child.tag}> is not an RSS 2.0 channel element")
    for tag in ("pubDate", "lastBuildDate"):
        if channel.find(tag) is not None and (why := rfc822_problem(channel.findtext(tag))):
            problems.append(f"channel: <{tag}> {why}")
    if channel.find("language") is not None and not LANGUAGE.match(channel.findtext("language") or ""):
        problems.append(f"channel: <language> {channel.findtext('language')!r} is not a language code")
    if channel.find("ttl") is not None and not (channel.findtext("ttl") or "").strip().isdigit():
        problems.append("channel: <ttl> is not a number of minutes")
    image = channel.find("image")
    if image is not None:
        for tag in ("url", "title", "link"):
            if not (image.findtext(tag) or "").strip():
                problems.append(f"channel: <image> needs <{tag}>")
        for tag in ("url", "link"):
            if image.find(tag) is not None and not is_absolute_url(image.findtext(tag)):
                problems.append(f"channel: <image><{tag}> is not an absolute URL")
    guids = set()
    for number, item in enumerate(channel.findall("item"), 1):
        where = f"item {number} ({item.findtext('title') or item.findtext('link')})"
        problems += [f"{where}: {p}" for p in _item_problems(item)]
        guid = item.findtext("guid")
        if guid in guids:
            problems.append(f"{where}: guid {guid!r} is repeated")
        guids.add(guid)
    return problems


def _item_problems(item: ET.Element) -> list[str]:
    problems = []
    for child in item:
        if "}" not in child.tag and child.tag not in ITEM_ELEMENTS:
            problems.append(f"<{child.tag}> is not an RSS 2.0 item element")
    for tag in ONCE:
        if len(item.findall(tag)) > 1:
            problems.append(f"more than one <{tag}>")
    if not ((item.findtext("title") or "").strip() or (item.findtext("description") or "").strip()):
        problems.append("needs a <title> or a <description>")
    for tag in ("link", "comments"):
        if item.find(tag) is not None and not is_absolute_url(item.findtext(tag)):
            problems.append(f"<{tag}> {item.findtext(tag)!r} is not an absolute URL")
    guid = item.find("guid")
    if guid is None or not (guid.text or "").strip():
        problems.append("no <guid>: feed readers cannot tell it from other items")
    elif guid.get("isPermaLink", "true") == "true" and not is_absolute_url(guid.text):
        problems.append(f"<guid> {guid.text!r} is a permalink but not an absolute URL")
    elif guid.get("isPermaLink", "true") not in ("true", "false"):
        problems.append("<guid isPermaLink> is neither true nor false")
    if why := rfc822_problem(item.findtext("pubDate")):
        problems.append(f"<pubDate> {why}")
    source = item.find("source")
    if source is not None and not is_absolute_url(source.get("url")):
        problems.append("<source> needs an absolute url attribute")
    enclosure = item.find("enclosure")
    if enclosure is not None:
        if not is_absolute_url(enclosure.get("url")):
            problems.append(f"<enclosure url> {enclosure.get('url')!r} is not an absolute URL")
        if not re.fullmatch(r"\d+", enclosure.get("length") or ""):
            problems.append(f"<enclosure length> {enclosure.get('length')!r} is not a number of bytes")
        if not MIME.match(enclosure.get("type") or ""):
            problems.append(f"<enclosure type> {enclosure.get('type')!r} is not a MIME type")
    problems += [f"<description>: relative URL {url}" for url in relative_urls_in_html(item.findtext("description") or "")]
    return problems


# ---------------------------------------------------------------- JSON Feed 1.1
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
FEED_STRINGS = ("title", "home_page_url", "feed_url", "description", "user_comment", "next_url", "icon", "favicon", "language")
FEED_URLS = ("home_page_url", "feed_url", "next_url", "icon", "favicon")
ITEM_STRINGS = (
    "id", "url", "external_url", "title", "content_html", "content_text", "summary", "image", "banner_image",
    "date_published", "date_modified", "language",
)
ITEM_URLS = ("url", "external_url", "image", "banner_image")
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def validate_json_feed(raw: bytes) -> list[str]:
    try:
        feed = json.loads(raw)
    except ValueError as e:
        return [f"not JSON: {e}"]
    if not isinstance(feed, dict):
        return ["the top level is not an object"]
    problems: list[str] = []
    if feed.get("version") != JSON_FEED_VERSION:
        problems.append(f"version is {feed.get('version')!r}, not {JSON_FEED_VERSION!r}")
    if not isinstance(feed.get("title"), str) or not feed["title"].strip():
        problems.append("title (required) is missing or not a string")
    problems += _object_problems("feed", feed, FEED_STRINGS, FEED_URLS, ("version", "items", "authors", "expired", "hubs"))
    if "expired" in feed and not isinstance(feed["expired"], bool):
        problems.append("expired is not a boolean")
    if "hubs" in feed and not (isinstance(feed["hubs"], list) and all(
        isinstance(h, dict) and isinstance(h.get("type"), str) and isinstance(h.get("url"), str) for h in feed["hubs"]
    )):
        problems.append("hubs is not an array of {type, url} objects")
    items = feed.get("items")
    if not isinstance(items, list):
        return problems + ["items (required) is missing or not an array"]
    ids = set()
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict):
            problems.append(f"item {number}: not an object")
            continue
        where = f"item {number} ({item.get('title') or item.get('id')})"
        problems += [f"{where}: {p}" for p in _json_item_problems(item)]
        if item.get("id") in ids:
            problems.append(f"{where}: id {item.get('id')!r} is repeated")
        ids.add(item.get("id"))
    return problems


def _json_item_problems(item: dict) -> list[str]:
    problems = []
    if not isinstance(item.get("id"), str) or not item["id"].strip():
        problems.append("id (required) is missing or not a string")
    if not any(isinstance(item.get(key), str) for key in ("content_html", "content_text")):
        problems.append("needs content_html or content_text")
    problems += _object_problems(
        "item", item, ITEM_STRINGS, ITEM_URLS, ("tags", "authors", "attachments")
    )
    for key in ("date_published", "date_modified"):
        if isinstance(item.get(key), str):
            value = item[key]
            try:
                valid = bool(RFC3339.match(value)) and datetime.fromisoformat(value.replace("Z", "+00:00")) is not None
            except ValueError:
                valid = False
            if not valid:
                problems.append(f"{key} {value!r} is not an RFC 3339 date-time")
    if "tags" in item and not (isinstance(item["tags"], list) and all(isinstance(t, str) for t in item["tags"])):
        problems.append("tags is not an array of strings")
    for attachment in item.get("attachments") or []:
        if not (isinstance(attachment, dict) and is_absolute_url(attachment.get("url"))
                and isinstance(attachment.get("mime_type"), str) and MIME.match(attachment["mime_type"])):
            problems.append(f"attachment {attachment!r} needs an absolute url and a mime_type")
        elif "size_in_bytes" in attachment and not isinstance(attachment["size_in_bytes"], int):
            problems.append("attachment size_in_bytes is not a number")
    if isinstance(item.get("content_html"), str):
        problems += [f"content_html: relative URL {url}" for url in relative_urls_in_html(item["content_html"])]
    return problems


def _object_problems(what: str, obj: dict, strings: tuple, urls: tuple, others: tuple) -> list[str]:
    problems = []
    for key, value in obj.items():
        if key.startswith("_"):
            continue  # extensions
        if key not in strings + others:
            problems.append(f"{key} is not a JSON Feed 1.1 {what} field (extensions start with '_')")
        elif key in strings and not isinstance(value, str):
            problems.append(f"{key} is {json.dumps(value)}, not a string (omit an optional field instead of null)")
    for key in urls:
        if isinstance(obj.get(key), str) and not is_absolute_url(obj[key]):
            problems.append(f"{key} {obj[key]!r} is not an absolute URL")
    if "language" in obj and isinstance(obj["language"], str) and not LANGUAGE.match(obj["language"]):
        problems.append(f"language {obj['language']!r} is not a language code")
    if "authors" in obj:
        authors = obj["authors"]
        if not isinstance(authors, list) or not authors:
            problems.append("authors is not an array of one or more authors (omit it when there is none)")
        elif not all(
            isinstance(a, dict) and any(isinstance(a.get(k), str) for k in ("name", "url", "avatar")) for a in authors
        ):
            problems.append("each author needs a name, url or avatar")
    return problems
