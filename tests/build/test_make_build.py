"""`make build` as a contributor runs it: ProperDocs, no MkDocs 2 banner from Material or mkdocs-redirects."""

from __future__ import annotations

from tests.conftest import BANNER_SWITCHES, banners, make_project
from tests.make import make


def test_make_build_prints_no_mkdocs_2_banner(tmp_path):
    """It runs .venv/bin/properdocs (tests/unit/test_makefile.py): this is also the test of that command."""
    project = make_project(tmp_path, keep_posts=True)
    result = make(project, "build", unset=BANNER_SWITCHES)  # ProperDocs needs no switch
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Documentation built" in output
    assert banners(output) == []
    for prefix in ("", "en/", "es/"):  # every language
        assert (project / "site" / prefix / "index.html").is_file(), prefix
    assert list((project / "site/blog").glob("[0-9]*/*/*/*/index.html")), "no post page"
