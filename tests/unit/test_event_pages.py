"""What event pages, the index and a post's box show, in each language."""

from dataclasses import replace
from datetime import date

import pytest

from geotrek_portal.blog import build_catalog
from geotrek_portal.event_pages import by_date, event_path, event_view, events_index_path, format_dates
from geotrek_portal.events import MaterialType, link_posts

from .test_events import EVENTS, LANGS, post

TODAY = date(2024, 1, 1)


@pytest.mark.parametrize(
    "lang, one_day, same_month, two_months",
    [
        ("fr", "18 octobre 2016", "7–8 novembre 2019", "28 novembre – 1 décembre 2019"),
        ("en", "October 18, 2016", "November 7 – 8, 2019", "November 28 – December 1, 2019"),
        ("es", "18 de octubre de 2016", "7–8 de noviembre de 2019", "28 de noviembre – 1 de diciembre de 2019"),
    ],
)
def test_dates_in_each_language(lang, one_day, same_month, two_months):
    def clean(text):
        return text.replace("\u2009", " ")  # CLDR's thin spaces around the dash

    assert format_dates(date(2016, 10, 18), None, lang) == one_day
    assert format_dates(date(2016, 10, 18), date(2016, 10, 18), lang) == one_day
    assert clean(format_dates(date(2019, 11, 7), date(2019, 11, 8), lang)) == same_month
    assert clean(format_dates(date(2019, 11, 28), date(2019, 12, 1), lang)) == two_months


def test_paths_per_language():
    assert event_path(LANGS, "fr", "rencontres-2019") == "events/rencontres-2019/"
    assert event_path(LANGS, "es", "rencontres-2019") == "es/events/rencontres-2019/"
    assert events_index_path(LANGS, "en") == "en/events/"


def test_material_grouped_by_type_with_its_language_when_it_differs():
    fr = event_view(EVENTS["rencontres-2019"], "fr", LANGS, TODAY)
    en = event_view(EVENTS["rencontres-2019"], "en", LANGS, TODAY)
    assert [(g.type, g.label) for g in en.material] == [("programme", "Programme"), ("synthesis", "Summary")]
    assert [(g.type, g.label) for g in fr.material] == [("programme", "Programme"), ("synthesis", "Synthèse")]
    (programme,) = en.material[0].items
    assert (programme.title, programme.lang, programme.lang_name) == ("Programme", "fr", "French")
    assert fr.material[0].items[0].lang_name is None
    es = event_view(EVENTS["rencontres-2019"], "es", LANGS, TODAY)
    assert es.material[0].items[0].lang_name == "francés"
    assert (es.name, es.place, es.url) == ("Encuentro de usuarios de Geotrek 2019", "Nîmes", "es/events/rencontres-2019/")


def test_the_box_shows_the_main_material_only():
    slides = EVENTS["rencontres-2021"].material[0].model_copy(update={"type": MaterialType.SLIDES})
    event = EVENTS["rencontres-2021"].model_copy(update={"material": (*EVENTS["rencontres-2021"].material, slides)})
    view = event_view(event, "fr", LANGS, TODAY)
    assert [item.type for item in view.main_material] == ["video"]
    assert [group.type for group in view.material] == ["slides", "video"]


def test_posts_in_the_page_language_first_then_the_others_marked():
    body = "https://geotrek.ecrins-parcnational.fr/rencontres/2019/"
    posts = [
        post("2019-12-17-retour.md", "fr", "review", body=body),
        post("2019-12-17-retour-en.md", "en", "review", body=body),
        post("2019-11-20-solo-es.md", "es", "solo", date="2019-11-20", body=body),
        post("2019-11-21-brouillon.md", "fr", "draft", date="2019-11-21", body=body, extra="draft: true\n"),
    ]
    catalog = build_catalog(posts, LANGS)
    links = link_posts(catalog, EVENTS)

    def url(lang, p):
        return f"{LANGS[lang].prefix}blog/{p.ref}/"

    view = event_view(EVENTS["rencontres-2019"], "en", LANGS, TODAY, catalog=catalog, links=links, post_url=url)
    (review,) = view.posts
    assert (review.title, review.url, review.lang_name, review.date) == (
        "T 2019-12-17-retour-en.md", "en/blog/review/", None, "December 17, 2019"
    )
    assert [(v.lang, v.name, v.url) for v in review.translations] == [("fr", "Français", "blog/review/")]
    (solo,) = view.other_posts
    # named in the page's language, as material is: "(Spanish)" on an English page
    assert (solo.url, solo.lang, solo.lang_name, solo.translations) == ("es/blog/solo/", "es", "Spanish", ())
    drafts = event_view(EVENTS["rencontres-2019"], "fr", LANGS, TODAY, catalog=catalog, links=links, post_url=url, drafts=True)
    assert [p.url for p in drafts.posts] == ["blog/review/", "blog/draft/"]  # drafts only when asked (serve)


def test_upcoming_events_first_soonest_first_then_past_newest_first():
    views = [event_view(e, "fr", LANGS, TODAY) for e in EVENTS.values()]
    future = [
        replace(views[0], id="in-2030", start=date(2030, 5, 1), end=date(2030, 5, 1), upcoming=True),
        replace(views[0], id="in-2026", start=date(2026, 5, 1), end=date(2026, 5, 2), upcoming=True),
    ]
    assert [v.id for v in by_date([*views, *future])] == ["in-2026", "in-2030", "rencontres-2021", "rencontres-2019"]


def test_an_event_is_upcoming_until_its_last_day():
    event = EVENTS["rencontres-2019"]
    assert event_view(event, "fr", LANGS, date(2019, 11, 8)).upcoming
    assert not event_view(event, "fr", LANGS, date(2019, 11, 9)).upcoming
