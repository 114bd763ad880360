"""Teasers of the latest posts, for the home page: title, date, excerpt, picture."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from typing import Callable

import markdown
from babel.dates import format_date

from .blog import Catalog
from .markdown import MORE, ensure_excerpt_marker
from .posts import Post

EXCERPT_CHARS = 220


@dataclass(frozen=True)
class Teaser:
    title: str
    url: str  # from the site root, e.g. "en/blog/2019/12/17/retour-rencontres-geotrek-2019/"
    date: date
    date_label: str  # in the post's language: "17 décembre 2019", "December 17, 2019"
    excerpt: str  # plain text
    image: str | None  # under docs/, e.g. "assets/img/x.jpg"


def latest_teasers(catalog: Catalog, lang: str, url_of: Callable[[Post], str], count: int = 3) -> list[Teaser]:
    """The `count` newest published posts of `lang`, newest first."""
    return [
        Teaser(
            title=post.title,
            url=url_of(post),
            date=post.date,
            date_label=format_date(post.date, format="long", locale=lang),
            excerpt=excerpt_text(post),
            image=post.image,
        )
        for post in catalog.posts(lang, drafts=False)[:count]
    ]


def excerpt_text(post: Post, limit: int = EXCERPT_CHARS) -> str:
    """The author's description, else the text of the post's excerpt, cut at a word."""
    if post.description:
        return shorten(post.description, limit)
    head = ensure_excerpt_marker(post.body).split(MORE, 1)[0]
    # Jekyll's {{ site.baseurl }} only appears in links and pictures, which text drops
    head = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", head)
    return shorten(_text_of(markdown.markdown(head, extensions=["attr_list", "md_in_html"])), limit)


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,;:.-–—")
    return cut + "…"


class _Text(HTMLParser):
    _SKIP = {"script", "style", "iframe", "figcaption"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self.skipping += 1
        elif tag in ("p", "br", "li", "div", "h1", "h2", "h3", "h4", "h5", "h6"):
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self._SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def _text_of(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)
