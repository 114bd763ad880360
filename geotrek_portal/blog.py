"""The set of posts of the site: reading, translation groups, consistency checks."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .languages import Languages
from .markdown import ensure_excerpt_marker, resolve_site_root
from .posts import Post, image_problem, is_post_file, parse_post, slug_from_filename
from .problems import Problem


@dataclass(frozen=True)
class TranslationGroup:
    """All language versions of one post: they share a `ref` and a URL slug."""

    ref: str
    slug: str
    posts: dict[str, Post]  # lang -> post, in the site's language order

    def get(self, lang: str) -> Post | None:
        return self.posts.get(lang)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.posts)

    def original(self, default_lang: str) -> Post:
        """The version the others translate: the first (in the site's language order) that does
        not say `translation_of`, else the default language's, else the first one.

        geotrek_portal.translations tells originals, translations and orphans apart.
        """
        plain = next((post for post in self.posts.values() if post.translation_of is None), None)
        return plain or self.posts.get(default_lang) or next(iter(self.posts.values()))


@dataclass
class Catalog:
    """Every valid post, grouped by translation, plus every problem found."""

    languages: Languages
    groups: dict[str, TranslationGroup] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def posts(self, lang: str | None = None, *, drafts: bool = True) -> list[Post]:
        found = [
            post
            for group in self.groups.values()
            for code, post in group.posts.items()
            if (lang is None or code == lang) and (drafts or not post.draft)
        ]
        return sorted(found, key=lambda p: (p.published, p.path), reverse=True)

    def group_of(self, post: Post) -> TranslationGroup:
        return self.groups[post.ref]

    def translations(self, post: Post, *, drafts: bool = True) -> dict[str, Post]:
        """The other language versions of `post`."""
        return {
            code: other
            for code, other in self.group_of(post).posts.items()
            if code != post.lang and (drafts or not other.draft)
        }


def build_catalog(posts: list[Post], languages: Languages) -> Catalog:
    """Group posts by `ref`; detect duplicate translations and URL clashes."""
    catalog = Catalog(languages)
    by_ref: dict[str, dict[str, Post]] = {}
    for post in sorted(posts, key=lambda p: p.path):
        versions = by_ref.setdefault(post.ref, {})
        if post.lang in versions:
            first = versions[post.lang]
            catalog.problems.append(
                Problem(
                    post.path,
                    "ref",
                    f"'{post.ref}' in '{post.lang}' is already used by {first.path}",
                    "two posts of one language cannot share a ref: give this post its own ref",
                    post.key_lines.get("ref"),
                )
            )
            continue
        versions[post.lang] = post

    order = {code: i for i, code in enumerate(languages.codes)}
    for ref, versions in by_ref.items():
        ordered = dict(sorted(versions.items(), key=lambda item: order[item[0]]))
        first = next(iter(ordered.values()))  # default language first when present
        slug = first.slug or _file_slug(first, languages)
        catalog.groups[ref] = TranslationGroup(ref, slug, ordered)

    seen: dict[tuple[str, object, str], Post] = {}
    for group in catalog.groups.values():
        for code, post in group.posts.items():
            key = (code, post.date, group.slug)
            if key in seen:
                other = seen[key]
                catalog.problems.append(
                    Problem(
                        post.path,
                        "ref",
                        f"would be published at the same address as {other.path} "
                        f"(same date, language and name)",
                        "rename one of the files, or give both the same ref if they are translations",
                        post.key_lines.get("ref"),
                    )
                )
            else:
                seen[key] = post
    return catalog


def _file_slug(post: Post, languages: Languages) -> str:
    return slug_from_filename(post.name, languages.codes) or post.ref


@dataclass
class _Cached:
    stamp: tuple[int, int]
    post: Post | None
    problems: list[Problem]


def _nested_posts(folder: Path, display_root: Path) -> list[Problem]:
    """Posts in subfolders would be silently ignored: report them instead."""
    return [
        Problem(
            os.path.relpath(path, display_root).replace(os.sep, "/"),
            "file",
            "is in a subfolder: posts of every language live directly in docs/blog/posts/",
            "move the file into docs/blog/posts/",
        )
        for path in sorted(folder.rglob("*"))
        if path.is_file() and is_post_file(path.name)
    ]


@functools.lru_cache(maxsize=None)
def shared_reader(languages: Languages) -> "PostReader":
    """The process-wide reader for `languages`: every hook that needs posts shares its cache."""
    return PostReader(languages)


class PostReader:
    """Reads post files, re-parsing only those whose size or mtime changed.

    One reader lives as long as the process, so the several builds that
    static-i18n runs (one per language) and `mkdocs serve` rebuilds parse
    each file once.
    """

    def __init__(self, languages: Languages) -> None:
        self.languages = languages
        self._cache: dict[str, _Cached] = {}

    def read(self, posts_dir: Path, docs_dir: Path, display_root: Path | None = None) -> Catalog:
        posts: list[Post] = []
        problems: list[Problem] = []
        seen: set[str] = set()
        display_root = display_root or docs_dir.parent

        def image_exists(rel: str) -> bool:
            return (docs_dir / rel).is_file()

        entries = sorted(os.scandir(posts_dir), key=lambda e: e.name) if posts_dir.is_dir() else []
        for entry in entries:
            if entry.is_dir() and not entry.name.startswith("."):
                problems.extend(_nested_posts(Path(entry.path), display_root))
                continue
            if not entry.is_file() or not is_post_file(entry.name):
                continue
            stat = entry.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
            cached = self._cache.get(entry.path)
            if cached is None or cached.stamp != stamp:
                display = os.path.relpath(entry.path, display_root).replace(os.sep, "/")
                with open(entry.path, "rb") as f:
                    post, found = parse_post(display, f.read(), self.languages)
                cached = self._cache[entry.path] = _Cached(stamp, post, found)
            seen.add(entry.path)
            problems.extend(cached.problems)
            post = cached.post
            # pictures come and go independently of the post: check them every time
            missing = post and post.image and image_problem(post, image_exists)
            if missing:
                problems.append(missing)
            elif post is not None:
                posts.append(post)
        for stale in set(self._cache) - seen:
            del self._cache[stale]
        catalog = build_catalog(posts, self.languages)
        catalog.problems[:0] = problems
        return catalog


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: 10x faster than pure Python


def material_source(post: Post, slug: str, markdown_root: str, html_root: str) -> str:
    """The post as Material's blog plugin can read it: clean front matter, Jekyll-isms resolved.

    Material validates only its own keys, and strictly (a Jekyll date string
    or a single category is an error there), so we hand it normalized values.
    """
    meta = {
        "title": post.title,
        "date": post.published,
        "slug": slug,
        "lang": post.lang,
        "ref": post.ref,
        "categories": list(post.categories),
    }
    if post.draft:
        meta["draft"] = True
    if post.description:
        meta["description"] = post.description
    if post.image:
        meta["image"] = post.image
    if post.events:
        meta["event"] = list(post.events)
    body = resolve_site_root(post.body, markdown_root, html_root)
    body = ensure_excerpt_marker(body)
    head = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False)
    return f"---\n{head}---\n\n{body.lstrip(chr(10))}"
