"""What the portal pages show about events: the home page's featured event, the Rencontres.

Events come from the events data (``geotrek_portal.events``); the hook turns
each into an `EventSummary` in the page's language, and these pure functions
choose what to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

RENCONTRES_PREFIX = "rencontres-"  # event ids of the users' meetings: rencontres-2019


@dataclass(frozen=True)
class EventSummary:
    id: str
    name: str  # in the page's language
    dates: str  # "7–8 novembre 2019"
    place: str
    start: date
    last_day: date
    url: str | None = None  # the event's page, from the site root
    material: tuple[tuple[str, str], ...] = field(default=())  # (label, URL) of the main material
    videos: tuple[tuple[str, str], ...] = field(default=())  # (title, URL)
    status_label: str = ""  # "Inscriptions ouvertes": shown while upcoming
    registration_url: str | None = None  # while registration is open
    call_for_talks: tuple[str, str] | None = None  # (URL, "jusqu'au 15 mars 2027") until its deadline

    @property
    def is_rencontres(self) -> bool:
        return self.id.startswith(RENCONTRES_PREFIX)


def featured_event(events: Iterable[EventSummary], today: date) -> tuple[EventSummary | None, bool]:
    """The next event (True), or when none is announced the latest one (False)."""
    events = list(events)
    upcoming = sorted((e for e in events if e.last_day >= today), key=lambda e: (e.start, e.id))
    if upcoming:
        return upcoming[0], True
    past = sorted(events, key=lambda e: (e.start, e.id), reverse=True)
    return (past[0] if past else None), False


def rencontres(events: Iterable[EventSummary]) -> list[EventSummary]:
    """The users' meetings, newest first."""
    return sorted((e for e in events if e.is_rencontres), key=lambda e: (e.start, e.id), reverse=True)


def videos(events: Iterable[EventSummary]) -> list[tuple[EventSummary, str, str]]:
    """(event, title, URL) of every video, newest event first."""
    ordered = sorted(events, key=lambda e: (e.start, e.id), reverse=True)
    return [(event, title, url) for event in ordered for title, url in event.videos]
