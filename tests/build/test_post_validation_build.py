"""Malformed posts fail the strict build with one clear line each, all together."""

import pytest

from tests.conftest import make_project, post_text, run_mkdocs_build, shared_build

P = "docs/blog/posts/"

BAD = {
    "2019-01-01-no-title.md": "---\ndate: 2019-01-01\nlang: fr\nref: a\n---\nx\n",
    "2019-01-02-bad-date.md": post_text("T", "2019-02-30", "fr", "b"),
    "2019-01-03-bad-lang.md": post_text("T", "2019-01-03", "english", "c"),
    "2019-01-04-no-ref.md": "---\ntitle: T\ndate: 2019-01-04\nlang: fr\n---\nx\n",
    "2019-01-05-yaml.md": "---\ntitle: Geotrek: le retour\ndate: 2019-01-05\nlang: fr\nref: e\n---\nx\n",
    "2019-01-06-unclosed.md": "---\ntitle: T\ndate: 2019-01-06\nlang: fr\nref: f\n\nx\n",
    "2019-01-07-latin1.md": post_text("Été", "2019-01-07", "fr", "g").encode("latin-1"),
    "2019-01-08-dup-a.md": post_text("A", "2019-01-08", "fr", "dup"),
    "2019-01-08-dup-b.md": post_text("B", "2019-01-08", "fr", "dup"),
    "2019-01-09-no-image.md": post_text("T", "2019-01-09", "fr", "i", image="assets/img/missing.jpg"),
    "2019-01-10-good.md": post_text("Good", "2019-01-10", "fr", "ok"),
    "2019-01-11-date-mismatch.md": post_text("T", "2019-01-12", "fr", "w"),
    # valid front matter, but about an event that does not exist: found by the events hook
    "2019-01-13-unknown-event.md": post_text("T", "2019-01-13", "fr", "ev", event="rencontres-1999"),
}

EXPECTED = [
    f"{P}2019-01-01-no-title.md: title: missing",
    f"{P}2019-01-02-bad-date.md:3: date: '2019-02-30' is not a valid date: day is out of range for month (write the date as YYYY-MM-DD",
    f"{P}2019-01-03-bad-lang.md:4: lang: unknown language 'english' (did you mean 'en'? use one of: fr, en, es)",
    f"{P}2019-01-04-no-ref.md: ref: missing",
    f"{P}2019-01-05-yaml.md:2: front matter: YAML does not parse",
    f"{P}2019-01-06-unclosed.md:1: front matter: not closed",
    f"{P}2019-01-07-latin1.md:2: file: not valid UTF-8",
    f"{P}2019-01-08-dup-b.md:5: ref: 'dup' in 'fr' is already used by {P}2019-01-08-dup-a.md",
    f"{P}2019-01-09-no-image.md:6: image: 'assets/img/missing.jpg' does not exist",
    f"{P}2019-01-13-unknown-event.md:6: event: unknown event 'rencontres-1999'",
]


def bad_posts_build(tmp_path_factory):
    """A copy of the portal with BAD as its posts (in `site.parent / "project"`), its build failed:
    once per test session (tests/build/test_contributor_flow.py reads it too)."""
    return shared_build(tmp_path_factory, "bad-posts", lambda root: run_mkdocs_build(make_project(root, BAD), root / "site"))


@pytest.fixture(scope="module")
def failed(tmp_path_factory):
    return bad_posts_build(tmp_path_factory)


def test_build_fails_without_traceback(failed):
    assert failed.returncode != 0
    assert "Traceback" not in failed.output
    # one run, one count: the invalid posts and the post about an unknown event
    assert "10 problem(s) in posts and events" in failed.output


@pytest.mark.parametrize("expected", EXPECTED)
def test_every_problem_is_reported_on_its_own_line(failed, expected):
    lines = [line for line in failed.output.splitlines() if line.startswith("ERROR")]
    assert any(expected in line for line in lines), failed.output


def test_date_mismatch_is_only_a_warning(failed):
    line = next(l for l in failed.output.splitlines() if "2019-01-11-date-mismatch.md" in l)
    assert line.startswith("INFO") and "warning: " in line and "differs from the date in the file name" in line


def test_warnings_alone_do_not_fail_the_strict_build(tmp_path):
    posts = {"2019-01-11-date-mismatch.md": BAD["2019-01-11-date-mismatch.md"]}
    result = run_mkdocs_build(make_project(tmp_path, posts), tmp_path / "site")
    assert result.returncode == 0, result.output
    assert (result.site / "blog/2019/01/12/date-mismatch/index.html").is_file()
