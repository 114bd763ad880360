"""The preview's dependency logic: which facts an edit changes, which pages show them."""

from geotrek_portal.blog import build_catalog
from geotrek_portal.events import EventSet, link_posts, parse_event
from geotrek_portal.languages import Languages
from geotrek_portal.live_preview import (
    EVENTS,
    NAV,
    ORGANISATIONS,
    DependencyMap,
    blog_nav_fact,
    changed_facts,
    event_fact,
    group_fact,
    latest_fact,
    list_page_facts,
    marker_facts,
    order_fact,
    plan,
    post_fact,
    post_page_facts,
    site_facts,
)
from geotrek_portal.posts import parse_post

LANGS = Languages.from_entries(
    [{"locale": "fr", "name": "Français", "default": True}, {"locale": "en", "name": "English"}, {"locale": "es", "name": "Español"}]
)
EVENT = """\
name: {{fr: Rencontres 2019, en: Users' meeting 2019, es: Encuentro 2019}}
start: 2019-11-07
place: {place}
"""


def post(name, lang, ref, date="2019-12-17", title="T", body="Body.", event=None):
    extra = f"event: {event}\n" if event else ""
    text = f"---\ntitle: {title}\ndate: {date}\nlang: {lang}\nref: {ref}\n{extra}---\n{body}\n"
    parsed, problems = parse_post(f"docs/blog/posts/{name}", text.encode(), LANGS)
    assert parsed is not None, problems
    return parsed


def events(place="Nîmes", name=None):
    text = EVENT.format(place=place)
    if name:
        text = text.replace("Rencontres 2019", name)
    event, problems = parse_event("data/events/rencontres-2019.yml", text.encode(), LANGS)
    assert event is not None, problems
    return EventSet({event.id: event})


def facts(posts, event_set=None, stamps=None):
    event_set = event_set if event_set is not None else events()
    catalog = build_catalog(posts, LANGS)
    return site_facts(catalog, event_set, link_posts(catalog, event_set), data_stamps=stamps), catalog


FR_OLD = post("2019-01-01-old.md", "fr", "old", date="2019-01-01")
FR = post("2019-12-17-news.md", "fr", "news", event="rencontres-2019")
FR_MORE = [post(f"2019-12-{day}-n{day}.md", "fr", f"n{day}", date=f"2019-12-{day}") for day in (18, 19, 20)]
EN = post("2019-12-17-news-en.md", "en", "news", title="News")


def test_a_body_edit_changes_the_post_only():
    before, _ = facts([FR_OLD, FR, *FR_MORE])
    edited = post("2019-12-17-news.md", "fr", "news", event="rencontres-2019", body="Body, longer.")
    after, catalog = facts([FR_OLD, edited, *FR_MORE])
    assert changed_facts(before, after) == {post_fact(FR)}  # not among the 3 latest, not in the event's list
    result = plan(before, after, catalog)
    assert not result.full and result.first_lang == "fr" and result.first_posts == {FR.path}


def test_a_body_edit_of_a_latest_post_changes_the_home_too():
    before, _ = facts([FR, *FR_MORE])
    edited = post(FR_MORE[-1].name, "fr", "n20", date="2019-12-20", body="New text.")
    after, _ = facts([FR, *FR_MORE[:-1], edited])
    assert changed_facts(before, after) == {post_fact(edited), latest_fact("fr")}


def test_a_new_translation_changes_the_group_the_order_and_the_event():
    before, _ = facts([FR, *FR_MORE])
    after, catalog = facts([FR, *FR_MORE, EN])
    changed = changed_facts(before, after)
    assert {post_fact(EN), group_fact("news"), order_fact("en"), latest_fact("en"), event_fact("rencontres-2019"), EVENTS} <= changed
    assert blog_nav_fact("en") in changed  # the English blog's first post: its first year in its navigation
    assert NAV not in changed and order_fact("fr") not in changed and blog_nav_fact("fr") not in changed
    # the French page shows the group: it is stale; the new page is built first, in English
    deps = DependencyMap()
    links = link_posts(catalog, events())
    deps.record("fr", "blog/posts/2019-12-17-news.md", post_page_facts(FR, links))
    deps.record("fr", "blog/posts/2019-01-01-old.md", post_page_facts(FR_OLD, links))
    assert deps.stale("fr", changed) == {"blog/posts/2019-12-17-news.md"}
    result = plan(before, after, catalog)
    assert result.first_lang == "en" and result.first_posts == {EN.path}


def test_a_changed_title_changes_lists_and_translations_but_not_the_order():
    before, _ = facts([FR, EN])
    retitled = post(EN.name, "en", "news", title="Better news")
    after, _ = facts([FR, retitled])
    changed = changed_facts(before, after)
    assert {post_fact(EN), group_fact("news"), latest_fact("en"), event_fact("rencontres-2019")} <= changed
    assert order_fact("en") not in changed
    lists = DependencyMap()
    lists.record("en", "blog/index.md", list_page_facts("en", [EN]))
    lists.record("en", "blog/page/2.md", list_page_facts("en", []))
    assert lists.stale("en", changed) == {"blog/index.md"}


def test_a_changed_date_reorders_the_lists():
    before, _ = facts([FR, *FR_MORE])
    moved = post(FR.name, "fr", "news", date="2019-12-25", event="rencontres-2019")
    after, _ = facts([moved, *FR_MORE])
    assert order_fact("fr") in changed_facts(before, after)


def test_a_removed_post_changes_its_group_the_order_and_the_home():
    before, _ = facts([FR, EN, *FR_MORE])
    after, catalog = facts([FR, *FR_MORE[:-1], EN])
    changed = changed_facts(before, after)
    assert {post_fact(FR_MORE[-1]), group_fact("n20"), order_fact("fr"), latest_fact("fr")} <= changed
    result = plan(before, after, catalog)
    assert not result.full and not result.has_first_phase  # nothing to show first: no post was rewritten


def test_an_event_file_changes_its_boxes_and_pages_not_the_navigation():
    before, catalog = facts([FR, EN])
    after, _ = facts([FR, EN], events(place="Montpellier"))
    changed = changed_facts(before, after)
    assert changed == {event_fact("rencontres-2019"), EVENTS}
    deps = DependencyMap()
    links = link_posts(catalog, events())
    deps.record("en", "blog/posts/news-en.md", post_page_facts(EN, links))
    deps.record("en", "index.md", marker_facts(["latest-posts", "featured-event"], "en"))
    deps.record("en", "contact.md", marker_facts(["contact-email"], "en"))
    assert deps.stale("en", changed) == {"blog/posts/news-en.md", "index.md"}
    assert not plan(before, after, catalog).full


def test_a_renamed_event_changes_every_page():
    before, catalog = facts([FR])
    after, _ = facts([FR], events(name="Rencontres Geotrek 2019"))
    assert NAV in changed_facts(before, after)
    assert plan(before, after, catalog).full


def test_the_first_build_and_changed_settings_rebuild_everything():
    after, catalog = facts([FR])
    assert plan(None, after, catalog).full
    assert plan(after, after, catalog, settings_changed=True).full
    same = plan(after, after, catalog)
    assert not same.full and not same.changed and not same.has_first_phase


def test_the_language_edited_last_is_shown_first():
    before, _ = facts([FR, EN])
    after, catalog = facts([post(FR.name, "fr", "news", body="x", event="rencontres-2019"), post(EN.name, "en", "news", title="News", body="y")])
    assert plan(before, after, catalog, edited_last=[EN.path, FR.path]).first_lang == "en"
    assert plan(before, after, catalog, edited_last=[FR.path, EN.path]).first_lang == "fr"


def test_organisations_data_is_a_fact_of_the_users_pages():
    before, _ = facts([FR], stamps={"data/organisations.geojson": (1, 10)})
    after, _ = facts([FR], stamps={"data/organisations.geojson": (2, 12)})
    assert changed_facts(before, after) == {ORGANISATIONS}
    assert marker_facts(["organisations-map", "organisations-embed"], "fr") == {ORGANISATIONS}


def test_recorded_facts_accumulate_and_can_be_forgotten():
    deps = DependencyMap()
    deps.add("fr", "a.md", {EVENTS})
    deps.add("fr", "a.md", {NAV})
    assert deps.shows("fr", "a.md") == {EVENTS, NAV} and deps.knows("fr", "a.md")
    deps.forget("fr", ["a.md"])
    assert not deps.knows("fr", "a.md") and deps.stale("fr", {EVENTS}) == set()


def test_the_first_look_keeps_neighbours_and_one_post_per_year_and_category():
    from geotrek_portal.live_preview import first_look_posts

    posts = [
        post(f"20{year}-0{month}-01-p{year}{month}.md", "fr", f"p{year}{month}", date=f"20{year}-0{month}-01")
        for year in (18, 19, 20) for month in (1, 2, 3)
    ]
    tagged = post("2019-02-15-tagged.md", "fr", "tagged", date="2019-02-15")
    tagged = type(tagged)(**{**tagged.__dict__, "categories": ("Technique",)})
    catalog = build_catalog([*posts, tagged], LANGS)
    edited = "docs/blog/posts/2019-02-01-p192.md"
    kept = first_look_posts(catalog, "fr", [edited])
    names = {path.rsplit("/", 1)[1] for path in kept}
    assert {"2019-02-01-p192.md", "2019-02-15-tagged.md", "2019-01-01-p191.md"} <= names  # itself, its neighbours
    assert {"2020-03-01-p203.md", "2019-03-01-p193.md", "2018-03-01-p183.md"} <= names  # the newest of each year
    assert "2020-01-01-p201.md" not in names and len(names) < len(posts)
    far = first_look_posts(catalog, "fr", ["docs/blog/posts/2020-01-01-p201.md"])
    assert "docs/blog/posts/2019-02-15-tagged.md" in far  # the only post of its category


def test_a_new_year_or_category_changes_every_page_of_the_language():
    before, catalog = facts([FR, EN])
    tagged = post("2019-12-18-tag.md", "fr", "tag", date="2019-12-18")
    tagged = type(tagged)(**{**tagged.__dict__, "categories": ("Technique",)})
    fr_nav = blog_nav_fact("fr")
    assert fr_nav in changed_facts(before, facts([FR, EN, tagged])[0])
    assert fr_nav in changed_facts(before, facts([FR, EN, post("2021-01-01-y.md", "fr", "y", date="2021-01-01")])[0])
    same_year = changed_facts(before, facts([FR, EN, post("2019-12-19-z.md", "fr", "z", date="2019-12-19")])[0])
    assert fr_nav not in same_year and NAV not in same_year


def translated(body="Body."):
    """FR_T, an original, and EN_T, its English translation made from the original with `body`."""
    from geotrek_portal.translations import content_hash

    original = post("2019-12-17-tr.md", "fr", "tr", body=body)
    text = (
        "---\ntitle: News\ndate: 2019-12-17\nlang: en\nref: tr\n"
        f'translation_of: "{content_hash("T", "Body.")}"\n---\nEnglish.\n'
    )
    english, problems = parse_post("docs/blog/posts/2019-12-17-tr-en.md", text.encode(), LANGS)
    assert english is not None, problems
    return original, english


def test_editing_an_original_makes_its_translations_pages_and_the_help_pages_stale():
    from geotrek_portal.live_preview import TRANSLATIONS

    before, _ = facts(list(translated()))
    original, english = translated(body="Body, corrected.")
    after, catalog = facts([original, english])
    changed = changed_facts(before, after)
    # the English page shows the group (its notice now says outdated); so do the Help translate pages
    assert {post_fact(original), group_fact("tr"), TRANSLATIONS} <= changed
    deps = DependencyMap()
    links = link_posts(catalog, events())
    deps.record("en", "en/blog/posts/2019-12-17-tr-en.md", post_page_facts(english, links))
    deps.record("en", "en/traduire.md", {TRANSLATIONS})
    deps.record("en", "en/produit.md", set())
    assert deps.stale("en", changed) == {"en/blog/posts/2019-12-17-tr-en.md", "en/traduire.md"}


def test_editing_an_up_to_date_original_again_changes_the_post_only():
    first, english = translated(body="Body, corrected.")
    before, _ = facts([first, english, *FR_MORE])  # three newer posts: not on the home
    second, _ = translated(body="Body, corrected twice.")
    after, _ = facts([second, english, *FR_MORE])
    assert changed_facts(before, after) == {post_fact(second)}  # outdated before, outdated after
