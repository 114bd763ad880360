"""Previous/next links that stay within a section of the site.

The footer's previous/next links follow the navigation; across the whole
site they would lead from the events index back to "Contact". Instead a page
links to its neighbours within its section: the top-level navigation entry
(a tab) it belongs to; the pages at the top level (home, product, users...)
form one section of their own. Duck-typed on MkDocs' structure (``parent``,
``children``), so it imports nothing from MkDocs.
"""

from __future__ import annotations

from typing import Iterable, TypeVar

P = TypeVar("P")
ROOT = "root"  # the section of the pages at the top level of the navigation


def section_of(item) -> object:
    """The top-level navigation section `item` is in (ROOT for top-level pages)."""
    while getattr(item, "parent", None) is not None:
        item = item.parent
    return item if getattr(item, "children", None) is not None else ROOT


def reading_order(pages: Iterable[P]) -> list[P]:
    """The pages, each paginated list followed by its further pages (Material's blog views: ``pages``)."""
    ordered: list[P] = []
    for page in pages:
        more = getattr(page, "pages", None) or []
        ordered += [page, *(p for p in more if p is not page)]
    return ordered


def neighbours_within_sections(pages: Iterable[P]) -> list[tuple[P, P | None, P | None]]:
    """(page, previous, next) for every page, its neighbours taken among its section's pages, in order."""
    sections: dict[int, list[P]] = {}
    for page in reading_order(pages):
        sections.setdefault(id(section_of(page)), []).append(page)
    linked = []
    for members in sections.values():
        for before, page, after in zip([None, *members], members, [*members[1:], None]):
            linked.append((page, before, after))
    return linked


def same_section(page, other) -> bool:
    return other is None or section_of(page) is section_of(other)


def gather_section(items: list, mine: list) -> tuple[list, int]:
    """Where one section of `mine` (pages) goes among the top-level `items`.

    Returns `items` without the entries holding any of `mine` (the pages
    themselves, or sections containing them at any depth), and the position
    of the first such entry (the end when there is none): the section takes
    its place.
    """

    def holds(item) -> bool:
        children = getattr(item, "children", None)
        if children is not None:
            return any(child in mine or holds(child) for child in children)
        return item in mine

    position = next((i for i, item in enumerate(items) if holds(item)), len(items))
    return [item for item in items if not holds(item)], position


def pages_together(pages: list[P], mine: list[P]) -> list[P]:
    """`pages` with `mine`, in their order, where the first of them was (at the end when none was there)."""
    at = min((i for i, page in enumerate(pages) if page in mine), default=len(pages))
    rest = [page for page in pages if page not in mine]
    return rest[:at] + list(mine) + rest[at:]
