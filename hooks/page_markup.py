"""MkDocs hook: markup a reader's browser relies on, added to rendered pages.

- every local picture of a page gets its width and height (geotrek_portal.images):
  no layout shift when it arrives;
- the navs Material leaves unnamed (its blog post sidebar's sections, the
  sections of the main navigation that have an index page) get unique labels
  (geotrek_portal.landmarks), on pages and on the 404 page: that markup is in
  Material's blog-post.html and nav-item.html, which only full copies of the
  templates could change.

tests/build/test_performance.py fails if either stops applying.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from geotrek_portal.images import size_images
from geotrek_portal.landmarks import label_landmarks

_sources: dict[str, Path] = {}  # site URL path of a picture -> its file, for the language being built


def on_files(files: Files, config: MkDocsConfig) -> Files:
    _sources.clear()
    for file in files.media_files():
        if file.abs_src_path:
            _sources[file.url] = Path(file.abs_src_path)
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    def locate(src: str) -> Path | None:
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or not parts.path:
            return None  # another host, or data: URIs
        url = posixpath.normpath(posixpath.join(posixpath.dirname("/" + page.url), unquote(parts.path)))
        return _sources.get(url.lstrip("/"))

    return size_images(html, locate)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return label_landmarks(output)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page is a theme template, not a page: on_post_page never sees it."""
    return label_landmarks(output) if template_name.endswith(".html") else output
