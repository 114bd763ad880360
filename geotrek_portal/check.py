"""`make check`: find every problem in contributed files without building the site.

It reads posts with the very functions the build uses (`shared_reader`,
`PostReader.read`, hence `parse_post` and `build_catalog`), so a contributor
sees here exactly the problems the build would report, in the same words,
in a fraction of a second. It imports nothing from MkDocs.

Each check is a function `Project -> list[Problem]` in `CHECKS`: adding a
kind of contributed data (events, organisations...) is one line there.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Callable, TextIO
from urllib.parse import urlsplit

from .blog import Catalog, shared_reader
from .config import ConfigError, SiteConfig, load_site
from .events import EVENTS_DATA_DIR, check_post_events, load_events
from .organisations import DEFAULT_PATH as ORGANISATIONS_PATH
from .organisations import validate_organisations
from .frontmatter import FrontMatterError, decode
from .posts import is_post_file
from .problems import Problem, Severity
from .redirects import REDIRECTS_FILE, missing_targets, parse_redirect_map
from .urls import POSTS_DIR


@dataclass
class Project:
    """A checkout of the portal, as the checks see it."""

    site: SiteConfig

    @property
    def root(self) -> Path:
        return self.site.root

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @cached_property
    def catalog(self) -> Catalog:
        """Every post, read exactly as hooks/blog_i18n.py reads them."""
        docs_dir = self.site.docs_dir
        return shared_reader(self.site.languages).read(docs_dir / POSTS_DIR, docs_dir)


Check = Callable[[Project], list[Problem]]


def check_posts(project: Project) -> list[Problem]:
    return list(project.catalog.problems)


def check_events(project: Project) -> list[Problem]:
    """Event files (data/events/), and the events posts name."""
    events = load_events(project.root / EVENTS_DATA_DIR, project.site.languages, display_root=project.root)
    return [*events.problems, *check_post_events(project.catalog, events)]


def check_redirects(project: Project) -> list[Problem]:
    """data/redirects.yml, the old Jekyll addresses (hooks/redirects.py reads it the same way)."""
    path = project.root / REDIRECTS_FILE
    if not path.is_file():
        return []
    redirects, problems = parse_redirect_map(path.read_text(encoding="utf-8"), project.site.languages)
    docs_dir = project.site.docs_dir
    return problems + missing_targets(redirects, lambda page: (docs_dir / page).is_file())


_LINK_TARGETS = re.compile(
    r"""\]\(\s*<?(?P<md>[^)\s>]+)"""  # [text](url), ![alt](url)
    r"""|^\s{0,3}\[[^\]\n]+\]:\s*<?(?P<ref>[^\s>]+)"""  # [name]: url
    r"""|\b(?:href|src)\s*=\s*["']?(?P<html>[^"'\s>]+)""",  # <a href="url">, <img src="url">
    re.M | re.I,
)
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_SITE_ROOT = re.compile(r"^\{\{-?\s*site\.(?:base_?url|url)\s*-?\}\}")
_LIQUID_ROOT = re.compile(r"\{\{-?\s*site\.(base_?url|url)\s*-?\}\}")


def old_address_links(text: str, old_paths: set[str], hosts: frozenset[str]) -> list[tuple[int, str, str]]:
    """(line, link as written, old path) for each link of a post's file to an old address.

    Old addresses are the keys of data/redirects.yml; a link reaches one when it is
    written from the site root (``/produit.html``, ``{{ site.baseurl }}/...``) or
    with the site's host (``https://www.geotrek.fr/...``). Code is skipped.
    """
    found = []
    fence = None
    in_front_matter = text.startswith("---")
    for number, line in enumerate(text.split("\n"), 1):
        if in_front_matter:
            in_front_matter = number == 1 or line.strip() != "---"
            continue
        if fence:
            fence = None if line.strip().startswith(fence) else fence
            continue
        if (m := _FENCE.match(line)) is not None:
            fence = m.group(1)
            continue
        line = _LIQUID_ROOT.sub("{{site.baseurl}}", re.sub(r"`[^`]*`", "", line))
        for match in _LINK_TARGETS.finditer(line):
            link = match["md"] or match["ref"] or match["html"]
            path = _site_path(link, hosts)
            if path is not None and path in old_paths:
                found.append((number, link, path))
    return found


def _site_path(link: str, hosts: frozenset[str]) -> str | None:
    """The path from the site root a link reaches on this site, or None (elsewhere, or relative)."""
    link = _SITE_ROOT.sub("", link.strip())
    if link.startswith("//"):
        link = "https:" + link
    parts = urlsplit(link)
    if parts.scheme:
        if parts.scheme not in ("http", "https") or (parts.hostname or "") not in hosts:
            return None
    elif not link.startswith("/"):
        return None
    return parts.path.lstrip("/") or "index.html"


def check_old_links(project: Project) -> list[Problem]:
    """Warnings: a link in a post to an address of the old site goes through a redirect."""
    path = project.root / REDIRECTS_FILE
    if not path.is_file():
        return []
    redirects, _ = parse_redirect_map(path.read_text(encoding="utf-8"), project.site.languages)
    targets = {old: target for entries in redirects.values() for old, target in entries.items()}
    host = urlsplit(project.site.site_url or "").hostname or ""
    hosts = frozenset({host, "www." + host.removeprefix("www.")} - {"www."})
    problems = []
    posts_dir = project.site.docs_dir / POSTS_DIR
    for post in sorted(p for p in posts_dir.iterdir() if p.is_file() and is_post_file(p.name)) if posts_dir.is_dir() else []:
        try:
            text = decode(post.read_bytes())
        except (OSError, FrontMatterError):
            continue  # unreadable posts are reported by check_posts
        shown = os.path.relpath(post, project.root).replace(os.sep, "/")
        for line, link, old in old_address_links(text, set(targets), hosts):
            target = targets[old]
            hint = f"link {_how_to_link(target)} instead"
            problems.append(
                Problem(shown, "link", f"'{link}' is an address of the old site: readers go through a redirect", hint, line, Severity.WARNING)
            )
    return problems


def _how_to_link(target: str) -> str:
    """How a post links the page `target` (under docs/): a post by its file name, a page from docs/."""
    if target.startswith(POSTS_DIR + "/"):
        return f"the post by its file name: [text]({target.removeprefix(POSTS_DIR + '/')})"
    if not target.endswith(".md"):
        return f"/{target}"
    stem = target.removesuffix(".md").removesuffix("index").rstrip("/")
    return f"its new page, /{stem + '/' if stem else ''}"


def check_organisations(project: Project) -> list[Problem]:
    return validate_organisations(project.root / ORGANISATIONS_PATH, ORGANISATIONS_PATH)


# One line per kind of contributed data, in the order problems are listed.
CHECKS: list[Check] = [
    check_posts,
    check_events,
    check_redirects,
    check_old_links,
    check_organisations,
]


@dataclass
class Report:
    problems: list[Problem]
    posts: int  # posts read without error

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def run_checks(project: Project, checks: list[Check] | None = None) -> Report:
    problems: list[Problem] = []
    for check in CHECKS if checks is None else checks:
        problems.extend(check(project))
    return Report(problems, len(project.catalog.posts()))


def write_report(report: Report, out: TextIO, *, github: bool = False) -> None:
    """One line per problem, errors first; then, on GitHub, the same as annotations."""
    for problem in _ordered(report.errors):
        print(problem, file=out)
    if report.warnings:
        if report.errors:
            print(file=out)
        print("Warnings (they do not block publication, but check them):", file=out)
        for problem in _ordered(report.warnings):
            print(problem, file=out)
    if report.problems:
        print(file=out)
    print(_summary(report), file=out)
    if github:
        for problem in _ordered(report.problems):
            print(problem.github_annotation(), file=out)


def _ordered(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.path, p.line or 0))


def _summary(report: Report) -> str:
    errors, warnings = len(report.errors), len(report.warnings)
    counts = f"{report.posts} post{'s' * (report.posts != 1)} read"
    if errors:
        files = len({p.path for p in report.errors})
        return (
            f"{_plural(errors, 'error')} in {_plural(files, 'file')}, {_plural(warnings, 'warning')} "
            f"({counts}): fix the lines above, then run make check again."
        )
    if warnings:
        return f"No error, {_plural(warnings, 'warning')} ({counts})."
    return f"No problem found ({counts})."


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def main(argv: list[str] | None = None, out: TextIO = sys.stdout) -> int:
    parser = argparse.ArgumentParser(
        prog="make check", description="Check posts and data files the way the site build does."
    )
    parser.add_argument(
        "--config", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml (default: ./mkdocs.yml)"
    )
    args = parser.parse_args(argv)
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    try:
        project = Project(load_site(args.config))
    except ConfigError as e:
        problem = Problem(str(args.config), "configuration", str(e).removeprefix(f"{args.config}: "))
        print(problem, file=out)
        if github:
            print(problem.github_annotation(), file=out)
        return 1
    report = run_checks(project)
    write_report(report, out, github=github)
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
