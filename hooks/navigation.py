"""MkDocs hook: navigation labels in the page's language; previous/next within a section.

``on_config`` gives each language build the labels that Material's blog
plugin and Markdown's toc take from the configuration, not from templates:
the archive's and categories' titles (with the portal's corrections of
Material's strings) and the title of each heading's permalink.

``on_nav`` links the pages of the navigation to their neighbours in their own
section, once the other hooks and plugins have ordered it (events, blog,
static-i18n). Pages outside the navigation get their links from Material's
blog (posts among posts, pages of a paginated list): ``on_page_context``
drops any of those that would leave the page's section.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

import compat
from build_context import shared
from geotrek_portal.messages import t, theme_text
from geotrek_portal.navigation import neighbours_within_sections, same_section

# blog plugin option -> Material's string for it
HOOK = "hooks/navigation.py"
BLOG_LABELS = {"archive_name": "blog.archive", "categories_name": "blog.categories"}


@event_priority(90)  # after blog_i18n chose the language (100), before the blog plugin reads them (0)
def on_config(config):
    lang = shared.lang
    # Material translates the key itself; a text that is not a key is used as it is
    compat.set_blog_labels(config, {option: theme_text(key, lang) or key for option, key in BLOG_LABELS.items()}, HOOK)
    toc = config.mdx_configs.setdefault("toc", {})
    toc["permalink_title"] = t("permalink", lang)
    return config


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
