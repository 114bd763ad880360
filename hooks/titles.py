"""MkDocs hook: a title written in front matter is text, shown as written everywhere.

MkDocs and Material treat ``page.title`` as HTML: templates print it raw (the
``<h1>``, the header topic, the previous/next footer, the navigation), the
blog plugin writes it as Markdown (``# {title}``) at the top of each excerpt,
and Material's search shows the index's titles as HTML. A title such as
``<b>Tom & "Jerry"</b>`` would then be bold, and a ``<script>`` would run.

So, once the feeds have taken the title as text (mkdocs-rss-plugin reads it
at ``on_page_content``, priority -75, and escapes it itself), every page's
front matter title becomes its HTML-escaped form, as a ``Markup``: printed
raw it shows the text, and templates that escape it (``| e``, ``striptags``)
do not escape it twice. Templates of our own escape the titles they take
from the posts and events data.
"""

from __future__ import annotations

from markupsafe import Markup
from mkdocs.plugins import event_priority


@event_priority(-90)  # after rss collected the text (-75); before any template, excerpt or search entry
def on_page_content(html, page, config, files):
    title = page.meta.get("title") if page.meta else None
    if isinstance(title, str):
        page.meta["title"] = Markup.escape(title)  # idempotent: a Markup is left as it is
    return html
