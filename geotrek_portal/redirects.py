"""Old addresses of the Jekyll site and the map that redirects them to the portal.

The map (``data/redirects.yml``) is written by the Jekyll import, reviewed by a
human and read by ``hooks/redirects.py``, which hands it to mkdocs-redirects.
It is grouped by language: static-i18n builds the site once per language, and
each redirect is written by the build of its target's language, where the
target page exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from urllib.parse import urljoin

import yaml

from .feeds import ALL_LANGUAGES_FEED
from .languages import Languages
from .posts import file_stem
from .problems import Problem

REDIRECTS_FILE = "data/redirects.yml"
RedirectMap = dict[str, dict[str, str]]  # lang -> {old path: target}

_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]+")


def old_post_path(source_name: str, published: date) -> str:
    """Where Jekyll served a post: ``YYYY/MM/DD/<title>.html``, the date from the front matter.

    ``<title>`` is the file name without date prefix and extension, each run
    of characters other than ASCII letters and digits replaced by one ``-``,
    ``-`` trimmed, case kept: ``2019-10-07-Rencontres-utilisateurs-fr-.markdown``
    -> ``Rencontres-utilisateurs-fr``.
    """
    title = _NOT_ALNUM.sub("-", file_stem(source_name)).strip("-")
    return f"{published:%Y/%m/%d}/{title}.html"


def permalink_path(permalink: str) -> str:
    """A literal Jekyll ``permalink`` as a file path from the site root (``/a/`` -> ``a/index.html``)."""
    path = permalink.strip().lstrip("/")
    if not path or path.endswith("/"):
        return path + "index.html"
    return path if PurePosixPath(path).suffix else path + ".html"


# ---------------------------------------------------------------- old pages
@dataclass(frozen=True)
class OldPage:
    """A page of the Jekyll site and where its content lives on the portal."""

    candidates: tuple[str, ...]  # page paths in a language's docs folder, first existing wins
    feed: bool = False  # the target is the language's RSS feed, not a page


# Base name of the old page (language suffix removed) -> its new page.
OLD_PAGES: dict[str, OldPage] = {
    "index": OldPage(("index.md",)),
    "actualites": OldPage(("blog/index.md",)),
    "produit": OldPage(("produit.md", "product.md", "produit/index.md", "product/index.md")),
    "utilisateurs": OldPage(("utilisateurs.md", "users.md", "utilisateurs/index.md", "users/index.md")),
    # the users map without the site's chrome, embedded by partner sites
    "utilisateursiframe": OldPage(("utilisateurs/embed.md",)),
    "apropos": OldPage(("apropos.md", "a-propos.md", "about.md", "apropos/index.md", "about/index.md")),
    "contact": OldPage(("contact.md", "contact/index.md")),
    "ressources": OldPage(("ressources.md", "resources.md", "ressources/index.md", "resources/index.md")),
    "feed": OldPage((), feed=True),
}
HOME = "index.md"


# ---------------------------------------------------------------- the map file
_HEADER = """\
# Old addresses of the Jekyll site -> the portal. Written by `make import-jekyll`,
# reviewed by a human, read by hooks/redirects.py (mkdocs-redirects).
# Grouped by the language of the target; per entry:
#   old path from the site root: page under docs/ (.md), or a file of the built site
"""


def dump_redirect_map(redirects: RedirectMap, languages: Languages) -> str:
    body = {
        code: dict(sorted(redirects[code].items()))
        for code in languages.codes
        if redirects.get(code)
    }
    text = yaml.safe_dump(body, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)
    return _HEADER + ("" if not body else "\n" + text)


def parse_redirect_map(text: str, languages: Languages, path: str = REDIRECTS_FILE) -> tuple[RedirectMap, list[Problem]]:
    """Read the map; every problem is reported, the valid entries are kept."""
    problems: list[Problem] = []
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        return {}, [
            Problem(
                path,
                "file",
                f"YAML does not parse: {getattr(e, 'problem', None) or e}",
                "each line is 'old/path.html: new/page.md' under a language code",
                mark.line + 1 if mark else None,
            )
        ]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [Problem(path, "file", "must map language codes to redirects", "for example fr: {contact.html: contact.md}")]
    result: RedirectMap = {}
    seen: dict[str, str] = {}
    for code, entries in data.items():
        if code not in languages:
            problems.append(
                Problem(path, str(code), f"unknown language '{code}'", f"use one of: {', '.join(languages.codes)}")
            )
            continue
        if not isinstance(entries, dict):
            problems.append(Problem(path, code, "must map old paths to new pages", "write 'old.html: new.md' lines"))
            continue
        for old, target in entries.items():
            old_path = str(old).strip().lstrip("/")
            if not old_path or old_path.endswith("/") or ".." in PurePosixPath(old_path).parts:
                problems.append(
                    Problem(path, f"{code}: {old}", "is not a file path from the site root", "for example 2019/10/07/Title.html")
                )
                continue
            if old_path == ALL_LANGUAGES_FEED:
                problems.append(
                    Problem(
                        path,
                        f"{code}: {old}",
                        "is the RSS feed the build writes (every language's latest posts); a redirect page there "
                        "would cut off feed readers, which do not follow it",
                        "remove this entry, see the README, section Feeds",
                        _line_of(text, old_path),
                    )
                )
                continue
            if not isinstance(target, str) or not target.strip():
                problems.append(Problem(path, f"{code}: {old}", "has no target", "give the new page, e.g. blog/index.md"))
                continue
            if old_path in seen:
                problems.append(
                    Problem(path, f"{code}: {old}", f"is already redirected in '{seen[old_path]}'", "keep one entry")
                )
                continue
            seen[old_path] = code
            result.setdefault(code, {})[old_path] = target.strip()
    return result, problems


def _line_of(text: str, key: str) -> int | None:
    """1-based line where `key` is written as a key of the map (first occurrence)."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip().strip("'\"").lstrip("/").startswith(key) and ":" in line:
            return number
    return None


def missing_targets(redirects: RedirectMap, page_exists, path: str = REDIRECTS_FILE) -> list[Problem]:
    """Entries whose target page is not in docs/ (the build fails on them too).

    `page_exists(path under docs/)`; feeds and other files of the built site are not checked.
    """
    problems = []
    for code, entries in redirects.items():
        for old, target in entries.items():
            page = target.partition("#")[0]
            if page.endswith(".md") and not page_exists(page):
                problems.append(
                    Problem(path, f"{code}: {old}", f"'{target}' does not exist", "give a page under docs/, e.g. blog/index.md")
                )
    return problems


@dataclass(frozen=True)
class RedirectConflict:
    lang: str
    old: str
    kept: str  # target in the map
    proposed: str  # target the import computed


def merge_redirect_maps(
    existing: RedirectMap, new: RedirectMap, *, force: bool
) -> tuple[RedirectMap, list[RedirectConflict]]:
    """Add the new entries to the map; an entry a human changed is kept unless `force`."""
    merged: RedirectMap = {code: dict(entries) for code, entries in existing.items()}
    where = {old: code for code, entries in existing.items() for old in entries}
    conflicts: list[RedirectConflict] = []
    for code, entries in new.items():
        for old, target in entries.items():
            current_lang = where.get(old)
            if current_lang is not None:
                current = merged[current_lang][old]
                if (current_lang, current) == (code, target):
                    continue
                if not force:
                    conflicts.append(RedirectConflict(code, old, f"{current_lang}: {current}", f"{code}: {target}"))
                    continue
                del merged[current_lang][old]
            merged.setdefault(code, {})[old] = target
            where[old] = code
    return {code: entries for code, entries in merged.items() if entries}, conflicts


def plugin_redirect_maps(entries: dict[str, str], site_url: str) -> dict[str, str]:
    """The entries as mkdocs-redirects takes them.

    It resolves only Markdown pages (and checks they exist); any other target
    is a file of the built site, such as a feed, given by its absolute URL.
    """
    result = {}
    for old, target in entries.items():
        page = target.partition("#")[0]
        if page.endswith(".md") or target.lower().startswith(("http://", "https://")):
            result[old] = target
        else:
            result[old] = urljoin(site_url, target.lstrip("/"))
    return result
