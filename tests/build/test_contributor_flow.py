"""The contributor's path, as CONTRIBUTING.md tells it: new post, translation, a typo
caught by make check, fixed, and both versions built and linked to each other."""

from __future__ import annotations

import re

import pytest

from geotrek_portal.check import main as check_main
from tests.build.test_post_validation_build import bad_posts_build
from tests.conftest import make_project, run_mkdocs_build
from tests.make import make

pytestmark = pytest.mark.build

P = "docs/blog/posts/"


def address(output: str) -> str:
    """The site path that make new-post announces."""
    return re.search(r"^Address once published: https://geotrek\.fr/(\S*)$", output, re.M).group(1)


def test_french_post_then_english_translation_typo_caught_fixed_and_previewed(tmp_path):
    project = make_project(tmp_path)

    french = make(project, "new-post", "TITLE=Retour sur l'atelier Geotrek-admin", "DATE=2024-06-03")
    assert french.returncode == 0, french.stdout + french.stderr
    ref = re.search(r"^Its ref is (\S+):", french.stdout, re.M).group(1)
    english = make(project, "new-post", "TITLE=Looking back at the Geotrek-admin workshop", "LANG=en", f"REF={ref}")
    assert english.returncode == 0, english.stdout + english.stderr
    assert f"Translation of {P}2024-06-03-retour-sur-l-atelier-geotrek-admin.md (fr)" in english.stdout
    fr_url, en_url = address(french.stdout), address(english.stdout)
    assert en_url == "en/" + fr_url

    # the typo
    en_file = project / P / "2024-06-03-retour-sur-l-atelier-geotrek-admin-en.md"
    text = en_file.read_text(encoding="utf-8")
    en_file.write_text(text.replace("lang: en\n", "lang: eng\n"), encoding="utf-8")
    typo = make(project, "check")
    assert typo.returncode != 0
    assert (
        f"{P}2024-06-03-retour-sur-l-atelier-geotrek-admin-en.md:4: lang: unknown language 'eng' "
        "(did you mean 'en'? use one of: fr, en, es)"
    ) in typo.stdout.splitlines()

    # fixed
    en_file.write_text(text, encoding="utf-8")
    fixed = make(project, "check")
    assert fixed.returncode == 0, fixed.stdout
    assert fixed.stdout.strip() == "No problem found (2 posts read)."

    # previewed: the addresses announced are the built pages, and they link to each other
    built = run_mkdocs_build(project, tmp_path / "site")
    assert built.returncode == 0, built.output
    fr_page, en_page = built.page(fr_url), built.page(en_url)
    assert fr_page.css_first("h1").text() == "Retour sur l'atelier Geotrek-admin"
    assert en_page.css_first("h1").text() == "Looking back at the Geotrek-admin workshop"
    fr_links = {a.attributes["hreflang"]: a.attributes["href"] for a in fr_page.css('[data-portal="translations"] a')}
    en_links = {a.attributes["hreflang"]: a.attributes["href"] for a in en_page.css('[data-portal="translations"] a')}
    assert set(fr_links) == {"en"} and set(en_links) == {"fr"}
    assert (built.file(fr_url).parent / fr_links["en"]).resolve() == built.file(en_url).parent.resolve()
    assert (built.file(en_url).parent / en_links["fr"]).resolve() == built.file(fr_url).parent.resolve()


def test_check_reports_exactly_what_the_build_reports(tmp_path_factory, monkeypatch):
    """One implementation: every line of make check is in the build's log, and the counts agree."""
    import io

    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    built = bad_posts_build(tmp_path_factory)  # the project with BAD's posts, and its failed build
    project = built.site.parent / "project"
    out = io.StringIO()
    assert check_main(["--config", str(project / "mkdocs.yml")], out=out) == 1
    problems = [line for line in out.getvalue().splitlines() if line.startswith(P)]
    assert built.returncode != 0
    logged = [line for line in built.output.splitlines() if P in line]
    errors = [line for line in problems if not any(line in log and "warning: " in log for log in logged)]
    assert f"{len(errors)} problem(s) in posts" in built.output
    missing = [line for line in problems if not any(log.endswith(line) for log in logged)]
    assert missing == []
    assert len(problems) == len(logged)
