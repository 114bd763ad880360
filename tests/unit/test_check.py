"""`make check`: every problem, one line each, with line numbers, hints and the right exit code."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.corpus import generate
from geotrek_portal.check import CHECKS, Project, main, run_checks
from geotrek_portal.config import load_site
from geotrek_portal.problems import Problem, Severity
from tests.conftest import post_text

REPO = Path(__file__).resolve().parents[2]
P = "docs/blog/posts/"


def project_with(tmp_path: Path, posts: dict[str, str | bytes]) -> Path:
    """mkdocs.yml and the given posts: all `make check` reads (no copy of docs/ needed)."""
    shutil.copy2(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs/assets/img").mkdir(parents=True)
    (tmp_path / "docs/assets/img/here.jpg").write_bytes(b"jpeg")
    posts_dir = tmp_path / P
    posts_dir.mkdir(parents=True)
    for name, content in posts.items():
        target = posts_dir / name
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return tmp_path


def check(project: Path, monkeypatch, *, github: bool = False) -> tuple[int, list[str]]:
    if github:
        monkeypatch.setenv("GITHUB_ACTIONS", "true")
    else:
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    out = io.StringIO()
    code = main(["--config", str(project / "mkdocs.yml")], out=out)
    return code, out.getvalue().splitlines()


def test_the_repository_passes(monkeypatch):
    code, lines = check(REPO, monkeypatch)
    assert code == 0, "\n".join(lines)
    assert lines[-1].startswith("No problem found (")


def test_every_problem_is_listed_with_its_line_and_hint(tmp_path, monkeypatch):
    project = project_with(
        tmp_path,
        {
            "2024-05-01-typo.md": post_text("Typo", "2024-05-01", "eng", "a"),
            "2024-05-02-no-title.md": "---\ndate: 2024-05-02\nlang: fr\nref: b\n---\nx\n",
            "2024-05-03-photo.md": post_text("Photo", "2024-05-03", "fr", "c", image="assets/img/nothere.jpg"),
            "2024-05-04-fine.md": post_text("Fine", "2024-05-04", "fr", "d", image="assets/img/here.jpg"),
        },
    )
    code, lines = check(project, monkeypatch)
    assert code == 1
    assert lines[:3] == [
        f"{P}2024-05-01-typo.md:4: lang: unknown language 'eng' (did you mean 'en'? use one of: fr, en, es)",
        f"{P}2024-05-02-no-title.md: title: missing (add a line such as: title: Retour sur les rencontres Geotrek 2019)",
        f"{P}2024-05-03-photo.md:6: image: 'assets/img/nothere.jpg' does not exist "
        f"(add the picture as docs/assets/img/nothere.jpg or fix the path (relative to docs/))",
    ]
    assert lines[-1] == "3 errors in 3 files, 0 warnings (1 post read): fix the lines above, then run make check again."
    assert not any(line.startswith("::") for line in lines)


def test_warnings_alone_do_not_fail(tmp_path, monkeypatch):
    project = project_with(tmp_path, {"2024-05-01-late.md": post_text("Late", "2024-05-02", "fr", "a")})
    code, lines = check(project, monkeypatch)
    assert code == 0
    assert lines == [
        "Warnings (they do not block publication, but check them):",
        f"{P}2024-05-01-late.md:3: date: 2024-05-02 differs from the date in the file name (2024-05-01) "
        "(the front matter date is used for the URL; rename the file to match it)",
        "",
        "No error, 1 warning (1 post read).",
    ]


def test_github_actions_also_gets_annotations(tmp_path, monkeypatch):
    project = project_with(
        tmp_path,
        {
            "2024-05-01-typo.md": post_text("Typo", "2024-05-01", "eng", "a"),
            "2024-05-02-late.md": post_text("Late", "2024-05-03", "fr", "b"),
        },
    )
    code, lines = check(project, monkeypatch, github=True)
    assert code == 1
    assert f"{P}2024-05-01-typo.md:4: lang: unknown language 'eng' (did you mean 'en'? use one of: fr, en, es)" in lines
    annotations = [line for line in lines if line.startswith("::")]
    assert annotations == [
        f"::error file={P}2024-05-01-typo.md,line=4::lang: unknown language 'eng' "
        "(did you mean 'en'? use one of: fr, en, es)",
        f"::warning file={P}2024-05-02-late.md,line=3::date: 2024-05-03 differs from the date in the file name "
        "(2024-05-02) (the front matter date is used for the URL; rename the file to match it)",
    ]


def test_translation_clashes_across_files_are_found(tmp_path, monkeypatch):
    project = project_with(
        tmp_path,
        {
            "2024-05-01-a.md": post_text("A", "2024-05-01", "fr", "same"),
            "2024-05-01-b.md": post_text("B", "2024-05-01", "fr", "same"),
        },
    )
    code, lines = check(project, monkeypatch)
    assert code == 1
    assert lines[0] == (
        f"{P}2024-05-01-b.md:5: ref: 'same' in 'fr' is already used by {P}2024-05-01-a.md "
        "(two posts of one language cannot share a ref: give this post its own ref)"
    )


def test_a_broken_configuration_is_a_problem_not_a_traceback(tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    code, lines = check(tmp_path, monkeypatch, github=True)
    assert code == 1
    config = str(tmp_path / "mkdocs.yml")
    assert lines == [
        f"{config}: configuration: the i18n plugin must list its languages (locale, name, default)",
        f"::error file={config}::configuration: the i18n plugin must list its languages (locale, name, default)",
    ]


def test_checks_are_a_list_one_line_per_kind_of_data(tmp_path):
    """How events and organisations plug in: a function Project -> problems."""
    project = Project(load_site(project_with(tmp_path, {}) / "mkdocs.yml"))
    (project.data_dir).mkdir()
    (project.data_dir / "thing.yml").write_text("x", encoding="utf-8")

    def check_things(p: Project) -> list[Problem]:
        return [Problem(str(path.relative_to(p.root)), "x", "bad", severity=Severity.ERROR) for path in p.data_dir.iterdir()]

    report = run_checks(project, [*CHECKS, check_things])
    assert [str(p) for p in report.errors] == ["data/thing.yml: x: bad"]


def test_a_thousand_posts_are_read(tmp_path, monkeypatch):
    corpus = generate(tmp_path / "project", 1000)
    code, lines = check(corpus.project, monkeypatch)
    assert code == 0, "\n".join(lines[:5])
    assert lines == ["No problem found (1000 posts read)."]


def test_command_line_in_the_project_folder(tmp_path):
    """What `make check` runs, from the project folder: the exit code is what CI sees."""
    project = project_with(tmp_path, {"2024-05-01-typo.md": post_text("Typo", "2024-05-01", "EN", "a")})
    proc = subprocess.run(
        [sys.executable, "-m", "geotrek_portal.check"], cwd=project, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 1
    assert proc.stderr == ""
    assert proc.stdout.startswith(
        f"{P}2024-05-01-typo.md:4: lang: unknown language 'EN' (did you mean 'en'? use one of: fr, en, es)\n"
    )


@pytest.mark.parametrize("raw", [b"\xff\xfe not utf-8", b"---\ntitle: [unclosed\n---\n", b"no front matter"])
def test_unreadable_files_are_problems_too(tmp_path, monkeypatch, raw):
    project = project_with(tmp_path, {"2024-05-01-x.md": raw})
    code, lines = check(project, monkeypatch)
    assert code == 1
    assert lines[0].startswith(f"{P}2024-05-01-x.md:")
    assert "Traceback" not in "\n".join(lines)


# ---------------------------------------------------------------- links to old addresses
def test_links_to_old_addresses_are_warnings_with_their_line(tmp_path, monkeypatch):
    body = (
        "Voir la [page produit](/produit.html#mobile) et\n"
        '<a href="https://www.geotrek.fr/2021/09/13/programme.html">le programme</a>.\n\n'
        "[ressources]: {{ site.baseurl }}/ressources.html\n\n"
        "```\n[exemple](/produit.html)\n```\n\n"
        "Déjà à jour : [produit](/produit/), [ailleurs](https://example.org/produit.html), `/produit.html`.\n"
    )
    project = project_with(tmp_path, {"2021-10-01-x.md": post_text("X", "2021-10-01", "fr", "x", body)})
    (project / "data").mkdir()
    (project / "data/redirects.yml").write_text(
        "fr:\n  produit.html: produit.md\n  ressources.html: ressources.md\n"
        "  2021/09/13/programme.html: blog/posts/2021-09-13-programme.md\n",
        encoding="utf-8",
    )
    for page in ("produit.md", "ressources.md"):
        (project / "docs" / page).write_text("# Page\n", encoding="utf-8")
    (project / P / "2021-09-13-programme.md").write_text(post_text("P", "2021-09-13", "fr", "p"), encoding="utf-8")
    status, lines = check(project, monkeypatch)
    assert status == 0  # warnings do not block publication
    assert lines[0] == "Warnings (they do not block publication, but check them):"
    assert lines[1:4] == [
        f"{P}2021-10-01-x.md:8: link: '/produit.html#mobile' is an address of the old site: readers go through a redirect (link its new page, /produit/ instead)",
        f"{P}2021-10-01-x.md:9: link: 'https://www.geotrek.fr/2021/09/13/programme.html' is an address of the old site: "
        "readers go through a redirect (link the post by its file name: [text](2021-09-13-programme.md) instead)",
        f"{P}2021-10-01-x.md:11: link: '{{{{site.baseurl}}}}/ressources.html' is an address of the old site: readers go through a redirect (link its new page, /ressources/ instead)",
    ]
    assert lines[4:] == ["", "No error, 3 warnings (2 posts read)."]
