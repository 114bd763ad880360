"""MkDocs hook: feeds that feed readers can use as they are.

mkdocs-rss-plugin writes each language's RSS and JSON feeds (hooks/blog_i18n.py
points it at the language being built). This hook

- gives each item the post's excerpt as the site renders it, with absolute
  URLs (``on_page_content``, after the plugin collected the page);
- gives each item its teaser picture as an enclosure with its size and MIME
  type, read from ``docs/`` (the plugin looks next to the post and, for
  other sites' pictures, on the network);
- writes ``/feed.xml``, the old site's feed address, with the latest posts of
  every language (``on_post_build`` of the last language build).

What is computed is in ``geotrek_portal.feeds``; the plugin's private state is
touched only through ``compat.RssInternals`` (hooks/compat.py).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

import compat
from build_context import shared
from geotrek_portal import feeds
from geotrek_portal.urls import blog_dir

HOOK = "hooks/feeds.py"


class Feeds:
    def __init__(self) -> None:
        self.language_feeds: dict[str, Path] = {}  # lang -> its RSS feed, as built
        self.channels: dict[str, tuple[str, str]] = {}  # lang -> (title, description)

    @event_priority(-10)  # after rss (0) made its channels and helper, and after blog_i18n (100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.languages, self.lang = shared.languages, shared.lang
        self.rss = compat.RssInternals(config, HOOK)
        self.rss.start_language()
        # a feed's channel link is its language's blog, not the site root
        self.rss.link_channels_to(urljoin(config.site_url, blog_dir(self.languages, self.lang) + "/"))
        docs_dir = Path(config.docs_dir)
        site_url = config.site_url
        self.rss.take_over_pictures(lambda meta: feeds.enclosure(meta.get("image"), docs_dir, site_url))
        self.rss.clean_json_feeds(feeds.compact_json_feed)
        return config

    @event_priority(-80)  # after rss collected the page (-75)
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files) -> str:
        url = page.canonical_url
        if url:
            self.rss.describe_item(url, lambda: feeds.item_description(page.meta.get("description"), html, url))
        return html

    @event_priority(-10)  # after rss wrote this language's feeds (0)
    def on_post_build(self, config: MkDocsConfig) -> None:
        filename, title, description, image, length = compat.feed_output(config, HOOK)
        self.language_feeds[self.lang] = Path(config.site_dir) / filename
        self.channels[self.lang] = (title, description)
        built = compat.built_languages(config, HOOK)
        if self.lang != built[-1]:
            return
        langs = [code for code in self.languages.codes if code in built and code in self.language_feeds]
        channel = feeds.Channel(
            title=" / ".join(self.channels[code][0] for code in langs),
            link=config.site_url,
            description=" / ".join(self.channels[code][1] for code in langs),
            self_url=urljoin(config.site_url, feeds.ALL_LANGUAGES_FEED),
            image=image,
        )
        merged = feeds.merge_rss(
            {code: self.language_feeds[code].read_bytes() for code in langs}, channel, length
        )
        Path(config.site_dir, feeds.ALL_LANGUAGES_FEED).write_bytes(merged)


_feeds = Feeds()
on_config = _feeds.on_config
on_page_content = _feeds.on_page_content
on_post_build = _feeds.on_post_build
