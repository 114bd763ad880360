"""In Chromium, a hostile title is text: no dialog, no element, also in search results."""

from __future__ import annotations


import pytest

from tests.conftest import serve_directory
from tests.hostile_site import EVENT, POST, TITLE, hostile_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    site = hostile_site(tmp_path_factory).site
    with serve_directory(site) as url:
        yield url


def test_post_page_runs_nothing_and_shows_the_title(page, hostile_url):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_url + POST)
    assert page.title().startswith(TITLE)
    assert page.locator(".md-content h1").inner_text() == TITLE
    assert page.locator(".md-content h1 b, .md-content h1 script").count() == 0
    assert page.locator('[data-portal="event-box"] .portal-event-box__name').inner_text() == EVENT
    assert dialogs == []


def test_search_results_show_the_title_as_text(page, hostile_url):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_url + "blog/")
    page.locator(".md-search__input").click()
    page.keyboard.type("plain")  # in the body of the hostile post (and of another one)
    page.locator(".md-search-result__item h1").first.wait_for()
    titles = page.locator(".md-search-result__item h1").all_inner_texts()
    assert TITLE in titles
    assert page.locator(".md-search-result__item h1 b, .md-search-result__item script").count() == 0
    assert dialogs == []
