"""`make build` as a contributor runs it: no MkDocs 2 banner from Material or mkdocs-redirects."""

from __future__ import annotations

from tests.conftest import make_project
from tests.make import make

BANNER_SWITCHES = ("NO_MKDOCS_2_WARNING", "DISABLE_MKDOCS_2_WARNING")


def test_make_build_prints_no_mkdocs_2_banner(tmp_path):
    project = make_project(tmp_path, keep_posts=True)
    result = make(project, "build", unset=BANNER_SWITCHES)  # only the Makefile may set them
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Documentation built" in output
    for banner in ("end of life", "ProperDocs", "MkDocs 2.0"):
        assert banner not in output
