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
touched only by ``_RssInternals`` below.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from geotrek_portal import feeds
from geotrek_portal.languages import Languages
from geotrek_portal.urls import blog_dir


class _RssInternals:
    """THE ONLY PLACE that reads or writes mkdocs-rss-plugin's private state.

    Written against mkdocs-rss-plugin 1.19.0 (pinned in requirements.txt):
    ``pages_to_filter`` (the collected ``PageInformation`` items),
    ``feed_created``/``feed_updated`` (the channels) and ``util`` (its helper,
    whose ``get_image`` and ``feed_to_json`` the plugin calls on itself).
    tests/build/test_feeds_build.py fails if any of this stops working.
    """

    def __init__(self, plugin) -> None:
        self.plugin = plugin

    def start_language(self) -> None:
        """The plugin collects pages from on_startup on: start each language's feed empty."""
        self.plugin.pages_to_filter = []

    def link_channels_to(self, url: str) -> None:
        self.plugin.feed_created.html_url = self.plugin.feed_updated.html_url = url

    def take_over_pictures(self, picture) -> None:
        """`picture(meta) -> Enclosure | None` replaces the plugin's lookup (and its HTTP requests)."""

        def get_image(in_page, base_url):
            found = picture(in_page.meta or {})
            return None if found is None else (found.url, found.type, found.length)

        self.plugin.util.get_image = get_image

    def clean_json_feeds(self, clean) -> None:
        to_json = self.plugin.util.feed_to_json
        self.plugin.util.feed_to_json = lambda feed: clean(to_json(feed))

    def describe_item(self, page_url: str, describe) -> None:
        """`describe()` becomes the HTML of the item the plugin has just collected for `page_url`.

        The plugin appends a page's item in its on_page_content (-75): when the
        page is in the feed, its item is the last one.
        """
        entries = self.plugin.pages_to_filter
        if entries and entries[-1].guid == page_url:
            entries[-1].description = describe()


class Feeds:
    def __init__(self) -> None:
        self.language_feeds: dict[str, Path] = {}  # lang -> its RSS feed, as built
        self.channels: dict[str, tuple[str, str]] = {}  # lang -> (title, description)

    @event_priority(-10)  # after rss (0) made its channels and helper, and after blog_i18n (100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.languages, self.lang = Languages.of_build(config.plugins["i18n"])
        self.rss = _RssInternals(config.plugins["rss"])
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
        rss = config.plugins["rss"].config
        self.language_feeds[self.lang] = Path(config.site_dir) / rss.feeds_filenames["rss_created"]
        self.channels[self.lang] = (rss.feed_title, rss.feed_description)
        built = config.plugins["i18n"].build_languages
        if self.lang != built[-1]:
            return
        langs = [code for code in self.languages.codes if code in built and code in self.language_feeds]
        channel = feeds.Channel(
            title=" / ".join(self.channels[code][0] for code in langs),
            link=config.site_url,
            description=" / ".join(self.channels[code][1] for code in langs),
            self_url=urljoin(config.site_url, feeds.ALL_LANGUAGES_FEED),
            image=rss.image or None,
        )
        merged = feeds.merge_rss(
            {code: self.language_feeds[code].read_bytes() for code in langs}, channel, rss.length
        )
        Path(config.site_dir, feeds.ALL_LANGUAGES_FEED).write_bytes(merged)


_feeds = Feeds()
on_config = _feeds.on_config
on_page_content = _feeds.on_page_content
on_post_build = _feeds.on_post_build
