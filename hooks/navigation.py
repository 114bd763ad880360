"""MkDocs hook: previous/next links stay within a section (geotrek_portal.navigation).

``on_nav`` links the pages of the navigation to their neighbours in their own
section, once the other hooks and plugins have ordered it (events, blog,
static-i18n). Pages outside the navigation get their links from Material's
blog (posts among posts, pages of a paginated list): ``on_page_context``
drops any of those that would leave the page's section.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from geotrek_portal.navigation import neighbours_within_sections, same_section


@event_priority(-120)  # after static-i18n (-100), blog_i18n and events (-110)
def on_nav(nav, config, files):
    for page, before, after in neighbours_within_sections(nav.pages):
        page.previous_page, page.next_page = before, after
    return nav


@event_priority(100)  # before any template reads them
def on_page_context(context, page, config, nav):
    if not same_section(page, page.previous_page):
        page.previous_page = None
    if not same_section(page, page.next_page):
        page.next_page = None
    return context
