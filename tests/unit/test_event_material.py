"""Richer material of past events: talks with speaker and organisation, sessions, video durations."""

from __future__ import annotations

from datetime import date

import pytest

from geotrek_portal.event_pages import event_view, format_duration, iso_duration
from geotrek_portal.events import parse_event
from geotrek_portal.languages import Languages

LANGS = Languages.from_entries(
    [{"locale": "fr", "name": "Français", "default": True}, {"locale": "en", "name": "English"}, {"locale": "es", "name": "Español"}]
)
EVENT = """\
name: Rencontres
start: 2019-11-07
place: Nîmes
material:
  - type: slides
    title: Geotrek-admin 2.x
    url: https://example.org/a.pdf
    lang: fr
    speaker: Camille Martin
    organisation: Parc national des Écrins
    session: {fr: Nouveautés, en: What is new, es: Novedades}
  - type: slides
    title: Signalétique
    url: https://example.org/b.pdf
    lang: fr
    organisation: Makina Corpus
    session: {fr: Retours d'expérience, en: Experience, es: Experiencias}
  - type: slides
    title: Geotrek-rando
    url: https://example.org/c.pdf
    lang: fr
    session: {fr: Nouveautés, en: What is new, es: Novedades}
  - type: slides
    title: Hors session
    url: https://example.org/d.pdf
    lang: fr
  - type: video
    title: Vidéo
    url: https://example.org/v
    lang: fr
    duration: "1:32:05"
"""


def view(lang: str):
    event, problems = parse_event("data/events/r.yml", EVENT.encode(), LANGS)
    assert event is not None, problems
    return event_view(event, lang, LANGS, date(2030, 1, 1))


def test_talks_are_grouped_by_session_in_the_order_of_the_data_loose_ones_last():
    (slides,) = [g for g in view("en").material if g.type == "slides"]
    assert [(name, [i.title for i in items]) for name, items in slides.sessions] == [
        ("What is new", ["Geotrek-admin 2.x", "Geotrek-rando"]),
        ("Experience", ["Signalétique"]),
        ("", ["Hors session"]),
    ]
    first = slides.sessions[0][1][0]
    assert (first.speaker, first.organisation) == ("Camille Martin", "Parc national des Écrins")


def test_material_without_sessions_is_one_list():
    (video,) = [g for g in view("fr").material if g.type == "video"]
    assert video.sessions == ()
    assert " ".join(video.items[0].duration.split()) == "1 h 32 min" and video.items[0].duration_iso == "PT1H32M5S"


@pytest.mark.parametrize("seconds, lang, text", [(760, "en", "12 min"), (3600, "es", "1 h"), (45, "fr", "45 s")])
def test_durations_in_each_language(seconds, lang, text):
    assert " ".join(format_duration(seconds, lang).split()) == text  # CLDR's spaces do not break
    assert iso_duration(3600) == "PT1H"


@pytest.mark.parametrize("value, words", [("1h30", "H:MM:SS"), ("12:40", "in quotes")])
def test_bad_durations_are_named(value, words):
    raw = f"name: R\nstart: 2019-11-07\nplace: N\nmaterial:\n  - {{type: video, title: V, url: https://example.org/v, lang: fr, duration: {value}}}\n"
    event, problems = parse_event("data/events/r.yml", raw.encode())
    assert event is None
    assert problems[0].field == "material[0].duration" and problems[0].line == 5
    assert words in problems[0].message
