"""axe-core in headless Chromium: no serious or critical violation on the main kinds of page."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from geotrek_portal.blog import PostReader
from geotrek_portal.config import load_site
from geotrek_portal.urls import POSTS_DIR, help_translate_path, post_path
from tests.conftest import REPO

pytestmark = pytest.mark.browser

SITE = load_site(REPO / "mkdocs.yml")
BLOCKING = {"serious", "critical"}


def a_post(lang: str) -> str:
    """The newest post with a picture in `lang` (pictures and teasers are the riskiest content)."""
    catalog = PostReader(SITE.languages).read(SITE.docs_dir / POSTS_DIR, SITE.docs_dir)
    posts = catalog.posts(lang, drafts=False)
    post = next((p for p in posts if p.image), posts[0])
    return post_path(SITE.languages, lang, post.published, catalog.group_of(post).slug,
                     SITE.post_url_format, SITE.post_url_date_format)


PAGES = [
    pytest.param(lang.code, kind, id=f"{lang.code}-{kind}")
    for lang in SITE.languages.all
    for kind in ("home", "blog", "post", "help translate")
]
# Event pages (issue 4) are added here once the events feature is on main.


def url_of(lang: str, kind: str) -> str:
    prefix = SITE.languages[lang].prefix
    if kind == "help translate":
        return help_translate_path(SITE.languages, lang)
    return {"home": prefix, "blog": prefix + "blog/", "post": a_post(lang)}[kind]


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("lang, kind", PAGES)
def test_no_serious_or_critical_violation(page, site_server, axe, lang, kind):
    page.goto(site_server.url + url_of(lang, kind))
    page.wait_for_load_state("load")
    results = axe.run(page)
    violations = results.response["violations"]
    summary = sorted(f"{v['impact']}: {v['id']} ({len(v['nodes'])})" for v in violations)
    print(f"\n{lang}-{kind} {url_of(lang, kind)}: {summary or 'no violation'}")
    blocking = [
        f"{v['id']} [{v['impact']}] {v['help']}: " + "; ".join(n["target"][0] for n in v["nodes"][:5])
        for v in violations
        if v["impact"] in BLOCKING
    ]
    assert blocking == []
