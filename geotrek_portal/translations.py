"""Translation status: which posts are missing, outdated or up to date in which language.

A translation records the version of its original it translates in its front
matter, ``translation_of: "1a2b3c4d5e6f"``: a short hash of the original's
title and body (`content_hash`). The record travels with the file, so it
works without git history (CI clones are shallow). Whitespace and front
matter changes of the original do not change the hash, so they never make a
translation outdated.

Which version is the original: the one without ``translation_of``. When
several versions of a post have none, the first in the site's language order
(French, English, Spanish) is the original and the others are translations
whose version was never recorded; when every version has one, the original
was deleted and they are orphans.

Pure: no MkDocs import. `python -m geotrek_portal.translations` is
`make translations` (table, ``DONE=`` to mark a translation as reviewed,
``SINCE=`` for the pull request check). Git, when the project is in a
repository, only adds dates and diffs (`History`).
"""

from __future__ import annotations

import argparse
import difflib
import functools
import hashlib
import os
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import TextIO

from . import frontmatter
from .blog import Catalog, TranslationGroup, shared_reader
from .config import SiteConfig, load_site_or_say
from .languages import Languages
from .messages import t
from .posts import HASH_LENGTH, TRANSLATION_OF, Post, clean_text, is_post_file
from .problems import Problem
from .urls import POSTS_DIR

COMMAND = "make translations"


class Status(str, Enum):
    ORIGINAL = "original"
    UP_TO_DATE = "up to date"
    OUTDATED = "outdated"
    UNRECORDED = "not recorded"  # a translation that never said which version it translates
    MISSING = "missing"
    ORPHAN = "orphan"  # a translation whose original was deleted


# what FAIL_ON accepts: a status name without spaces
FAIL_ON_CHOICES = {status.name.lower().replace("_", "-"): status for status in Status if status is not Status.ORIGINAL}


# ---------------------------------------------------------------- the hash
def normalized_text(title: str, body: str) -> str:
    """What a translation translates: the title and the body, whitespace collapsed (NFC)."""
    text = clean_text(title) + "\n" + " ".join(body.split())
    return unicodedata.normalize("NFC", text)


def content_hash(title: str, body: str) -> str:
    """Short hash of a post's title and body, insensitive to whitespace: ``1a2b3c4d5e6f``."""
    return hashlib.sha256(normalized_text(title, body).encode("utf-8")).hexdigest()[:HASH_LENGTH]


def post_hash(post: Post) -> str:
    return content_hash(post.title, post.body)


@functools.lru_cache(maxsize=None)
def language_name(code: str, in_lang: str) -> str:
    """The name of language `code` written in `in_lang`, from CLDR: ("fr", "en") -> "French"."""
    from babel import Locale  # lazily: make translations stays fast

    return Locale.parse(in_lang).languages.get(code, code)


def translate_comment(original: Post, lang: str, languages: Languages) -> str:
    """The comment at the top of a new translation, in its language: what to translate, from which file."""
    text = t("translate_comment", lang).format(
        path=original.path, source=language_name(original.lang, lang), target=language_name(lang, lang)
    )
    return f"<!-- {text} -->"


# ---------------------------------------------------------------- the rules
@dataclass(frozen=True)
class Version:
    """One post in one language, and its state."""

    ref: str
    lang: str
    status: Status
    post: Post | None  # None: missing
    original: Post | None  # None: the original was deleted (orphans)


@dataclass(frozen=True)
class GroupStatus:
    group: TranslationGroup
    original: Post | None
    versions: dict[str, Version]  # every language of the site, in its order

    @property
    def ref(self) -> str:
        return self.group.ref

    @property
    def newest(self) -> datetime:
        return (self.original or next(iter(self.group.posts.values()))).published

    def translations(self) -> list[Version]:
        """The versions that translate the original (present ones only)."""
        return [v for v in self.versions.values() if v.post is not None and v.status is not Status.ORIGINAL]


def original_of(group: TranslationGroup) -> Post | None:
    """The version the others translate (see the module's docstring); None when it was deleted."""
    return next((post for post in group.posts.values() if post.translation_of is None), None)


def group_status(group: TranslationGroup, languages: Languages) -> GroupStatus:
    original = original_of(group)
    current = post_hash(original) if original is not None else None
    versions = {}
    for code in languages.codes:
        post = group.posts.get(code)
        if post is None:
            status = Status.MISSING
        elif post is original:
            status = Status.ORIGINAL
        elif original is None:
            status = Status.ORPHAN
        elif post.translation_of is None:
            status = Status.UNRECORDED
        elif post.translation_of == current:
            status = Status.UP_TO_DATE
        else:
            status = Status.OUTDATED
        versions[code] = Version(group.ref, code, status, post, original)
    return GroupStatus(group, original, versions)


def catalog_status(catalog: Catalog) -> list[GroupStatus]:
    """Every post group's status, newest first."""
    groups = [group_status(group, catalog.languages) for group in catalog.groups.values()]
    return sorted(groups, key=lambda g: (g.newest, g.ref), reverse=True)


# ---------------------------------------------------------------- history: dates and diffs
@dataclass(frozen=True)
class Change:
    """When an original last changed, and how, since the version a translation records."""

    when: date | None  # None: unknown
    how_known: str  # "git", "not committed yet", "file date", "unknown"
    diff: str | None = None  # unified diff of the original's title and body since the translated version
    note: str = ""  # why there is no diff


class History:
    """Dates and earlier versions of post files, from git when the project is in a repository.

    Without git (or outside a repository) an original's date of change is its
    file's modification date. One `git log` for all the files asked about, and
    one `git cat-file` process for their earlier versions: fast on a thousand posts.
    """

    def __init__(self, root: Path, *, use_git: bool = True) -> None:
        self.root = root
        self.top = _git_top(root) if use_git else None
        # a shallow clone's oldest commit is not when its files were written
        self.shallow = self.top is not None and _git(self.top, "rev-parse", "--is-shallow-repository") == "true"
        self._commits: dict[str, list[tuple[str, int]]] | None = None
        self._cat: subprocess.Popen | None = None

    def close(self) -> None:
        if self._cat is not None:
            self._cat.stdin.close()
            self._cat.wait()
            self._cat = None

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def changes(
        self, wanted: list[tuple[Post, str | None]], *, diffs: bool = False
    ) -> dict[tuple[str, str | None], Change]:
        """For each (original, hash a translation records): its Change, by (original's path, hash)."""
        if self.top is not None and self._commits is None:
            self._commits = self._log(sorted({self._rel(post) for post, _ in wanted}))
        out = {}
        for post, recorded in wanted:
            key = (post.path, recorded)
            out[key] = self._change(post, recorded, diffs)
        return out

    def change(self, post: Post, recorded: str | None, *, diffs: bool = False) -> Change:
        return self.changes([(post, recorded)], diffs=diffs)[(post.path, recorded)]

    # -- without git
    def _file_date(self, post: Post) -> Change:
        try:
            stamp = os.stat(self.root / post.path).st_mtime
        except OSError:
            return Change(None, "unknown", note="no git history to compare with")
        return Change(datetime.fromtimestamp(stamp).date(), "file date", note="no git history to compare with")

    # -- with git
    def _rel(self, post: Post) -> str:
        return os.path.relpath(self.root / post.path, self.top).replace(os.sep, "/")

    def _change(self, post: Post, recorded: str | None, diffs: bool) -> Change:
        commits = (self._commits or {}).get(self._rel(post)) if self.top is not None else None
        if not commits:
            return self._file_date(post)
        current = post_hash(post)
        versions = []  # (commit time, hash, text) newest first
        when = how = None
        translated = None
        for commit, stamp in commits:
            raw = self._blob(commit, self._rel(post))
            old = _title_body(raw) if raw is not None else None
            old_hash = content_hash(*old) if old else None
            if when is None and not versions and old_hash != current:
                # the file differs from its last commit: changed in the working tree
                file_change = self._file_date(post)
                when, how = file_change.when, "not committed yet"
            versions.append((stamp, old_hash, old))
            if recorded is not None and old_hash == recorded:
                translated = (commit, stamp, old)
                break
        if when is None:
            # the oldest commit of the newest run of versions with the current text
            run = [stamp for stamp, h, _ in _leading(versions, current)]
            if run and len(run) == len(commits) and self.shallow:
                when, how = None, "unknown: shallow clone"
            else:
                when, how = (datetime.fromtimestamp(run[-1]).date(), "git") if run else (None, "unknown")
        if not diffs:
            return Change(when, how)
        if translated is None:
            return Change(when, how, None, "the translated version is not in the git history (shallow clone?)")
        commit, stamp, old = translated
        before = normalized_lines(*old)
        after = normalized_lines(post.title, post.body)
        label = f"{post.path} at {commit[:10]} ({datetime.fromtimestamp(stamp).date()})"
        diff = "".join(difflib.unified_diff(before, after, label, f"{post.path} now", n=1))
        return Change(when, how, diff)

    def _log(self, paths: list[str]) -> dict[str, list[tuple[str, int]]]:
        """Path -> [(commit, time)], newest first, of the commits that changed it."""
        commits: dict[str, list[tuple[str, int]]] = {}
        if not paths:
            return commits
        try:
            out = subprocess.run(
                ["git", "log", "--format=%x01%H %ct", "--name-only", "--no-renames", "--", *paths],
                cwd=self.top, capture_output=True, text=True, check=True,
            ).stdout
        except (OSError, subprocess.CalledProcessError):
            return commits
        current = None
        for line in out.splitlines():
            if line.startswith("\x01"):
                sha, stamp = line[1:].split()
                current = (sha, int(stamp))
            elif line.strip() and current is not None:
                commits.setdefault(line.strip(), []).append(current)
        return commits

    def _blob(self, commit: str, path: str) -> bytes | None:
        if self._cat is None:
            self._cat = subprocess.Popen(
                ["git", "cat-file", "--batch"], cwd=self.top, stdin=subprocess.PIPE, stdout=subprocess.PIPE
            )
        self._cat.stdin.write(f"{commit}:{path}\n".encode())
        self._cat.stdin.flush()
        header = self._cat.stdout.readline().split()
        if len(header) != 3:
            return None
        data = self._cat.stdout.read(int(header[2]) + 1)
        return data[:-1]


def _leading(versions: list, current: str) -> list:
    run = []
    for version in versions:
        if version[1] != current:
            break
        run.append(version)
    return run


def _git(cwd: Path, *args: str) -> str | None:
    """The output of a git command, or None when git or the repository is not there."""
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def _git_top(root: Path) -> Path | None:
    out = _git(root, "rev-parse", "--show-toplevel")
    return Path(out) if out else None


def _title_body(raw: bytes) -> tuple[str, str] | None:
    try:
        doc = frontmatter.parse(frontmatter.decode(raw))
    except frontmatter.FrontMatterError:
        return None
    title = doc.meta.get("title")
    return (str(title), doc.body) if title is not None else None


def normalized_lines(title: str, body: str) -> list[str]:
    """A post's title and text as lines, blank lines and indentation left out: the diff translators read."""
    lines = [clean_text(title), ""]
    lines += [" ".join(line.split()) for line in body.splitlines() if line.strip()]
    return [line + "\n" for line in lines]


# ---------------------------------------------------------------- the help-translate pages
@dataclass(frozen=True)
class HelpItem:
    """A post to translate (missing) or to update (outdated) in one language."""

    status: Status  # MISSING or OUTDATED
    original: Post
    translation: Post | None  # the outdated translation; None when missing
    slug: str


def help_items(states: list[GroupStatus], lang: str) -> list[HelpItem]:
    """What readers of `lang` can help with: outdated translations and missing ones, newest first.

    Drafts are left out: neither a draft original nor a draft translation is published.
    """
    items = []
    for state in states:
        version = state.versions[lang]
        original = state.original
        if original is None or original.draft or version.status not in (Status.OUTDATED, Status.MISSING):
            continue
        if version.post is not None and version.post.draft:
            continue
        items.append(HelpItem(version.status, original, version.post, state.group.slug))
    return sorted(items, key=lambda item: (item.original.published, item.original.ref), reverse=True)


GITHUB_URL_LIMIT = 8000  # characters: longer addresses may be refused; the text is then left to paste


def github_branch(edit_uri: str | None) -> str:
    """The branch of MkDocs' `edit_uri` (``edit/main/docs/`` -> ``main``), else ``main``."""
    parts = (edit_uri or "").strip("/").split("/")
    return parts[1] if len(parts) >= 2 and parts[0] in ("edit", "blob", "tree") and parts[1] else "main"


def github_new_file_url(repo_url: str, branch: str, folder: str, filename: str, text: str) -> str:
    """GitHub's web editor, creating `folder/filename` prefilled with `text`."""
    from urllib.parse import quote, urlencode

    base = f"{repo_url.rstrip('/')}/new/{quote(branch)}/{quote(folder.strip('/'))}"
    return f"{base}?{urlencode({'filename': filename, 'value': text}, quote_via=quote)}"


def github_edit_url(repo_url: str, branch: str, path: str) -> str:
    from urllib.parse import quote

    return f"{repo_url.rstrip('/')}/edit/{quote(branch)}/{quote(path)}"


# ---------------------------------------------------------------- marking a translation done
class TranslationError(Exception):
    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def mark_done(site: SiteConfig, catalog: Catalog, target: str) -> tuple[Post, Post]:
    """Record in the translation at `target` the original's current version. Returns (translation, original)."""
    path = (site.root / target).resolve() if not Path(target).is_absolute() else Path(target)
    shown = os.path.relpath(path, site.root).replace(os.sep, "/")
    post = next((p for p in catalog.posts() if (site.root / p.path).resolve() == path), None)
    if post is None:
        if not path.is_file():
            raise TranslationError(Problem(shown, "DONE", "no such file", "give the path of a translation, e.g. docs/blog/posts/2019-12-17-x-en.md"))
        if not is_post_file(path.name) or path.parent.resolve() != (site.docs_dir / POSTS_DIR).resolve():
            raise TranslationError(Problem(shown, "DONE", "is not a post", f"give a post of {os.path.relpath(site.docs_dir / POSTS_DIR, site.root)}/"))
        raise TranslationError(Problem(shown, "DONE", "has problems", "run make check and fix them first"))
    state = group_status(catalog.group_of(post), catalog.languages)
    if state.original is None:
        raise TranslationError(
            Problem(shown, TRANSLATION_OF, "its original was deleted (orphan)", "remove the translation, or the translation_of line to make it the original", post.key_lines.get(TRANSLATION_OF))
        )
    if state.original is post:
        raise TranslationError(
            Problem(shown, "DONE", f"is the original of '{post.ref}', not a translation", "give the path of one of its translations")
        )
    digest = post_hash(state.original)
    text = path.read_bytes().decode("utf-8-sig")
    path.write_text(set_translation_of(text, digest), encoding="utf-8")
    return post, state.original


def set_translation_of(text: str, digest: str) -> str:
    """`text` (a post file) with ``translation_of: "<digest>"`` in its front matter, the rest untouched."""
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    entry = f'{TRANSLATION_OF}: "{digest}"{newline}'
    end = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "...")), None)
    if end is None:
        raise ValueError("no front matter")
    for i in range(1, end):
        if lines[i].split(":", 1)[0].strip() == TRANSLATION_OF:
            lines[i] = entry
            return "".join(lines)
    after = next((i + 1 for i in range(1, end) if lines[i].split(":", 1)[0].strip() == "ref"), end)
    lines.insert(after, entry)
    return "".join(lines)


# ---------------------------------------------------------------- the report
def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def status_table(states: list[GroupStatus], languages: tuple[str, ...]) -> list[str]:
    """One line per post group: date, ref, title of the original, then one column per language."""
    width = 13
    head = f"{'date':<10}  {'ref':<28}  {'original title':<40}  " + "  ".join(f"{code:<{width}}" for code in languages)
    lines = [head.rstrip(), "-" * len(head.rstrip())]
    for state in states:
        source = state.original or next(iter(state.group.posts.values()))
        cells = []
        for code in languages:
            version = state.versions[code]
            cell = version.status.value + (" (draft)" if version.post is not None and version.post.draft else "")
            cells.append(f"{cell:<{width}}")
        lines.append(
            f"{source.date.isoformat():<10}  {_short(state.ref, 28):<28}  {_short(source.title, 40):<40}  " + "  ".join(cells)
        )
    return [line.rstrip() for line in lines]


def report(
    site: SiteConfig,
    catalog: Catalog,
    out: TextIO,
    *,
    languages: tuple[str, ...] | None = None,
    history: History | None = None,
) -> dict[Status, int]:
    """Print the table and the details; returns the count of each status in the languages shown."""
    codes = languages or catalog.languages.codes
    states = catalog_status(catalog)
    counts = {status: 0 for status in Status}
    for state in states:
        for code in codes:
            counts[state.versions[code].status] += 1
    print(f"Translations of {len(states)} posts ({', '.join(codes)}), newest first:", file=out)
    print(file=out)
    for line in status_table(states, codes):
        print(line, file=out)

    outdated = [v for s in states for v in s.versions.values() if v.lang in codes and v.status is Status.OUTDATED]
    if outdated:
        print(file=out)
        print("Outdated (the original changed after the translation):", file=out)
        own = history is None
        history = history or History(site.root)
        try:
            changes = history.changes([(v.original, v.post.translation_of) for v in outdated], diffs=True)
        finally:
            if own:
                history.close()
        for version in outdated:
            change = changes[(version.original.path, version.post.translation_of)]
            when = f"on {change.when.isoformat()}" if change.when else "on an unknown date"
            print(file=out)
            print(f"{version.post.path} ({version.lang}): its original {version.original.path} changed {when} ({change.how_known})", file=out)
            if change.diff:
                for line in change.diff.splitlines():
                    print("    " + line, file=out)
            elif change.note:
                print(f"    no diff: {change.note}", file=out)
    for status, title in (
        (Status.UNRECORDED, "Translations that never recorded which version they translate (check them, then mark them done):"),
        (Status.ORPHAN, "Orphans (their original was deleted: delete them, or remove their translation_of line to make one the original):"),
    ):
        found = [v for s in states for v in s.versions.values() if v.lang in codes and v.status is status]
        if found:
            print(file=out)
            print(title, file=out)
            for version in found:
                print(f"    {version.post.path} ({version.lang})", file=out)
    print(file=out)
    for code in codes:
        parts = [f"{n} {status.value}" for status in Status if status is not Status.ORIGINAL and (n := counts_of(states, code, status))]
        print(f"{code}: {', '.join(parts) or 'originals only'}", file=out)
    print(file=out)
    print("Translate a missing post: make new-post REF=<ref> LANG=<language>", file=out)
    print("After updating a translation: make translations DONE=<its file>", file=out)
    return counts


def counts_of(states: list[GroupStatus], code: str, status: Status) -> int:
    return sum(1 for s in states if s.versions[code].status is status)


# ---------------------------------------------------------------- the pull request check
def changed_originals(site: SiteConfig, catalog: Catalog, since: str) -> list[GroupStatus] | str:
    """The post groups whose original changed since git revision `since`, or why it cannot be known."""
    try:
        out = subprocess.run(
            ["git", "diff", "--name-only", "--no-renames", since, "--", str(site.docs_dir / POSTS_DIR)],
            cwd=site.root, capture_output=True, text=True, check=True,
        ).stdout
        top = _git_top(site.root)
    except (OSError, subprocess.CalledProcessError) as e:
        return f"git cannot compare with {since}: {getattr(e, 'stderr', '') or e}".strip()
    changed = {(top / line.strip()).resolve() for line in out.splitlines() if line.strip()}
    return [
        state
        for state in catalog_status(catalog)
        if state.original is not None and (site.root / state.original.path).resolve() in changed and state.translations()
    ]


def pull_request_notes(states: list[GroupStatus]) -> tuple[list[str], list[str]]:
    """(GitHub annotations, Markdown lines of the job summary) for originals a pull request changes."""
    annotations, summary = [], []
    for state in states:
        original = state.original
        current = post_hash(original)
        behind = [v for v in state.translations() if v.post.translation_of != current]
        if not behind:
            continue
        names = ", ".join(f"{v.lang} ({v.post.path})" for v in behind)
        text = (
            f"This post has {len(behind)} translation{'s' * (len(behind) != 1)} that this version of its title or "
            f"text leaves outdated: {names}. Not an error: translators see them in make translations and on the "
            "Help translate pages; if you update one yourself, run make translations DONE=<its file>."
        )
        line = original.key_lines.get("title") or 1
        annotations.append(
            f"::notice file={_property(original.path)},line={line},title=Translations to update::{_message(text)}"
        )
        summary.append(f"- `{original.path}`: {len(behind)} translation{'s' * (len(behind) != 1)} to update: " + ", ".join(f"`{v.post.path}`" for v in behind))
    if summary:
        summary.insert(0, "### Translations to update\n")
        summary.append("\nNot an error: the translations show a notice until a translator updates them.")
    return annotations, summary


def _message(text: str) -> str:
    """`text` as the message of a GitHub workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """`text` as a property (file=...) of a GitHub workflow command."""
    return _message(text).replace(":", "%3A").replace(",", "%2C")


# ---------------------------------------------------------------- command line
def main(argv: list[str] | None = None, out: TextIO = sys.stdout) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description="Which posts are missing or outdated in which language.")
    parser.add_argument("--lang", default="", help="languages to show, separated by commas (default: all)")
    parser.add_argument("--fail-on", default="", help=f"exit 1 when a translation has this status: {', '.join(FAIL_ON_CHOICES)}")
    parser.add_argument("--done", default="", help="a translation to mark as up to date after review")
    parser.add_argument("--since", default="", help="git revision: report the originals changed since it (pull requests)")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    site = load_site_or_say(args.config, out)
    if site is None:
        return 1
    catalog = shared_reader(site.languages).read(site.docs_dir / POSTS_DIR, site.docs_dir, site.root)

    problems = []
    codes = tuple(c.strip() for c in args.lang.split(",") if c.strip()) or site.languages.codes
    for code in codes:
        if code not in site.languages:
            problems.append(Problem(COMMAND, "LANG", f"unknown language '{code}'", f"use one of: {', '.join(site.languages.codes)}"))
    fail_on = [c.strip() for c in args.fail_on.split(",") if c.strip()]
    for name in fail_on:
        if name not in FAIL_ON_CHOICES:
            problems.append(Problem(COMMAND, "FAIL_ON", f"unknown status '{name}'", f"use one of: {', '.join(FAIL_ON_CHOICES)}"))
    if problems:
        for problem in problems:
            print(problem, file=out)
        return 2

    if args.done:
        try:
            post, original = mark_done(site, catalog, args.done)
        except TranslationError as e:
            print(e.problem, file=out)
            print("Nothing was written.", file=out)
            return 1
        print(f"{post.path} ({post.lang}) is marked up to date with {original.path} ({original.lang}).", file=out)
        return 0

    if args.since:
        found = changed_originals(site, catalog, args.since)
        if isinstance(found, str):
            print(f"Translations to update: unknown ({found}).", file=out)
            return 0
        annotations, summary = pull_request_notes(found)
        if not summary:
            print(f"No post changed since {args.since} has translations to update.", file=out)
            return 0
        for line in summary:
            print(line, file=out)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            for line in annotations:
                print(line, file=out)
            if os.environ.get("GITHUB_STEP_SUMMARY"):
                with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as f:
                    f.write("\n".join(summary) + "\n")
        return 0

    for problem in catalog.problems:
        if problem.is_error:
            print(f"(left out) {problem}", file=out)
    with History(site.root) as history:
        counts = report(site, catalog, out, languages=codes, history=history)
    failing = [name for name in fail_on if counts[FAIL_ON_CHOICES[name]]]
    if failing:
        print(f"FAIL_ON={','.join(fail_on)}: {', '.join(f'{counts[FAIL_ON_CHOICES[n]]} {n}' for n in failing)}.", file=out)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
