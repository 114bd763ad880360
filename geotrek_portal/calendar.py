"""iCalendar feeds of the events, and the "Add to my calendar" links.

Pure: events in, bytes and addresses out. Each language gets a feed of every
event (``events/events.ics``, ``en/events/events.ics``...) and every event
page its own one-event file (``events/<id>/<id>.ics``). The files are built
with the `icalendar` library, never from string templates, and are
byte-identical between two builds of the same data: UIDs come from the
event id, DTSTAMP and LAST-MODIFIED from the file's ``updated`` date (else
its start date), never from the clock.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Iterable
from urllib.parse import urlencode, urljoin, urlsplit
from zoneinfo import ZoneInfo

import icalendar

from .event_pages import EVENTS_DIR, event_path
from .events import Event, Status
from .languages import Languages
from .messages import t

TIME_ZONE = "Europe/Paris"  # the hours of event files are Paris time
FEED_NAME = "events.ics"
PRODID = "-//Geotrek community//Geotrek portal events//EN"
GOOGLE_CALENDAR = "https://calendar.google.com/calendar/render"

_ICAL_STATUS = {
    Status.CANCELLED: "CANCELLED",
    Status.POSTPONED: "TENTATIVE",
}


def feed_path(languages: Languages, lang: str) -> str:
    """``events/events.ics``, ``en/events/events.ics``: from the site root."""
    return f"{languages[lang].prefix}{EVENTS_DIR}/{FEED_NAME}"


def event_ics_path(languages: Languages, lang: str, event_id: str) -> str:
    """``en/events/rencontres-2019/rencontres-2019.ics``: next to the event page."""
    return f"{event_path(languages, lang, event_id)}{event_id}.ics"


def webcal_url(https_url: str) -> str:
    """The address calendar applications subscribe to: ``webcal://`` instead of ``https://``."""
    parts = urlsplit(https_url)
    return "webcal://" + https_url[len(parts.scheme) + 3:]


def uid(event: Event, site_url: str) -> str:
    """Stable between builds and languages: the event id at the site's host."""
    return f"{event.id}@{urlsplit(site_url).hostname or 'localhost'}"


def stamp(event: Event) -> datetime:
    """The event file's last change as the calendars see it (never the build's clock)."""
    day = event.updated or event.start
    return datetime.combine(day, time(0, 0), tzinfo=timezone.utc)


def bounds(event: Event) -> tuple[date | datetime, date | datetime]:
    """DTSTART and DTEND: days (the end day excluded, as iCalendar counts) or Paris times."""
    if event.timed:
        paris = ZoneInfo(TIME_ZONE)
        return (
            datetime.combine(event.start, event.starts_at, tzinfo=paris),
            datetime.combine(event.last_day, event.ends_at, tzinfo=paris),
        )
    return event.start, event.last_day + timedelta(days=1)


def location(event: Event, lang: str, default: str) -> str:
    place = event.place.get(lang, default)
    if event.address is None:
        return place
    address = event.address.get(lang, default)
    return address if place in address else f"{place}, {address}"


def description(event: Event, lang: str, default: str, page_url: str) -> str:
    text = " ".join(event.description.get(lang, default).split()) if event.description else ""
    lines = [text] if text else []
    if event.registration_url and event.status is Status.REGISTRATION_OPEN:
        lines.append(f"{t('event_register', lang)}: {event.registration_url}")
    if event.call_for_talks:
        lines.append(f"{t('event_call_for_talks', lang)}: {event.call_for_talks.url}")
    lines.append(page_url)
    return "\n\n".join(lines)


def vevent(event: Event, lang: str, languages: Languages, site_url: str) -> icalendar.Event:
    default = languages.default.code
    page_url = urljoin(site_url, event_path(languages, lang, event.id))
    start, end = bounds(event)
    item = icalendar.Event()
    item.add("uid", uid(event, site_url))
    item.add("dtstamp", stamp(event))
    item.add("last-modified", stamp(event))
    item.add("summary", event.name.get(lang, default))
    item.add("dtstart", start)
    item.add("dtend", end)
    item.add("location", location(event, lang, default))
    item.add("description", description(event, lang, default, page_url))
    item.add("url", page_url)
    item.add("status", _ICAL_STATUS.get(event.status, "CONFIRMED"))
    return item


def calendar(events: Iterable[Event], lang: str, languages: Languages, site_url: str, name: str) -> bytes:
    """An iCalendar file of `events` in `lang`, named `name`, oldest event first."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TIME_ZONE)
    for event in sorted(events, key=lambda e: (e.start, e.id)):
        cal.add_component(vevent(event, lang, languages, site_url))
    cal.add_missing_timezones()  # a VTIMEZONE for the Paris times, from the tz database
    return cal.to_ical()


def feed(events: Iterable[Event], lang: str, languages: Languages, site_url: str) -> bytes:
    """The feed of every event in `lang`."""
    return calendar(events, lang, languages, site_url, t('events_calendar_name', lang))


def event_file(event: Event, lang: str, languages: Languages, site_url: str) -> bytes:
    """The one-event file of "Add to my calendar"."""
    return calendar([event], lang, languages, site_url, event.name.get(lang, languages.default.code))


def google_calendar_url(event: Event, lang: str, languages: Languages, site_url: str) -> str:
    """Google Calendar's "add an event" form, filled in: a plain link the reader may follow."""
    default = languages.default.code
    start, end = bounds(event)
    fmt = "%Y%m%dT%H%M%S" if event.timed else "%Y%m%d"
    params = {
        "action": "TEMPLATE",
        "text": event.name.get(lang, default),
        "dates": f"{start.strftime(fmt)}/{end.strftime(fmt)}",
        "details": description(event, lang, default, urljoin(site_url, event_path(languages, lang, event.id))),
        "location": location(event, lang, default),
    }
    if event.timed:
        params["ctz"] = TIME_ZONE
    return f"{GOOGLE_CALENDAR}?{urlencode(params)}"
