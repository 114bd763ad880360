"""hreflang links: what search engines read about a page's language versions."""

from __future__ import annotations

from geotrek_portal.languages import Languages
from geotrek_portal.urls import hreflang_links

LANGS = Languages.from_entries(
    [{"locale": "fr", "name": "Français", "default": True}, {"locale": "en", "name": "English"},
     {"locale": "es", "name": "Español"}]
)
SITE = "https://geotrek.fr/"


def test_versions_in_the_site_order_with_x_default_the_first():
    urls = {"es": "es/blog/x/", "fr": "blog/x/", "en": "en/blog/x/"}
    assert hreflang_links(urls, LANGS, SITE) == [
        ("fr", "https://geotrek.fr/blog/x/"),
        ("en", "https://geotrek.fr/en/blog/x/"),
        ("es", "https://geotrek.fr/es/blog/x/"),
        ("x-default", "https://geotrek.fr/blog/x/"),
    ]


def test_x_default_is_the_first_language_that_has_the_page():
    assert hreflang_links({"es": "es/a/", "en": "en/a/"}, LANGS, SITE)[-1] == ("x-default", "https://geotrek.fr/en/a/")


def test_a_page_without_translation_has_none():
    assert hreflang_links({"fr": "a/"}, LANGS, SITE) == []
    assert hreflang_links({}, LANGS, SITE) == []


def test_the_home_page_and_unknown_languages():
    links = hreflang_links({"fr": "./", "en": "en/", "de": "de/"}, LANGS, "https://example.org/portal/")
    assert links == [
        ("fr", "https://example.org/portal/"),
        ("en", "https://example.org/portal/en/"),
        ("x-default", "https://example.org/portal/"),
    ]
