"""In Chromium over HTTP: "Add to my calendar" downloads the event's .ics; nothing fails, nothing leaves the site."""

from __future__ import annotations

from urllib.parse import urlsplit

import icalendar
import pytest

from tests.conftest import serve_directory
from tests.upcoming_event import EVENT_ID, shared_upcoming_site

pytestmark = pytest.mark.browser

LANGS = [("", "fr"), ("en/", "en"), ("es/", "es")]
ADD = {"fr": "Ajouter à mon agenda", "en": "Add to my calendar", "es": "Añadir a mi calendario"}
NAME = {
    "fr": "Rencontres Geotrek de l'an prochain",
    "en": "Next year's Geotrek users' meeting",
    "es": "Encuentro de usuarios de Geotrek del año que viene",
}


@pytest.fixture(scope="module")
def upcoming_url(tmp_path_factory):
    site = shared_upcoming_site(tmp_path_factory).site
    with serve_directory(site) as url:
        yield url


def watch(page, base: str) -> dict[str, list[str]]:
    seen = {"errors": [], "failed": [], "foreign": []}
    host = urlsplit(base).netloc
    page.on("console", lambda msg: msg.type == "error" and seen["errors"].append(msg.text))
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.on("requestfailed", lambda request: seen["failed"].append(request.url))
    page.on("response", lambda response: response.status >= 400 and seen["failed"].append(f"{response.status} {response.url}"))
    page.on("request", lambda request: urlsplit(request.url).netloc != host
            and not request.url.startswith("data:") and seen["foreign"].append(request.url))
    return seen


@pytest.mark.parametrize("prefix, lang", LANGS)
def test_add_to_my_calendar_downloads_the_event_in_the_page_language(page, upcoming_url, prefix, lang):
    seen = watch(page, upcoming_url)
    page.goto(f"{upcoming_url}{prefix}events/{EVENT_ID}/", wait_until="networkidle")
    assert page.locator("h2#calendar").inner_text().strip() == ADD[lang]
    box = page.locator('[data-portal="event-calendar"]')
    google = box.locator('a[href^="https://calendar.google.com/"]')
    assert google.count() == 1  # a plain link: Google hears of nothing until the reader follows it
    with page.expect_download() as info:
        box.locator('a[type="text/calendar"]').click()
    download = info.value
    assert download.suggested_filename == f"{EVENT_ID}.ics"
    (vevent,) = icalendar.Calendar.from_ical(open(download.path(), "rb").read()).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == NAME[lang]
    assert str(vevent["URL"]).endswith(f"{prefix}events/{EVENT_ID}/")
    page.wait_for_load_state("networkidle")
    assert seen == {"errors": [], "failed": [], "foreign": []}


def test_the_events_index_offers_the_subscription_and_the_upcoming_event_first(page, upcoming_url):
    seen = watch(page, upcoming_url)
    page.goto(f"{upcoming_url}en/events/", wait_until="networkidle")
    subscribe = page.locator('[data-portal="calendar-subscribe"] a')
    assert subscribe.first.get_attribute("href") == "webcal://geotrek.fr/en/events/events.ics"
    first = page.locator('[data-portal="events-upcoming"] li').first
    assert first.get_attribute("data-event") == EVENT_ID
    assert first.locator('[data-portal="event-register"]').is_visible()
    response = page.request.get(f"{upcoming_url}en/events/events.ics")
    assert response.ok
    uids = [str(v["UID"]) for v in icalendar.Calendar.from_ical(response.body()).walk("VEVENT")]
    assert f"{EVENT_ID}@geotrek.fr" in uids
    assert seen == {"errors": [], "failed": [], "foreign": []}
