"""The build's cache (.cache/geotrek/) survives two builds at once and its removal during `mkdocs serve`."""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.request

from bench.setup_time import free_port
from tests.conftest import ENV, PROPERDOCS, make_project, post_text, run_mkdocs_build

POST = "2020-01-01-cache.md"
URL = "blog/2020/01/01/cache/"


OTHER = "2020-02-02-other.md"
OTHER_URL = "blog/2020/02/02/other/"


def _project(tmp_path):
    return make_project(
        tmp_path,
        {
            POST: post_text("Cache", "2020-01-01", "fr", "cache", "First version.\n\nMore."),
            OTHER: post_text("Other", "2020-02-02", "fr", "other", "Other first version.\n\nMore."),
        },
    )


def test_two_builds_at_once_share_the_cache(tmp_path):
    project = _project(tmp_path)
    cmd = [*PROPERDOCS, "build", "--strict", "--site-dir"]
    builds = [
        subprocess.Popen([*cmd, str(tmp_path / name)], cwd=project, env=ENV, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
        for name in ("one", "two")
    ]
    outputs = [build.communicate(timeout=600)[0] for build in builds]
    assert [build.returncode for build in builds] == [0, 0], outputs
    pages = [(tmp_path / name / URL / "index.html").read_text(encoding="utf-8") for name in ("one", "two")]
    assert "First version." in pages[0] and pages[0] == pages[1]
    cache = project / ".cache/geotrek/posts/blog/posts"
    assert sorted(p.name for p in cache.iterdir()) == [POST, OTHER]  # no temporary file left



def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, text: str, server: subprocess.Popen, seconds: float = 180) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, f"mkdocs serve stopped: see {server.args}"
        page = _get(url)
        if page is not None and text in page:
            return page
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {text!r}")


def test_a_cache_removed_while_serving_is_rebuilt(tmp_path):
    project = _project(tmp_path)
    assert run_mkdocs_build(project, tmp_path / "site").returncode == 0
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [*PROPERDOCS, "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=ENV, stdout=log, stderr=subprocess.STDOUT, text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/{URL}"
        _wait_for(url, "First version.", server)
        shutil.rmtree(project / ".cache")
        # an edit of another post: the unchanged post's normalized copy must come back too
        other = project / "docs/blog/posts" / OTHER
        other.write_text(other.read_text(encoding="utf-8").replace("Other first", "Other second"), encoding="utf-8")
        _wait_for(f"http://127.0.0.1:{port}/{OTHER_URL}", "Other second version.", server)
        assert (project / ".cache/geotrek/posts/blog/posts" / POST).is_file()
        post = project / "docs/blog/posts" / POST
        post.write_text(post.read_text(encoding="utf-8").replace("First version.", "Second version."), encoding="utf-8")
        _wait_for(url, "Second version.", server)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
