"""The page for a missing address, in the language of that address.

GitHub Pages answers every missing address with the single ``/404.html``.
Each language build renders ``overrides/404.html`` in its language; the
default language's page is the one served, and carries the others' bodies
as inert ``<template>`` elements, which its inline script swaps in, before
Material's script starts, when the address is under their language's root
(``/en/…``, ``/es/…``). Without JavaScript, the default language's page shows.
"""

from __future__ import annotations

import html
import json
import re

from .event_pages import events_index_path
from .languages import Languages
from .messages import t
from .urls import blog_dir

# overrides/404.html writes it right after Material's configuration script:
# a language's body is everything before it, the translations go in its place
MARKER = "<!-- portal:404-translations -->"

_BODY = re.compile(r"<body\b[^>]*>")
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def not_found_links(languages: Languages, lang: str, site_path: str = "/") -> list[tuple[str, str, str]]:
    """(key, label, address) of the pages the 404 offers in `lang`: absolute from the
    site root, since the page is served at any depth."""
    prefix = site_path + languages[lang].prefix
    return [
        ("home", t("not_found_home", lang), prefix),
        ("news", t("news", lang), site_path + blog_dir(languages, lang) + "/"),
        ("events", t("events", lang), site_path + events_index_path(languages, lang)),
        # Material opens its search on a page whose address has ?q=
        ("search", t("not_found_search", lang), prefix + "?q="),
    ]


def translation(page: str, lang: str, root: str) -> str:
    """The 404 `page` rendered in `lang` as a <template> for the default language's page.

    `root` is the language's root path (``/en/``): the page is swapped in under
    it, and Material's search reads that language's index from there.
    """
    body, end = _BODY.search(page), page.find(MARKER)
    title = _TITLE.search(page)
    if body is None or end < 0 or title is None:
        raise ValueError(f"the {lang} 404 page lacks <body>, <title> or the marker {MARKER}: see overrides/404.html")
    content, found = _CONFIG.subn(lambda m: m[1] + _with_base(m[2], root) + m[3], page[body.end() : end])
    if found != 1:
        raise ValueError(f"the {lang} 404 page has {found} Material configuration scripts, expected 1")
    return (
        f'<template data-portal-404 data-lang="{html.escape(lang)}" data-path="{html.escape(root)}"'
        f' data-title="{html.escape(html.unescape(title[1].strip()))}">{content}</template>'
    )


def with_translations(page: str, translations: list[str]) -> str:
    """The default language's 404 `page` with the other languages' templates in it."""
    if page.count(MARKER) != 1:
        raise ValueError(f"the 404 page must contain {MARKER} once: see overrides/404.html")
    return page.replace(MARKER, "".join(translations))


def _with_base(config: str, root: str) -> str:
    data = json.loads(config)
    data["base"] = root
    return json.dumps(data, ensure_ascii=False)
