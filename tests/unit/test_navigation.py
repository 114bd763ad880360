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


def test_a_generated_section_takes_the_place_of_the_first_entry_holding_its_pages():
    from geotrek_portal.navigation import gather_section

    events = Section("Events")
    index, meeting = Item("Events", events), Item("Meeting", events)
    events.children = [index, meeting]
    home, news, contact = Item("Home"), Section("News"), Item("Contact")
    # the nav entry of the index, then the section MkDocs made of the events folder
    items, position = gather_section([home, index, news, events, contact], [index, meeting])
    assert items == [home, news, contact] and position == 1
    nested = Section("Outer", children=[Section("Inner", children=[meeting])])
    assert gather_section([home, nested], [meeting]) == ([home], 1)


def test_a_generated_section_without_entry_goes_last():
    from geotrek_portal.navigation import gather_section

    home, contact = Item("Home"), Item("Contact")
    assert gather_section([home, contact], [Item("Events")]) == ([home, contact], 2)


def test_the_pages_of_a_section_follow_each_other_where_the_first_was():
    from geotrek_portal.navigation import pages_together

    home, index, news, meeting, contact, old = (Item(n) for n in ("home", "index", "news", "meeting", "contact", "old"))
    assert pages_together([home, index, news, meeting, contact], [index, old, meeting]) == [
        home, index, old, meeting, news, contact
    ]
    assert pages_together([home, contact], [index, meeting]) == [home, contact, index, meeting]
