"""An outdated translation, its notice and the switcher of an untranslated post, as a reader
meets them in Chromium: no failed request, no console error, no serious accessibility issue,
and the notice's link leads to the original."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import make_project, run_mkdocs_build, serve_directory

pytestmark = pytest.mark.browser

P = "docs/blog/posts/"
SEED = "2019-12-17-retour-rencontres-geotrek-2019"
PAGES = {
    "en": "en/blog/2019/12/17/retour-rencontres-geotrek-2019/",
    "es": "es/blog/2019/12/17/retour-rencontres-geotrek-2019/",
}


@pytest.fixture(scope="module")
def outdated_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("outdated")
    project = make_project(root, keep_posts=True)
    seed = project / P / f"{SEED}.md"
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("Les troisièmes Rencontres Geotrek", "Les 3es Rencontres Geotrek", 1), encoding="utf-8")
    result = run_mkdocs_build(project, root / "site")
    assert result.returncode == 0, result.output
    with serve_directory(result.site) as url:
        yield url


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_the_notice_is_clean_accessible_and_leads_to_the_original(browser, outdated_site, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    problems = []
    tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith(outdated_site) else route.abort())
    tab.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    tab.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
    tab.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    try:
        tab.goto(outdated_site + PAGES[lang], wait_until="load")
        notice = tab.locator('[data-portal="translation-notice"]')
        assert notice.is_visible()
        violations = Axe().run(tab).response["violations"]
        assert [f"{v['id']} [{v['impact']}]" for v in violations if v["impact"] in ("serious", "critical")] == []
        notice.locator("a").click()
        tab.wait_for_load_state("load")
        assert tab.url == outdated_site + "blog/2019/12/17/retour-rencontres-geotrek-2019/"
        assert tab.locator("html").get_attribute("lang") == "fr"
        assert tab.locator('[data-portal="translation-notice"]').count() == 0
    finally:
        context.close()
    assert problems == []
