"""Unique landmark labels (axe's landmark-unique) where Material's templates repeat them.

Material's templates leave some ``<nav>`` landmarks without a usable name, so a
screen reader lists several "navigation" landmarks that cannot be told apart:

- its blog post sidebar (blog-post.html) nests one ``<nav class="md-nav">``
  per section (metadata, references) in an outer ``md-nav--primary``, none
  of them labelled: each is named after the section's visible title;
- with ``navigation.indexes``, a section of the main navigation whose title
  is a link to its index page (News, Events) nests a ``<nav>`` labelled by
  the section's toggle, a ``<label>`` holding only an icon (nav-item.html):
  each is named after the section's link instead.

Only those ``<nav>`` start tags change; the rest of the page is left as
Material wrote it. Each nav is found as the element right after its title
(or section link), by reading that stretch of Material's markup only:
parsing and serialising whole pages cost about 5% of a build.
tests/build/test_performance.py fails if Material's markup stops matching.
"""

from __future__ import annotations

import html as html_escaping
import re
from collections.abc import Iterator

POST_SIDEBAR = "md-sidebar--post"
POST_SECTION_TITLE = "md-post__title"  # a section's title in the post sidebar, right before its nav
INDEXED_SECTION = "md-nav__container"  # the link + toggle of a section with an index page
CONTENT = 'class="md-content"'  # the post sidebar ends where the content begins

_TAG = re.compile(r"<[^>]*>")
_START_TAG = re.compile(r"<(?P<name>[a-zA-Z][^\s/>]*)(?:\s[^>]*)?>")
_CLOSED_BY = re.compile(r"</(?P<name>[a-zA-Z][^\s>]*)\s*>\s*\Z")  # the element's end tag, then only spaces
_NAV_TAG = re.compile(r"<nav\b[^>]*>", re.I)
_LINK = re.compile(r"<a\b[^>]*>(?P<content>.*?)</a\s*>", re.I | re.S)
_TOGGLE = re.compile(r"<label\b(?P<attributes>[^>]*)>(?P<content>.*?)</label\s*>", re.I | re.S)
_LABELLEDBY = re.compile(r"""\s+aria-labelledby\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.I)


def label_landmarks(html: str) -> str:
    """Name the navs of `html` that Material leaves unnamed (see the module docstring).

    Pages with neither kind of nav are returned unchanged (same object).
    """
    if POST_SIDEBAR not in html and INDEXED_SECTION not in html:
        return html
    edits = sorted([*_post_sidebar_navs(html), *_indexed_section_navs(html)])  # distinct navs: no overlap
    if not edits:
        return html
    pieces, done = [], 0
    for start, end, tag in edits:
        pieces += [html[done:start], tag]
        done = end
    return "".join(pieces) + html[done:]


def _post_sidebar_navs(html: str) -> Iterator[tuple[int, int, str]]:
    sidebar = html.find(POST_SIDEBAR)
    if sidebar < 0:
        return
    end = html.find(CONTENT, sidebar)
    for title_at in _class_occurrences(html, POST_SECTION_TITLE, sidebar, end if end >= 0 else len(html)):
        found = _element_then_nav(html, title_at)
        if found is not None:
            title, nav = found
            yield from _named(nav, _text(title))


def _indexed_section_navs(html: str) -> Iterator[tuple[int, int, str]]:
    for container_at in _class_occurrences(html, INDEXED_SECTION, 0, len(html)):
        found = _element_then_nav(html, container_at)
        if found is None:
            continue
        container, nav = found
        link, toggle = _LINK.search(container), _TOGGLE.search(container)
        if link is None or toggle is None or _text(toggle.group("content")):
            continue  # the post sidebar's back link, or a toggle that names its nav already
        if _attribute(nav.group(), "aria-labelledby") != _attribute(toggle.group("attributes"), "id"):
            continue
        # aria-labelledby would win over aria-label, with an empty name: it goes
        yield from _named(nav, _text(link.group("content")), drop_labelledby=True)


def _class_occurrences(html: str, name: str, start: int, end: int) -> Iterator[int]:
    """Where the start tags of the elements whose class list holds `name` begin, in html[start:end]."""
    at = html.find(name, start, end)
    while at >= 0:
        tag_at = html.rfind("<", 0, at)
        tag = _START_TAG.match(html, tag_at) if tag_at >= 0 else None
        if tag is not None and tag.end() > at and name in (_attribute(tag.group(), "class") or "").split():
            yield tag_at
        at = html.find(name, at + len(name), end)


def _element_then_nav(html: str, element_at: int) -> tuple[str, re.Match] | None:
    """(the markup of the element starting at `element_at`, the <nav> start tag right after it), or None."""
    nav = _NAV_TAG.search(html, element_at)
    if nav is None:
        return None
    element = html[element_at:nav.start()]
    name, closing = _START_TAG.match(element).group("name"), _CLOSED_BY.search(element)
    if closing is None or closing.group("name").lower() != name.lower():
        return None  # something else sits between them: not the markup this module knows
    return element, nav


def _named(nav: re.Match, label: str, *, drop_labelledby: bool = False) -> Iterator[tuple[int, int, str]]:
    tag = nav.group()
    if drop_labelledby:
        tag = _LABELLEDBY.sub("", tag)
    if label and _attribute(tag, "aria-label") is None:
        yield nav.start(), nav.end(), f'{tag[:-1].rstrip()} aria-label="{html_escaping.escape(label)}">'


def _attribute(tag: str, name: str) -> str | None:
    found = re.search(rf"""\s{name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", tag, re.I)
    return html_escaping.unescape("".join(found.groups(""))) if found else None


def _text(markup: str) -> str:
    """The text of `markup` as the browser's textContent reads it, with its spaces collapsed."""
    return " ".join(html_escaping.unescape(_TAG.sub("", markup)).split())
