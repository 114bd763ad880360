"""FETCH=1: pictures that posts show from other sites are kept with the site; failures are reported.

The other site is a local HTTP server (127.0.0.1, an ephemeral port) with
pictures, a 404 and an HTML page where a picture is expected.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from geotrek_portal import frontmatter
from geotrek_portal.jekyll import external_picture_path
from geotrek_portal.jekyll_import import fetch_picture, picture_suffix, run_import
from tests.conftest import make_project
from tests.jekyll_site import HOTLINKED, PictureServer, make_jekyll_site, picture_server, png

POST = "2017-04-10-destination-normandie-maine.md"


def digest(*roots: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for r in roots for p in sorted(r.rglob("*")) if p.is_file()}


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


@pytest.fixture
def server():
    with picture_server() as running:
        yield running


@pytest.fixture
def project(tmp_path, server):
    return make_jekyll_site(tmp_path, picture_site=server.url), make_project(tmp_path)


def post(project: Path) -> frontmatter.Document:
    return frontmatter.parse((project / "docs/blog/posts" / POST).read_text(encoding="utf-8"))


def test_without_fetch_nothing_is_downloaded_and_the_report_lists_every_picture(project, server):
    source, portal = project
    outcome = run_import(source, portal)
    assert server.requests == []  # no network without FETCH=1
    body = post(portal).body
    assert f"![Le portail]({server.url}/upload/actualite/photo_253.png)" in body  # still shown from there
    assert "image" not in post(portal).meta  # the build refuses a teaser on another site
    text = (source / HOTLINKED).read_text(encoding="utf-8")
    human = outcome.report.split("## 1. Needs a human", 1)[1].split("## 2.", 1)[0]
    for url in ("upload/actualite/photo_253.png", "assets/4418840/f27556d1-5146", "upload/disparue.jpg"):
        assert f"- [ ] `{HOTLINKED}:{line_of(text, url)}`: {server.url}/{url}: shown from another site" in human.replace("\\_", "_")
    assert f"{server.url}/upload/teaser.png is on another site; dropped (import with FETCH=1" in outcome.report
    assert sorted(outcome.plan.remote_pictures) == sorted(
        f"{server.url}{path}"
        for path in ("/upload/teaser.png", "/upload/actualite/photo_253.png", "/assets/4418840/f27556d1-5146", "/upload/disparue.jpg", "/upload/erreur.gif")
    )


def test_fetch_keeps_the_pictures_and_reports_each_failure(project, server):
    source, portal = project
    outcome = run_import(source, portal, fetch=True, timeout=5)
    docs = portal / "docs"
    kept = {url: dest for url, dest in outcome.plan.fetched_pictures.items()}
    assert sorted(kept) == sorted(
        f"{server.url}{path}" for path in ("/upload/teaser.png", "/upload/actualite/photo_253.png", "/assets/4418840/f27556d1-5146")
    )
    for url, dest in kept.items():
        assert dest.startswith("assets/img/external/127-0-0-1/")
        assert (docs / dest).read_bytes() == PictureServer.ROUTES[url[len(server.url) :]][2]
    no_suffix = kept[f"{server.url}/assets/4418840/f27556d1-5146"]
    assert no_suffix.endswith(".png")  # the content said PNG
    document = post(portal)
    assert document.meta["image"] == kept[f"{server.url}/upload/teaser.png"]
    photo = kept[f"{server.url}/upload/actualite/photo_253.png"]
    assert f"![Le portail](../../{photo})" in document.body  # a Markdown link MkDocs checks
    assert f'<img src="/{no_suffix}" alt="Le widget">' in document.body  # raw HTML: from the site root
    # failures: never dropped, reported with the post, its line and the reason
    assert f"![Une photo disparue]({server.url}/upload/disparue.jpg)" in document.body
    assert f"![Une page d'erreur]({server.url}/upload/erreur.gif)" in document.body
    text = (source / HOTLINKED).read_text(encoding="utf-8")
    failures = {n.detail: n.place for n in outcome.problems if n.kind == "picture-unfetched"}
    assert failures == {
        f"{server.url}/upload/disparue.jpg: the site answers HTTP 404 (Not Found)": f"{HOTLINKED}:{line_of(text, 'disparue')}",
        f"{server.url}/upload/erreur.gif: the answer is not a picture (text/html, 32 bytes)": f"{HOTLINKED}:{line_of(text, 'erreur')}",
    }
    assert "Picture from another site could not be downloaded" in outcome.report
    assert "shown from another site; import with FETCH=1" not in outcome.report  # said once, as a failure


def test_a_second_run_with_or_without_fetch_changes_nothing(project, server):
    source, portal = project
    run_import(source, portal, fetch=True, timeout=5)
    before = digest(portal / "docs", portal / "data")
    requests = len(server.requests)
    outcome = run_import(source, portal)  # the copies are found on disk: no network, same posts
    assert len(server.requests) == requests
    assert {p.status for p in outcome.plan.posts} == {"unchanged"}
    assert digest(portal / "docs", portal / "data") == before
    run_import(source, portal, fetch=True, timeout=5)
    assert digest(portal / "docs", portal / "data") == before


def test_fetch_picture_reasons(server):
    assert fetch_picture(f"{server.url}/upload/teaser.png", timeout=5) == (png(41), ".png")
    assert fetch_picture(f"{server.url}/nothing.png", timeout=5) == "the site answers HTTP 404 (Not Found)"
    closed = fetch_picture("http://127.0.0.1:9/x.png", timeout=2)
    assert isinstance(closed, str) and closed.startswith("cannot be reached")


def test_picture_types_come_from_the_content():
    assert picture_suffix(png(1)) == ".png"
    assert picture_suffix(b"\xff\xd8\xff\xe0rest") == ".jpg"
    assert picture_suffix(b"GIF89a...") == ".gif"
    assert picture_suffix(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == ".webp"
    assert picture_suffix(b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>') == ".svg"
    assert picture_suffix(b"<!DOCTYPE html><html>") is None


def test_copies_have_stable_distinct_names():
    a = external_picture_path("http://www.parc-naturel-normandie-maine.fr/upload/actualite/reduites/photo_253.gif")
    assert a == (f"assets/img/external/www-parc-naturel-normandie-maine-fr/photo-253-{a[0][-8:]}", ".gif")
    assert external_picture_path("https://e.org/a/photo.gif")[0] != external_picture_path("https://e.org/b/photo.gif")[0]
    assert external_picture_path("https://github.com/o/r/assets/1/f2-77")[1] == ""
