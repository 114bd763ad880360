"""Event pages, the events index and the "event material" box, as readers get them."""

from __future__ import annotations

import posixpath
from datetime import date

import pytest

from geotrek_portal.events import load_events
from tests.conftest import REPO, make_project, post_text, run_mkdocs_build, shared_build, strict_build

SITE = "https://geotrek.fr/"
SEED = "blog/2019/12/17/retour-rencontres-geotrek-2019/"
PROGRAMME_2019 = "https://geotrek.ecrins-parcnational.fr/rencontres/2019/Rencontres-Geotrek-2019-Programme.pdf"
LANGS = [("", "fr"), ("en/", "en"), ("es/", "es")]
BOX_TITLE = {"fr": "Supports de l'événement", "en": "Event material", "es": "Materiales del evento"}
NAME_2019 = {"fr": "Rencontres Geotrek 2019", "en": "Geotrek users' meeting 2019", "es": "Encuentro de usuarios de Geotrek 2019"}


def repository_events() -> tuple[list[str], list[str]]:
    """The ids of data/events/ as the index must order them: (upcoming soonest first, past newest first).

    Read from the files themselves, so that adding an event changes no test.
    """
    loaded = load_events(REPO / "data/events")
    assert loaded.problems == []
    events = [(event.start, event.last_day, event.id) for event in loaded]
    today = date.today()
    upcoming = [stem for start, _, stem in sorted(e for e in events if e[1] >= today)]
    past = [stem for start, _, stem in sorted((e for e in events if e[1] < today), reverse=True)]
    return upcoming, past


def target(url_path: str, href: str) -> str:
    """The site path a relative link of the page at `url_path` leads to."""
    return posixpath.normpath(posixpath.join("/" + url_path, href)).lstrip("/") + ("/" if href.endswith("/") else "")


def hrefs(node, url_path: str) -> list[str]:
    return [target(url_path, a.attributes["href"]) for a in node.css("a")]


# ---------------------------------------------------------------- the repository's site
@pytest.mark.parametrize("prefix, lang", LANGS)
def test_seed_post_shows_the_2019_box_linking_to_the_event_page_in_its_language(site_build, prefix, lang):
    url = prefix + SEED
    box = site_build.page(url).css_first('[data-portal="event-box"]')
    assert box is not None and box.attributes["data-event"] == "rencontres-2019"
    assert box.css_first(".portal-event-box__label").text(strip=True) == BOX_TITLE[lang]
    assert box.css_first(".portal-event-box__name").text(strip=True) == NAME_2019[lang]
    event_page = f"{prefix}events/rencontres-2019/"
    assert target(url, box.css_first(".portal-event-box__name a").attributes["href"]) == event_page
    assert site_build.file(event_page).is_file()
    material = [a.attributes["href"] for a in box.css("ul a")]
    assert material[0] == PROGRAMME_2019
    assert len(material) == 4  # programme, presentations, workshops, synthesis


@pytest.mark.parametrize("prefix, lang", LANGS)
def test_event_page_lists_the_material_and_links_back_to_each_version_of_the_post(site_build, prefix, lang):
    url = f"{prefix}events/rencontres-2019/"
    page = site_build.page(url)
    assert page.css_first("html").attributes["lang"] == lang
    assert page.css_first("article h1").text(strip=True) == NAME_2019[lang]
    when = " ".join(page.css_first(".portal-event__when").text().replace("\u2009", " ").split())
    assert when == {"fr": "7–8 novembre 2019", "en": "November 7 – 8, 2019", "es": "7–8 de noviembre de 2019"}[lang] + " · Nîmes"
    groups = [ul.attributes["data-material"] for ul in page.css("ul[data-material]")]
    assert groups == ["programme", "presentations", "workshops", "synthesis"]
    programme = page.css_first('ul[data-material="programme"] a')
    assert programme.attributes["href"] == PROGRAMME_2019
    marker = page.css_first('ul[data-material="programme"] .portal-lang')
    assert (marker.text(strip=True) if marker else None) == {"fr": None, "en": "(French)", "es": "(francés)"}[lang]
    posts = page.css_first('[data-portal="event-posts"]')
    linked = hrefs(posts, url)
    assert f"{prefix}{SEED}" == linked[0] or f"{prefix}{SEED}" in linked  # the page's language, as the entry
    assert {f"{p}{SEED}" for p, _ in LANGS} <= set(linked)  # and every version
    for path in linked:
        assert site_build.file(path).is_file(), path


def test_event_pages_name_their_translations(site_build):
    page = site_build.page("en/events/rencontres-2019/")
    assert site_build.alternates("en/events/rencontres-2019/") == {
        "fr": f"{SITE}events/rencontres-2019/",
        "en": f"{SITE}en/events/rencontres-2019/",
        "es": f"{SITE}es/events/rencontres-2019/",
        "x-default": f"{SITE}events/rencontres-2019/",
    }
    switcher = {a.attributes["hreflang"]: target("en/events/rencontres-2019/", a.attributes["href"]) for a in page.css("a.md-select__link")}
    assert switcher == {"fr": "events/rencontres-2019/", "en": "en/events/rencontres-2019/", "es": "es/events/rencontres-2019/"}


@pytest.mark.parametrize("prefix, lang, tab", [("", "fr", "Événements"), ("en/", "en", "Events"), ("es/", "es", "Eventos")])
def test_events_index_is_a_tab_and_lists_past_events_newest_first(site_build, prefix, lang, tab):
    tabs = {a.text(strip=True): target(prefix, a.attributes["href"]) for a in site_build.page(prefix).css(".md-tabs a")}
    assert tabs[tab] == f"{prefix}events/"
    index = site_build.page(f"{prefix}events/")
    assert index.css_first("article h1").text(strip=True) == tab
    upcoming, past = repository_events()
    assert len(upcoming + past) >= 5  # the community's meetings since 2016, and more
    shown = [li.attributes["data-event"] for li in index.css('[data-portal="events-upcoming"] li')]
    assert shown == upcoming
    shown = [li.attributes["data-event"] for li in index.css('[data-portal="events-past"] li')]
    assert shown == past


def test_events_are_in_the_sitemap_with_their_translations(site_build):
    sitemap = (site_build.site / "sitemap.xml").read_text(encoding="utf-8")
    for prefix, _ in LANGS:
        assert f"<loc>{SITE}{prefix}events/rencontres-2016/</loc>" in sitemap
    assert sitemap.count(f'hreflang="es" href="{SITE}es/events/capitole-du-libre-2022/"') == 3


# ---------------------------------------------------------------- a fixture site
FUTURE = """\
name: {{fr: Rencontres Geotrek {year}, en: Geotrek users' meeting {year}, es: Encuentro de usuarios de Geotrek {year}}}
start: {year}-06-01
place: Grenoble
"""
R19 = "https://geotrek.ecrins-parcnational.fr/rencontres/2019/"
POSTS = {
    # explicit, two events, declared in one translation only
    "2021-11-02-bilan.md": post_text("Bilan 2019 et 2021", "2021-11-02", "fr", "both", event="[rencontres-2019, rencontres-2021]"),
    "2021-11-02-bilan-en.md": post_text("Looking back at 2019 and 2021", "2021-11-02", "en", "both"),
    # inferred from a variant of the base URL, Spanish only
    "2019-11-20-solo-es.md": post_text(
        "Solo en español", "2019-11-20", "es", "solo", "Hola.\n\nLos materiales: http://www.geotrek.ecrins-parcnational.fr/rencontres/2019"
    ),
    # explicit wins: links to 2019, declared about nothing
    "2020-01-10-sans.md": post_text("Sans événement", "2020-01-10", "fr", "none", f"Rappel.\n\nVoir {R19}", event="[]"),
}
PROBE = """{% extends "main.html" %}
{% block content %}<ol id="probe">{% for e in events_by_date() %}<li data-event="{{ e.id }}">{{ e.name }}</li>{% endfor %}</ol>{% endblock %}
"""


def build_events_site(root):
    project = make_project(root, POSTS)
    for year in (2099, 2098):
        (project / f"data/events/rencontres-{year}.yml").write_text(FUTURE.format(year=year), encoding="utf-8")
    (project / "overrides/probe.html").write_text(PROBE, encoding="utf-8")
    (project / "docs/probe.md").write_text("---\ntemplate: probe.html\n---\n\n# Probe\n", encoding="utf-8")
    return strict_build(project, root)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return shared_build(tmp_path_factory, "events", build_events_site)


def test_index_lists_upcoming_events_first_soonest_first(built):
    index = built.page("events/")
    sections = [h2.text(strip=True) for h2 in index.css("article h2")]
    assert sections == ["À venir", "Passés"]
    upcoming = [li.attributes["data-event"] for li in index.css('[data-portal="events-upcoming"] li')]
    assert upcoming == [*repository_events()[0], "rencontres-2098", "rencontres-2099"]
    past = [li.attributes["data-event"] for li in index.css('[data-portal="events-past"] li')]
    assert past == repository_events()[1]


def test_templates_get_events_by_date(built):
    probe = [li.attributes["data-event"] for li in built.page("probe/").css("#probe li")]
    upcoming, past = repository_events()
    # the project's two events in 2098 and 2099 come after the repository's upcoming ones, before past ones
    assert probe == [*upcoming, "rencontres-2098", "rencontres-2099", *past]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_a_post_about_two_events_shows_two_boxes_in_every_translation(built, prefix):
    page = built.page(f"{prefix}blog/2021/11/02/bilan/")
    assert [box.attributes["data-event"] for box in page.css('[data-portal="event-box"]')] == ["rencontres-2019", "rencontres-2021"]


def test_explicit_posts_and_posts_in_other_languages_on_the_event_page(built):
    url = "events/rencontres-2019/"
    page = built.page(url)
    ours = page.css_first('[data-portal="event-posts"]')
    assert target(url, ours.css_first("a").attributes["href"]) == "blog/2021/11/02/bilan/"
    assert "blog/2020/01/10/sans/" not in hrefs(page.css_first("article"), url)  # event: [] wins over its link
    others = page.css_first('[data-portal="event-posts-other"]')
    assert hrefs(others, url) == ["es/blog/2019/11/20/solo/"]
    assert others.css_first(".portal-lang").text(strip=True) == "(espagnol)"  # in the page's language
    assert built.page("en/events/rencontres-2021/").css_first('[data-portal="event-posts"] a').text(strip=True) == (
        "Looking back at 2019 and 2021"
    )


def test_inferred_links_are_logged_for_editors(built):
    assert (
        "INFO    -  docs/blog/posts/2019-11-20-solo-es.md (ref solo, with its translations): about 'rencontres-2019', "
        "inferred: it links to http://www.geotrek.ecrins-parcnational.fr/rencontres/2019"
    ) in built.output
    assert "2021-11-02-bilan" not in built.output  # explicit links need no confirmation


# ---------------------------------------------------------------- mistakes
def test_a_malformed_event_file_and_an_unknown_event_fail_the_build_clearly(tmp_path):
    project = make_project(tmp_path, {"2020-02-02-x.md": post_text("X", "2020-02-02", "fr", "x", event="rencontre-2021")})
    (project / "data/events/rencontres-2020.yml").write_text(
        "name: {fr: Rencontres 2020, en: Meeting 2020, es: Encuentro 2020}\nstart: 2020-10-01\nplace: Gap\n"
        "material:\n  - type: programme\n    title: Programme\n    url: geotrek.fr/programme.pdf\n    lang: fr\n",
        encoding="utf-8",
    )
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert (
        "ERROR   -  data/events/rencontres-2020.yml:7: material[0].url: 'geotrek.fr/programme.pdf' is not a web address "
        "(the full address, starting with https://)"
    ) in result.output
    assert (
        "ERROR   -  docs/blog/posts/2020-02-02-x.md:6: event: unknown event 'rencontre-2021' (did you mean 'rencontres-2021'? "
        f"known events: {', '.join(sorted(repository_events()[0] + repository_events()[1]))})"
    ) in result.output
    assert "2 problem(s) in posts and events, listed above: fix them and build again" in result.output
    assert "Traceback" not in result.output
