"""Run the project's Makefile in a test project, with the test's own virtualenv."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def make_command(project: Path, *args: str, env_lang: str = "C.UTF-8", unset: tuple[str, ...] = ()):
    """(command, environment) of `make` in `project` with this test's virtualenv (nothing is installed);
    `unset`: variables to remove."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed: apt-get install make")
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt", "pyproject.toml"):
        shutil.copy2(REPO / name, project / name)
    stamp, dev_stamp = project / ".stamp", project / ".stamp-dev"
    stamp.touch()
    dev_stamp.touch()
    env = {**os.environ, "LANG": env_lang}
    for name in ("TITLE", "REF", "DATE", "EVENT", "MAKEFLAGS", "MFLAGS", *unset):
        env.pop(name, None)
    return ["make", "-s", f"VENV={sys.prefix}", f"STAMP={stamp}", f"DEV_STAMP={dev_stamp}", *args], env


def make(project: Path, *args: str, env_lang: str = "C.UTF-8", unset: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """`make` in `project` with this test's virtualenv (nothing is installed); `unset`: variables to remove."""
    cmd, env = make_command(project, *args, env_lang=env_lang, unset=unset)
    return subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, check=False)
