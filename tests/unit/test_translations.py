"""Translation status (geotrek_portal.translations): the version a translation records, the
rules (up to date, outdated, missing, not recorded, orphan), marking done, history, the
pull request notes and the help-translate lists."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from geotrek_portal.blog import PostReader, build_catalog
from geotrek_portal.config import load_site
from geotrek_portal.jekyll_import import run_import
from geotrek_portal.new_post import translation_draft
from geotrek_portal.posts import parse_post
from geotrek_portal.translations import (
    History,
    Status,
    catalog_status,
    content_hash,
    github_branch,
    github_new_file_url,
    group_status,
    help_items,
    main,
    post_hash,
    pull_request_notes,
    set_translation_of,
)
from tests.conftest import make_project, post_text
from tests.jekyll_site import make_jekyll_site

REPO = Path(__file__).resolve().parents[2]
P = "docs/blog/posts/"
BODY = "Premier paragraphe.\n\n<!-- more -->\n\nSecond paragraphe, avec un [lien](https://geotrek.fr/)."
ORIGINAL = post_text("Rencontres 2024", "2024-04-20", "fr", "r1", BODY, categories="[Rencontres]")
DIGEST = content_hash("Rencontres 2024", BODY)


def translation(lang: str, digest: str | None = DIGEST, ref: str = "r1", date: str = "2024-04-20", **extra: str) -> str:
    if digest is not None:
        extra["translation_of"] = f'"{digest}"'
    return post_text(f"Meeting 2024 {lang}", date, lang, ref, f"Text in {lang}.", **extra)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copy2(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / P).mkdir(parents=True)
    write(tmp_path, "2024-04-20-rencontres-2024.md", ORIGINAL)
    write(tmp_path, "2024-04-20-rencontres-2024-en.md", translation("en"))
    return tmp_path


def write(project: Path, name: str, text: str) -> None:
    (project / P / name).write_text(text, encoding="utf-8")


def edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / P / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def catalog_of(project: Path):
    site = load_site(project / "mkdocs.yml")
    return site, PostReader(site.languages).read(site.docs_dir / "blog/posts", site.docs_dir)


def statuses(project: Path, ref: str = "r1") -> dict[str, Status]:
    site, catalog = catalog_of(project)
    assert [p for p in catalog.problems if p.is_error] == []
    return {code: v.status for code, v in group_status(catalog.groups[ref], site.languages).versions.items()}


def run(project: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--config", str(project / "mkdocs.yml"), *args], out=out)
    return code, out.getvalue()


# ---------------------------------------------------------------- the hash
def test_the_hash_is_short_and_ignores_whitespace_only():
    assert len(DIGEST) == 12 and int(DIGEST, 16) >= 0
    assert content_hash("Rencontres 2024 ", "Premier  paragraphe.\n<!-- more -->\n\n\n  Second paragraphe,\navec un [lien](https://geotrek.fr/).\n") == DIGEST
    assert content_hash("Rencontres 2025", BODY) != DIGEST
    assert content_hash("Rencontres 2024", BODY.replace("Second", "Deuxième")) != DIGEST
    # the same letters typed decomposed (e + accent) are the same text
    assert content_hash("é", "x") == content_hash("e\u0301", "x")


# ---------------------------------------------------------------- the rules
def test_a_new_translation_is_up_to_date_and_the_others_missing(project):
    assert statuses(project) == {"fr": Status.ORIGINAL, "en": Status.UP_TO_DATE, "es": Status.MISSING}


def test_editing_the_body_or_the_title_of_the_original_outdates_its_translations(project):
    edit(project, "2024-04-20-rencontres-2024.md", "Second paragraphe", "Deuxième paragraphe")
    assert statuses(project)["en"] is Status.OUTDATED
    edit(project, "2024-04-20-rencontres-2024.md", "Deuxième paragraphe", "Second paragraphe")
    assert statuses(project)["en"] is Status.UP_TO_DATE  # back to the translated version
    edit(project, "2024-04-20-rencontres-2024.md", "title: Rencontres 2024", "title: Rencontres Geotrek 2024")
    assert statuses(project)["en"] is Status.OUTDATED


def test_front_matter_and_whitespace_changes_of_the_original_do_not(project):
    edit(project, "2024-04-20-rencontres-2024.md", "categories: [Rencontres]", "categories: [Rencontres, Communauté]\ndescription: Bilan.")
    edit(project, "2024-04-20-rencontres-2024.md", "Premier paragraphe.\n\n", "Premier   paragraphe.  \n\n\n")
    edit(project, "2024-04-20-rencontres-2024.md", "avec un [lien]", "avec un\n[lien]")
    assert statuses(project)["en"] is Status.UP_TO_DATE


def test_an_orphan_translation_is_reported(project):
    write(project, "2024-04-20-rencontres-2024-es.md", translation("es"))
    (project / P / "2024-04-20-rencontres-2024.md").unlink()
    assert statuses(project) == {"fr": Status.MISSING, "en": Status.ORPHAN, "es": Status.ORPHAN}
    code, out = run(project)
    assert code == 0
    assert "Orphans (their original was deleted" in out
    assert f"    {P}2024-04-20-rencontres-2024-en.md (en)" in out


def test_a_translation_without_record_is_not_recorded_and_the_original_comes_first_in_language_order(project):
    write(project, "2024-04-20-rencontres-2024-es.md", translation("es", digest=None))
    assert statuses(project)["es"] is Status.UNRECORDED
    # a post written in English first: the English version is the original
    write(project, "2024-05-02-workshop-en.md", post_text("Workshop", "2024-05-02", "en", "r2", "English text."))
    site, catalog = catalog_of(project)
    english = catalog.groups["r2"].get("en")
    write(project, "2024-05-02-workshop.md", translation("fr", post_hash(english), ref="r2", date="2024-05-02"))
    assert statuses(project, "r2") == {"fr": Status.UP_TO_DATE, "en": Status.ORIGINAL, "es": Status.MISSING}


# ---------------------------------------------------------------- validation
@pytest.mark.parametrize("value", ['"abc"', "123456789012", '"zzzzzzzzzzzz"', "[1, 2]"])
def test_a_malformed_record_is_an_error_naming_file_line_field_and_fix(value):
    text = translation("en", digest=None, translation_of=value)
    site = load_site(REPO / "mkdocs.yml")
    post, problems = parse_post(P + "x-en.md", text.encode(), site.languages)
    assert post is None
    assert [str(p) for p in problems] == [
        f"{P}x-en.md:6: translation_of: '{value.strip(chr(34)) if value != '[1, 2]' else [1, 2]}' is not the version "
        "of an original (12 characters, 0-9 and a-f) (run make translations DONE=docs/blog/posts/x-en.md to record "
        "the original's current version, or remove the line if this post is the original)"
    ]


# ---------------------------------------------------------------- make translations
def test_the_table_and_fail_on(project):
    write(project, "2024-04-20-rencontres-2024-es.md", translation("es"))
    edit(project, "2024-04-20-rencontres-2024.md", "Second paragraphe", "Deuxième paragraphe")
    write(project, "2024-06-01-seul.md", post_text("Seul en français", "2024-06-01", "fr", "r3"))
    code, out = run(project)
    assert code == 0
    lines = out.splitlines()
    rows = [line.split("  ") for line in lines if line.startswith("2024-")]
    assert [[cell.strip() for cell in row if cell.strip()] for row in rows] == [
        ["2024-06-01", "r3", "Seul en français", "original", "missing", "missing"],  # newest first
        ["2024-04-20", "r1", "Rencontres 2024", "original", "outdated", "outdated"],
    ]
    assert f"{P}2024-04-20-rencontres-2024-en.md (en): its original {P}2024-04-20-rencontres-2024.md changed on " in out
    assert "en: 1 outdated, 1 missing" in lines and "es: 1 outdated, 1 missing" in lines
    assert run(project, "--fail-on", "outdated")[0] == 1
    assert run(project, "--fail-on", "orphan")[0] == 0
    code, out = run(project, "--lang", "en")
    assert "es: " not in out and "en: 1 outdated, 1 missing" in out.splitlines()
    assert run(project, "--lang", "de") == (2, "make translations: LANG: unknown language 'de' (use one of: fr, en, es)\n")


def test_done_records_the_original_version_and_touches_nothing_else(project):
    name = "2024-04-20-rencontres-2024-en.md"
    edit(project, "2024-04-20-rencontres-2024.md", "Second paragraphe", "Deuxième paragraphe")
    before = (project / P / name).read_text(encoding="utf-8")
    code, out = run(project, "--done", P + name)
    assert (code, out) == (0, f"{P}{name} (en) is marked up to date with {P}2024-04-20-rencontres-2024.md (fr).\n")
    after = (project / P / name).read_text(encoding="utf-8")
    _, catalog = catalog_of(project)
    new = post_hash(catalog.groups["r1"].get("fr"))
    assert after == before.replace(DIGEST, new)
    assert statuses(project)["en"] is Status.UP_TO_DATE


def test_done_refuses_originals_and_what_is_not_a_post(project):
    assert run(project, "--done", P + "2024-04-20-rencontres-2024.md") == (
        1,
        f"{P}2024-04-20-rencontres-2024.md: DONE: is the original of 'r1', not a translation "
        "(give the path of one of its translations)\nNothing was written.\n",
    )
    code, out = run(project, "--done", "docs/nope.md")
    assert code == 1 and out.startswith("docs/nope.md: DONE: no such file")


def test_set_translation_of_adds_or_replaces_one_line():
    text = "---\r\ntitle: T\r\nref: r1\r\nlang: en\r\n---\r\nBody\r\n"
    added = set_translation_of(text, "0123456789ab")
    assert added == '---\r\ntitle: T\r\nref: r1\r\ntranslation_of: "0123456789ab"\r\nlang: en\r\n---\r\nBody\r\n'
    assert set_translation_of(added, "ba9876543210") == added.replace("0123456789ab", "ba9876543210")


# ---------------------------------------------------------------- history
def git(project: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": "2024-04-21T10:00:00", "GIT_COMMITTER_DATE": "2024-04-21T10:00:00"}
    if args[0] == "commit" and "--date" in args:
        day = args[args.index("--date") + 1]
        env.update(GIT_AUTHOR_DATE=day, GIT_COMMITTER_DATE=day)
        args = tuple(a for i, a in enumerate(args) if a != "--date" and args[i - 1] != "--date")
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", *args],
        cwd=project, env=env, check=True, capture_output=True,
    )


@pytest.fixture
def repository(project: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-qm", "v1", "--date", "2024-04-21T10:00:00")
    return project


def test_with_git_the_date_of_change_and_the_diff_since_the_translated_version(repository):
    name = "2024-04-20-rencontres-2024.md"
    edit(repository, name, "Second paragraphe", "Deuxième paragraphe")
    git(repository, "commit", "-qam", "v2", "--date", "2024-05-03T10:00:00")
    edit(repository, name, "categories: [Rencontres]", "categories: [Communauté]")  # front matter only
    git(repository, "commit", "-qam", "v3", "--date", "2024-06-09T10:00:00")
    _, catalog = catalog_of(repository)
    original = catalog.groups["r1"].get("fr")
    with History(repository) as history:
        change = history.change(original, DIGEST, diffs=True)
    assert (change.when.isoformat(), change.how_known) == ("2024-05-03", "git")  # not v3: its text is v2's
    assert "-Second paragraphe, avec un [lien](https://geotrek.fr/).\n+Deuxième paragraphe" in change.diff
    assert change.diff.startswith(f"--- {P}{name} at ")
    # an edit not committed yet
    edit(repository, name, "Premier", "Tout premier")
    _, catalog = catalog_of(repository)
    with History(repository) as history:
        change = history.change(catalog.groups["r1"].get("fr"), DIGEST, diffs=True)
    assert change.how_known == "not committed yet" and "+Tout premier paragraphe." in change.diff


def test_in_a_shallow_clone_the_date_and_diff_are_unknown_rather_than_wrong(repository, tmp_path):
    edit(repository, "2024-04-20-rencontres-2024.md", "Second paragraphe", "Deuxième paragraphe")
    git(repository, "commit", "-qam", "v2", "--date", "2024-05-03T10:00:00")
    clone = tmp_path / "clone"
    git(repository, "clone", "-q", "--depth", "1", repository.as_uri(), str(clone))
    _, catalog = catalog_of(clone)
    with History(clone) as history:
        change = history.change(catalog.groups["r1"].get("fr"), DIGEST, diffs=True)
    assert (change.when, change.how_known, change.diff) == (None, "unknown: shallow clone", None)
    assert "not in the git history" in change.note


def test_without_git_the_date_of_change_is_the_files(project):
    os.utime(project / P / "2024-04-20-rencontres-2024.md", (1717000000, 1717000000))  # 2024-05-29
    _, catalog = catalog_of(project)
    change = History(project, use_git=False).change(catalog.groups["r1"].get("fr"), DIGEST, diffs=True)
    assert (change.when.isoformat(), change.how_known, change.diff) == ("2024-05-29", "file date", None)


def test_the_pull_request_check_names_the_translations_left_behind(repository, monkeypatch):
    write(repository, "2024-04-20-rencontres-2024-es.md", translation("es"))
    git(repository, "add", ".")
    git(repository, "commit", "-qm", "es")
    edit(repository, "2024-04-20-rencontres-2024.md", "Second paragraphe", "Deuxième paragraphe")
    out_file = repository.parent / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(out_file))
    code, out = run(repository, "--since", "HEAD")
    assert code == 0
    notice = [line for line in out.splitlines() if line.startswith("::notice ")]
    assert notice == [
        f"::notice file={P}2024-04-20-rencontres-2024.md,line=2,title=Translations to update::This post has 2 "
        f"translations that this version of its title or text leaves outdated: en ({P}2024-04-20-rencontres-2024-en.md), "
        f"es ({P}2024-04-20-rencontres-2024-es.md). Not an error: translators see them in make translations and on the "
        "Help translate pages; if you update one yourself, run make translations DONE=<its file>."
    ]
    assert "2 translations to update" in out_file.read_text(encoding="utf-8")
    # front matter only: nothing to say
    git(repository, "checkout", "-q", "--", ".")
    edit(repository, "2024-04-20-rencontres-2024.md", "categories: [Rencontres]", "categories: [Communauté]")
    assert run(repository, "--since", "HEAD") == (0, "No post changed since HEAD has translations to update.\n")


def test_pull_request_notes_escape_what_github_reads():
    site = load_site(REPO / "mkdocs.yml")
    fr, _ = parse_post("docs/blog/posts/a,b:c.md", ORIGINAL.encode(), site.languages)
    en, _ = parse_post("docs/blog/posts/a,b:c-en.md", translation("en", "0" * 12).encode(), site.languages)
    annotations, summary = pull_request_notes(catalog_status(build_catalog([fr, en], site.languages)))
    assert annotations[0].startswith("::notice file=docs/blog/posts/a%2Cb%3Ac.md,line=2,title=Translations to update::")
    assert summary[1] == "- `docs/blog/posts/a,b:c.md`: 1 translation to update: `docs/blog/posts/a,b:c-en.md`"


# ---------------------------------------------------------------- help-translate pages
def test_help_lists_outdated_and_missing_posts_newest_first_without_drafts(project):
    write(project, "2024-06-01-seul.md", post_text("Seul", "2024-06-01", "fr", "r3"))
    write(project, "2024-06-02-brouillon.md", post_text("Brouillon", "2024-06-02", "fr", "r4", draft="true"))
    edit(project, "2024-04-20-rencontres-2024.md", "Second paragraphe", "Deuxième paragraphe")
    _, catalog = catalog_of(project)
    states = catalog_status(catalog)
    assert [(i.status, i.original.ref) for i in help_items(states, "en")] == [
        (Status.MISSING, "r3"),
        (Status.OUTDATED, "r1"),
    ]
    assert [(i.status, i.original.ref) for i in help_items(states, "es")] == [
        (Status.MISSING, "r3"),
        (Status.MISSING, "r1"),
    ]
    assert help_items(states, "fr") == []


def test_the_github_link_opens_the_editor_on_the_translation_skeleton(project):
    site, catalog = catalog_of(project)
    original = catalog.groups["r1"].get("fr")
    name, text = translation_draft(original, "rencontres-2024", "es", site.languages)
    url = github_new_file_url("https://github.com/GeotrekCE/geotrek-portal", "main", "docs/blog/posts", name, text)
    parts = urlsplit(url)
    assert parts.path == "/GeotrekCE/geotrek-portal/new/main/docs/blog/posts"
    query = parse_qs(parts.query)
    assert query["filename"] == ["2024-04-20-rencontres-2024-es.md"]
    assert query["value"] == [text]
    post, problems = parse_post(P + name, text.encode(), site.languages)
    assert problems == [] and post.translation_of == DIGEST and post.title == "Rencontres 2024"
    assert github_branch("edit/develop/docs/") == "develop" and github_branch(None) == "main"


def test_imported_translations_start_up_to_date(tmp_path):
    source = make_jekyll_site(tmp_path)
    project = make_project(tmp_path)
    run_import(source, project)
    site, catalog = catalog_of(project)
    states = catalog_status(catalog)
    translated = [v for s in states for v in s.translations()]
    assert len(translated) >= 2
    assert {v.status for v in translated} == {Status.UP_TO_DATE}
