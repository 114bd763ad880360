"""Previous/next links within a section (geotrek_portal.navigation), on stand-ins for MkDocs' structure."""

from __future__ import annotations

from dataclasses import dataclass, field

from geotrek_portal.navigation import ROOT, neighbours_within_sections, same_section, section_of


@dataclass(eq=False)
class Item:
    name: str
    parent: "Item | None" = None
    children: list | None = None


@dataclass(eq=False)
class Section(Item):
    children: list = field(default_factory=list)


def tree():
    news, events = Section("News"), Section("Events")
    archive = Section("Archive", parent=news)
    home, contact = Item("Home"), Item("Contact")
    blog, year = Item("Blog", news), Item("2019", archive)
    index, meeting = Item("Events", events), Item("Meeting", events)
    return [home, blog, year, index, meeting, contact], news, events


def test_section_is_the_top_level_entry():
    (home, blog, year, index, meeting, contact), news, events = tree()
    assert section_of(home) == ROOT and section_of(contact) == ROOT
    assert section_of(year) is news and section_of(blog) is news
    assert section_of(meeting) is events


def test_neighbours_are_taken_within_each_section_in_order():
    pages, news, events = tree()
    home, blog, year, index, meeting, contact = pages
    links = {page.name: (b and b.name, a and a.name) for page, b, a in neighbours_within_sections(pages)}
    assert links == {
        "Home": (None, "Contact"),
        "Contact": ("Home", None),
        "Blog": (None, "2019"),
        "2019": ("Blog", None),
        "Events": (None, "Meeting"),  # never "Previous: Contact"
        "Meeting": ("Events", None),
    }


def test_a_paginated_list_reads_page_by_page_before_what_follows():
    news = Section("News")
    index, year = Item("News", news), Item("2019", news)
    page2 = Item("News, page 2", news)
    index.pages = [index, page2]  # Material's blog view and its further pages
    links = {p.name: (b and b.name, a and a.name) for p, b, a in neighbours_within_sections([index, year])}
    assert links == {"News": (None, "News, page 2"), "News, page 2": ("News", "2019"), "2019": ("News, page 2", None)}


def test_same_section():
    (home, blog, year, index, meeting, contact), _, _ = tree()
    post = Item("post", parent=blog)  # Material's blog hangs posts on the blog index
    assert same_section(post, year) and same_section(post, None)
    assert not same_section(index, contact)
