"""On a phone, a post shows its date and reading time under its title; on a wide screen, once."""

from __future__ import annotations

import pytest

from geotrek_portal.blog import PostReader
from geotrek_portal.config import load_site
from geotrek_portal.urls import POSTS_DIR, post_path
from tests.conftest import REPO

pytestmark = pytest.mark.browser

SITE = load_site(REPO / "mkdocs.yml")
CATALOG = PostReader(SITE.languages).read(SITE.docs_dir / POSTS_DIR, SITE.docs_dir)


def newest_post(lang: str):
    post = CATALOG.posts(lang, drafts=False)[0]
    url = post_path(SITE.languages, lang, post.published, CATALOG.group_of(post).slug,
                    SITE.post_url_format, SITE.post_url_date_format)
    return post, url


def visible_date_and_readtime(tab) -> list[str]:
    """Texts of the visible <time> of the post and of its reading time, in the first screen."""
    found = []
    for node in tab.locator(".md-main time, .md-main .md-meta__item, .md-main .md-nav__link").all():
        box = node.bounding_box()
        if node.is_visible() and box and box["y"] < tab.viewport_size["height"]:
            found.append(" ".join(node.inner_text().split()))
    return found


@pytest.mark.parametrize("lang", [lang.code for lang in SITE.languages.all])
def test_phone_shows_post_date_and_reading_time(browser, site_server, lang):
    post, url = newest_post(lang)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        tab = context.new_page()
        tab.goto(site_server.url + url)
        date = tab.locator('[data-portal="post-meta"] time')
        assert date.is_visible() and date.get_attribute("datetime").startswith(post.published.date().isoformat())
        texts = visible_date_and_readtime(tab)
        assert date.inner_text().strip() in texts
        assert any("min" in text for text in texts), texts
    finally:
        context.close()


def test_wide_screen_shows_them_once_in_the_sidebar(page, site_server):
    post, url = newest_post(SITE.languages.default.code)
    page.goto(site_server.url + url)
    assert not page.locator('[data-portal="post-meta"]').is_visible()
    assert page.locator(".md-sidebar--post time").first.is_visible()
