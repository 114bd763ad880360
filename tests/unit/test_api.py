"""The JSON endpoints for other sites: versioned, complete, stable, and what README.md says."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from geotrek_portal import api
from geotrek_portal.blog import build_catalog
from geotrek_portal.events import link_posts, load_events, parse_event
from geotrek_portal.languages import Languages
from geotrek_portal.posts import parse_post
from geotrek_portal.urls import post_path
from tests.upcoming_event import EVENT_ID, upcoming_event_yaml

REPO = Path(__file__).resolve().parents[2]
SITE = "https://geotrek.fr/"
LANGS = Languages.from_entries(
    [{"locale": "fr", "name": "Français", "default": True}, {"locale": "en", "name": "English"}, {"locale": "es", "name": "Español"}]
)


def post(name, lang, ref, title, extra=""):
    text = f"---\ntitle: '{title}'\ndate: 2019-12-17\nlang: {lang}\nref: {ref}\n{extra}---\nBody.\n"
    parsed, problems = parse_post(f"docs/blog/posts/{name}", text.encode(), LANGS)
    assert parsed is not None, problems
    return parsed


def test_events_have_every_language_their_pages_and_calendars():
    events = list(load_events(REPO / "data/events", LANGS))
    document = json.loads(api.dumps(api.events_document(events, LANGS, SITE)))
    assert document["version"] == 1 and document["languages"] == ["fr", "en", "es"]
    assert document["calendars"]["es"] == SITE + "es/events/events.ics"
    ids = [item["id"] for item in document["events"]]
    assert ids == sorted(ids, key=lambda i: next(e.start for e in events if e.id == i))
    nimes = next(item for item in document["events"] if item["id"] == "rencontres-2019")
    assert nimes["name"]["en"] == "Geotrek users' meeting 2019"
    assert (nimes["start"], nimes["end"], nimes["starts_at"]) == ("2019-11-07", "2019-11-08", None)
    assert nimes["url"]["en"] == SITE + "en/events/rencontres-2019/"
    assert nimes["material"][0]["type"] == "programme"


def test_an_upcoming_event_has_its_status_hours_and_call():
    event, problems = parse_event(f"data/events/{EVENT_ID}.yml", upcoming_event_yaml(date(2030, 3, 1)).encode(), LANGS)
    assert event is not None, problems
    (item,) = api.events_document([event], LANGS, SITE)["events"]
    assert (item["status"], item["starts_at"], item["ends_at"]) == ("registration_open", "09:30", "17:00")
    assert item["call_for_talks"] == {"url": "https://example.org/appel-a-presentations", "deadline": "2030-03-31"}
    assert item["registration_url"] == "https://example.org/inscription"


def test_posts_one_item_per_version_with_translations_and_events_drafts_left_out():
    catalog = build_catalog(
        [
            post("2019-12-17-retour.md", "fr", "r", "Retour <b>2019</b>", "event: rencontres-2019\n"),
            post("2019-12-17-retour-en.md", "en", "r", "Looking back"),
            post("2019-12-17-brouillon.md", "fr", "d", "Brouillon", "draft: true\n"),
        ],
        LANGS,
    )
    events = load_events(REPO / "data/events", LANGS)
    url = lambda lang, p: post_path(LANGS, lang, p.published, catalog.group_of(p).slug)  # noqa: E731
    document = api.posts_document(catalog, LANGS, SITE, url, link_posts(catalog, events))
    assert document["version"] == 1
    items = {item["lang"]: item for item in document["posts"]}
    assert len(document["posts"]) == 2 and set(items) == {"fr", "en"}
    assert items["fr"]["title"] == "Retour <b>2019</b>"  # text: the partner escapes it
    assert items["en"]["translations"] == {"fr": items["fr"]["url"]}
    assert items["en"]["events"] == ["rencontres-2019"]
    assert items["en"]["url"] == SITE + "en/blog/2019/12/17/retour/"


def test_stable_bytes():
    events = list(load_events(REPO / "data/events", LANGS))
    assert api.dumps(api.events_document(events, LANGS, SITE)) == api.dumps(api.events_document(reversed(events), LANGS, SITE))


def test_readme_documents_every_field():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Data for other sites", 1)[1].split("\n## ", 1)[0]
    event, problems = parse_event("data/events/x.yml", upcoming_event_yaml(date(2030, 3, 1)).encode(), LANGS)
    (item,) = api.events_document([event], LANGS, SITE)["events"]
    material = api.events_document(load_events(REPO / "data/events", LANGS), LANGS, SITE)["events"][0]["material"][0]
    for key in [*api.events_document([], LANGS, SITE), *item, *material]:
        assert re.search(rf'"{key}"', section), f"README.md does not document events.json's '{key}'"
    catalog = build_catalog([post("2019-12-17-a.md", "fr", "a", "A")], LANGS)
    document = api.posts_document(catalog, LANGS, SITE, lambda lang, p: "blog/a/", link_posts(catalog, {}))
    for key in [*document, *document["posts"][0]]:
        assert re.search(rf'"{key}"', section), f"README.md does not document posts.json's '{key}'"
