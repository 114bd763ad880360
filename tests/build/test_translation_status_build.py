"""What readers and translators see of the translations' status, in the built site:
the notice on an outdated translation (in each language), the language switcher of a
post missing in some languages, the Help translate pages; and the whole path, from an
edited original to `make translations DONE=...` and a page without the notice."""

from __future__ import annotations

import os
import re
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from geotrek_portal.blog import PostReader
from geotrek_portal.config import load_site
from geotrek_portal.posts import parse_post
from geotrek_portal.translations import Status, catalog_status, content_hash, help_items
from geotrek_portal.urls import POSTS_DIR
from tests.conftest import REPO, make_project, post_text, run_mkdocs_build, shared_build, strict_build
from tests.make import make

pytestmark = pytest.mark.build

P = "docs/blog/posts/"
REPO_URL = "https://github.com/GeotrekCE/geotrek-community-portal"
CHANGED = 1717070400  # 2024-05-30 12:00 UTC: the originals' file date (no git in a test copy)

FR_BODY = "Le texte de l'original.\n\nUn second paragraphe."
EN_BODY = "The workshop's text.\n\nA second paragraph."
POSTS = {
    # a French original, its English translation outdated, its Spanish one outdated too
    "2024-04-20-rencontres-2024.md": post_text("Rencontres 2024", "2024-04-20", "fr", "r1", FR_BODY),
    "2024-04-20-rencontres-2024-en.md": post_text(
        "Meeting 2024", "2024-04-20", "en", "r1", "English text.", translation_of='"000000000000"'
    ),
    "2024-04-20-rencontres-2024-es.md": post_text(
        "Encuentro 2024", "2024-04-20", "es", "r1", "Texto en español.", translation_of='"000000000000"'
    ),
    # an English original with an outdated French translation
    "2024-05-02-workshop-en.md": post_text("Workshop", "2024-05-02", "en", "r2", EN_BODY),
    "2024-05-02-workshop.md": post_text(
        "Atelier", "2024-05-02", "fr", "r2", "Texte en français.", translation_of='"000000000000"'
    ),
    # a French original with an up to date English translation
    "2024-05-10-bilan.md": post_text("Bilan", "2024-05-10", "fr", "r3", FR_BODY),
    "2024-05-10-bilan-en.md": post_text(
        "Review", "2024-05-10", "en", "r3", "Review text.", translation_of=f'"{content_hash("Bilan", FR_BODY)}"'
    ),
    # in French only
    "2024-06-01-seul.md": post_text("Seul en français", "2024-06-01", "fr", "r4"),
}


def build_translations_site(root):
    project = make_project(root, POSTS)
    for name in ("2024-04-20-rencontres-2024.md", "2024-05-02-workshop-en.md"):
        os.utime(project / P / name, (CHANGED, CHANGED))
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "site_url: https://geotrek.fr/\n", f"site_url: https://geotrek.fr/\nrepo_url: {REPO_URL}\nedit_uri: edit/main/docs/\n"
        ),
        encoding="utf-8",
    )
    return strict_build(project, root)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Built once per test session, shared by the xdist workers (read-only)."""
    return shared_build(tmp_path_factory, "translation-status", build_translations_site)


def notice(result, path: str):
    return result.page(path).css_first('[data-portal="translation-notice"]')


@pytest.mark.parametrize(
    "path, text, original",
    [
        (
            "en/blog/2024/04/20/rencontres-2024/",
            "This translation may be out of date: the original, in French, was updated on May 30, 2024. Read the original",
            "/blog/2024/04/20/rencontres-2024/",
        ),
        (
            "es/blog/2024/04/20/rencontres-2024/",
            "Puede que esta traducción no esté al día: el original, en francés, se modificó el 30 de mayo de 2024. "
            "Leer el original",
            "/blog/2024/04/20/rencontres-2024/",
        ),
        (
            "blog/2024/05/02/workshop/",
            "Cette traduction n'est peut-être plus à jour : l'original, en anglais, a été modifié le 30 mai 2024. "
            "Lire l'original",
            "/en/blog/2024/05/02/workshop/",
        ),
    ],
    ids=["en", "es", "fr"],
)
def test_an_outdated_translation_says_so_above_its_text_in_its_language(built, path, text, original):
    box = notice(built, path)
    assert box is not None
    assert " ".join(box.text().split()) == text
    link = box.css_first("a")
    assert urlsplit(urljoin("https://geotrek.fr/" + path, link.attributes["href"])).path == original
    assert (built.site / original.strip("/") / "index.html").is_file()
    # above the text
    html = built.file(path).read_text(encoding="utf-8")
    assert html.index('data-portal="translation-notice"') < html.index("<p>", html.index("</div>", html.index('data-portal="translation-notice"')))


@pytest.mark.parametrize(
    "path",
    ["blog/2024/04/20/rencontres-2024/", "en/blog/2024/05/10/bilan/", "blog/2024/05/10/bilan/", "en/blog/2024/05/02/workshop/"],
)
def test_originals_and_up_to_date_translations_have_no_notice(built, path):
    assert built.page(path).css_first("article") is not None
    assert notice(built, path) is None


def test_the_switcher_of_a_post_missing_in_a_language_says_so_and_leads_to_its_news(built):
    page = built.page("blog/2024/06/01/seul/")
    entries = {a.attributes["lang"]: a for a in page.css(".md-select__link")}
    assert " ".join(entries["en"].text().split()) == "English post not translated: the news"
    assert " ".join(entries["es"].text().split()) == "Español artículo no traducido: las noticias"
    assert entries["en"].attributes["href"].endswith("/en/blog/")
    assert " ".join(entries["fr"].text().split()) == "Français"
    # a post translated everywhere: no mark
    both = built.page("en/blog/2024/04/20/rencontres-2024/")
    assert both.css(".portal-untranslated") == []
    # partly translated: only the missing language is marked
    partly = built.page("blog/2024/05/10/bilan/")
    assert [a.attributes["lang"] for a in partly.css(".md-select__link") if a.css_first(".portal-untranslated")] == ["es"]


def test_the_help_pages_list_what_to_update_and_translate_newest_first(built):
    english = built.page("en/traduire/")
    assert english.css_first("h1").text() == "Help translate"
    outdated = english.css('[data-portal="translate-outdated"] > li')
    missing = english.css('[data-portal="translate-missing"] > li')
    assert [li.attributes["data-ref"] for li in outdated] == ["r1"]
    assert [li.attributes["data-ref"] for li in missing] == ["r4"]
    spanish = built.page("es/traduire/")
    assert [li.attributes["data-ref"] for li in spanish.css('[data-portal="translate-missing"] > li')] == ["r4", "r3", "r2"]
    assert " ".join(spanish.css('[data-portal="translate-missing"] > li')[0].css_first("p").text().split()) == "Seul en français"
    french = built.page("traduire/")
    assert [li.attributes["data-ref"] for li in french.css('[data-portal="translate-outdated"] > li')] == ["r2"]
    assert french.css_first('[data-portal="translate-missing-none"]').text() == (
        "Toutes les actualités existent en français. Merci à celles et ceux qui les ont traduites !"
    )
    # the titles are the originals', in their language
    title = french.css_first('[data-portal="translate-outdated"] a')
    assert (title.text(), title.attributes["lang"]) == ("Workshop", "en")
    # every language's help page names the others'
    others = {a.attributes["lang"]: a.attributes["href"] for a in english.css(".portal-translate__others a")}
    assert set(others) == {"fr", "es"}


def test_with_repo_url_one_click_opens_github_on_the_prefilled_translation(built):
    spanish = built.page("es/traduire/")
    item = spanish.css_first('[data-portal="translate-missing"] > li[data-ref="r4"]')
    link = urlsplit(item.css_first("a.portal-translate__start").attributes["href"])
    assert f"{link.scheme}://{link.netloc}{link.path}" == f"{REPO_URL}/new/main/docs/blog/posts"
    query = parse_qs(link.query)
    assert query["filename"] == ["2024-06-01-seul-es.md"]
    site = load_site(REPO / "mkdocs.yml")
    post, problems = parse_post(P + query["filename"][0], query["value"][0].encode(), site.languages)
    assert problems == []
    assert (post.lang, post.ref, post.title) == ("es", "r4", "Seul en français")
    assert post.translation_of == content_hash("Seul en français", "First paragraph of Seul en français.\n\nSecond paragraph of Seul en français.")
    assert post.body.lstrip().startswith("<!-- Traducción de docs/blog/posts/2024-06-01-seul.md (en francés)")
    outdated = spanish.css_first('[data-portal="translate-outdated"] > li[data-ref="r1"] a.portal-translate__start')
    assert outdated.attributes["href"] == f"{REPO_URL}/edit/main/{P}2024-04-20-rencontres-2024-es.md"


def test_the_blog_links_its_help_page_in_every_language(site_build):
    site = load_site(REPO / "mkdocs.yml")
    for lang in site.languages.codes:
        prefix = site.languages[lang].prefix
        links = [a.attributes["href"] for a in site_build.page(f"{prefix}blog/").css(".md-content a")]
        assert any(urljoin(f"https://geotrek.fr/{prefix}blog/", href) == f"https://geotrek.fr/{prefix}traduire/" for href in links), lang


def test_the_sites_help_pages_list_what_is_missing_in_each_language_with_the_command(site_build):
    """Without repo_url (the repository's own mkdocs.yml) each post comes with the make command."""
    site = load_site(REPO / "mkdocs.yml")
    catalog = PostReader(site.languages).read(site.docs_dir / POSTS_DIR, site.docs_dir)
    states = catalog_status(catalog)
    for lang in site.languages.codes:
        page = site_build.page(f"{site.languages[lang].prefix}traduire/")
        expected = [item.original.ref for item in help_items(states, lang) if item.status is Status.MISSING]
        shown = page.css('[data-portal="translate-missing"] > li')
        assert [li.attributes["data-ref"] for li in shown] == expected, lang
        for li, ref in zip(shown, expected):
            assert li.css_first("code").text() == f"make new-post REF={ref} LANG={lang}"
        assert page.css("a.portal-translate__start") == []


def test_edit_an_original_then_make_translations_then_done_then_build(tmp_path):
    """Done when: editing the French seed post's body makes its English and Spanish pages
    show the notice after a build; DONE= clears one."""
    project = make_project(tmp_path, keep_posts=True)
    stem = "2019-12-17-retour-rencontres-geotrek-2019"
    seed = project / P / f"{stem}.md"
    text = seed.read_text(encoding="utf-8")
    assert "\nLes troisièmes Rencontres Geotrek ont eu lieu" in text
    seed.write_text(text.replace("\nLes troisièmes Rencontres Geotrek", "\nLes 3es Rencontres Geotrek", 1), encoding="utf-8")

    table = make(project, "translations")
    assert table.returncode == 0, table.stdout + table.stderr
    row = next(line for line in table.stdout.splitlines() if line.startswith("2019-12-17"))
    assert re.search(r"original\s+outdated\s+outdated$", row), row
    assert f"{P}{stem}-en.md (en): its original {P}{stem}.md changed on " in table.stdout
    assert "-Les troisièmes Rencontres Geotrek" not in table.stdout  # no git history in the copy: no diff
    failing = make(project, "translations", "FAIL_ON=outdated")
    assert failing.returncode != 0 and "FAIL_ON=outdated: 2 outdated." in failing.stdout

    done = make(project, "translations", f"DONE={P}{stem}-en.md")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == f"{P}{stem}-en.md (en) is marked up to date with {P}{stem}.md (fr).\n"
    spanish_only = make(project, "translations", "LANG=es").stdout
    assert re.search(r"^es: .*\b1 outdated\b", spanish_only, re.M) and "en: " not in spanish_only
    row = next(line for line in make(project, "translations").stdout.splitlines() if line.startswith("2019-12-17"))
    assert re.search(r"original\s+up to date\s+outdated$", row), row

    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert notice(result, "en/blog/2019/12/17/retour-rencontres-geotrek-2019/") is None
    assert notice(result, "es/blog/2019/12/17/retour-rencontres-geotrek-2019/") is not None
    assert notice(result, "blog/2019/12/17/retour-rencontres-geotrek-2019/") is None
    help_es = result.page("es/traduire/")
    assert [li.attributes["data-ref"] for li in help_es.css('[data-portal="translate-outdated"] > li')] == ["post-20191217"]


def test_notices_switcher_marks_and_help_pages_speak_the_pages_language(built):
    from tests.build.test_no_foreign_strings import foreign_strings

    paths = [
        "en/blog/2024/04/20/rencontres-2024/", "es/blog/2024/04/20/rencontres-2024/", "blog/2024/05/02/workshop/",
        "blog/2024/06/01/seul/", "traduire/", "en/traduire/", "es/traduire/",
    ]
    problems = [f"{path}: {problem}" for path in paths for problem in foreign_strings(built.page(path))]
    assert problems == []
