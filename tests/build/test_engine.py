"""The site runs on ProperDocs: `make build`/`make serve` use it, and `mkdocs build`/`mkdocs serve`
typed out of habit run it too, with live reload; none of them prints a MkDocs 2 banner."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import BANNER_SWITCHES, ENV, banners, make_project, post_text
from tests.make import make_command

pytestmark = pytest.mark.build

BIN = Path(sys.prefix) / "bin"
POST = {"2024-05-02-atelier.md": post_text("Atelier", "2024-05-02", "fr", "atelier")}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# `properdocs build`: tests/build/test_make_build.py (`make build` runs .venv/bin/properdocs build --strict)
@pytest.mark.parametrize("command", ["mkdocs"])
def test_build_command_builds_every_language_without_banner(tmp_path, command):
    project = make_project(tmp_path, POST)
    proc = subprocess.run(
        [str(BIN / command), "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout
    assert banners(proc.stdout) == []
    for prefix in ("", "en/", "es/"):
        assert (tmp_path / "site" / prefix / "index.html").is_file(), prefix
    assert (tmp_path / "site" / "blog/2024/05/02/atelier/index.html").is_file()


def test_the_mkdocs_command_is_properdocs():
    """MkDocs 1.6.1 stays installed (the plugins declare it) but its command is ProperDocs'."""
    version = subprocess.run([str(BIN / "mkdocs"), "--version"], env=ENV, capture_output=True, text=True, check=True)
    assert "/properdocs (" in version.stdout, version.stdout


def test_banner_texts_still_match_what_mkdocs_prints(tmp_path):
    """The texts `banners` looks for are the ones MkDocs 1.6.1 itself (still installed) makes them print."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# x\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ntheme: material\nplugins: [redirects]\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")],
        cwd=tmp_path, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout
    assert len(banners(proc.stdout)) >= 2, proc.stdout  # Material's and mkdocs-redirects'


def test_site_build_prints_no_banner(site_build):
    assert banners(site_build.output) == []


def _serve(cmd: list[str], env: dict[str, str], cwd: Path, url: str) -> tuple[str, str]:
    """Start a preview server, fetch `url` once it answers, stop it: (page, server output)."""
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 240
        while True:
            assert proc.poll() is None, proc.stdout.read()
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    page = response.read().decode("utf-8")
                break
            except OSError:
                assert time.monotonic() < deadline, f"{cmd} did not serve {url} in 240 s"
                time.sleep(0.5)
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            output, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            output, _ = proc.communicate()
    return page, output


@pytest.mark.parametrize("command", ["properdocs", "mkdocs", "make"])
def test_serve_previews_the_site_with_live_reload_and_no_banner(tmp_path, command):
    project = make_project(tmp_path, POST)
    port = free_port()
    address = f"127.0.0.1:{port}"
    if command == "make":
        cmd, env = make_command(project, "serve", f"DEV_ADDR={address}", "ONLY=fr", unset=BANNER_SWITCHES)
    else:
        cmd = [str(BIN / command), "serve", "--dev-addr", address]
        env = {**ENV, "PORTAL_ONLY_LANGUAGE": "fr"}  # one language: a third of the work
    page, output = _serve(cmd, env, project, f"http://{address}/blog/2024/05/02/atelier/")
    assert "<h1" in page and "Atelier" in page
    assert "livereload(" in page  # the page reloads itself after an edit
    assert f"Serving on http://{address}/" in output
    assert banners(output) == []
