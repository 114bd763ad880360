"""`make new-post`: write a correctly named post with valid front matter.

A new post gets a fresh `ref`; with the `ref` of an existing post, the new
file is a translation: same ref, same address slug, same date, picture and
events as the original unless told otherwise. A translation starts from the
original's title and text, with a comment at the top saying what to
translate, and records the original's version (``translation_of``, see
geotrek_portal.translations): it is up to date from the start. The file is checked with the
build's own rules (`parse_post`, `build_catalog`) before it is written, so
what this writes always builds.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TextIO
from urllib.parse import urljoin

import yaml

from .blog import Catalog, build_catalog, shared_reader
from .config import SiteConfig, load_site_or_say
from .languages import Languages
from .messages import t
from .posts import DATE_HINT, Post, parse_date, parse_post, slugify
from .problems import Problem
from .translations import post_hash, translate_comment
from .urls import POSTS_DIR, post_path

COMMAND = "make new-post"  # where request problems are reported
MAX_SLUG = 60  # characters: addresses stay readable, titles can be long


@dataclass(frozen=True)
class PostRequest:
    """What the contributor asked for; empty values mean "choose for me"."""

    title: str
    lang: str | None = None  # None: the site's default language
    ref: str | None = None  # an existing post's ref: write its translation
    date: str | None = None  # YYYY-MM-DD; default today, or the original's date
    events: tuple[str, ...] = ()


@dataclass(frozen=True)
class NewPost:
    path: str  # relative to the project root: docs/blog/posts/2024-05-01-slug-en.md
    text: str
    url_path: str  # relative to the site root: en/blog/2024/05/01/slug/
    lang: str
    ref: str
    original: Post | None  # the post this one translates


class RequestError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def plan_post(site: SiteConfig, catalog: Catalog, request: PostRequest, today: date) -> NewPost:
    """The file to write for `request`; RequestError lists everything wrong with it."""
    languages = site.languages
    problems: list[Problem] = []

    def problem(field: str, message: str, hint: str) -> None:
        problems.append(Problem(COMMAND, field, message, hint))

    title = (request.title or "").strip()
    if not title and not (request.ref or "").strip():  # a translation starts from the original's title
        problem("TITLE", "missing", 'give the title of the post: make new-post TITLE="Mon titre"')
    lang = (request.lang or languages.default.code).strip()
    if lang not in languages:
        guess = lang.lower()[:2]
        did_you_mean = f"did you mean '{guess}'? " if guess in languages else ""
        problem("LANG", f"unknown language '{lang}'", f"{did_you_mean}use one of: {', '.join(languages.codes)}")

    original: Post | None = None
    ref = (request.ref or "").strip() or None
    if ref is not None:
        group = catalog.groups.get(ref)
        if group is None:
            close = difflib.get_close_matches(ref, list(catalog.groups), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problem(
                "REF",
                f"no post has the ref '{ref}'",
                f"{hint}copy the ref line of the post to translate, or leave REF out for a new post",
            )
        else:
            original = group.original(languages.default.code)
            if lang in group.posts:
                problem(
                    "LANG",
                    f"the post '{ref}' already exists in '{lang}': {group.posts[lang].path}",
                    "edit that file, or choose another LANG",
                )

    published: datetime | None = None
    if request.date and request.date.strip():
        try:
            published = parse_date(request.date)
        except ValueError as e:
            problem("DATE", str(e), DATE_HINT)
    elif original is not None:
        published = original.published  # translations keep the original's date (and address)
    else:
        published = datetime(today.year, today.month, today.day)
    if problems:
        raise RequestError(problems)

    if original is not None:
        slug = catalog.group_of(original).slug
    else:
        slug = _short_slug(title) or "post"
        ref = _fresh_ref(f"post-{published:%Y%m%d}-{slug}", catalog)
    if original is not None:
        name, text = translation_draft(
            original, slug, lang, languages, title=title, events=request.events, published=published
        )
    else:
        name = file_name(published, slug, lang, languages)
        text = post_text(title, published, lang, ref, request.events)
    path = os.path.relpath(site.docs_dir / POSTS_DIR / name, site.root).replace(os.sep, "/")

    if (site.root / path).exists():
        raise RequestError([_exists(path)])
    # the build's own rules: what passes here builds
    post, found = parse_post(path, text.encode("utf-8"), languages)
    if post is not None:
        found += [p for p in build_catalog([*catalog.posts(), post], languages).problems if p.path == path]
    if any(p.is_error for p in found):
        raise RequestError(found)
    url_path = post_path(languages, lang, published, slug, site.post_url_format, site.post_url_date_format)
    return NewPost(path, text, url_path, lang, ref, original)


def file_name(published: datetime, slug: str, lang: str, languages: Languages) -> str:
    suffix = "" if lang == languages.default.code else f"-{lang}"
    return f"{published:%Y-%m-%d}-{slug}{suffix}.md"


def translation_draft(
    original: Post,
    slug: str,
    lang: str,
    languages: Languages,
    *,
    title: str = "",
    events: tuple[str, ...] = (),
    published: datetime | None = None,
    body: str | None = None,
) -> tuple[str, str]:
    """(file name, text) of a new translation of `original` into `lang`, up to date with it.

    It starts from the original's title and text (or `body`), under a comment
    saying what to translate; its address slug, date, picture and events are
    the original's unless given. The help-translate pages prefill GitHub's
    editor with it, `make new-post REF=...` writes it.
    """
    published = published or original.published
    text = body if body is not None else original.body.strip() + "\n"
    return file_name(published, slug, lang, languages), post_text(
        title or original.title,
        published,
        lang,
        original.ref,
        events or original.events,
        original.image,
        post_hash(original),
        f"{translate_comment(original, lang, languages)}\n\n{text}",
    )


def post_text(
    title: str,
    published: datetime,
    lang: str,
    ref: str,
    events: tuple[str, ...] = (),
    image: str | None = None,
    translation_of: str | None = None,
    body: str | None = None,
) -> str:
    """A post file; without `body`, the placeholder paragraphs of a new post in `lang`."""
    meta: dict[str, object] = {
        "title": title,
        # a plain date unless a time was asked for: that is what contributors write by hand
        "date": published if published.time() != datetime.min.time() else published.date(),
        "lang": lang,
        "ref": ref,
    }
    if translation_of:
        meta["translation_of"] = translation_of
    if events:
        meta["event"] = events[0] if len(events) == 1 else list(events)
    if image:
        meta["image"] = image
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    if translation_of:  # always quoted: YAML would read some hashes as numbers
        head = head.replace(f"translation_of: {translation_of}\n", f'translation_of: "{translation_of}"\n')
        head = head.replace(f"translation_of: '{translation_of}'\n", f'translation_of: "{translation_of}"\n')
    if body is None:
        body = f"{t('new_post_excerpt', lang)}\n\n<!-- more -->\n\n{t('new_post_rest', lang)}\n"
    return f"---\n{head}---\n\n{body}"


def write_post(site: SiteConfig, new_post: NewPost) -> Path:
    target = site.root / new_post.path
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as f:  # never overwrite a contributor's file
        f.write(new_post.text)
    return target


def _exists(path: str) -> Problem:
    return Problem(path, "file", "already exists", "edit it, or choose another TITLE or DATE")


def _short_slug(title: str) -> str:
    slug = slugify(title)
    if len(slug) <= MAX_SLUG:
        return slug
    return slug[: MAX_SLUG + 1].rsplit("-", 1)[0]


def _fresh_ref(base: str, catalog: Catalog) -> str:
    ref, n = base, 2
    while ref in catalog.groups:
        ref, n = f"{base}-{n}", n + 1
    return ref


def main(argv: list[str] | None = None, out: TextIO = sys.stdout, today: date | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description="Write a new post, or the translation of a post.")
    parser.add_argument("--title", default="")
    parser.add_argument("--lang", default="", help="language code (default: the site's default language)")
    parser.add_argument("--ref", default="", help="ref of the post to translate")
    parser.add_argument("--date", default="", help="YYYY-MM-DD (default: today, or the original's date)")
    parser.add_argument("--event", default="", help="event id(s), separated by commas")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--preview-root", default="", help="address of `make serve`, to print the preview link")
    args = parser.parse_args(argv)
    site = load_site_or_say(args.config, out)
    if site is None:
        return 1
    catalog = shared_reader(site.languages).read(site.docs_dir / POSTS_DIR, site.docs_dir)
    request = PostRequest(
        title=args.title,
        lang=args.lang or None,
        ref=args.ref or None,
        date=args.date or None,
        events=tuple(e.strip() for e in args.event.split(",") if e.strip()),
    )
    try:
        new_post = plan_post(site, catalog, request, today or date.today())
        write_post(site, new_post)
    except RequestError as e:
        for problem in e.problems:
            print(problem, file=out)
        print("Nothing was written.", file=out)
        return 1
    except FileExistsError:
        print(_exists(new_post.path), file=out)  # created meanwhile
        return 1
    print(f"Created {new_post.path}", file=out)
    if new_post.original is not None:
        o = new_post.original
        print(f"Translation of {o.path} ({o.lang}), titled: {o.title}", file=out)
        print("It starts with the original's title and text: translate them, and delete the comment at the top.", file=out)
    else:
        other = next((c for c in site.languages.codes if c != new_post.lang), new_post.lang)
        print(
            f"Its ref is {new_post.ref}: translations use it, for example "
            f'make new-post TITLE="..." LANG={other} REF={new_post.ref}',
            file=out,
        )
    print(f"Address once published: {urljoin(site.site_url, new_post.url_path)}", file=out)
    if args.preview_root:
        print(f"Preview with make serve: {urljoin(args.preview_root, new_post.url_path)}", file=out)
    if new_post.original is None:
        print("Now write the post in that file, then run make check.", file=out)
    else:
        print("Then run make check.", file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
