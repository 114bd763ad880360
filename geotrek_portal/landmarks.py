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
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

POST_SIDEBAR = "md-sidebar--post"
SECTION_NAVS = ".md-sidebar--post .md-post__meta > .md-nav__item--section"
INDEXED_SECTION = "md-nav__container"  # the link + toggle of a section with an index page


def label_landmarks(html: str) -> str:
    """Name the navs of `html` that Material leaves unnamed (see the module docstring).

    Pages with neither kind of nav are returned unchanged (same object), unparsed.
    """
    if POST_SIDEBAR not in html and INDEXED_SECTION not in html:
        return html
    tree = LexborHTMLParser(html)
    changed = _label_post_sidebar(tree) | _label_indexed_sections(tree)
    return tree.html if changed else html


def _label_post_sidebar(tree: LexborHTMLParser) -> bool:
    changed = False
    for section in tree.css(SECTION_NAVS):
        title, nav = section.css_first(".md-post__title"), section.css_first("nav")
        if title is None or nav is None or nav.attributes.get("aria-label"):
            continue
        changed |= _name(nav, title.text())
    return changed


def _label_indexed_sections(tree: LexborHTMLParser) -> bool:
    changed = False
    for container in tree.css(f".{INDEXED_SECTION}"):
        link, toggle = container.css_first("a"), container.css_first("label[id]")
        if link is None or toggle is None or toggle.text(strip=True):
            continue  # the toggle names its nav already
        nav = tree.css_first(f'nav[aria-labelledby="{toggle.attributes["id"]}"]')
        if nav is not None and not nav.attributes.get("aria-label") and _name(nav, link.text()):
            del nav.attrs["aria-labelledby"]  # it would win over aria-label, with an empty name
            changed = True
    return changed


def _name(nav, text: str) -> bool:
    label = " ".join(text.split())
    if label:
        nav.attrs["aria-label"] = label
    return bool(label)
