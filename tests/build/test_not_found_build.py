"""The built /404.html: French as served, English and Spanish bodies carried along."""

from __future__ import annotations

import json
from urllib.parse import urljoin

import pytest
from selectolax.lexbor import LexborHTMLParser

from geotrek_portal.config import load_site
from geotrek_portal.messages import t
from geotrek_portal.not_found import not_found_links
from tests.conftest import REPO

SITE = load_site(REPO / "mkdocs.yml")
LANGUAGES = SITE.languages
OTHERS = [lang.code for lang in LANGUAGES.all if not lang.default]


def page_404(site_build) -> LexborHTMLParser:
    return LexborHTMLParser((site_build.site / "404.html").read_text(encoding="utf-8"))


def body_of(site_build, lang: str) -> LexborHTMLParser:
    """What a reader of `lang` gets: the page itself, or the content of its language's template."""
    page = page_404(site_build)
    if lang == LANGUAGES.default.code:
        return page
    template = page.css_first(f'template[data-portal-404][data-lang="{lang}"]')
    assert template is not None, f"no {lang} template in 404.html"
    return LexborHTMLParser(template.html.split(">", 1)[1].rsplit("</template>", 1)[0])


def chrome(tree: LexborHTMLParser, address: str) -> dict:
    """The page chrome a reader sees, links made absolute against `address`."""
    return {
        "site name": tree.css_first(".md-header__topic").text(strip=True),
        "tabs": [(a.text(strip=True), urljoin(address, a.attributes["href"])) for a in tree.css(".md-tabs__link")],
        "search placeholder": tree.css_first("input.md-search__input").attributes["placeholder"],
        "footer": tree.css_first(".md-footer-meta").text(separator=" ", strip=True),
        "language links": [urljoin(address, a.attributes["href"]) for a in tree.css(".md-select__link")],
    }


@pytest.mark.parametrize("lang", LANGUAGES.codes)
def test_the_404_says_the_page_does_not_exist_in_each_language(site_build, lang):
    tree = body_of(site_build, lang)
    article = tree.css_first("article")
    assert article.css_first("h1").text(strip=True) == t("not_found_title", lang)
    assert [p.text(strip=True) for p in article.css("p")] == [t("not_found_text", lang), t("not_found_next", lang)]
    links = [(a.attributes["data-portal-link"], a.text(strip=True), a.attributes["href"]) for a in article.css("a")]
    assert links == not_found_links(LANGUAGES, lang, SITE.site_path)
    assert [key for key, *_ in links] == ["home", "news", "events", "search"]
    for _, _, href in links:  # each leads to a page of that language
        assert href.startswith(SITE.site_path + LANGUAGES[lang].prefix)
        assert (site_build.site / href.split("?")[0].lstrip("/") / "index.html").is_file(), href


def test_the_languages_say_it_differently(site_build):
    titles = {lang: body_of(site_build, lang).css_first("article h1").text(strip=True) for lang in LANGUAGES.codes}
    assert len(set(titles.values())) == len(titles)
    assert "404 - Not found" not in (site_build.site / "404.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGUAGES.codes)
def test_the_404_chrome_is_the_languages_own(site_build, lang):
    """Header, tabs, search and footer: those of the language's home page."""
    prefix = LANGUAGES[lang].prefix
    home = "https://geotrek.fr/" + prefix
    assert chrome(body_of(site_build, lang), "https://geotrek.fr/x/y/") == chrome(site_build.page(prefix), home)


@pytest.mark.parametrize("lang", OTHERS)
def test_each_template_names_its_language_and_search_index(site_build, lang):
    template = page_404(site_build).css_first(f'template[data-lang="{lang}"]')
    root = SITE.site_path + LANGUAGES[lang].prefix
    assert template.attributes["data-path"] == root
    assert template.attributes["data-title"].startswith(t("not_found_title", lang) + " - ")
    config = json.loads(body_of(site_build, lang).css_first("script#__config").text())
    assert config["base"] == root
    assert (site_build.site / root.lstrip("/") / "search/search_index.json").is_file()


def test_the_served_page_is_french_with_its_search_index(site_build):
    page = page_404(site_build)
    assert page.css_first("html").attributes["lang"] == LANGUAGES.default.code
    assert page.css_first("title").text(strip=True).startswith(t("not_found_title", LANGUAGES.default.code))
    configs = page.css("script#__config")  # the templates' are not part of the document
    assert [json.loads(c.text())["base"] for c in configs] == [SITE.site_path]


def test_every_link_of_the_404_is_absolute(site_build):
    """The page is served at any depth: a relative link would lead elsewhere from /en/a/b/c."""
    relative = []
    for lang in LANGUAGES.codes:
        tree = body_of(site_build, lang)
        for node in tree.css("[href], [src]"):
            url = node.attributes.get("href") or node.attributes.get("src") or ""
            if not url.startswith(("/", "#", "https://", "mailto:")) or url.startswith("//"):
                relative.append(f"{lang}: <{node.tag}> {url}")
    head = page_404(site_build).css("head [href], head [src]")
    relative += [f"head: {n.attributes}" for n in head if not (n.attributes.get("href") or n.attributes.get("src")).startswith(("/", "#"))]
    assert relative == []
