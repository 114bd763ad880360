"""Home page teasers and the event choices of the portal pages."""

from datetime import date

from geotrek_portal.blog import build_catalog
from geotrek_portal.languages import Language, Languages
from geotrek_portal.pages import EventSummary, featured_event, rencontres, videos
from geotrek_portal.posts import parse_post
from geotrek_portal.teasers import excerpt_text, latest_teasers, shorten
from tests.conftest import post_text

LANGUAGES = Languages((Language("fr", "Français", True), Language("en", "English"), Language("es", "Español")))


def post(name, title, day, lang, ref, body="", **extra):
    parsed, problems = parse_post(f"docs/blog/posts/{name}", post_text(title, day, lang, ref, body, **extra).encode(), LANGUAGES)
    assert problems == [] and parsed is not None
    return parsed


def catalog(*posts):
    return build_catalog(list(posts), LANGUAGES)


def url(p):
    return f"{p.lang}/{p.ref}/"


def test_latest_teasers_are_the_newest_three_of_the_language():
    posts = [post(f"2020-0{m}-01-p{m}.md", f"Billet {m}", f"2020-0{m}-01", "fr", f"p{m}") for m in range(1, 6)]
    english = post("2021-01-01-x-en.md", "Newest but English", "2021-01-01", "en", "x")
    draft = post("2022-01-01-d.md", "Brouillon", "2022-01-01", "fr", "d", draft="true")
    teasers = latest_teasers(catalog(*posts, english, draft), "fr", url)
    assert [t.title for t in teasers] == ["Billet 5", "Billet 4", "Billet 3"]
    assert teasers[0].url == "fr/p5/"
    assert teasers[0].date_label == "1 mai 2020"
    assert [t.title for t in latest_teasers(catalog(*posts, english), "en", url)] == ["Newest but English"]
    assert latest_teasers(catalog(english), "es", url) == []


def test_teaser_date_is_localized():
    p = post("2019-12-17-x-es.md", "Hola", "2019-12-17", "es", "x")
    assert latest_teasers(catalog(p), "es", url)[0].date_label == "17 de diciembre de 2019"


def test_teaser_keeps_the_picture():
    p = post("2019-12-17-x.md", "Photo", "2019-12-17", "fr", "x", image="assets/img/a.jpg")
    assert latest_teasers(catalog(p), "fr", url)[0].image == "assets/img/a.jpg"


def test_excerpt_is_the_text_before_the_marker():
    body = "Premier **paragraphe** avec un [lien](https://example.org).\n\n<!-- more -->\n\nSuite cachée."
    assert excerpt_text(post("2019-01-01-x.md", "T", "2019-01-01", "fr", "x", body)) == "Premier paragraphe avec un lien."


def test_excerpt_without_marker_is_the_first_paragraph_without_pictures():
    body = "![photo]({{ site.baseurl }}/assets/img/a.jpg)\n\nLe texte.\n\nLa suite."
    assert excerpt_text(post("2019-01-01-x.md", "T", "2019-01-01", "fr", "x", body)) == "Le texte."


def test_description_wins_over_the_body():
    p = post("2019-01-01-x.md", "T", "2019-01-01", "fr", "x", "Le corps.", description="Le résumé.")
    assert excerpt_text(p) == "Le résumé."


def test_long_excerpt_is_cut_at_a_word():
    text = shorten("un deux trois quatre cinq", 12)
    assert text == "un deux…"
    assert shorten("court", 12) == "court"


def event(id, start, end=None):
    return EventSummary(id, id, str(start), "Ici", start, end or start)


def test_featured_event_is_the_next_one_else_the_latest():
    past = [event("rencontres-2019", date(2019, 11, 7), date(2019, 11, 8)), event("rencontres-2021", date(2021, 10, 14))]
    assert featured_event(past, date(2024, 1, 1)) == (past[1], False)
    soon, later = event("a", date(2024, 3, 1)), event("b", date(2024, 6, 1))
    assert featured_event([*past, later, soon], date(2024, 1, 1)) == (soon, True)
    # an event is "next" until its last day is over
    assert featured_event(past, date(2019, 11, 8)) == (past[0], True)
    assert featured_event([], date(2024, 1, 1)) == (None, False)


def test_rencontres_are_the_users_meetings_newest_first():
    found = rencontres([event("rencontres-2016", date(2016, 10, 18)), event("capitole-du-libre-2022", date(2022, 11, 19)),
                        event("rencontres-2021", date(2021, 10, 14))])
    assert [e.id for e in found] == ["rencontres-2021", "rencontres-2016"]


def test_videos_of_every_event_newest_first():
    a = EventSummary("a", "A", "", "", date(2021, 1, 1), date(2021, 1, 1), videos=(("Vidéo A", "https://v/a"),))
    b = EventSummary("b", "B", "", "", date(2022, 1, 1), date(2022, 1, 1), videos=(("Vidéo B", "https://v/b"),))
    assert [(e.id, title) for e, title, _ in videos([a, b, event("c", date(2023, 1, 1))])] == [("b", "Vidéo B"), ("a", "Vidéo A")]
