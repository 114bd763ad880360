"""The Jekyll import, without building: file names, front matter, groups, pictures, report, re-runs."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import REPO, make_project, post_text
from tests.jekyll_site import EXPECTED, PAGES, POSTS, make_jekyll_site
from geotrek_portal import frontmatter
from geotrek_portal.config import load_languages
from geotrek_portal.jekyll import SourceError, plan_import, read_source
from geotrek_portal.import_notes import KINDS, Note
from geotrek_portal.jekyll_body import Post, Site, Target, rewrite_body
from geotrek_portal.jekyll_import import main, run_import
from geotrek_portal.redirects import (
    dump_redirect_map,
    merge_redirect_maps,
    old_post_path,
    parse_redirect_map,
    permalink_path,
    plugin_redirect_maps,
)

LANGUAGES = load_languages(REPO / "mkdocs.yml")


def tree_digest(*roots: Path) -> dict[str, str]:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for root in roots
        if root.exists()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def imported(tmp_path):
    source = make_jekyll_site(tmp_path)
    project = make_project(tmp_path)
    outcome = run_import(source, project)
    return source, project, outcome


def meta_of(project: Path, name: str) -> dict:
    text = (project / "docs/blog/posts" / name).read_text(encoding="utf-8")
    return frontmatter.parse(text).meta


def body_of(project: Path, name: str) -> str:
    return frontmatter.parse((project / "docs/blog/posts" / name).read_text(encoding="utf-8")).body


# ---------------------------------------------------------------- configuration
def test_languages_come_from_mkdocs_yml_despite_its_python_tags():
    assert LANGUAGES.codes == ("fr", "en", "es")
    assert LANGUAGES.default.code == "fr"


# ---------------------------------------------------------------- old addresses
@pytest.mark.parametrize(
    "name, day, old",
    [
        ("2019-10-07-Rencontres-utilisateurs-fr-.markdown", date(2019, 10, 7), "2019/10/07/Rencontres-utilisateurs-fr.html"),
        ("2018-06-01-sortie geotrek_rando.md", date(2018, 6, 4), "2018/06/04/sortie-geotrek-rando.html"),
        ("2020-01-02-Été à Écrins!.md", date(2020, 1, 2), "2020/01/02/t-crins.html"),
    ],
)
def test_old_post_address_uses_the_front_matter_date_and_keeps_case(name, day, old):
    assert old_post_path(name, day) == old


def test_permalinks_become_file_paths():
    assert permalink_path("/about/") == "about/index.html"
    assert permalink_path("/news.html") == "news.html"
    assert permalink_path("/news") == "news.html"


def test_redirect_map_round_trip_and_problems():
    redirects = {"en": {"b.html": "en/index.md"}, "fr": {"a.html": "index.md"}}
    parsed, problems = parse_redirect_map(dump_redirect_map(redirects, LANGUAGES), LANGUAGES)
    assert parsed == redirects and problems == []
    _, problems = parse_redirect_map("it: {a.html: x.md}\nfr: {a.html: index.md, '/b/': x.md}\nen: {a.html: y.md}\n", LANGUAGES)
    messages = [str(p) for p in problems]
    assert any("unknown language 'it'" in m for m in messages)
    assert any("is not a file path" in m for m in messages)
    assert any("already redirected in 'fr'" in m for m in messages)
    _, problems = parse_redirect_map("fr: [\n", LANGUAGES)
    assert "YAML does not parse" in str(problems[0])


def test_merge_keeps_entries_changed_by_hand_unless_forced():
    existing = {"fr": {"a.html": "contact.md", "hand.html": "index.md"}}
    new = {"fr": {"a.html": "index.md", "b.html": "blog/index.md"}}
    merged, conflicts = merge_redirect_maps(existing, new, force=False)
    assert merged == {"fr": {"a.html": "contact.md", "hand.html": "index.md", "b.html": "blog/index.md"}}
    assert [(c.old, c.kept, c.proposed) for c in conflicts] == [("a.html", "fr: contact.md", "fr: index.md")]
    merged, conflicts = merge_redirect_maps(existing, new, force=True)
    assert merged["fr"]["a.html"] == "index.md" and conflicts == []


def test_files_are_redirected_by_absolute_url_pages_by_source():
    assert plugin_redirect_maps({"plaquette.pdf": "assets/plaquette.pdf", "a.html": "blog/index.md"}, "https://geotrek.fr/") == {
        "plaquette.pdf": "https://geotrek.fr/assets/plaquette.pdf",
        "a.html": "blog/index.md",
    }


# ---------------------------------------------------------------- posts
def test_every_post_is_imported_under_its_new_name(imported):
    _, project, outcome = imported
    names = sorted(p.name for p in (project / "docs/blog/posts").iterdir())
    assert len(names) == len(POSTS)
    for source, expected in EXPECTED.items():
        meta = meta_of(project, expected.name)
        assert meta["lang"] == expected.lang, source
        assert meta["title"] == expected.title, source
        assert "layout" not in meta, source
    assert all(p.status == "new" for p in outcome.plan.posts)


def test_front_matter_is_normalized(imported):
    _, project, _ = imported
    text = (project / "docs/blog/posts/2019-10-07-rencontres-utilisateurs.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Rencontres des utilisateurs 2019\ndate: 2019-10-07\nlang: fr\nref: post-20191007\n")
    assert "title :" not in text
    rando = (project / "docs/blog/posts/2018-06-04-sortie-geotrek-rando.md").read_text(encoding="utf-8")
    assert "\ndate: 2018-06-04\n" in rando  # the front matter's date, not the file name's
    spanish = meta_of(project, "2019-10-07-rencontres-utilisateurs-es.md")
    assert spanish["title"] == "Encuentro de usuarios 2019"  # U+200E and spaces trimmed
    assert meta_of(project, "2017-11-20-rencontres-geotrek.md")["lang"] == "fr"  # had no lang


def test_bodies_are_kept_except_jekyll_isms(imported):
    _, project, _ = imported
    body = body_of(project, "2019-10-07-rencontres-utilisateurs.md")
    assert "<!-- more -->" in body and "<!--more-->" not in body
    assert "![Le groupe des participants](../../assets/img/rencontres-2019.jpg)" in body
    assert "[ressources](/ressources/)" in body and "[écrivez-nous](/contact/)" in body  # no redirect on the way
    assert "Les rencontres des utilisateurs de Geotrek se sont tenues à Nîmes." in body
    workshop = body_of(project, "2020-05-11-atelier-technique.md")
    assert "```yaml\nsynchro: true\n```" in workshop
    news = body_of(project, "2020-03-02-nouvelle-version.md")
    assert "[les rencontres 2019](2019-10-07-rencontres-utilisateurs.md)" in news  # {% post_url %}
    video = body_of(project, "2021-02-15-video-geotrek-mobile.md")
    assert 'src="https://www.youtube.com/embed/dQw4w9WgXcQ"' in video
    assert '<img src="/assets/img/mobile.png" alt="Capture de Geotrek-mobile">' in video
    assert "Vidéo de Geotrek-mobile." in video  # {{ page.title }}
    for name in (e.name for e in EXPECTED.values()):
        text = (project / "docs/blog/posts" / name).read_text(encoding="utf-8")
        assert "{{" not in text and "{%" not in text, name


def test_drafts_and_unpublished_posts_come_in_as_drafts(imported):
    _, project, outcome = imported
    assert meta_of(project, "2022-01-10-draft-en.md")["draft"] is True
    assert meta_of(project, "2016-05-01-brouillon-oublie.md")["draft"] is True
    undated = next(p for p in outcome.plan.posts if p.source == "_drafts/projet-de-billet.md")
    assert undated.draft and undated.name.endswith("-projet-de-billet.md") and undated.old_path is None


def test_translation_groups(imported):
    _, project, outcome = imported
    refs = {e.name: meta_of(project, e.name)["ref"] for e in EXPECTED.values()}
    assert refs["2019-10-07-rencontres-utilisateurs.md"] == refs["2019-10-07-rencontres-utilisateurs-en.md"]
    assert refs["2019-10-07-rencontres-utilisateurs.md"] == refs["2019-10-07-rencontres-utilisateurs-es.md"]
    # one ref for two different French posts: split by file name, each group its own ref
    news, workshop = refs["2020-03-02-nouvelle-version.md"], refs["2020-05-11-atelier-technique.md"]
    assert news != workshop and "post-2020" not in refs.values()
    assert refs["2020-03-02-nouvelle-version-en.md"] == news
    assert refs["2020-05-11-atelier-technique-en.md"] == refs["2020-05-11-atelier-technique-es.md"] == workshop
    # the same slug in two years: two posts
    assert refs["2017-11-20-rencontres-geotrek.md"] != refs["2018-11-19-rencontres-geotrek.md"]
    groups = {g.ref: g for g in outcome.plan.groups}
    assert groups[news].source_ref == "post-2020" and groups[news].how == "paired by file name"


def test_translations_with_different_names_published_the_same_day_are_paired(tmp_path):
    source = tmp_path / "jekyll"
    for name, lang in (("2020-01-02-bilan.md", "fr"), ("2020-01-02-review-en.md", "en"), ("2020-01-09-autre.md", "fr")):
        path = source / "_posts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: {name}\ndate: {name[:10]}\nlang: {lang}\nref: same\n---\n\nText.\n", encoding="utf-8")
    plan = plan_import(read_source(source), LANGUAGES)
    by_source = {p.source: p for p in plan.posts}
    assert by_source["_posts/2020-01-02-bilan.md"].ref == by_source["_posts/2020-01-02-review-en.md"].ref
    assert by_source["_posts/2020-01-02-review-en.md"].name == "2020-01-02-bilan-en.md"
    assert by_source["_posts/2020-01-09-autre.md"].ref != by_source["_posts/2020-01-02-bilan.md"].ref


# ---------------------------------------------------------------- pictures
def test_pictures_are_copied_and_relinked(imported):
    source, project, outcome = imported
    for dest, origin in {
        "assets/img/rencontres-2019.jpg": "assets/img/rencontres-2019.jpg",
        "assets/img/atelier.jpg": "assets/img/atelier.jpg",  # linked relatively: never worked
        "assets/img/img/ancienne-photo.jpg": "img/ancienne-photo.jpg",  # found by its name
        "assets/docs/guide.pdf": "assets/docs/guide.pdf",
    }.items():
        assert (project / "docs" / dest).read_bytes() == (source / origin).read_bytes()
    assert meta_of(project, "2019-10-07-rencontres-utilisateurs.md")["image"] == "assets/img/rencontres-2019.jpg"
    assert "![Photo](../../assets/img/img/ancienne-photo.jpg)" in body_of(project, "2017-11-20-rencontres-geotrek.md")
    assert not (project / "docs/assets/img/unused-logo.png").exists()


def test_missing_pictures_become_text_and_are_reported(imported):
    _, project, outcome = imported
    assert "\nCarte du réseau\n" in body_of(project, "2018-11-19-rencontres-geotrek.md")
    video = body_of(project, "2021-02-15-video-geotrek-mobile.md")
    assert "absente.jpg" not in video and "<p>Une image perdue</p>" in video
    missing = [n for n in outcome.plan.problems if n.kind == "missing-picture"]
    assert {n.path for n in missing} == {"_posts/2018-11-19-rencontres-geotrek.md", "_posts/2021-02-15-Video-Geotrek-mobile.md"}
    assert "carte-introuvable.png" in outcome.report and "absente.jpg" in outcome.report


# ---------------------------------------------------------------- redirects
def test_redirect_map_has_every_old_address(imported):
    _, project, _ = imported
    redirects, problems = parse_redirect_map((project / "data/redirects.yml").read_text(encoding="utf-8"), LANGUAGES)
    assert problems == []
    flat = {old: (lang, target) for lang, entries in redirects.items() for old, target in entries.items()}
    for expected in EXPECTED.values():
        if expected.old:
            assert flat[expected.old] == (expected.lang, f"blog/posts/{expected.name}")
    assert not any(old.startswith("2016/") for old in flat)  # published: false had no address
    for old in PAGES:
        if old != "index.html":
            assert old in flat, old
    assert "feed.xml" not in flat  # the build writes an RSS feed there: feed readers do not follow redirect pages
    assert "index.html" not in flat  # the old home is the new home


# ---------------------------------------------------------------- report
def test_report_has_its_sections_and_every_legacy_case(imported):
    _, project, outcome = imported
    report = (project / "import-report.md").read_text(encoding="utf-8")
    assert report == outcome.report
    headings = [line for line in report.splitlines() if line.startswith("## ")]
    assert [h.split(" (")[0] for h in headings] == [
        "## 1. Needs a human", "## 2. Old addresses and where they go now", "## 3. What was imported", "## 4. Corrections", "## 5. Worth a look"
    ]  # fmt: skip
    for heading in ("### Posts per language", "### Translation groups", "### Pictures and files"):
        assert heading in report
    for what in (
        "Shared `ref` split",
        "Front matter date differs from the file name",
        "upper case, trailing dash",
        "Space before a colon removed",
        "Title trimmed",
        "`layout` removed",
        "Written in raw HTML",
        "youtube.com/embed",
        "Slug reused in other years",
        "Liquid removed",
        "Draft without a date",
    ):
        assert what in report, what
    assert "| Français (`fr`) | 9 | 2 |" in report


def test_report_is_a_checklist_with_file_and_line_and_every_old_address(imported):
    _, project, outcome = imported
    report = outcome.report
    human = report.split("## 1. Needs a human", 1)[1].split("## 2.", 1)[0]
    # a picture missing from the source: its post and the line that shows it
    line = next(i for i, text in enumerate(POSTS["_posts/2018-11-19-rencontres-geotrek.md"].split("\n"), 1) if "carte-introuvable" in text)
    assert f"- [ ] `_posts/2018-11-19-rencontres-geotrek.md:{line}`: " in human
    assert "{% include youtube.html" in human  # Liquid that showed something: a human decides
    assert "- `_posts/2019-10-07-Encuentro-usuarios-es.md:3`: 'Encuentro" in report  # a front matter key: its line
    old = report.split("## 2. Old addresses", 1)[1].split("## 3.", 1)[0]
    for entries in outcome.plan.redirects.values():
        for address in entries:
            assert f"| `/{address}` | `/" in old, address
    assert "| `/2019/10/07/Users-meeting-en.html` | `/en/blog/2019/10/07/rencontres-utilisateurs/` |" in old
    assert "| `/produit-es.html` | `/es/" in old
    assert len([line for line in old.splitlines() if line.startswith("| `/")]) == sum(map(len, outcome.plan.redirects.values()))


# ---------------------------------------------------------------- re-runs
def test_a_second_run_changes_nothing(imported):
    source, project, first = imported
    before = tree_digest(project / "docs", project / "data", project / "import-report.md")
    second = run_import(source, project)
    assert second.written == [] and second.removed == []
    assert all(p.status == "unchanged" for p in second.plan.posts)
    assert tree_digest(project / "docs", project / "data", project / "import-report.md") == before


def test_a_post_edited_since_is_kept_unless_forced(imported):
    source, project, _ = imported
    post = project / "docs/blog/posts/2020-03-02-nouvelle-version.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nAjout d'un humain.\n", encoding="utf-8")
    picture = project / "docs/assets/img/atelier.jpg"
    picture.write_bytes(b"edited")
    edited = post.read_bytes()
    outcome = run_import(source, project)
    assert post.read_bytes() == edited and picture.read_bytes() == b"edited"
    assert [p.source for p in outcome.plan.posts if p.status == "conflict"] == ["_posts/2020-03-02-nouvelle-version.md"]
    assert "Same post already in the portal, different content" in outcome.report
    assert "A different file is already there" in outcome.report
    forced = run_import(source, project, force=True)
    assert "Ajout d'un humain" not in post.read_text(encoding="utf-8")
    assert picture.read_bytes() == (source / "assets/img/atelier.jpg").read_bytes()
    assert [p.status for p in forced.plan.posts if p.source.endswith("nouvelle-version.md")] == ["replace"]


def test_an_existing_post_with_the_same_ref_and_lang_is_the_same_post(tmp_path):
    source = make_jekyll_site(tmp_path)
    (source / "_posts/2019-12-17-Retour-rencontres.markdown").write_text(
        post_text("Retour sur les rencontres", "2019-12-17", "fr", "post-20191217", layout="post"), encoding="utf-8"
    )
    project = make_project(tmp_path, keep_posts=True)
    seed = project / "docs/blog/posts/2019-12-17-retour-rencontres-geotrek-2019.md"
    before = seed.read_bytes()
    outcome = run_import(source, project)
    assert seed.read_bytes() == before
    assert not (project / "docs/blog/posts/2019-12-17-retour-rencontres.md").exists()
    conflict = next(p for p in outcome.plan.posts if p.ref == "post-20191217")
    assert conflict.status == "conflict" and conflict.existing == seed.name
    redirects, _ = parse_redirect_map((project / "data/redirects.yml").read_text(encoding="utf-8"), LANGUAGES)
    assert redirects["fr"]["2019/12/17/Retour-rencontres.html"] == f"blog/posts/{seed.name}"
    forced = run_import(source, project, force=True)
    assert not seed.exists() and (project / "docs/blog/posts/2019-12-17-retour-rencontres.md").exists()
    assert forced.removed == [f"docs/blog/posts/{seed.name}"]


def test_a_map_changed_by_hand_is_kept(imported):
    source, project, _ = imported
    path = project / "data/redirects.yml"
    # whatever the importer chose (the contact page, or the home page without one)
    text = re.sub(r"(?m)^(\s*contact\.html: ).*$", r"\1blog/index.md", path.read_text(encoding="utf-8"), count=1)
    path.write_text(text, encoding="utf-8")
    edited = path.read_bytes()
    outcome = run_import(source, project)
    assert path.read_bytes() == edited
    assert [c.old for c in outcome.redirect_conflicts] == ["contact.html"]
    assert "Redirect changed by hand" in outcome.report


def test_old_pages_go_to_the_portal_page_or_else_the_home_page(tmp_path):
    source = make_jekyll_site(tmp_path)
    project = make_project(tmp_path)
    (project / "docs/contact.md").write_text("# Contact\n", encoding="utf-8")
    (project / "docs/en/contact.md").write_text("# Contact\n", encoding="utf-8")
    (project / "docs/es/contact.md").unlink(missing_ok=True)
    outcome = run_import(source, project)
    redirects, _ = parse_redirect_map((project / "data/redirects.yml").read_text(encoding="utf-8"), LANGUAGES)
    assert redirects["fr"]["contact.html"] == "contact.md"
    assert redirects["en"]["contact-en.html"] == "en/contact.md"
    assert redirects["es"]["contact-es.html"] == "es/index.md"
    assert redirects["fr"]["actualites.html"] == "blog/index.md"
    assert redirects["en"]["index-en.html"] == "en/index.md"
    missing = [n for n in outcome.plan.problems if n.kind == "page-missing"]
    assert "contact-es.html" in {n.path for n in missing} and "contact.html" not in {n.path for n in missing}
    assert "Old page redirected to the home page" in outcome.report


# ---------------------------------------------------------------- command
def test_the_command_fails_only_when_it_cannot_read_the_source(tmp_path, capsys):
    project = make_project(tmp_path)
    assert main([str(tmp_path / "nowhere"), "--root", str(project)]) == 2
    assert "no such folder" in capsys.readouterr().err
    (tmp_path / "not-jekyll").mkdir()
    assert main([str(tmp_path / "not-jekyll"), "--root", str(project)]) == 2
    assert "no _posts folder" in capsys.readouterr().err
    broken = make_jekyll_site(tmp_path)
    (broken / "_posts/2020-01-01-broken.md").write_bytes(b"---\ntitle: [unclosed\n---\n")
    (broken / "_posts/2020-01-02-latin1.md").write_bytes("---\ntitle: Été\n---\n".encode("latin-1"))
    report = tmp_path / "report.md"
    assert main([str(broken), "--root", str(project), "--report", str(report)]) == 0
    out = capsys.readouterr().out
    assert "posts:" in out and "problems left for a human" in out
    text = report.read_text(encoding="utf-8")
    assert "_posts/2020-01-01-broken.md" in text and "_posts/2020-01-02-latin1.md" in text
    assert "Front matter unusable" in text


def test_source_errors():
    with pytest.raises(SourceError):
        read_source(Path("/nonexistent/jekyll"))


# ---------------------------------------------------------------- body rewriting
def _site(variables: dict | None = None) -> Site:
    return Site(
        files=frozenset({"assets/img/a.png", "docs/b.pdf"}),
        old_links={
            "2019/01/02/Other.html": {
                "fr": Target("/blog/2019/01/02/other/", "2019-01-02-other.md", frozenset({"x"})),
                "en": Target("/en/blog/2019/01/02/other/", None, frozenset({"x"})),
                "es": Target("/blog/2019/01/02/other/", None, frozenset({"x"})),
            },
            "index.html": {"fr": Target("/"), "en": Target("/en/"), "es": Target("/es/")},
            "produit.html": {code: Target(f"/{p}produit/", None, frozenset({"geotrek-mobile"})) for code, p in (("fr", ""), ("en", "en/"), ("es", "es/"))},
        },
        post_urls={},
        old_hosts=frozenset({"geotrek.fr"}),
        variables=variables or {"title": "Geotrek"},
        site_path="/",
        asset_dest=lambda path: path if path.startswith("assets/") else "assets/files/" + path,
    )


def test_code_is_left_alone():
    body = "Text {{ site.title }}.\n\n```\n{{ site.baseurl }} {% raw %}\n```\n\nInline `{% include x %}` here.\n"
    notes: list[Note] = []
    out = rewrite_body(body, Post("p.md", "fr", "T", "2019/01/01"), _site(), notes)
    assert out == "Text Geotrek.\n\n```\n{{ site.baseurl }} {% raw %}\n```\n\nInline `{% include x %}` here.\n"


def test_links_to_old_posts_and_old_host():
    body = (
        "[same]({{ site.baseurl }}/2019/01/02/Other.html) [abs](https://geotrek.fr/assets/img/a.png)\n"
        '<a href="/2019/01/02/Other.html#x">html</a> [ext](https://example.org/a.png) [home]({{ site.baseurl }}/)\n'
    )
    notes: list[Note] = []
    out = rewrite_body(body, Post("p.md", "en", "T", "2019/01/01"), _site(), notes)
    assert "[same](/en/blog/2019/01/02/other/)" in out  # its English translation, at its new address
    assert "[abs](../../assets/img/a.png)" in out
    assert '<a href="/en/blog/2019/01/02/other/#x">' in out  # the anchor exists there: kept
    assert "[ext](https://example.org/a.png)" in out and "[home](/en/)" in out
    out = rewrite_body(body, Post("p.md", "fr", "T", "2019/01/01"), _site(), notes)
    assert "[same](2019-01-02-other.md)" in out  # beside it in the same build: MkDocs checks the link
    assert "[home](/)" in out


@pytest.mark.parametrize(
    "link, lang, expected",
    [
        ("/produit.html#mobile", "en", "/en/produit/"),  # no such anchor there: dropped, reported
        ("/produit.html#geotrek-mobile", "es", "/es/produit/#geotrek-mobile"),
        ("{{ site.baseurl }}/produit.html", "fr", "/produit/"),
        ("http://geotrek.fr/produit.html", "en", "/en/produit/"),
        ("https://www.geotrek.fr/", "es", "/es/"),
        ("http://geotrek.fr", "fr", "/"),
        ("https://geotrek.fr/2019/01/02/Other.html", "fr", "2019-01-02-other.md"),
        ("//geotrek.fr/produit.html", "fr", "/produit/"),
    ],
)
def test_links_to_old_addresses_go_to_the_new_page_in_the_post_language(link, lang, expected):
    notes: list[Note] = []
    site = _site()
    site = Site(**{**site.__dict__, "old_hosts": frozenset({"geotrek.fr", "www.geotrek.fr"})})
    out = rewrite_body(f"[x]({link}) <a href=\"{link}\">y</a>\n", Post("p.md", lang, "T", "2019/01/01"), site, notes)
    html_expected = expected if not expected.endswith(".md") else "/blog/2019/01/02/other/"
    assert out == f'[x]({expected}) <a href="{html_expected}">y</a>\n'
    assert [n.kind for n in notes if n.kind == "link-rewritten"] == ["link-rewritten"] * 2
    dropped = [n.detail for n in notes if n.kind == "anchor-dropped"]
    if "#mobile" in link:
        assert len(dropped) == 2 and "/en/produit/ has no #mobile" in dropped[0] and "#geotrek-mobile" in dropped[0]
    else:
        assert dropped == []


def test_site_variables_are_resolved_before_links():
    notes: list[Note] = []
    out = rewrite_body("![a]({{ site.url }}/assets/img/a.png) {{ site.title }} {{ site.nothing }}\n", Post("p.md", "fr", "T", None), _site(variables={"url": "https://geotrek.fr", "title": "Geotrek"}), notes)
    assert out == "![a](../../assets/img/a.png) Geotrek \n"
    assert [n.kind for n in notes] == ["liquid-unknown"]


def test_every_kind_of_note_has_a_heading_and_a_reason():
    sources = "".join(p.read_text(encoding="utf-8") for p in (REPO / "geotrek_portal").glob("*.py"))
    used = set(re.findall(r"""(?:Note|note)\(\s*["']([a-z-]+)["']""", sources))
    used |= {"missing-picture", "missing-link"}  # built from variables
    assert used and used <= set(KINDS), used - set(KINDS)


def test_jekyll_link_idioms():
    site = _site(variables={"url": "https://geotrek.fr"})
    site.post_urls["2019-01-02-other"] = "2019/01/02/Other.html"
    body = (
        "[a]({{ site.baseurl }}{% post_url 2019-01-02-Other %}) [b]({{ site.url }}{{ site.baseurl }}/assets/img/a.png)\n"
        '<img src="{{ "/assets/img/a.png" | relative_url }}"> [c]({{ site.baseurl }}{% link docs/b.pdf %})\n'
    )
    out = rewrite_body(body, Post("p.md", "fr", "T", None), site, [])
    assert out == (
        "[a](2019-01-02-other.md) [b](../../assets/img/a.png)\n"
        '<img src="/assets/img/a.png"> [c](../../assets/files/docs/b.pdf)\n'
    )


def test_make_check_reads_the_redirect_map(imported):
    from geotrek_portal.check import Project, run_checks
    from geotrek_portal.config import load_site

    _, project, _ = imported
    assert run_checks(Project(load_site(project / "mkdocs.yml"))).problems == []
    path = project / "data/redirects.yml"
    path.write_text(path.read_text(encoding="utf-8") + "it:\n  x.html: index.md\n", encoding="utf-8")
    (project / "docs/blog/posts/2020-03-02-nouvelle-version.md").rename(project / "docs/blog/posts/2020-03-02-renamed.md")
    messages = [str(p) for p in run_checks(Project(load_site(project / "mkdocs.yml"))).problems]
    assert "data/redirects.yml: it: unknown language 'it' (use one of: fr, en, es)" in messages
    assert (
        "data/redirects.yml: fr: 2020/03/02/nouvelle-version.html: 'blog/posts/2020-03-02-nouvelle-version.md' "
        "does not exist (give a page under docs/, e.g. blog/index.md)"
    ) in messages
