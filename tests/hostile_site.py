"""A fixture site whose post title and event name are hostile HTML (tests of "titles are text")."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import BuildResult, make_project, post_text, run_mkdocs_build, shared_build

TITLE = '<script>alert("x")</script> & <b>Tom & "Jerry"</b>'
EVENT = '<i>Rencontres</i> & "ateliers" <script>alert(1)</script>'
QUOTED = "'" + TITLE.replace("'", "''") + "'"  # a YAML single-quoted scalar
POST = "blog/2019/10/01/hostile/"
BEFORE = "blog/2019/09/01/before/"
EVENT_PAGE = "events/hostile-2030/"
EVENT_YAML = f"""name: '{EVENT}'
start: 2030-06-01
place: Gap
material:
  - type: programme
    title: '{TITLE}'
    url: https://example.org/programme.pdf
    lang: fr
"""


def build_hostile_site(root: Path) -> BuildResult:
    body = "A plain first paragraph.\n\nA plain second paragraph."
    posts = {
        "2019-10-01-hostile.md": post_text(QUOTED, "2019-10-01", "fr", "h", body, event="hostile-2030"),
        "2019-10-01-hostile-en.md": post_text(QUOTED, "2019-10-01", "en", "h", body, event="hostile-2030"),
        "2019-09-01-before.md": post_text("Avant", "2019-09-01", "fr", "b", body),
    }
    project = make_project(root, posts)
    (project / "data/events/hostile-2030.yml").write_text(EVENT_YAML, encoding="utf-8")
    result = run_mkdocs_build(project, root / "site")
    assert result.returncode == 0, result.output
    return result


def hostile_site(tmp_path_factory) -> BuildResult:
    """The hostile site, built once per test session (build and browser tests share it)."""
    return shared_build(tmp_path_factory, "hostile", build_hostile_site)
