"""A reader switches a post's language with Material's language selector."""

import re

import pytest

pytestmark = pytest.mark.browser

SEED = "blog/2019/12/17/retour-rencontres-geotrek-2019/"


def switch_language(page, name: str) -> None:
    page.hover(".md-header__option .md-select")
    page.locator(".md-select__link", has_text=name).click()
    page.wait_for_load_state("load")


def test_french_post_to_english_and_spanish_and_back(page, site_server):
    page.goto(site_server.url + SEED)
    assert page.locator("html").get_attribute("lang") == "fr"
    assert "Retour sur les rencontres utilisateurs Geotrek 2019" in page.title()

    switch_language(page, "English")
    assert re.search(r"/en/blog/2019/12/17/retour-rencontres-geotrek-2019/?$", page.url)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").first.inner_text() == "Looking back at the Geotrek users' meeting 2019"

    switch_language(page, "Español")
    assert re.search(r"/es/blog/2019/12/17/retour-rencontres-geotrek-2019/?$", page.url)
    assert page.locator("html").get_attribute("lang") == "es"

    switch_language(page, "Français")
    assert re.search(r"127\.0\.0\.1:\d+/blog/2019/12/17/retour-rencontres-geotrek-2019/?$", page.url)
    assert page.locator("html").get_attribute("lang") == "fr"


def test_also_in_links_lead_to_the_translation(page, site_server):
    page.goto(site_server.url + SEED)
    page.locator('[data-portal="translations"] a[hreflang="en"]').click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/en/" + SEED)


def test_post_without_translation_switches_to_that_languages_blog(page, site_server):
    page.goto(site_server.url + "blog/2017/11/06/deuxiemes-rencontres-geotrek/")
    switch_language(page, "English")
    assert re.search(r"/en/blog/?$", page.url)
    assert page.locator("html").get_attribute("lang") == "en"
