"""The 404 page's pieces: its links, and one language's page carried by another's."""

import json
import re

import pytest

from geotrek_portal.languages import Language, Languages
from geotrek_portal.not_found import MARKER, not_found_links, translation, with_translations

LANGUAGES = Languages((Language("fr", "Français", default=True), Language("en", "English")))


def page(lang: str, title: str, text: str, base: str = "/") -> str:
    config = json.dumps({"base": base, "search": "/assets/search.js"})
    return (
        f'<!doctype html><html lang="{lang}"><head><title>{title}</title></head>'
        f'<body dir="ltr" data-x="1"><header>{lang}</header><h1>{text}</h1>'
        f'<script id="__config" type="application/json">{config}</script>\n{MARKER}\n'
        f"<script>swap()</script><script src=/bundle.js></script></body></html>"
    )


def test_links_are_absolute_from_the_site_root_in_the_language():
    assert not_found_links(LANGUAGES, "fr") == [
        ("home", "Accueil du site", "/"),
        ("news", "Actualités", "/blog/"),
        ("events", "Événements", "/events/"),
        ("search", "Rechercher sur le site", "/?q="),
    ]
    assert [href for *_, href in not_found_links(LANGUAGES, "en", "/portal/")] == [
        "/portal/en/",
        "/portal/en/blog/",
        "/portal/en/events/",
        "/portal/en/?q=",
    ]


def test_a_translation_is_the_body_up_to_the_marker_with_its_own_search_root():
    template = translation(page("en", "Page not found - Geotrek &amp; co", "Page not found"), "en", "/en/")
    opening = re.match(r"<template ([^>]*)>", template)[1]
    assert opening == 'data-portal-404 data-lang="en" data-path="/en/" data-title="Page not found - Geotrek &amp; co"'
    assert template.endswith("</template>")
    body = template[len(opening) + 11 : -len("</template>")]
    assert body.startswith("<header>en</header><h1>Page not found</h1>")
    assert "swap()" not in body and "bundle.js" not in body and MARKER not in body
    config = json.loads(re.search(r'type="application/json">(.*?)</script>', body)[1])
    assert config == {"base": "/en/", "search": "/assets/search.js"}


def test_the_default_page_carries_the_translations_where_the_marker_was():
    fr = page("fr", "Page introuvable", "Page introuvable")
    en = translation(page("en", "Page not found", "Page not found"), "en", "/en/")
    result = with_translations(fr, [en])
    assert MARKER not in result
    assert result.index("<h1>Page introuvable</h1>") < result.index(en) < result.index("swap()")
    assert with_translations(fr, []) == fr.replace(MARKER, "")


@pytest.mark.parametrize("broken", ["<html><body><h1>x</h1></body></html>", page("en", "t", "x").replace("__config", "cfg")])
def test_a_page_without_marker_or_configuration_is_refused_with_the_reason(broken):
    with pytest.raises(ValueError, match="overrides/404.html|configuration"):
        translation(broken, "en", "/en/")


def test_the_default_page_needs_the_marker_once():
    with pytest.raises(ValueError, match="once: see overrides/404.html"):
        with_translations("<html><body></body></html>", [])
