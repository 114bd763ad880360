"""The two pinned sets: requirements.txt (building, previewing) and requirements-dev.txt (tests, tools).

`make serve` installs only the first, `make test` both; both are pinned exactly,
generated from their .in files, and agree on every version they share.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.conftest import REPO

SITE, DEV = REPO / "requirements.txt", REPO / "requirements-dev.txt"
PIN = re.compile(r"([A-Za-z0-9][A-Za-z0-9_.-]*)==(\S+)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path) -> dict[str, str]:
    """Package -> version of every requirement line (comments and `# via` annotations skipped)."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith(("-c ", "-r ")):
            continue
        match = PIN.fullmatch(line)
        assert match, f"{path.name}: {line!r} is not pinned exactly (name==version)"
        found[canonical(match.group(1))] = match.group(2)
    return found


@pytest.mark.parametrize("path", [SITE, DEV], ids=lambda p: p.name)
def test_every_requirement_is_pinned_exactly(path):
    assert len(pins(path)) > 10


def test_the_dev_set_holds_the_site_set_at_the_same_versions():
    site, dev = pins(SITE), pins(DEV)
    assert {name: (version, dev.get(name)) for name, version in site.items() if dev.get(name) != version} == {}


@pytest.mark.parametrize("txt", [SITE, DEV], ids=lambda p: p.name)
def test_the_pinned_set_was_generated_from_its_in_file(txt):
    """A version changed in a .in file and not regenerated (`make requirements`) fails here."""
    declared = pins(txt.with_suffix(".in"))
    if txt == DEV:
        declared |= pins(SITE.with_suffix(".in"))  # requirements-dev.in reads requirements.in (-r)
    pinned = pins(txt)
    assert {name: (version, pinned.get(name)) for name, version in declared.items() if pinned.get(name) != version} == {}
    assert "make requirements" in txt.read_text(encoding="utf-8").split("\n", 3)[1]


def pulled_by(path) -> dict[str, set[str]]:
    """Package -> what pulls it in, from the `# via` annotations of a generated file."""
    via, current = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := PIN.fullmatch(line.strip()):
            current = canonical(match.group(1))
            via[current] = set()
        elif current and line.strip() != "# via" and (match := re.fullmatch(r"#\s+(?:via\s+)?(-r \S+|-c \S+|[A-Za-z0-9_.-]+)", line.strip())):
            via[current].add(match.group(1) if match.group(1).startswith("-") else canonical(match.group(1)))
    return via


def test_the_site_set_holds_no_test_or_contributor_tool():
    """What requirements-dev.in adds (pytest, Playwright, pre-commit, zizmor...) stays out of `make serve`,
    unless a package of the site needs it too (filelock: mkdocs-rss-plugin's cache)."""
    tools = set(pins(DEV.with_suffix(".in"))) - set(pins(SITE.with_suffix(".in")))
    assert {"pytest", "playwright", "pre-commit", "zizmor"} <= tools
    via = pulled_by(SITE)
    assert {tool: via[tool] for tool in tools & set(via) if not via[tool] - {"-r requirements.in"}} == {}
    assert {tool for tool in tools if tool in via} <= {"filelock"}


def test_the_installer_is_pinned_in_the_site_set():
    assert "uv" in pins(SITE)


# ------------------------------------------------------------ what each target installs
def dry_run(target: str) -> str:
    """The commands `make TARGET` would run in a new checkout (nothing installed yet), without running them."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed: apt-get install make")
    proc = subprocess.run(
        ["make", "--no-print-directory", "-n", "VENV=/nonexistent/venv", target],
        cwd=REPO, capture_output=True, text=True, check=True,
    )
    return proc.stdout


def installed_sets(recipe: str) -> list[str]:
    return re.findall(r"\bpip install\b.*?-r (requirements(?:-dev)?\.txt)", recipe)


@pytest.mark.parametrize("target", ["serve", "serve-full", "build", "check", "bench"])
def test_building_and_previewing_install_only_the_site_set(target):
    recipe = dry_run(target)
    assert installed_sets(recipe) == ["requirements.txt"], recipe
    # uv comes from PyPI through pip, at the version requirements.txt pins
    assert re.search(r"pip install .*\$\(grep -E '\^uv==' requirements\.txt\)", recipe), recipe


@pytest.mark.parametrize("target", ["test", "test-fast", "hooks", "check-ci"])
def test_tests_and_contributor_tools_install_the_dev_set(target):
    assert installed_sets(dry_run(target)) == ["requirements.txt", "requirements-dev.txt"]
