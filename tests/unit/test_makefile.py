"""The Makefile: every target documented, the site built by ProperDocs, apt-get patient."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed: apt-get install make")


def _make(*args: str, stdin: str | None = None) -> str:
    proc = subprocess.run(
        ["make", "--no-print-directory", "-s", *args], cwd=REPO, input=stdin,
        capture_output=True, text=True, check=True,
    )
    return proc.stdout


def phony_targets() -> list[str]:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    return [name for line in re.findall(r"^\.PHONY:(.*)$", text, re.M) for name in line.split()]


def test_make_help_lists_every_phony_target():
    targets = phony_targets()
    assert {"help", "build", "test", "serve"} <= set(targets)
    shown = set(re.findall(r"^make ([\w-]+)", _make("help"), re.M))
    assert [t for t in targets if t not in shown] == []


@pytest.mark.parametrize("target", ["build", "serve", "serve-full"])
def test_site_commands_run_properdocs(target):
    """The maintained ProperDocs, not MkDocs 1.6.1 (still installed because the plugins declare it)."""
    recipe = _make("-n", "-B", "VENV=/venv", target)
    assert re.search(r"^(\S+=\S* )?/venv/bin/properdocs (build|serve)\b", recipe, re.M), recipe
    assert "bin/mkdocs" not in recipe


def test_apt_get_waits_for_the_package_lock():
    """`make test` installs chromium with apt-get: another apt run must not fail it at once."""
    recipe = _make("-n", "-B", "browser-deps")
    # every apt-get the recipe runs (not `command -v apt-get`, nor the hint shown to non-root users)
    calls = [m.start() for m in re.finditer(r"(?<!command -v )(?<!sudo )apt-get\b", recipe)]
    assert calls, recipe
    impatient = [recipe[at : at + 40] for at in calls if not recipe.startswith("apt-get -o DPkg::Lock::Timeout=", at)]
    assert impatient == []


def test_make_clean_empties_the_build_cache(tmp_path):
    from geotrek_portal.build_cache import CACHE_DIR

    shutil.copy(REPO / "Makefile", tmp_path / "Makefile")
    for folder in ("site", CACHE_DIR + "/jinja", CACHE_DIR + "/posts/blog/posts"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "file").write_text("x")
    subprocess.run(["make", "--no-print-directory", "-s", "clean"], cwd=tmp_path, check=True, capture_output=True)
    assert not (tmp_path / CACHE_DIR).exists() and not (tmp_path / "site").exists()
    assert (tmp_path / "Makefile").exists()
