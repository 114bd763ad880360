"""The events' iCalendar files, parsed back with icalendar as a calendar application would."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest

from geotrek_portal import calendar
from geotrek_portal.event_pages import event_view
from geotrek_portal.events import load_events, parse_event
from geotrek_portal.languages import Languages
from tests.upcoming_event import EVENT_ID, upcoming_event_yaml

REPO = Path(__file__).resolve().parents[2]
SITE = "https://geotrek.fr/"
TODAY = date(2030, 3, 1)
LANGS = Languages.from_entries(
    [{"locale": "fr", "name": "Français", "default": True}, {"locale": "en", "name": "English"}, {"locale": "es", "name": "Español"}]
)


@pytest.fixture(scope="module")
def events():
    result = load_events(REPO / "data/events", LANGS)
    assert not result.problems
    return list(result)


@pytest.fixture(scope="module")
def upcoming():
    event, problems = parse_event(f"data/events/{EVENT_ID}.yml", upcoming_event_yaml(TODAY).encode(), LANGS)
    assert event is not None, problems
    return event


def parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


@pytest.mark.parametrize("lang", ["fr", "en", "es"])
def test_one_vevent_per_event_with_a_stable_uid_and_the_page_in_its_language(events, lang):
    cal = parse(calendar.feed(events, lang, LANGS, SITE))
    vevents = cal.walk("VEVENT")
    assert [str(v["UID"]) for v in vevents] == [f"{e.id}@geotrek.fr" for e in sorted(events, key=lambda e: e.start)]
    prefix = "" if lang == "fr" else f"{lang}/"
    for vevent, event in zip(vevents, sorted(events, key=lambda e: e.start)):
        assert str(vevent["SUMMARY"]) == event.name.get(lang)
        assert str(vevent["URL"]) == f"{SITE}{prefix}events/{event.id}/"
        assert str(vevent["URL"]) in str(vevent["DESCRIPTION"])
        assert str(vevent["LOCATION"]) == event.place.get(lang)


def test_past_events_last_whole_days(events):
    cal = parse(calendar.feed(events, "en", LANGS, SITE))
    nimes = next(v for v in cal.walk("VEVENT") if str(v["UID"]).startswith("rencontres-2019@"))
    assert nimes.decoded("DTSTART") == date(2019, 11, 7)
    assert nimes.decoded("DTEND") == date(2019, 11, 9)  # iCalendar's end day is excluded
    assert b"DTSTART;VALUE=DATE:20191107" in nimes.to_ical()


def test_timed_events_are_in_paris_time_with_their_time_zone(upcoming):
    data = calendar.event_file(upcoming, "fr", LANGS, SITE)
    cal = parse(data)
    (vevent,) = cal.walk("VEVENT")
    start = vevent.decoded("DTSTART")
    assert start == datetime.combine(TODAY + timedelta(days=60), datetime.min.time().replace(hour=9, minute=30), ZoneInfo("Europe/Paris"))
    assert vevent["DTSTART"].params["TZID"] == "Europe/Paris"
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert vevent.decoded("DTEND").hour == 17
    assert str(vevent["LOCATION"]) == "1 place de l'Hôtel de Ville, 05000 Gap"
    assert "https://example.org/inscription" in str(vevent["DESCRIPTION"])


def test_byte_identical_between_two_builds_and_stamped_by_the_data_not_the_clock(events, upcoming):
    first = calendar.feed([*events, upcoming], "es", LANGS, SITE)
    again = calendar.feed([*events, upcoming], "es", LANGS, SITE)
    assert first == again
    for vevent, event in zip(parse(first).walk("VEVENT"), sorted([*events, upcoming], key=lambda e: e.start)):
        assert vevent.decoded("DTSTAMP") == vevent.decoded("LAST-MODIFIED") == calendar.stamp(event)
        assert vevent.decoded("DTSTAMP").date() == event.start  # no `updated`: the start day
    nimes = next(e for e in events if e.id == "rencontres-2019")
    assert calendar.stamp(nimes) == datetime(2019, 11, 7, tzinfo=ZoneInfo("UTC"))
    later = nimes.model_copy(update={"updated": date(2024, 5, 2)})
    assert calendar.stamp(later).date() == date(2024, 5, 2)


def test_cancelled_events_say_so(upcoming):
    cancelled = upcoming.model_copy(update={"status": type(upcoming.status)("cancelled")})
    (vevent,) = parse(calendar.event_file(cancelled, "en", LANGS, SITE)).walk("VEVENT")
    assert str(vevent["STATUS"]) == "CANCELLED"


def test_google_calendar_link_is_filled_in(upcoming, events):
    query = parse_qs(urlsplit(calendar.google_calendar_url(upcoming, "en", LANGS, SITE)).query)
    start = TODAY + timedelta(days=60)
    assert query["text"] == ["Next year's Geotrek users' meeting"]
    assert query["dates"] == [f"{start:%Y%m%d}T093000/{start + timedelta(days=1):%Y%m%d}T170000"]
    assert query["ctz"] == ["Europe/Paris"]
    nimes = next(e for e in events if e.id == "rencontres-2019")
    assert parse_qs(urlsplit(calendar.google_calendar_url(nimes, "fr", LANGS, SITE)).query)["dates"] == ["20191107/20191109"]


def test_feed_addresses():
    assert calendar.feed_path(LANGS, "fr") == "events/events.ics"
    assert calendar.feed_path(LANGS, "es") == "es/events/events.ics"
    assert calendar.event_ics_path(LANGS, "en", "rencontres-2019") == "en/events/rencontres-2019/rencontres-2019.ics"
    assert calendar.webcal_url("https://geotrek.fr/en/events/events.ics") == "webcal://geotrek.fr/en/events/events.ics"


def test_the_upcoming_view_shows_status_registration_and_call(upcoming):
    view = event_view(upcoming, "es", LANGS, TODAY, site_url=SITE)
    assert view.upcoming and view.status_label == "Inscripciones abiertas"
    assert view.registration_url == "https://example.org/inscription"
    assert view.call_for_talks.url == "https://example.org/appel-a-presentations"
    closed = event_view(upcoming, "es", LANGS, TODAY + timedelta(days=31), site_url=SITE)
    assert closed.call_for_talks is None  # the deadline passed


@pytest.mark.parametrize(
    "line, field, words",
    [
        ("status: sold_out", "status", "is not a status"),
        ('starts_at: "9h30"', "starts_at", "HH:MM"),
        ('starts_at: "25:00"', "starts_at", "HH:MM"),
        ("registration_url: www.example.org", "registration_url", "not a web address"),
        ("call_for_talks: {url: https://example.org/cfp, dedline: 2030-01-01}", "call_for_talks.dedline", "did you mean 'deadline'"),
    ],
)
def test_bad_upcoming_fields_are_named(line, field, words):
    raw = f"name: Rencontres\nstart: 2030-06-01\nplace: Gap\n{line}\n"
    if "starts_at" in line:
        raw += 'ends_at: "17:00"\n'
    event, problems = parse_event("data/events/x.yml", raw.encode())
    assert event is None
    problem = next(p for p in problems if p.field == field)
    assert problem.line == 4
    assert words in f"{problem.message} {problem.hint}", problem


def test_times_go_together():
    event, problems = parse_event("data/events/x.yml", b'name: R\nstart: 2030-06-01\nplace: Gap\nstarts_at: "09:00"\n')
    assert event is None and problems[0].field == "ends_at" and "together" in problems[0].message
