"""A synthetic Jekyll site imported into the portal, then built strictly: what readers and old links get."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from geotrek_portal.config import load_languages
from geotrek_portal.jekyll_import import run_import
from geotrek_portal.redirects import parse_redirect_map
from tests.conftest import REPO, make_project, shared_build, strict_build
from tests.feed_validation import validate_rss
from tests.jekyll_site import EXPECTED as SOURCE_EXPECTED
from tests.jekyll_site import HOTLINKED, HOTLINKED_EXPECTED, PAGES, PictureServer, expected_page_url, make_jekyll_site, picture_server

pytestmark = pytest.mark.build
SITE = "https://geotrek.fr/"
LANGUAGES = load_languages(REPO / "mkdocs.yml")
EXPECTED = {**SOURCE_EXPECTED, HOTLINKED: HOTLINKED_EXPECTED}  # the fixture site, with its hotlinked post


def import_and_build(root):
    project = make_project(root)
    for prefix, title in (("", "Contact"), ("en/", "Contact"), ("es/", "Contacto")):  # a page the portal has
        page = project / "docs" / prefix / "contact.md"
        if not page.exists():
            page.write_text(f"# {title}\n", encoding="utf-8")
    with picture_server() as server:  # a park's site, hotlinked by a post: FETCH=1 keeps its pictures
        outcome = run_import(make_jekyll_site(root, picture_site=server.url), project, fetch=True, timeout=5)
    result = strict_build(project, root)
    redirects, problems = parse_redirect_map((project / "data/redirects.yml").read_text(encoding="utf-8"), LANGUAGES)
    assert problems == []
    return result, outcome, redirects, project


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """(build, import outcome, redirect map, project), once per test session."""
    return shared_build(tmp_path_factory, "jekyll-import", import_and_build)


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def url_of(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def target_file(site: Path, url_path: str) -> Path | None:
    """The file a site path is served from, or None."""
    path = site / unquote(url_path).lstrip("/")
    if url_path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


def redirect_target(site: Path, old: str) -> str:
    """Where the redirect page at `old` sends readers, as a site path."""
    page = LexborHTMLParser((site / old).read_text(encoding="utf-8"))
    refresh = page.css_first('meta[http-equiv="refresh"]').attributes["content"]
    url = refresh.split("url=", 1)[1]
    absolute = urljoin(SITE + old, url)
    assert absolute.startswith(SITE), absolute
    return "/" + absolute[len(SITE) :]


def test_every_post_is_at_its_new_address_in_its_language(imported):
    result, *_ = imported
    for source, expected in EXPECTED.items():
        if expected.url is None:
            continue
        page = result.page(expected.url)
        assert page.css_first("html").attributes["lang"] == expected.lang, source
        assert page.css_first("article h1, .md-content h1").text(strip=True) == expected.title, source


def test_drafts_are_not_published(imported):
    result, outcome, *_ = imported
    for post in outcome.plan.posts:
        if post.draft:
            assert post.title not in (result.site / "feed_rss_created.xml").read_text(encoding="utf-8")
            assert not list(result.site.rglob(f"*{post.name[11:-3]}*")), post.name


def test_translation_groups_are_linked_both_ways(imported):
    result, outcome, *_ = imported
    prefix = {"fr": "", "en": "en/", "es": "es/"}
    for group in outcome.plan.groups:
        published = [p for p in group.posts if not p.draft]
        urls = {p.lang: next(e.url for e in EXPECTED.values() if e.name == p.name) for p in published}
        for post in published:
            page = result.page(urls[post.lang])
            others = {code: url for code, url in urls.items() if code != post.lang}
            links = {a.attributes["hreflang"]: a.attributes["href"] for a in page.css(".portal-translations a")}
            assert {code: urljoin(SITE + urls[post.lang], href) for code, href in links.items()} == {
                code: SITE + url for code, url in others.items()
            }, post.source
            hreflang = result.alternates(urls[post.lang])
            expected = {code: SITE + url for code, url in urls.items()} if others else {}
            assert {k: v for k, v in hreflang.items() if k != "x-default"} == expected, post.source
        assert all(urls[code].startswith(prefix[code] + "blog/") for code in urls)


def test_every_old_address_redirects_to_the_right_page(imported):
    result, _, redirects, project = imported
    site = result.site
    for source, expected in EXPECTED.items():
        if expected.old:
            assert redirect_target(site, expected.old) == "/" + expected.url, source
    for old in PAGES:
        if old != "index.html":  # the old home is the new one: no redirect
            assert redirect_target(site, old) == "/" + expected_page_url(project / "docs", old), old
    # the old feed address stays a feed (feed readers do not follow redirect pages)
    assert validate_rss((site / "feed.xml").read_bytes()) == []
    assert (site / "feed_rss_created.xml").is_file()
    # each redirect is written once, where the old address was, by its language's build
    written = {
        p.relative_to(site).as_posix()
        for p in list(site.rglob("*.html")) + [site / "feed.xml"]
        if "Redirecting..." in p.read_text(encoding="utf-8")
    }
    assert written == {old for entries in redirects.values() for old in entries}


def test_no_liquid_is_left_in_any_page(imported):
    result, *_ = imported
    for path in html_files(result.site):
        text = path.read_text(encoding="utf-8")
        assert "{{" not in text and "{%" not in text, path


def test_no_internal_link_or_picture_is_broken(imported):
    result, *_ = imported
    site = result.site
    checked = 0
    for path in html_files(site):
        page = LexborHTMLParser(path.read_text(encoding="utf-8"))
        base = SITE.rstrip("/") + url_of(site, path)
        for node, attr in [(n, "href") for n in page.css("a[href]")] + [(n, "src") for n in page.css("img[src], iframe[src]")]:
            ref = node.attributes[attr] or ""
            absolute = urljoin(base, ref)
            if not absolute.startswith(SITE) or re.match(r"(mailto|tel|javascript):", ref):
                continue
            url_path = "/" + urlsplit(absolute).path[len(urlsplit(SITE).path) :]
            assert target_file(site, url_path) is not None, f"{url_of(site, path)}: {attr}={ref} is broken"
            checked += 1
    assert checked > 100


def test_pictures_are_served(imported):
    result, *_ = imported
    page = result.page(EXPECTED["_posts/2019-10-07-Rencontres-utilisateurs-fr-.markdown"].url)
    sources = [img.attributes["src"] for img in page.css("article img, .md-content img")]
    assert any(s.endswith("assets/img/rencontres-2019.jpg") for s in sources)
    video = result.page(EXPECTED["_posts/2021-02-15-Video-Geotrek-mobile.md"].url)
    assert video.css_first('iframe[src="https://www.youtube.com/embed/dQw4w9WgXcQ"]') is not None
    assert "Une image perdue" in video.css_first(".md-content").text()


PROGRAMME = "_posts/2021-09-13-geotrek-rencontres-2021-programme.md"
SUMMARY = "_posts/2021-11-04-geotrek-rencontres-2021-synthese.md"
SUMMARY_EN = "_posts/2021-11-04-geotrek-rencontres-2021-synthese-en.md"


def content(result, source: str):
    return result.page(EXPECTED[source].url).css_first("article, .md-content")


def test_lists_read_as_on_the_old_site(imported):
    """A list right after a paragraph, nested by three spaces, and a #hashtag: as kramdown rendered them."""
    result, *_ = imported
    page = content(result, PROGRAMME)
    intro = next(p for p in page.css("p") if p.text(strip=True) == "Avec plus de :")
    top = intro.next
    while top is not None and top.tag == "-text":
        top = top.next
    assert top.tag == "ul"
    items = [li.text(deep=False, strip=True) for li in top.css("li")]
    assert items == ["150 structures utilisatrices", "3 logiciels libres", "Geotrek-admin, imbriqué de trois espaces"]
    assert top.css_first("li ul li").text(strip=True) == "Geotrek-admin, imbriqué de trois espaces"
    assert "#Geotrek2021 sur les réseaux." in page.text() and page.css_first("h1#geotrek2021") is None


def links_in(result, source: str) -> dict[str, str]:
    return {a.text(strip=True): a.attributes["href"] for a in content(result, source).css("a[href]") if a.text(strip=True)}


def test_links_to_old_addresses_go_to_the_new_pages_directly(imported):
    result, *_ = imported
    programme = "/" + EXPECTED[PROGRAMME].url
    fr = {text: urlsplit(urljoin(SITE + EXPECTED[SUMMARY].url, href)) for text, href in links_in(result, SUMMARY).items()}
    assert (fr["le programme"].path, fr["le programme"].fragment) == (programme, "programme")  # the anchor exists there
    assert (fr["Geotrek-mobile"].path, fr["Geotrek-mobile"].fragment) == ("/produit/", "")  # no #mobile there: dropped
    assert fr["les ressources"].path == "/ressources/" and fr["l'accueil"].path == "/"
    en = {text: urlsplit(urljoin(SITE + EXPECTED[SUMMARY_EN].url, href)) for text, href in links_in(result, SUMMARY_EN).items()}
    assert (en["the programme"].path, en["the programme"].fragment) == (programme, "programme")  # no English version
    assert en["the product page"].path == "/en/produit/" and en["home"].path == "/en/"


def test_no_link_in_a_post_goes_through_a_redirect(imported):
    result, outcome, *_ = imported
    site = result.site
    checked = 0
    for post in outcome.plan.posts:
        expected = next((e for e in EXPECTED.values() if e.name == post.name), None)
        if post.draft or expected is None:
            continue
        base = SITE + expected.url
        for a in content(result, post.source).css("a[href]"):
            parts = urlsplit(urljoin(base, a.attributes["href"]))
            if not (parts.scheme + "://" + parts.netloc + "/") == SITE:
                continue
            target = target_file(site, parts.path)
            assert target is not None, (post.source, a.attributes["href"])
            text = target.read_text(encoding="utf-8", errors="replace")
            assert "Redirecting..." not in text, f"{post.source}: {a.attributes['href']} goes through a redirect"
            if parts.fragment:
                assert LexborHTMLParser(text).css_first(f'[id="{parts.fragment}"]') is not None, a.attributes["href"]
            checked += 1
    assert checked >= 10


def test_the_teaser_and_the_hotlinked_pictures_are_served_by_the_site(imported):
    result, outcome, *_ = imported
    site = result.site
    teasers = {
        urlsplit(urljoin(SITE.rstrip("/") + url_of(site, path), img.attributes["src"])).path
        for path in (site / "blog").rglob("index.html")
        for img in LexborHTMLParser(path.read_text(encoding="utf-8")).css("img.md-post__teaser")
    }
    assert "/assets/img/rencontres-2019.jpg" in teasers  # the teaser of the old site's post, in the news lists
    assert "/" + outcome.plan.fetched_pictures[next(u for u in outcome.plan.fetched_pictures if u.endswith("teaser.png"))] in teasers
    for path in teasers:
        assert target_file(site, path) is not None, path
    page = result.page(HOTLINKED_EXPECTED.url)
    sources = [img.attributes["src"] for img in page.css(".md-content img")]
    kept = outcome.plan.fetched_pictures
    assert len(kept) == 3
    for url, dest in kept.items():
        served = [s for s in sources if urljoin(SITE + "blog/2017/04/10/destination-normandie-maine/", s) == SITE + dest]
        if not url.endswith("teaser.png"):
            assert served, dest
        assert (site / dest).read_bytes() == PictureServer.ROUTES[urlsplit(url).path][2]
    # the two that could not be fetched are still shown from their site, and reported
    assert sum(s.startswith("http://127.0.0.1:") for s in sources) == 2
    assert {n.kind for n in outcome.problems} >= {"picture-unfetched"}
