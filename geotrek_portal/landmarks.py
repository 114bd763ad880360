"""Unique landmark labels (axe's landmark-unique) where Material's templates repeat them.

Material's blog post sidebar (blog-post.html) nests one ``<nav class="md-nav">``
per section (metadata, references) in an outer ``<nav class="md-nav--primary">``,
none of them labelled: a screen reader lists several "navigation" landmarks
that cannot be told apart. Each section's nav is named after the section's
visible title, so the outer nav is the only unlabelled one left.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

POST_SIDEBAR = "md-sidebar--post"
SECTION_NAVS = ".md-sidebar--post .md-post__meta > .md-nav__item--section"


def label_post_sidebar(html: str) -> str:
    """Give each section nav of a post's sidebar its section title as aria-label.

    Pages without Material's post sidebar are returned unchanged (same object).
    """
    if POST_SIDEBAR not in html:
        return html
    tree = LexborHTMLParser(html)
    changed = False
    for section in tree.css(SECTION_NAVS):
        title, nav = section.css_first(".md-post__title"), section.css_first("nav")
        if title is None or nav is None or nav.attributes.get("aria-label"):
            continue
        label = " ".join(title.text().split())
        if label:
            nav.attrs["aria-label"] = label
            changed = True
    return tree.html if changed else html
