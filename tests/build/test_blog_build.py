"""A fixture site built with MkDocs: what readers get in each language."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import feedparser
import pytest

from tests.conftest import make_project, post_text, shared_build, strict_build

SITE = "https://geotrek.fr/"
R1 = "2019/12/17/retour-rencontres"

POSTS = {
    # a translation group: French file name gives the slug for all
    "2019-12-17-retour-rencontres.md": post_text(
        "Retour sur les rencontres", "2019-12-17", "fr", "r1",
        "Premier paragraphe en français.\n\nSecond paragraphe, absent de l'extrait.",
        image="assets/img/2019-rencontres-geotrek-groupe.jpg", categories="[Rencontres]",
    ),
    "2019-12-17-looking-back-en.md": post_text(
        "Looking back at the meeting", "2019-12-17", "en", "r1",
        "First English paragraph.\n\nSecond English paragraph, not in the excerpt.", categories="[Meetings]",
    ),
    # file name says -en, front matter says es: front matter wins
    "2019-12-17-balance-en.md": post_text("Balance del encuentro", "2019-12-17", "es", "r1", "Primer párrafo.\n\nSegundo."),
    # Jekyll-era post: layout, spaced key, time zone, <!--more-->, site.baseurl, raw HTML
    "2019-03-01-Jekyll-Era-fr-.markdown": (
        "---\nlayout: post\ntitle : \"L'ère \\\"Jekyll\\\"\u200e\"\ndate: 2019-03-01 10:30:00 +0100\nlang: fr\nref: r2\n---\n"
        "Avant la coupure.\n\n<!--more-->\n\n![]({{ site.baseurl }}/assets/img/2019-rencontres-geotrek-groupe.jpg)\n\n"
        '<p>HTML <img src="{{site.base_url}}/assets/img/2019-rencontres-geotrek-groupe.jpg" alt="groupe"></p>\n'
    ),
    "2020-05-01-english-only-en.md": post_text("English only", "2020-05-01", "en", "r3", "A single paragraph."),
    "2021-01-01-brouillon.md": post_text("Brouillon", "2021-01-01", "fr", "r4", draft="true"),
    **{
        f"2018-0{i}-01-actualite-{i}.md": post_text(f"Actualité {i}", f"2018-0{i}-01", "fr", f"n{i}", categories="[Communauté]")
        for i in range(1, 6)
    },
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return shared_build(tmp_path_factory, "blog", lambda root: strict_build(make_project(root, POSTS), root))


def head_hreflangs(page) -> dict[str, str]:
    return {n.attributes["hreflang"]: n.attributes["href"] for n in page.css('head link[rel="alternate"][hreflang]')}


def switcher(page) -> dict[str, str]:
    return {n.attributes["hreflang"]: n.attributes["href"] for n in page.css("a.md-select__link")}


@pytest.mark.parametrize("prefix, lang", [("", "fr"), ("en/", "en"), ("es/", "es")])
def test_each_translation_is_served_under_its_language_with_one_slug(built, prefix, lang):
    page = built.page(f"{prefix}blog/{R1}/")
    assert page.css_first("html").attributes["lang"] == lang
    assert built.alternates(f"{prefix}blog/{R1}/") == {
        "fr": f"{SITE}blog/{R1}/",
        "en": f"{SITE}en/blog/{R1}/",
        "es": f"{SITE}es/blog/{R1}/",
        "x-default": f"{SITE}blog/{R1}/",
    }


def test_switcher_and_also_in_link_the_translations(built):
    page = built.page(f"en/blog/{R1}/")
    links = switcher(page)
    assert links["fr"].endswith(f"/blog/{R1}/") and links["es"].endswith(f"/es/blog/{R1}/")
    also = page.css_first('[data-portal="translations"]')
    assert also.text(strip=True).startswith("Also in:")
    assert [a.text() for a in also.css("a")] == ["Français", "Español"]
    fr_also = built.page(f"blog/{R1}/").css_first('[data-portal="translations"]')
    assert fr_also.text(strip=True).startswith("Aussi en :")


def test_post_without_translation_has_no_hreflang_and_switches_to_blog_index(built):
    page = built.page("blog/2019/03/01/jekyll-era/")
    assert built.alternates("blog/2019/03/01/jekyll-era/") == {}
    assert page.css_first('[data-portal="translations"]') is None
    links = switcher(page)
    assert links["en"] == "../../../../../en/blog/" and links["es"] == "../../../../../es/blog/"


def test_jekyll_post_renders_cleanly(built):
    page = built.page("blog/2019/03/01/jekyll-era/")
    assert page.css_first("h1").text() == 'L\'ère "Jekyll"'
    html = page.html
    assert "{{" not in html and "{%" not in html
    images = [img.attributes["src"] for img in page.css("article img, .md-content img")]
    assert "../../../../../assets/img/2019-rencontres-geotrek-groupe.jpg" in images
    assert "/assets/img/2019-rencontres-geotrek-groupe.jpg" in images
    assert (built.site / "assets/img/2019-rencontres-geotrek-groupe.jpg").is_file()


def test_each_blog_lists_only_its_language_with_excerpts(built):
    fr = built.page("blog/").html
    assert "Retour sur les rencontres" in fr and "Premier paragraphe" in fr
    assert "absent de l'extrait" not in fr  # excerpt: first paragraph only
    assert "Looking back" not in fr and "English only" not in fr and "Balance" not in fr
    en = built.page("en/blog/").html
    assert "Looking back" in en and "English only" in en and "Retour sur" not in en
    assert "not in the excerpt" not in en
    es = built.page("es/blog/").html
    assert "Balance del encuentro" in es and "Looking back" not in es


def test_pagination_archive_and_categories_per_language(built):
    assert (built.site / "blog/page/2/index.html").is_file()  # 7 French posts, 5 per page
    assert not (built.site / "en/blog/page/2/index.html").exists()
    assert "Actualité 1" in built.page("blog/archive/2018/").html
    assert not (built.site / "en/blog/archive/2018").exists()
    assert "Looking back" in built.page("en/blog/archive/2019/").html
    assert "Looking back" in built.page("en/blog/category/meetings/").html
    assert "Actualité 2" in built.page("blog/category/communaute/").html
    # labels and dates in the page's language
    assert "17 décembre 2019" in built.page(f"blog/{R1}/").html
    assert "December 17, 2019" in built.page(f"en/blog/{R1}/").html
    assert "17 de diciembre de 2019" in built.page(f"es/blog/{R1}/").html


def test_drafts_are_not_published(built):
    assert not (built.site / "blog/2021/01/01/brouillon").exists()
    assert "Brouillon" not in built.page("blog/").html


@pytest.mark.parametrize(
    "prefix, lang, titles, not_titles",
    [
        ("", "fr", {"Retour sur les rencontres", 'L\'ère "Jekyll"'}, {"English only", "Looking back at the meeting"}),
        ("en/", "en", {"Looking back at the meeting", "English only"}, {"Retour sur les rencontres"}),
        ("es/", "es", {"Balance del encuentro"}, {"Looking back at the meeting", "Retour sur les rencontres"}),
    ],
)
def test_one_feed_per_language(built, prefix, lang, titles, not_titles):
    feed = feedparser.parse((built.site / prefix / "feed_rss_created.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.language == lang
    got = {entry.title for entry in feed.entries}
    assert titles <= got and not (not_titles & got)
    assert all(entry.link.startswith(f"{SITE}{prefix}blog/") for entry in feed.entries)
    json_feed = json.loads((built.site / prefix / "feed_json_created.json").read_text())
    assert {item["title"] for item in json_feed["items"]} == got
    # linked from that language's pages
    page = built.page(f"{prefix}blog/")
    rss = page.css_first('head link[type="application/rss+xml"]').attributes
    assert (built.site / prefix / "feed_rss_created.xml").resolve() == (
        built.file(f"{prefix}blog/").parent / rss["href"]
    ).resolve()


def test_feed_titles_are_localized_and_dated_from_front_matter(built):
    fr = feedparser.parse((built.site / "feed_rss_created.xml").read_bytes())
    en = feedparser.parse((built.site / "en/feed_rss_created.xml").read_bytes())
    assert fr.feed.title == "Communauté Geotrek – Actualités"
    assert en.feed.title == "Geotrek community – News"
    entry = next(e for e in fr.entries if e.title == "Retour sur les rencontres")
    assert entry.published_parsed[:3] == (2019, 12, 17)


def test_sitemap_not_the_page_heads_lists_the_alternates(built):
    """Material fetches sitemap.xml next to each <link rel=alternate>: none may name a page."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring((built.site / "sitemap.xml").read_bytes())
    urls = {u.findtext("s:loc", namespaces=ns): u for u in root.findall("s:url", ns)}
    for prefix in ("", "en/", "es/"):
        assert head_hreflangs(built.page(f"{prefix}blog/{R1}/")) == {}
        assert built.alternates(f"{prefix}blog/{R1}/") == built.alternates(f"blog/{R1}/")
    assert (built.site / "robots.txt").read_text() == f"User-agent: *\nDisallow:\n\nSitemap: {SITE}sitemap.xml\n"
    jekyll = urls[f"{SITE}blog/2019/03/01/jekyll-era/"]
    assert jekyll.findall("x:link", ns) == []
    assert f"{SITE}en/blog/2020/05/01/english-only/" in urls
    assert not any("brouillon" in url for url in urls)
