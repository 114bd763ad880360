"""Where posts live and the addresses they get: shared by the build hook and the CLI tools."""

from __future__ import annotations

import posixpath
from datetime import datetime
from urllib.parse import urljoin

from .languages import Languages

POSTS_DIR = "blog/posts"  # every post of every language, relative to docs/
BLOG_DIR = "blog"  # per language: blog/, en/blog/, es/blog/
HELP_TRANSLATE_DIR = "traduire"  # per language: the posts to translate (hooks/translation_status.py)
# Material's own defaults, for a mkdocs.yml that does not set them
DEFAULT_POST_URL_FORMAT = "{date}/{slug}"
DEFAULT_POST_URL_DATE_FORMAT = "yyyy/MM/dd"


def blog_dir(languages: Languages, lang: str) -> str:
    return languages[lang].prefix + BLOG_DIR


def help_translate_path(languages: Languages, lang: str) -> str:
    """The help-translate page of `lang`: ``traduire/``, ``en/traduire/``..."""
    return f"{languages[lang].prefix}{HELP_TRANSLATE_DIR}/"


def post_path(
    languages: Languages,
    lang: str,
    published: datetime,
    slug: str,
    url_format: str = DEFAULT_POST_URL_FORMAT,
    date_format: str = DEFAULT_POST_URL_DATE_FORMAT,
) -> str:
    """Path of a post in `lang`'s blog, as Material's blog plugin formats it: ``en/blog/2019/12/17/slug/``.

    ValueError when `url_format` has a placeholder other than {date} and {slug}.
    """
    # babel is only needed here; importing it lazily keeps `make check` fast
    from babel.dates import format_datetime

    date = format_datetime(published, date_format, locale=lang)
    try:
        path = url_format.format(date=date, slug=slug)
    except KeyError as e:
        raise ValueError(
            f"blog post_url_format: placeholder {e} is not supported, use {{date}} and {{slug}}"
        ) from None
    return f"{blog_dir(languages, lang)}/{posixpath.normpath(path.strip('/'))}/"


def hreflang_links(urls: dict[str, str], languages: Languages, site_url: str) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) of a page's language versions (lang -> site-relative URL), and x-default.

    In the site's language order, x-default being the first; versions in a
    language the site does not have are left out. Empty when the page has no
    translation.
    """
    if len(urls) < 2:
        return []
    ordered = sorted((code for code in urls if code in languages), key=languages.order)
    links = [(code, urljoin(site_url, "" if urls[code] in (".", "./") else urls[code])) for code in ordered]
    return [*links, ("x-default", links[0][1])]
