"""Navigation that reads naturally, in every language: tabs, sidebars, previous/next links."""

from __future__ import annotations

import posixpath
from urllib.parse import urljoin, urlsplit

import pytest

from geotrek_portal.blog import PostReader
from geotrek_portal.config import load_languages
from geotrek_portal.event_pages import EVENTS_DIR
from geotrek_portal.messages import t
from geotrek_portal.urls import BLOG_DIR, POSTS_DIR
from tests.conftest import REPO

pytestmark = pytest.mark.build

LANGUAGES = load_languages(REPO / "mkdocs.yml")
PREFIX = {lang.code: lang.prefix for lang in LANGUAGES.all}
# the tabs as a reader expects them: the news then the events, contact last
TAB_PATHS = ["", "produit/", "utilisateurs/", "blog/", "events/", "ressources/", "a-propos/", "contact/"]


def resolve(page_url: str, href: str) -> str:
    return urlsplit(urljoin("http://site/" + page_url, href)).path.lstrip("/")


def url_of(site, path) -> str:
    rel = path.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def section(url: str) -> str:
    """The tab a page belongs to, from its address: news, events, or the portal pages."""
    for code, prefix in PREFIX.items():
        if prefix and url.startswith(prefix):
            url = url[len(prefix) :]
    top = url.split("/", 1)[0]
    return top if top in (BLOG_DIR, EVENTS_DIR) else "portal"


@pytest.mark.parametrize("lang", PREFIX)
def test_tabs_in_a_readers_order(site_build, lang):
    for path in TAB_PATHS:
        url = PREFIX[lang] + path
        tabs = [resolve(url, a.attributes["href"]) for a in site_build.page(url).css(".md-tabs__link")]
        assert tabs == [PREFIX[lang] + p for p in TAB_PATHS], url


@pytest.mark.parametrize("lang", PREFIX)
def test_events_sidebar_names_the_section_once(site_build, lang):
    url = PREFIX[lang] + "events/"
    page = site_build.page(url)
    active = page.css_first(".md-nav--primary .md-nav__item--active.md-nav__item--section")
    assert active is not None
    # the drawer's own heading (.md-nav__title) aside, the section's title is shown once, as its link
    titles = [n for n in active.css("a.md-nav__link, label.md-nav__link") if n.text(strip=True) == t("events", lang)]
    assert len(titles) == 1 and titles[0].tag == "a" and resolve(url, titles[0].attributes["href"]) == url
    links = [resolve(url, a.attributes["href"]) for a in active.css("a.md-nav__link")]
    assert links[0] == url and len(links) > 1 and all(e.startswith(url) for e in links[1:])
    assert url not in links[1:]


@pytest.mark.parametrize("lang", PREFIX)
def test_archive_and_categories_are_reachable_from_the_news(site_build, lang):
    url = PREFIX[lang] + "blog/"
    links = {resolve(url, a.attributes["href"]) for a in site_build.page(url).css(".md-sidebar--primary a")}
    docs = REPO / "docs"
    posts = [p for p in PostReader(LANGUAGES).read(docs / POSTS_DIR, docs).posts(lang, drafts=False)]
    years = {post.published.year for post in posts}
    assert {f"{url}archive/{year}/" for year in years} <= links
    categories = {link for link in links if link.startswith(f"{url}category/")}
    assert len(categories) == len({c for post in posts for c in post.categories})


@pytest.mark.parametrize("lang", PREFIX)
def test_events_index_and_last_event_do_not_leave_the_events(site_build, lang):
    index = site_build.page(PREFIX[lang] + "events/")
    assert index.css_first(".md-footer__link--prev") is None  # not "Previous: Contact"
    assert index.css_first('link[rel="prev"]') is None
    first = resolve(PREFIX[lang] + "events/", index.css_first(".md-footer__link--next").attributes["href"])
    listed = [a.attributes["href"] for a in index.css('[data-portal^="events-"] a')]
    assert first == resolve(PREFIX[lang] + "events/", listed[0])


def test_previous_and_next_stay_within_their_section(site_build):
    site = site_build.site
    crossing = []
    for path in sorted(site.rglob("index.html")):
        url = url_of(site, path)
        page = site_build.page(url)
        for link in page.css(".md-footer__link, head link[rel=prev], head link[rel=next]"):
            target = posixpath.normpath(resolve(url, link.attributes["href"])) + "/"
            if section(target.lstrip("/")) != section(url):
                crossing.append(f"{url} -> {target}")
    assert crossing == []
