"""`make serve` is never stale: after an edit, every page showing what changed is right.

One real `make serve` (ProperDocs `serve --dirty`, three languages) on a copy of
the site, on an ephemeral port; each edit is followed by polling the pages
over HTTP until they show it (a deadline, never a fixed sleep, decides).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from bench.setup_time import free_port
from tests.conftest import POSTS, make_project, post_text
from tests.make import make, make_command

DEADLINE = 180  # seconds for one edit to show, on a loaded machine
EVENT = "rencontres-2019"
POSTS_OF_TEST = {
    "2024-05-02-atelier.md": post_text("Atelier Geotrek-admin", "2024-05-02", "fr", "atelier", event=EVENT),
    "2024-05-10-bienvenue.md": post_text("Bienvenue aux nouveaux membres", "2024-05-10", "fr", "bienvenue"),
    "2024-05-11-version.md": post_text("Une nouvelle version", "2024-05-11", "fr", "version"),
    "2024-05-12-webinaire.md": post_text("Webinaire de printemps", "2024-05-12", "fr", "webinaire"),
}
FR_POST = "blog/2024/05/02/atelier/"
EN_POST = "en/blog/2024/05/02/atelier/"


class Preview:
    def __init__(self, project: Path) -> None:
        self.project = project
        self.address = f"127.0.0.1:{free_port()}"
        self.url = f"http://{self.address}/"
        cmd, env = make_command(project, "serve", f"DEV_ADDR={self.address}")
        self.log = open(project / "serve.log", "w+", encoding="utf-8")
        self.proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def output(self) -> str:
        self.log.flush()
        return (self.project / "serve.log").read_text(encoding="utf-8")[-4000:]

    def get(self, path: str) -> str | None:
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return response.read().decode("utf-8")
        except OSError:
            return None

    def status(self, path: str) -> int | None:
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as e:
            return e.code
        except OSError:
            return None

    def wait_until(self, check, what: str) -> None:
        deadline = time.monotonic() + DEADLINE
        while not check():
            assert time.monotonic() < deadline, f"never {what} in {DEADLINE} s; server said:\n{self.output()}"
            assert self.proc.poll() is None, f"make serve stopped:\n{self.output()}"
            time.sleep(0.2)

    def wait_for_reload(self) -> None:
        """Wait for the next browser reload, or 30 s if it came already (a bound, not a result)."""
        with urllib.request.urlopen(self.url + "livereload/0/0", timeout=30) as response:
            epoch = int(response.read())
        try:
            with urllib.request.urlopen(f"{self.url}livereload/{epoch}/0", timeout=30) as response:
                response.read()
        except OSError:
            pass

    def wait_for(self, path: str, check, what: str) -> str:
        """The page at `path` once `check(text)` is true; fails after DEADLINE seconds."""
        deadline = time.monotonic() + DEADLINE
        text = None
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"make serve stopped:\n{self.output()}"
            text = self.get(path)
            if text is not None and check(text):
                return text
            time.sleep(0.2)
        raise AssertionError(f"/{path} never showed {what} in {DEADLINE} s; server said:\n{self.output()}")

    def stop(self) -> None:
        os.killpg(self.proc.pid, signal.SIGINT)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.log.close()


def links(page_url: str, html: str, selector: str) -> dict[str, str]:
    """hreflang -> path of the links matching `selector`."""
    return {
        node.attributes.get("hreflang"): urlsplit(urljoin(page_url, node.attributes.get("href"))).path
        for node in HTMLParser(html).css(selector)
    }


def sitemap_alternates(xml: str, path: str) -> dict[str, str]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    for entry in ElementTree.fromstring(xml).findall("s:url", ns):
        if urlsplit(entry.findtext("s:loc", namespaces=ns)).path == "/" + path:
            return {link.get("hreflang"): urlsplit(link.get("href")).path for link in entry.findall("x:link", ns)}
    return {}


def test_every_page_showing_an_edit_is_right_at_the_next_reload(tmp_path):
    project = make_project(tmp_path, POSTS_OF_TEST)
    posts = project / POSTS
    preview = Preview(project)
    try:
        fr_page = preview.wait_for(FR_POST, lambda text: "Atelier Geotrek-admin" in text, "the post")
        fr_url = preview.url + FR_POST

        # a body edit rebuilds the post and the lists showing it, nothing else
        site = Path(re.search(r"documentation to directory: (\S+)", preview.output()).group(1))
        pages = {path: path.stat().st_mtime_ns for path in site.rglob("*.html")}
        atelier = posts / "2024-05-02-atelier.md"
        atelier.write_text(atelier.read_text(encoding="utf-8") + "\nUn paragraphe ajouté.\n", encoding="utf-8")
        preview.wait_for(FR_POST, lambda text: "Un paragraphe ajouté" in text, "the edit")
        preview.wait_for_reload()  # the rest of the rebuild
        rewritten = {path.relative_to(site).as_posix() for path, mtime in pages.items() if path.stat().st_mtime_ns != mtime}
        assert "blog/2024/05/02/atelier/index.html" in rewritten
        assert rewritten - {"404.html"} <= {
            "blog/2024/05/02/atelier/index.html", "blog/index.html", "blog/archive/2024/index.html"
        }, f"{len(rewritten)} of {len(pages)} pages rewritten: {sorted(rewritten)}"
        assert links(fr_url, fr_page, "[data-portal=translations] a") == {}
        assert links(fr_url, fr_page, "a.md-select__link")["en"] == "/en/blog/"  # no translation yet

        # a new English translation: the French page names it everywhere
        (posts / "2024-05-02-atelier-en.md").write_text(
            post_text("Geotrek-admin workshop", "2024-05-02", "en", "atelier", event=EVENT), encoding="utf-8"
        )
        preview.wait_for(EN_POST, lambda text: "Geotrek-admin workshop" in text, "the new translation")
        fr_page = preview.wait_for(
            FR_POST, lambda text: "/" + EN_POST in links(fr_url, text, "[data-portal=translations] a").values(),
            '"Also in: English"',
        )
        assert links(fr_url, fr_page, "a.md-select__link")["en"] == "/" + EN_POST  # the language switcher
        sitemap = preview.wait_for("sitemap.xml", lambda text: "en" in sitemap_alternates(text, FR_POST), "hreflang")
        assert sitemap_alternates(sitemap, FR_POST)["en"] == "/" + EN_POST

        # a changed event file: the event box of the posts about it, in every language
        event_file = project / "data/events" / f"{EVENT}.yml"
        event_file.write_text(event_file.read_text(encoding="utf-8").replace("place: Nîmes", "place: Nîmes, Carré d'Art"), encoding="utf-8")
        for path in (FR_POST, EN_POST):
            preview.wait_for(
                path, lambda text: "Carré d'Art" in _text(text, "[data-portal=event-box]"), "the event's new place"
            )

        # the translator records the version translated, then the original is corrected: the
        # English page says it may be out of date, the English Help translate page lists it
        done = make(project, "translations", f"DONE={Path(POSTS) / '2024-05-02-atelier-en.md'}")
        assert done.returncode == 0, done.stdout + done.stderr
        outdated = "[data-portal=translate-outdated] [data-ref=atelier]"
        en_help = preview.wait_for("en/traduire/", lambda text: not _nodes(text, "[data-ref=atelier]"),
                                   "the translation no longer listed as missing")
        assert not _nodes(en_help, outdated)
        atelier.write_text(atelier.read_text(encoding="utf-8") + "\nUne précision du lendemain.\n", encoding="utf-8")
        preview.wait_for(EN_POST, lambda text: _nodes(text, "[data-portal=translation-notice]"), "the outdated notice")
        preview.wait_for("en/traduire/", lambda text: _nodes(text, outdated), "the translation listed to update")

        # a changed title: the blog index lists it
        version = posts / "2024-05-11-version.md"
        version.write_text(version.read_text(encoding="utf-8").replace("Une nouvelle version", "Geotrek 2.110 est sorti"), encoding="utf-8")
        preview.wait_for("blog/", lambda text: "Geotrek 2.110 est sorti" in text and "Une nouvelle version" not in text, "the new title")

        # a removed post: gone from the home page's latest news, the next one takes its place
        home = preview.wait_for("", lambda text: "Webinaire de printemps" in text, "the latest news")
        assert "Atelier Geotrek-admin" not in home  # fourth newest: not on the home page yet
        (posts / "2024-05-12-webinaire.md").unlink()
        preview.wait_for(
            "", lambda text: "Webinaire de printemps" not in text and "Atelier Geotrek-admin" in text, "the post removed"
        )
        preview.wait_for("blog/", lambda text: "Webinaire de printemps" not in text, "the post removed from the news")
        preview.wait_until(lambda: preview.status("blog/2024/05/12/webinaire/") == 404, "its page gone (404)")
    finally:
        preview.stop()


def _nodes(html: str, selector: str) -> list:
    return HTMLParser(html).css(selector)


def _text(html: str, selector: str) -> str:
    return " ".join(node.text() for node in HTMLParser(html).css(selector))
