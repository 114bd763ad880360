"""A reader who follows a dead link gets the 404 page in the language of the address."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from geotrek_portal.config import load_site
from geotrek_portal.messages import t
from geotrek_portal.not_found import not_found_links
from tests.conftest import REPO

pytestmark = pytest.mark.browser

SITE = load_site(REPO / "mkdocs.yml")
# (missing address, language a reader expects, words the search link asks for)
ADDRESSES = [("en/no-such/page/", "en", "page"), ("es/x/", "es", "x"), ("no-such/", "fr", "no such")]


# the navs of the sections with an index page (News, Events), named by geotrek_portal.landmarks
INDEXED_SECTIONS = ".md-nav__container + nav"


def home_chrome(site_build, lang: str) -> tuple[list[str], str, list[str]]:
    home = site_build.page(SITE.languages[lang].prefix)
    tabs = [a.text(strip=True) for a in home.css(".md-tabs__link")]
    sections = [nav.attributes.get("aria-label") for nav in home.css(INDEXED_SECTIONS)]
    return tabs, home.css_first("input.md-search__input").attributes["placeholder"], sections


def shown_chrome(page) -> tuple[list[str], str, list[str]]:
    tabs = [text.strip() for text in page.locator(".md-tabs__link").all_inner_texts()]
    sections = page.eval_on_selector_all(INDEXED_SECTIONS, "navs => navs.map(nav => nav.getAttribute('aria-label'))")
    return tabs, page.locator("input.md-search__input").get_attribute("placeholder"), sections


@pytest.mark.parametrize("path, lang, words", ADDRESSES)
def test_the_404_speaks_the_language_of_the_address(page, pages_server, site_build, path, lang, words):
    response = page.goto(pages_server.url + path)
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("article h1").all_inner_texts() == [t("not_found_title", lang)]
    assert page.title().startswith(t("not_found_title", lang) + " - ")
    assert t("not_found_text", lang) in page.locator("article").inner_text()
    home = home_chrome(site_build, lang)
    assert home[2], "no named section on the home page: see geotrek_portal/landmarks.py"
    assert shown_chrome(page) == home

    expected = [
        (key, label, href + (quote(words) if key == "search" else ""))
        for key, label, href in not_found_links(SITE.languages, lang, SITE.site_path)
    ]
    links = page.locator('[data-portal="not-found-links"] a')
    assert [
        (a.get_attribute("data-portal-link"), a.inner_text().strip(), a.get_attribute("href")) for a in links.all()
    ] == expected

    for key, _, href in expected:
        page.goto(pages_server.url + path)
        with page.expect_navigation() as navigation:
            page.locator(f'[data-portal-link="{key}"]').click()
        assert navigation.value.status == 200, href
        assert page.locator("html").get_attribute("lang") == lang, href
    # the last one, the search, opened Material's search with the words of the address
    assert page.locator("input.md-search__input").input_value() == words
    assert page.locator("#__search").is_checked()


def test_without_javascript_the_404_is_french_and_its_links_work(browser, pages_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        for path in ("no-such/", "en/no-such/page/"):
            assert page.goto(pages_server.url + path).status == 404
            assert page.locator("html").get_attribute("lang") == "fr"
            assert page.locator("h1:visible").all_inner_texts() == [t("not_found_title", "fr")]
        page.locator('[data-portal-link="news"]').click()
        page.wait_for_load_state("load")
        assert page.url == pages_server.url + "blog/"
    finally:
        context.close()
