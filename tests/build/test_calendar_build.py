"""Calendars and upcoming events in the built site, in the three languages."""

from __future__ import annotations

import posixpath
from datetime import date

import icalendar
import pytest

from tests.upcoming_event import EVENT_ID, shared_upcoming_site

LANGS = [("", "fr"), ("en/", "en"), ("es/", "es")]
SITE = "https://geotrek.fr/"
STATUS = {"fr": "Inscriptions ouvertes", "en": "Registration open", "es": "Inscripciones abiertas"}
ADD = {"fr": "Ajouter à mon agenda", "en": "Add to my calendar", "es": "Añadir a mi calendario"}


@pytest.fixture(scope="module")
def upcoming_site(tmp_path_factory):
    return shared_upcoming_site(tmp_path_factory)


def resolve(url_path: str, href: str) -> str:
    return posixpath.normpath(posixpath.join("/" + url_path, href)).lstrip("/")


@pytest.mark.parametrize("prefix, lang", LANGS)
def test_each_language_has_a_calendar_of_every_event_linked_from_the_index(site_build, prefix, lang):
    index = site_build.page(f"{prefix}events/")
    box = index.css_first('[data-portal="calendar-subscribe"]')
    links = [a.attributes["href"] for a in box.css("a")]
    assert links[0] == f"webcal://geotrek.fr/{prefix}events/events.ics"
    assert resolve(f"{prefix}events/", links[1]) == f"{prefix}events/events.ics"
    cal = icalendar.Calendar.from_ical(site_build.file(f"{prefix}events/events.ics").read_bytes())
    pages = sorted(p.parent.name for p in site_build.file(f"{prefix}events/").parent.glob("*/index.html"))
    uids = sorted(str(v["UID"]).split("@")[0] for v in cal.walk("VEVENT"))
    assert uids == pages and len(uids) >= 5
    for vevent in cal.walk("VEVENT"):
        assert str(vevent["URL"]).startswith(f"{SITE}{prefix}events/")


@pytest.mark.parametrize("prefix, lang", LANGS)
def test_event_pages_offer_their_own_ics_and_a_google_calendar_link(site_build, prefix, lang):
    url = f"{prefix}events/rencontres-2019/"
    page = site_build.page(url)
    assert page.css_first("h2#calendar").text(strip=True) == ADD[lang]
    ics, google = page.css('[data-portal="event-calendar"] a')
    path = resolve(url, ics.attributes["href"])
    assert path == f"{prefix}events/rencontres-2019/rencontres-2019.ics"
    (vevent,) = icalendar.Calendar.from_ical(site_build.file(path).read_bytes()).walk("VEVENT")
    assert vevent.decoded("DTSTART") == date(2019, 11, 7)
    assert google.attributes["href"].startswith("https://calendar.google.com/calendar/render?action=TEMPLATE&")


def test_two_builds_write_the_same_calendars_and_api(site_build, tmp_path):
    from tests.conftest import REPO, run_mkdocs_build

    again = run_mkdocs_build(REPO, tmp_path / "site")
    assert again.returncode == 0, again.output
    files = sorted(p.relative_to(site_build.site) for p in site_build.site.rglob("*.ics"))
    assert len(files) >= 18
    files += [site_build.file("api/events.json").relative_to(site_build.site), site_build.file("api/posts.json").relative_to(site_build.site)]
    for file in files:
        assert (again.site / file).read_bytes() == (site_build.site / file).read_bytes(), file


@pytest.mark.parametrize("prefix, lang", LANGS)
def test_an_upcoming_event_comes_first_with_its_status_and_registration(upcoming_site, prefix, lang):
    index = upcoming_site.page(f"{prefix}events/")
    first = index.css_first('[data-portal="events-upcoming"] li')
    assert first.attributes["data-event"] == EVENT_ID
    assert first.css_first(".portal-event__status strong").text(strip=True) == STATUS[lang]
    assert first.css_first('[data-portal="event-register"]').attributes["href"] == "https://example.org/inscription"
    page = upcoming_site.page(f"{prefix}events/{EVENT_ID}/")
    assert page.css_first('[data-portal="event-call"]').attributes["href"] == "https://example.org/appel-a-presentations"
    cal = icalendar.Calendar.from_ical(upcoming_site.file(f"{prefix}events/events.ics").read_bytes())
    mine = next(v for v in cal.walk("VEVENT") if str(v["UID"]) == f"{EVENT_ID}@geotrek.fr")
    assert mine["DTSTART"].params["TZID"] == "Europe/Paris"


@pytest.mark.parametrize("prefix, lang", LANGS)
def test_the_home_announces_the_upcoming_event_with_its_registration(upcoming_site, prefix, lang):
    box = upcoming_site.page(prefix).css_first('[data-portal="featured-event"]')
    assert box.css_first(".portal-event__when").text(strip=True) == {"fr": "Prochain événement", "en": "Next event", "es": "Próximo evento"}[lang]
    assert resolve(prefix, box.css_first(".portal-event__name a").attributes["href"]).rstrip("/") == f"{prefix}events/{EVENT_ID}"
    assert box.css_first(".portal-event__status strong").text(strip=True) == STATUS[lang]
    assert box.css_first('[data-portal="event-register"]').attributes["href"] == "https://example.org/inscription"


def test_the_home_of_the_site_shows_no_status_for_its_latest_past_event(site_build):
    box = site_build.page("").css_first('[data-portal="featured-event"]')
    assert box.css_first(".portal-event__status") is None
