"""Event files: schema and messages; which posts are about which event, and why."""

from pathlib import Path

import pytest

from geotrek_portal.blog import build_catalog
from geotrek_portal.events import (
    How,
    body_urls,
    check_post_events,
    link_posts,
    load_events,
    normalize_url,
    parse_event,
)
from geotrek_portal.languages import Languages
from geotrek_portal.posts import parse_post
from geotrek_portal.problems import Severity

REPO = Path(__file__).resolve().parents[2]
LANGS = Languages.from_entries(
    [{"locale": "fr", "name": "Français", "default": True}, {"locale": "en", "name": "English"}, {"locale": "es", "name": "Español"}]
)

EVENT_2019 = """\
name: {fr: Rencontres Geotrek 2019, en: Geotrek users' meeting 2019, es: Encuentro de usuarios de Geotrek 2019}
start: 2019-11-07
end: 2019-11-08
place: Nîmes
base_url: https://geotrek.ecrins-parcnational.fr/rencontres/2019/
material:
  - type: programme
    title: {fr: Programme, en: Programme, es: Programa}
    url: https://geotrek.ecrins-parcnational.fr/rencontres/2019/Rencontres-Geotrek-2019-Programme.pdf
    lang: fr
  - type: synthesis
    title: Article de synthèse
    url: https://www.ecrins-parcnational.fr/actualite/geotrek-coulisses-portails-randonnee
    lang: fr
"""
EVENT_2021 = """\
name: {fr: Rencontres Geotrek 2021, en: Geotrek users' meeting 2021, es: Encuentro de usuarios de Geotrek 2021}
start: 2021-10-14
end: 2021-10-15
place: Aix-en-Provence
base_url: https://geotrek.ecrins-parcnational.fr/rencontres/2021/
material:
  - type: video
    title: Vidéo
    url: https://www.youtube.com/watch?v=vRfl0ies5GY
    lang: fr
"""


def event(text, name="rencontres-2019.yml"):
    parsed, problems = parse_event(f"data/events/{name}", text.encode(), LANGS)
    return parsed, [str(p) for p in problems]


def events(**texts):
    result = {}
    for event_id, text in texts.items():
        parsed, problems = event(text, f"{event_id.replace('_', '-')}.yml")
        assert parsed is not None, problems
        result[parsed.id] = parsed
    return result


EVENTS = events(rencontres_2019=EVENT_2019, rencontres_2021=EVENT_2021)


def post(name, lang="fr", ref="r1", body="Texte.", date="2019-12-17", extra=""):
    text = f"---\ntitle: T {name}\ndate: {date}\nlang: {lang}\nref: {ref}\n{extra}---\n\n{body}\n"
    parsed, problems = parse_post(f"docs/blog/posts/{name}", text.encode(), LANGS)
    assert parsed is not None, problems
    return parsed


def links_of(*posts, known=EVENTS):
    return link_posts(build_catalog(list(posts), LANGS), known)


# ---------------------------------------------------------------- schema
def test_a_valid_event():
    parsed, problems = event(EVENT_2019)
    assert problems == []
    assert parsed.id == "rencontres-2019"  # from the file name
    assert parsed.name.get("en") == "Geotrek users' meeting 2019"
    assert (parsed.start.isoformat(), parsed.last_day.isoformat()) == ("2019-11-07", "2019-11-08")
    assert [item.type.value for item in parsed.material] == ["programme", "synthesis"]
    assert parsed.material[0].title.get("es") == "Programa"
    assert parsed.material[1].title.get("es") == "Article de synthèse"  # one title for every language


def test_a_one_day_event_needs_no_end():
    parsed, problems = event("name: Capitole du Libre 2022\nstart: 2022-11-19\nplace: Toulouse\n", "capitole-du-libre-2022.yml")
    assert problems == []
    assert parsed.last_day == parsed.start
    assert parsed.name.get("es") == "Capitole du Libre 2022"


def test_every_problem_names_the_field_and_its_line():
    text = EVENT_2019.replace("start: 2019-11-07", "start: 7 novembre").replace(
        "    url: https://www.ecrins-parcnational.fr/actualite/geotrek-coulisses-portails-randonnee",
        "    url: www.ecrins-parcnational.fr/actualite",
    ).replace("  - type: programme", "  - type: programm")
    parsed, problems = event(text)
    assert parsed is None
    assert problems == [
        "data/events/rencontres-2019.yml:2: start: '7 novembre' is not a date "
        "(write the date as YYYY-MM-DD, for example 2019-12-17)",
        "data/events/rencontres-2019.yml:7: material[0].type: 'programm' is not a kind of material "
        "(one of: programme, presentations, slides, workshops, synthesis, video, photos, registration)",
        "data/events/rencontres-2019.yml:13: material[1].url: 'www.ecrins-parcnational.fr/actualite' is not a web address "
        "(the full address, starting with https://)",
    ]


def test_missing_and_unknown_keys():
    text = EVENT_2019.replace("place: Nîmes\n", "lieu: Nîmes\n").replace("    lang: fr\n", "", 1)
    _, problems = event(text)
    assert problems == [
        "data/events/rencontres-2019.yml: place: missing (the town, for example place: Nîmes)",
        "data/events/rencontres-2019.yml:7: material[0].lang: missing "
        "(the language code of the material itself, for example lang: fr)",
        "data/events/rencontres-2019.yml:4: lieu: unknown key 'lieu' "
        "(known keys: name, start, end, place, base_url, description, material, status, registration_url, call_for_talks, starts_at, ends_at, address, updated, organizer)",
    ]


def test_a_misspelt_key_gets_a_suggestion():
    _, problems = event(EVENT_2019.replace("material:", "materials:"))
    assert "materials: unknown key 'materials' (did you mean 'material'?" in problems[0]


def test_names_must_cover_every_language_of_the_site():
    text = EVENT_2019.replace(", es: Encuentro de usuarios de Geotrek 2019}", ", de: Geotrek-Treffen 2019}")
    _, problems = event(text)
    assert problems == [
        "data/events/rencontres-2019.yml:1: name.de: 'de' is not a language of the site (use one of: fr, en, es)",
        "data/events/rencontres-2019.yml:1: name: missing in es "
        "(one name per language, for example name: {fr: Rencontres Geotrek 2019, en: ..., es: ...})",
    ]


def test_an_event_cannot_end_before_it_starts():
    _, problems = event(EVENT_2019.replace("end: 2019-11-08", "end: 2019-11-06"))
    assert problems == [
        "data/events/rencontres-2019.yml:3: end: ends (2019-11-06) before it starts (2019-11-07) "
        "(the end date must be on or after the start date)"
    ]


def test_a_year_is_not_a_date():
    # pydantic alone would read 2019 as a timestamp in 1970
    _, problems = event(EVENT_2019.replace("start: 2019-11-07", "start: 2019"))
    assert problems[0].startswith("data/events/rencontres-2019.yml:2: start: '2019' is not a date")


def test_an_impossible_day_is_named():
    _, problems = event(EVENT_2019.replace("end: 2019-11-08", "end: 2019-11-31"))
    assert problems == [
        "data/events/rencontres-2019.yml:3: end: '2019-11-31' is not a valid date: day is out of range for month "
        "(write the date as YYYY-MM-DD, for example 2019-12-17; leave it out for a one-day event)"
    ]


def test_the_file_name_is_the_id():
    _, problems = event(EVENT_2019, "Rencontres 2019.yml")
    assert problems[0].startswith("data/events/Rencontres 2019.yml: file: 'Rencontres 2019' cannot be an event id")
    _, problems = event("id: rencontres-2020\n" + EVENT_2019)
    assert problems == [
        "data/events/rencontres-2019.yml:1: id: differs from the file name (remove the line: the file name gives the id)"
    ]


def test_yaml_that_does_not_parse():
    parsed, problems = event(EVENT_2019.replace("place: Nîmes", "place: [Nîmes"))
    assert parsed is None
    assert len(problems) == 1 and problems[0].startswith("data/events/rencontres-2019.yml:5: file: YAML does not parse")


def test_load_events_reads_a_folder_oldest_first_and_reports_everything(tmp_path):
    folder = tmp_path / "data" / "events"
    folder.mkdir(parents=True)
    (folder / "rencontres-2021.yml").write_text(EVENT_2021, encoding="utf-8")
    (folder / "rencontres-2019.yml").write_text(EVENT_2019, encoding="utf-8")
    (folder / "rencontres-2019.yaml").write_text(EVENT_2019, encoding="utf-8")
    (folder / "broken.yml").write_text("name: x\nstart: 2020-01-01\n", encoding="utf-8")
    (folder / "README.md").write_text("Not an event.", encoding="utf-8")
    (folder / "_draft.yml").write_text("not: [valid", encoding="utf-8")
    loaded = load_events(folder, LANGS)
    assert list(loaded.events) == ["rencontres-2019", "rencontres-2021"]
    assert [str(p) for p in loaded.problems] == [
        "data/events/broken.yml: place: missing (the town, for example place: Nîmes)",
        "data/events/rencontres-2019.yml: file: the id 'rencontres-2019' is already used by "
        "data/events/rencontres-2019.yaml (remove or rename one of the files)",
    ]


def test_the_repository_declares_the_events_of_the_community():
    loaded = load_events(REPO / "data" / "events", LANGS)
    assert [str(p) for p in loaded.problems] == []
    # every file is an event, named after its file, in date order
    files = sorted(path.stem for path in (REPO / "data" / "events").glob("*.yml"))
    assert sorted(loaded.events) == files
    assert {"rencontres-2016", "rencontres-2017", "rencontres-2019", "rencontres-2021"} <= set(files)
    starts = [loaded[event_id].start for event_id in loaded.events]
    assert starts == sorted(starts)
    r2019 = loaded["rencontres-2019"]
    assert {item.type.value for item in r2019.material} == {"programme", "presentations", "workshops", "synthesis"}
    assert r2019.base_url == "https://geotrek.ecrins-parcnational.fr/rencontres/2019/"


# ---------------------------------------------------------------- addresses
@pytest.mark.parametrize(
    "variant",
    [
        "https://geotrek.ecrins-parcnational.fr/rencontres/2019/",
        "http://geotrek.ecrins-parcnational.fr/rencontres/2019/",
        "https://geotrek.ecrins-parcnational.fr/rencontres/2019",
        "http://www.geotrek.ecrins-parcnational.fr/rencontres/2019",
        "https://GEOTREK.ecrins-parcnational.fr/rencontres/2019/#ateliers",
    ],
)
def test_scheme_www_case_and_trailing_slash_make_no_difference(variant):
    assert normalize_url(variant) == "geotrek.ecrins-parcnational.fr/rencontres/2019"


def test_the_path_and_query_do():
    assert normalize_url("https://x.fr/Rencontres/2019") != normalize_url("https://x.fr/rencontres/2019")
    assert normalize_url("https://youtube.com/watch?v=a") != normalize_url("https://youtube.com/watch?v=b")


def test_addresses_in_a_body():
    body = (
        "Le [programme](https://a.fr/p.pdf \"titre\"), <https://b.fr/x/>, "
        '<a href="http://c.fr/y">c</a>, [ref]: https://d.fr/z\n'
        "En ligne : https://e.fr/rencontres/2019/. Et (https://f.fr/g), https://a.fr/p.pdf encore."
    )
    assert body_urls(body) == [
        "https://a.fr/p.pdf",
        "https://b.fr/x/",
        "http://c.fr/y",
        "https://d.fr/z",
        "https://e.fr/rencontres/2019/",
        "https://f.fr/g",
    ]


# ---------------------------------------------------------------- links
def test_a_link_under_the_base_url_is_inferred():
    body = "Les supports : https://geotrek.ecrins-parcnational.fr/rencontres/2019/."
    links = links_of(post("2019-12-17-a.md", body=body))
    (link,) = links.events_of("r1")
    assert (link.event, link.how, link.url) == ("rencontres-2019", How.INFERRED, "https://geotrek.ecrins-parcnational.fr/rencontres/2019/")
    assert link.post == "docs/blog/posts/2019-12-17-a.md"
    assert links.refs_of("rencontres-2019") == ("r1",)
    assert links.inferred == [link]


@pytest.mark.parametrize(
    "url",
    [
        "http://www.geotrek.ecrins-parcnational.fr/rencontres/2019",
        "https://geotrek.ecrins-parcnational.fr/rencontres/2019/ateliers/atelier-1.pdf",
        "http://ecrins-parcnational.fr/actualite/geotrek-coulisses-portails-randonnee/",  # material outside the base
    ],
)
def test_variants_of_the_event_addresses_are_inferred(url):
    links = links_of(post("2019-12-17-a.md", body=f"Voir [ici]({url})."))
    assert [link.event for link in links.events_of("r1")] == ["rencontres-2019"]


@pytest.mark.parametrize(
    "url",
    [
        "https://geotrek.ecrins-parcnational.fr/rencontres/2019-bis/",  # not under .../2019/
        "https://geotrek.ecrins-parcnational.fr/rencontres/",
        "https://ecrins-parcnational.fr/actualite/autre-article",
    ],
)
def test_other_addresses_are_not(url):
    assert links_of(post("2019-12-17-a.md", body=f"Voir {url}")).by_ref == {}


def test_a_post_about_two_events():
    body = "En 2019 : https://geotrek.ecrins-parcnational.fr/rencontres/2019/ ; en 2021, [la vidéo](https://youtube.com/watch?v=vRfl0ies5GY)."
    inferred = links_of(post("2021-12-01-a.md", body=body))
    assert [(l.event, l.how) for l in inferred.events_of("r1")] == [
        ("rencontres-2019", How.INFERRED),
        ("rencontres-2021", How.INFERRED),
    ]
    explicit = links_of(post("2021-12-01-a.md", extra="event: [rencontres-2021, rencontres-2019]\n"))
    assert [(l.event, l.how) for l in explicit.events_of("r1")] == [
        ("rencontres-2019", How.EXPLICIT),
        ("rencontres-2021", How.EXPLICIT),
    ]
    assert explicit.refs_of("rencontres-2019") == explicit.refs_of("rencontres-2021") == ("r1",)


def test_explicit_wins_over_inference():
    body = "Rappel : https://geotrek.ecrins-parcnational.fr/rencontres/2019/"
    links = links_of(post("2021-12-01-a.md", body=body, extra="event: rencontres-2021\n"))
    (link,) = links.events_of("r1")
    assert (link.event, link.how, link.url) == ("rencontres-2021", How.EXPLICIT, None)
    assert links.refs_of("rencontres-2019") == ()
    assert links.inferred == []


def test_an_empty_event_list_turns_inference_off():
    body = "Rappel : https://geotrek.ecrins-parcnational.fr/rencontres/2019/"
    assert links_of(post("2021-12-01-a.md", body=body, extra="event: []\n")).by_ref == {}


def test_translations_share_their_events():
    fr = post("2019-12-17-a.md", "fr", body="Sans lien.")
    en = post("2019-12-17-a-en.md", "en", body="See https://geotrek.ecrins-parcnational.fr/rencontres/2019/")
    es = post("2019-12-17-a-es.md", "es", body="Sin enlace.")
    links = links_of(fr, en, es)
    (link,) = links.events_of("r1")
    assert (link.event, link.post) == ("rencontres-2019", "docs/blog/posts/2019-12-17-a-en.md")


def test_explicit_in_one_translation_wins_for_the_whole_group():
    fr = post("2019-12-17-a.md", "fr", extra="event: rencontres-2021\n")
    en = post("2019-12-17-a-en.md", "en", body="See https://geotrek.ecrins-parcnational.fr/rencontres/2019/")
    links = links_of(fr, en)
    assert [(l.event, l.how) for l in links.events_of("r1")] == [("rencontres-2021", How.EXPLICIT)]
    assert links.problems == ()


def test_translations_naming_different_events_get_a_warning():
    fr = post("2019-12-17-a.md", "fr", extra="event: rencontres-2019\n")
    en = post("2019-12-17-a-en.md", "en", extra="event: rencontres-2021\n")
    links = links_of(fr, en)
    assert [l.event for l in links.events_of("r1")] == ["rencontres-2019", "rencontres-2021"]
    (problem,) = links.problems
    assert problem.severity is Severity.WARNING
    assert "translations name different events" in problem.message


def test_an_unknown_event_is_an_error_naming_the_file_and_the_known_events():
    bad = post("2019-12-17-a.md", extra="event: rencontre-2019\n")
    problems = check_post_events(build_catalog([bad], LANGS), EVENTS)
    assert [str(p) for p in problems] == [
        "docs/blog/posts/2019-12-17-a.md:6: event: unknown event 'rencontre-2019' "
        "(did you mean 'rencontres-2019'? known events: rencontres-2019, rencontres-2021)"
    ]


def test_posts_of_an_event_newest_first():
    body = "https://geotrek.ecrins-parcnational.fr/rencontres/2019/"
    links = links_of(
        post("2019-09-30-annonce.md", ref="announce", date="2019-09-30", body=body),
        post("2019-12-17-retour.md", ref="review", date="2019-12-17", body=body),
    )
    assert links.refs_of("rencontres-2019") == ("review", "announce")
    assert links.refs_of("rencontres-2021") == ()
