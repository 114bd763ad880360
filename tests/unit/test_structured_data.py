"""schema.org JSON-LD: the documents parse, have their types' required fields, and say the truth."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from geotrek_portal import structured_data as sd
from geotrek_portal.events import load_events, parse_event
from geotrek_portal.languages import Languages
from geotrek_portal.posts import Post
from tests.upcoming_event import EVENT_ID, upcoming_event_yaml

REPO = Path(__file__).resolve().parents[2]
SITE = "https://geotrek.fr/"
LANGS = Languages.from_entries(
    [{"locale": "fr", "name": "Français", "default": True}, {"locale": "en", "name": "English"}, {"locale": "es", "name": "Español"}]
)
PUBLISHER = sd.organization("Communauté Geotrek", SITE, SITE + "assets/img/geotrek-logo.png")


def roundtrip(document):
    """What a search engine reads: the JSON text, parsed."""
    return json.loads(json.dumps(document))


@pytest.fixture(scope="module")
def events():
    return load_events(REPO / "data/events", LANGS)


@pytest.mark.parametrize("lang", ["fr", "en", "es"])
def test_every_event_of_the_site_is_a_complete_event(events, lang):
    for event in events:
        document = roundtrip(sd.event_data(event, lang, LANGS, SITE))
        assert sd.missing_fields(document) == [], event.id
        assert document["inLanguage"] == lang
        assert date.fromisoformat(document["startDate"]) == event.start
        assert date.fromisoformat(document["endDate"]) == event.last_day


def test_an_upcoming_timed_event_has_offsets_status_and_registration():
    event, problems = parse_event(f"data/events/{EVENT_ID}.yml", upcoming_event_yaml(date(2030, 3, 1)).encode(), LANGS)
    assert event is not None, problems
    document = roundtrip(sd.event_data(event, "en", LANGS, SITE))
    assert sd.missing_fields(document) == []
    start = datetime.fromisoformat(document["startDate"])
    assert (start.hour, start.minute) == (9, 30) and start.utcoffset() is not None
    assert document["eventStatus"] == "https://schema.org/EventScheduled"
    assert document["offers"]["url"] == "https://example.org/inscription"
    assert document["location"]["address"]["streetAddress"].endswith("05000 Gap")
    cancelled = event.model_copy(update={"status": type(event.status)("cancelled")})
    assert sd.event_data(cancelled, "en", LANGS, SITE)["eventStatus"] == "https://schema.org/EventCancelled"


def test_missing_fields_are_found_in_nested_objects(events):
    document = sd.event_data(events["rencontres-2019"], "fr", LANGS, SITE)
    del document["location"]["address"]
    assert sd.missing_fields(document) == ["Event.location:Place.address"]
    del document["startDate"]
    assert "Event.startDate" in sd.missing_fields(document)


def _post(lang: str, title: str = "Retour sur les rencontres") -> Post:
    return Post(f"docs/blog/posts/x-{lang}.md", f"x-{lang}.md", title, datetime(2019, 12, 17), lang, "x", "",
                description="Un résumé", image="assets/img/2019-rencontres.jpg")


def test_a_translation_names_its_original_and_the_original_its_translations():
    original = roundtrip(sd.post_data(
        _post("fr"), SITE + "blog/x/", SITE + "assets/img/2019-rencontres.jpg", PUBLISHER,
        translations=[("en", SITE + "en/blog/x/")], about=[(sd.event_node_id("rencontres-2019", LANGS, SITE), "Rencontres Geotrek 2019", SITE + "events/rencontres-2019/")],
    ))
    assert sd.missing_fields(original) == []
    assert original["workTranslation"] == [{"@type": "CreativeWork", "inLanguage": "en", "url": SITE + "en/blog/x/"}]
    assert "translationOfWork" not in original
    assert original["about"][0]["url"] == SITE + "events/rencontres-2019/"
    assert original["about"][0]["@id"] == SITE + "events/rencontres-2019/#event"
    translation = roundtrip(sd.post_data(
        _post("en", "Looking back"), SITE + "en/blog/x/", SITE + "assets/img/2019-rencontres.jpg", PUBLISHER,
        original=("fr", SITE + "blog/x/"),
    ))
    assert translation["translationOfWork"]["url"] == SITE + "blog/x/"
    assert "workTranslation" not in translation and "about" not in translation
    assert sd.missing_fields(translation) == []


def test_the_home_is_an_organization_and_a_website():
    org, site = (roundtrip(d) for d in sd.home_data("Comunidad Geotrek", SITE + "es/", "es", "Un  portal.", PUBLISHER))
    assert (org["@type"], site["@type"]) == ("Organization", "WebSite")
    assert sd.missing_fields(org) == [] and sd.missing_fields(site) == []
    assert site["inLanguage"] == "es" and site["description"] == "Un portal."


def test_titles_stay_text_inside_the_script_element():
    hostile = _post("fr", '</script><script>alert(1)</script>')
    document = sd.post_data(hostile, SITE, SITE, PUBLISHER)
    assert roundtrip(document)["headline"] == '</script><script>alert(1)</script>'
