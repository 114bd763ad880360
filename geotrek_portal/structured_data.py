"""schema.org structured data (JSON-LD) of event pages, posts and the home page.

Pure: events, posts and addresses in, plain dicts out. Templates serialize
them with Jinja's `tojson` (which also escapes ``<``, ``>`` and ``&`` for a
``<script>`` element); nothing here builds JSON text by hand.
`missing_fields` checks a document against the fields this portal requires
of each type (those search engines need to show it).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable, Mapping
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

from .calendar import TIME_ZONE
from .event_pages import event_path
from .events import Event, Status
from .languages import Languages
from .posts import Post

CONTEXT = "https://schema.org"
_STATUS = {
    Status.CANCELLED: "https://schema.org/EventCancelled",
    Status.POSTPONED: "https://schema.org/EventPostponed",
}
OFFLINE = "https://schema.org/OfflineEventAttendanceMode"

# The fields each type must have here: the Event, BlogPosting, Organization and
# WebSite fields search engines need, and those the portal promises (issue 16).
REQUIRED: Mapping[str, tuple[str, ...]] = {
    "Event": ("name", "startDate", "endDate", "eventStatus", "eventAttendanceMode", "location", "url", "inLanguage"),
    "Place": ("name", "address"),
    "PostalAddress": ("addressLocality",),
    "BlogPosting": ("headline", "datePublished", "inLanguage", "url", "image", "author"),
    "Organization": ("name", "url"),
    "WebSite": ("name", "url", "inLanguage"),
    "CreativeWork": ("url", "inLanguage"),
}


def _iso(event: Event, first: bool) -> str:
    day = event.start if first else event.last_day
    if not event.timed:
        return day.isoformat()
    moment = datetime.combine(day, event.starts_at if first else event.ends_at, tzinfo=ZoneInfo(TIME_ZONE))
    return moment.isoformat()


def event_node_id(event_id: str, languages: Languages, site_url: str) -> str:
    """The `@id` of an event, the same in every language: its default-language page's #event."""
    return urljoin(site_url, event_path(languages, languages.default.code, event_id)) + "#event"


def event_data(event: Event, lang: str, languages: Languages, site_url: str) -> dict[str, Any]:
    """An event page's `Event`, in `lang`."""
    default = languages.default.code
    place = event.place.get(lang, default)
    address: dict[str, Any] = {"@type": "PostalAddress", "addressLocality": place}
    if event.address is not None:
        address["streetAddress"] = event.address.get(lang, default)
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Event",
        "@id": event_node_id(event.id, languages, site_url),
        "name": event.name.get(lang, default),
        "startDate": _iso(event, True),
        "endDate": _iso(event, False),
        "eventStatus": _STATUS.get(event.status, "https://schema.org/EventScheduled"),
        "eventAttendanceMode": OFFLINE,
        "location": {"@type": "Place", "name": place, "address": address},
        "url": urljoin(site_url, event_path(languages, lang, event.id)),
        "inLanguage": lang,
    }
    if event.description is not None:
        data["description"] = " ".join(event.description.get(lang, default).split())
    if event.organizer is not None:
        data["organizer"] = {"@type": "Organization", "name": event.organizer.name, "url": event.organizer.url}
    if event.registration_url and event.status is Status.REGISTRATION_OPEN:
        data["offers"] = {"@type": "Offer", "url": event.registration_url, "availability": "https://schema.org/InStock"}
    elif event.status is Status.FULL:
        data["offers"] = {"@type": "Offer", "url": data["url"], "availability": "https://schema.org/SoldOut"}
    return data


def post_data(
    post: Post,
    url: str,
    image_url: str,
    publisher: Mapping[str, Any],
    *,
    original: tuple[str, str] | None = None,
    translations: Iterable[tuple[str, str]] = (),
    about: Iterable[tuple[str, str, str]] = (),
) -> dict[str, Any]:
    """A post's `BlogPosting`.

    `original` is (language, URL) of the post this one translates, and
    `translations` the (language, URL) of the translations of this one (an
    original's); `about` the (@id, name, URL) of its events: references to
    the `Event` documents of their pages.
    """
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "BlogPosting",
        "headline": post.title,
        "datePublished": post.published.date().isoformat(),
        "inLanguage": post.lang,
        "url": url,
        "mainEntityOfPage": url,
        "image": image_url,
        "author": dict(publisher),
        "publisher": dict(publisher),
    }
    if post.description:
        data["description"] = post.description
    if original is not None:
        data["translationOfWork"] = {"@type": "CreativeWork", "inLanguage": original[0], "url": original[1]}
    works = [{"@type": "CreativeWork", "inLanguage": code, "url": link} for code, link in translations]
    if works:
        data["workTranslation"] = works
    events = [{"@type": "Event", "@id": node, "name": name, "url": link} for node, name, link in about]
    if events:
        data["about"] = events
    return data


def organization(name: str, url: str, logo_url: str, email: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Organization", "name": name, "url": url, "logo": logo_url}
    if email:
        data["email"] = email
    return data


def home_data(name: str, url: str, lang: str, description: str, publisher: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The home page's `Organization` and `WebSite`."""
    org = {"@context": CONTEXT, **publisher}
    site = {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": name,
        "url": url,
        "inLanguage": lang,
        "description": " ".join(description.split()),
        "publisher": {"@type": "Organization", "name": publisher["name"], "url": publisher["url"]},
    }
    return [org, site]


def missing_fields(document: Mapping[str, Any], where: str = "") -> list[str]:
    """Required fields a document (and the typed objects in it) lacks: ['Event.location:Place.address'].

    A nested object with an `@id` refers to a document of another page
    (a post's `about`): it is checked there.
    """
    missing = []
    kind = document.get("@type")
    here = f"{where}{kind}" if isinstance(kind, str) else where.rstrip(".")
    reference = bool(where) and "@id" in document
    for key in REQUIRED.get(kind, ()) if isinstance(kind, str) and not reference else ():
        value = document.get(key)
        if value is None or value == "" or value == [] or value == {}:
            missing.append(f"{here}.{key}")
    for key, value in document.items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, Mapping):
                missing += missing_fields(item, f"{here}.{key}:")
    return missing
