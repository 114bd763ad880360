"""The portal's data for other sites: ``/api/events.json`` and ``/api/posts.json``.

Pure: events, posts and addresses in, JSON documents out. One file per
endpoint holds every language (texts per language, or one item per post
version with its `lang`), so a partner reads one address whatever its
language. The format is versioned (`VERSION`) and documented in README.md
("Data for other sites"); a change that removes or renames a field raises
the version. The files are byte-identical between builds of the same data
(no build time in them, keys sorted).
"""

from __future__ import annotations

import json
from typing import Any, Callable, Iterable, Mapping
from urllib.parse import urljoin

from .blog import Catalog
from .calendar import TIME_ZONE, event_ics_path, feed_path
from .event_pages import event_path
from .events import Event, EventLinks
from .languages import Languages
from .posts import Post

VERSION = 1
API_DIR = "api"
EVENTS_FILE = f"{API_DIR}/events.json"
POSTS_FILE = f"{API_DIR}/posts.json"

PostUrl = Callable[[str, Post], str]  # (language, post) -> URL path from the site root


def _texts(value, languages: Languages) -> dict[str, str] | None:
    if value is None:
        return None
    return {code: " ".join(value.get(code, languages.default.code).split()) for code in languages.codes}


def event_item(event: Event, languages: Languages, site_url: str) -> dict[str, Any]:
    call = event.call_for_talks
    return {
        "id": event.id,
        "name": _texts(event.name, languages),
        "description": _texts(event.description, languages),
        "start": event.start.isoformat(),
        "end": event.last_day.isoformat(),
        "starts_at": event.starts_at.strftime("%H:%M") if event.starts_at else None,
        "ends_at": event.ends_at.strftime("%H:%M") if event.ends_at else None,
        "time_zone": TIME_ZONE,
        "place": _texts(event.place, languages),
        "address": _texts(event.address, languages),
        "status": event.status.value,
        "registration_url": event.registration_url,
        "call_for_talks": {"url": call.url, "deadline": call.deadline.isoformat()} if call else None,
        "organizer": {"name": event.organizer.name, "url": event.organizer.url} if event.organizer else None,
        "website": event.base_url,
        "url": {code: urljoin(site_url, event_path(languages, code, event.id)) for code in languages.codes},
        "ics": {code: urljoin(site_url, event_ics_path(languages, code, event.id)) for code in languages.codes},
        "material": [
            {
                "type": item.type.value, "title": _texts(item.title, languages), "url": item.url, "lang": item.lang,
                "speaker": item.speaker, "organisation": item.organisation,
                "session": _texts(item.session, languages), "duration": item.duration,
            }
            for item in event.material
        ],
    }


def events_document(events: Iterable[Event], languages: Languages, site_url: str) -> dict[str, Any]:
    """Every event, oldest first."""
    return {
        "version": VERSION,
        "languages": list(languages.codes),
        "calendars": {code: urljoin(site_url, feed_path(languages, code)) for code in languages.codes},
        "events": [event_item(e, languages, site_url) for e in sorted(events, key=lambda e: (e.start, e.id))],
    }


def posts_document(
    catalog: Catalog, languages: Languages, site_url: str, post_url: PostUrl, links: EventLinks
) -> dict[str, Any]:
    """Every published post version, newest first; drafts are left out."""
    items = []
    for post in catalog.posts(drafts=False):
        others = catalog.group_of(post).posts.values()
        items.append({
            "ref": post.ref,
            "lang": post.lang,
            "title": post.title,
            "date": post.published.date().isoformat(),
            "description": post.description,
            "image": urljoin(site_url, post.image) if post.image else None,
            "categories": list(post.categories),
            "url": urljoin(site_url, post_url(post.lang, post)),
            "translations": {
                other.lang: urljoin(site_url, post_url(other.lang, other))
                for other in others
                if other is not post and not other.draft
            },
            "events": [link.event for link in links.events_of(post.ref)],
        })
    return {"version": VERSION, "languages": list(languages.codes), "posts": items}


def dumps(document: Mapping[str, Any]) -> bytes:
    """Stable JSON text: sorted keys, UTF-8, one final newline."""
    return (json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")
