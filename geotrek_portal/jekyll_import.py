"""``python -m geotrek_portal.jekyll_import SRC [--force]``: bring a Jekyll site into the portal.

Run from the repository root (``make import-jekyll SRC=...``). Writes posts into
``docs/blog/posts/``, pictures into ``docs/assets/``, the old addresses into
``data/redirects.yml``, prints a summary and writes a Markdown report. A second
run changes nothing. Exit status: 0, or 2 when the source cannot be read.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .config import ConfigError, load_site
from .jekyll import POSTS_DIR, ExistingPost, JekyllSource, Plan, SourceError, plan_import, read_source
from .jekyll_body import Note
from .languages import Languages
from .posts import is_post_file, parse_post
from .redirects import (
    REDIRECTS_FILE,
    RedirectConflict,
    dump_redirect_map,
    merge_redirect_maps,
    parse_redirect_map,
)

DEFAULT_REPORT = "import-report.md"


@dataclass
class Outcome:
    plan: Plan
    written: list[str] = field(default_factory=list)  # paths from the repository root
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    problems: list[Note] = field(default_factory=list)  # found while applying the plan
    redirect_conflicts: list[RedirectConflict] = field(default_factory=list)
    report: str = ""


def run_import(src: Path, root: Path, *, force: bool = False, report: Path | None = None) -> Outcome:
    """Import the Jekyll site at `src` into the portal at `root`. Raises SourceError, ConfigError."""
    root = Path(root)
    site = load_site(root / "mkdocs.yml")
    languages, docs = site.languages, site.docs_dir
    source = read_source(Path(src))
    existing = _existing_posts(docs / POSTS_DIR, languages)
    docs_files = frozenset(
        p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    )
    plan = plan_import(
        source,
        languages,
        site_path=site.site_path,
        existing=existing,
        docs_files=docs_files,
        feed_name=site.rss_feed,
        force=force,
    )
    outcome = Outcome(plan)
    _apply_posts(plan, docs, root, outcome)
    _apply_assets(plan, source, docs, root, force, outcome)
    _apply_redirects(plan, root, languages, force, outcome)
    outcome.report = render_report(plan, outcome, languages, source, force)
    report_path = report or root / DEFAULT_REPORT
    _write_if_changed(report_path, outcome.report.encode("utf-8"))
    return outcome


def _existing_posts(posts_dir: Path, languages: Languages) -> list[ExistingPost]:
    found = []
    for path in sorted(posts_dir.glob("*")) if posts_dir.is_dir() else []:
        if not path.is_file() or not is_post_file(path.name):
            continue
        raw = path.read_bytes()
        post, _ = parse_post(path.name, raw, languages)
        if post is not None:
            found.append(ExistingPost(path.name, post.ref, post.lang, post.date, raw))
    return found


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def _apply_posts(plan: Plan, docs: Path, root: Path, outcome: Outcome) -> None:
    posts_dir = docs / POSTS_DIR
    for post in plan.posts:
        if post.status in ("unchanged", "conflict"):
            outcome.unchanged += post.status == "unchanged"
            continue
        target = posts_dir / post.name
        if post.status == "new" and target.exists():
            # another post's file (different ref or lang) has this name: never overwritten
            outcome.problems.append(Note("file-conflict", post.source, f"{_rel(target, root)} exists and is another post"))
            continue
        if _write_if_changed(target, post.text.encode("utf-8")):
            outcome.written.append(_rel(target, root))
        if post.status == "replace" and post.existing and post.existing != post.name:
            (posts_dir / post.existing).unlink(missing_ok=True)
            outcome.removed.append(_rel(posts_dir / post.existing, root))


def _apply_assets(plan: Plan, source: JekyllSource, docs: Path, root: Path, force: bool, outcome: Outcome) -> None:
    for dest, origin in sorted(plan.assets.items()):
        target = docs / dest
        origin_path = source.root / origin
        try:
            data = origin_path.read_bytes()
        except OSError as e:
            outcome.problems.append(Note("unreadable", origin, f"cannot be read: {e.strerror}"))
            continue
        if target.is_file():
            if target.read_bytes() == data:
                outcome.unchanged += 1
                continue
            if not force:
                outcome.problems.append(
                    Note("file-conflict", origin, f"{_rel(target, root)} exists with other content: kept, import with FORCE=1 to replace it")
                )
                continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(origin_path, target)
        outcome.written.append(_rel(target, root))


def _apply_redirects(plan: Plan, root: Path, languages: Languages, force: bool, outcome: Outcome) -> None:
    path = root / REDIRECTS_FILE
    existing = {}
    if path.is_file():
        existing, problems = parse_redirect_map(path.read_text(encoding="utf-8"), languages)
        if problems and not force:
            for problem in problems:
                outcome.problems.append(Note("redirects-invalid", REDIRECTS_FILE, f"{problem}; the file was not changed"))
            return
    merged, outcome.redirect_conflicts = merge_redirect_maps(existing, plan.redirects, force=force)
    if merged == existing and path.is_file():
        return  # nothing new: the file (and its comments) stays as the maintainer left it
    if merged and _write_if_changed(path, dump_redirect_map(merged, languages).encode("utf-8")):
        outcome.written.append(REDIRECTS_FILE)


def _rel(path: Path, root: Path) -> str:
    return os.path.relpath(path, root).replace(os.sep, "/")


# ---------------------------------------------------------------- report
# kind -> (what, why): one heading per kind of correction or problem
KINDS: dict[str, tuple[str, str]] = {
    # corrections
    "file-renamed": ("File renamed", "posts are named YYYY-MM-DD-slug[-lang].md; translations share the slug of the default-language file"),
    "layout-dropped": ("`layout` removed", "the portal's templates decide the layout of every post"),
    "key-spacing": ("Space before a colon removed", "`title :` reads as `title:`; written the usual way"),
    "title-cleaned": ("Title trimmed", "stray spaces and invisible characters (such as U+200E) show in lists, tabs and feeds"),
    "date-normalized": ("Date written as YYYY-MM-DD", "the portal's front matter format; the time and time zone were not used"),
    "date-mismatch": ("Front matter date differs from the file name", "the front matter wins: the old address used it; the new file name follows it"),
    "date-from-filename": ("Date taken from the file name", "the front matter had none; Jekyll used the file name's"),
    "lang-inferred": ("Language added", "`lang` is required; taken from the layout or the file name suffix, else French"),
    "lang-normalized": ("Language code normalized", "codes are lower case: fr, en, es"),
    "lang-suffix": ("File name suffix and `lang` disagree", "the front matter decides; the new file name follows it"),
    "draft": ("Draft", "files of _drafts/ were never published: `draft: true` keeps them out of the site"),
    "unpublished": ("`published: false` became `draft: true`", "the portal's way to keep a post out of the site"),
    "categories": ("Categories written as a list", "Jekyll split a string of categories on spaces; the portal wants a list"),
    "ref-split": ("Shared `ref` split", "two posts of one language had the same ref: translations were paired by file name and each pair got its own ref"),
    "ref-assigned": ("`ref` added", "`ref` is required; versions with the same file name got the same ref"),
    "paired-by-date": ("Translations paired by date", "their file names differ; they are the only versions published that day"),
    "slug-renamed": ("Slug changed", "another post of the same date and language had that address"),
    "slug-reused": ("Slug reused in other years", "kept: the dates in the addresses keep the posts apart"),
    "permalink": ("`permalink` removed", "its address is redirected to the new page instead"),
    "baseurl": ("`{{ site.baseurl }}` resolved", "Liquid does not run on the portal: links point at the site root (Markdown links relative, so the build checks them)"),
    "more-marker": ("Excerpt marker", "`<!--more-->` is written `<!-- more -->` for Material's blog"),
    "link-fixed": ("Link to a file fixed", "the link never worked on the old site (relative to the post's address) but the file is in the source"),
    "iframe-https": ("Embedded video over https", "an address without https is blocked or broken on an https site"),
    "liquid-highlight": ("`{% highlight %}` became a fenced code block", "Liquid does not run on the portal"),
    "liquid-raw": ("`{% raw %}` removed", "Liquid does not run on the portal; the content is kept"),
    "liquid-comment": ("`{% comment %}` removed", "Liquid comments were never shown"),
    "liquid-post-url": ("`{% post_url %}` resolved", "Liquid does not run on the portal"),
    "liquid-link": ("`{% link %}` resolved", "Liquid does not run on the portal"),
    # problems
    "unreadable": ("Cannot be read", "not imported"),
    "front-matter": ("Front matter unusable", "not imported: fix the file in the source and import again"),
    "date-invalid": ("Date unusable", "the file name's date was used when it had one"),
    "date-missing": ("No date", "not imported: add a date and import again"),
    "draft-date": ("Draft without a date", "the file's date was used: set the real publication date"),
    "title-missing": ("No title", "a title was made from the file name: write a real one"),
    "unknown-lang": ("Unknown language", "not imported: the portal has fr, en and es"),
    "image-unusable": ("Teaser picture unusable", "dropped from the front matter"),
    "missing-picture": ("Picture not found in the source", "left as its text so the strict build stays green: find the picture, add it under docs/assets/img/ and link it"),
    "missing-link": ("Linked file not found in the source", "left as plain text so the strict build stays green"),
    "liquid-unknown": ("Liquid removed", "it does not run on the portal: check what it used to show"),
    "post-url-unknown": ("`{% post_url %}` to a post that is not in the source", "left as plain text"),
    "permalink-unknown": ("`permalink` with placeholders", "the usual address was redirected: check the old address"),
    "old-url-clash": ("Two posts had the same old address", "only the first is redirected"),
    "conflict": ("Same post already in the portal, different content", "kept as it is: compare, then edit it or import with FORCE=1"),
    "file-conflict": ("A different file is already there", "kept as it is: compare, or import with FORCE=1"),
    "page-missing": ("Old page redirected to the home page", "the portal has no such page yet"),
    "page-unknown": ("Old page with no new page", "not redirected: add an entry to data/redirects.yml if it had visitors"),
    "redirects-invalid": ("data/redirects.yml unusable", "fix it (the build rejects it too)"),
    "invalid": ("The build would reject this post", "fix it before building"),
    # remarks
    "raw-html": ("Written in raw HTML", "kept as written: look at the page"),
    "iframe": ("Embedded content", "kept as written (a third-party request on that page)"),
}


def render_report(plan: Plan, outcome: Outcome, languages: Languages, source: JekyllSource, force: bool) -> str:
    """The Markdown report. It describes the result, not the run: a second run gives the same text."""
    posts = plan.posts
    out = ["# Jekyll import report", ""]
    out.append(
        f"Source: `{source.root}`: {len(source.posts)} post files "
        f"({sum(f.draft for f in source.posts)} in `_drafts/`), {len(source.pages)} pages. "
        f"{len(posts)} posts imported into `docs/{POSTS_DIR}/`, {len(plan.assets)} files copied under `docs/assets/`, "
        f"{sum(len(v) for v in plan.redirects.values())} old addresses redirected (`{REDIRECTS_FILE}`)."
        + (" Imported with FORCE=1." if force else "")
    )
    out += ["", "## Posts per language", "", "| Language | Posts | Drafts | Old addresses redirected |", "| --- | ---: | ---: | ---: |"]
    for code in languages.codes:
        mine = [p for p in posts if p.lang == code]
        out.append(
            f"| {languages[code].name} (`{code}`) | {sum(not p.draft for p in mine)} | {sum(p.draft for p in mine)} "
            f"| {len(plan.redirects.get(code, {}))} |"
        )
    out.append(f"| Total | {sum(not p.draft for p in posts)} | {sum(p.draft for p in posts)} | {sum(len(v) for v in plan.redirects.values())} |")
    if plan.skipped:
        out += ["", f"Not imported ({len(plan.skipped)}, see the problems below): " + ", ".join(f"`{s}`" for s in plan.skipped)]

    linked = [g for g in plan.groups if len(g.posts) > 1]
    out += [
        "",
        "## Translation groups",
        "",
        f"{len(linked)} groups with translations, {len(plan.groups) - len(linked)} posts in one language only. "
        "Posts of a group share the `ref` and the address (only the language prefix differs).",
        "",
        "| ref | How | " + " | ".join(languages.codes) + " |",
        "| --- | --- | " + " | ".join("---" for _ in languages.codes) + " |",
    ]
    for group in plan.groups:
        by_lang = {p.lang: p for p in group.posts}
        cells = [
            f"`{by_lang[c].name}`<br>from `{by_lang[c].source}`" if c in by_lang else "" for c in languages.codes
        ]
        ref = f"`{group.ref}`" + (f" (was `{group.source_ref}`)" if group.source_ref and group.source_ref != group.ref else "")
        out.append(f"| {ref} | {group.how} | " + " | ".join(cells) + " |")

    out += ["", "## Corrections", "", "What the import changed, file by file; bodies are otherwise kept as written."]
    out += _notes_by_kind(plan.corrections)
    out += ["", "## Problems left for a human", ""]
    problems = plan.problems + outcome.problems
    problems += [
        Note("redirect-conflict", REDIRECTS_FILE, f"{c.lang}: /{c.old} goes to {c.kept} in the file; the import computed {c.proposed}")
        for c in outcome.redirect_conflicts
    ]
    if problems:
        out += _notes_by_kind(problems)
    else:
        out.append("None.")
    out += ["", "## Pictures and files", ""]
    out.append(f"{len(plan.assets)} files that posts use, copied under `docs/` (picture addresses under `assets/` are kept):")
    out += _list([f"`docs/{dest}` from `{origin}`" for dest, origin in sorted(plan.assets.items())])
    if plan.unused_pictures:
        out += ["", f"{len(plan.unused_pictures)} pictures of the source that no post uses were not copied (the portal's pages are new):"]
        out += _list([f"`{p}`" for p in plan.unused_pictures])
    out += ["", "## Worth a look", ""]
    out += _notes_by_kind(plan.remarks) if plan.remarks else ["Nothing."]
    return "\n".join(out) + "\n"


KINDS["redirect-conflict"] = ("Redirect changed by hand", "kept as in the file: import with FORCE=1 to take the computed one")


def _list(items: list[str], fold: int = 12) -> list[str]:
    """A Markdown list; a long one folded (GitHub shows <details> closed)."""
    lines = [f"- {item}" for item in items]
    if len(lines) <= fold:
        return ["", *lines]
    return ["", f"<details><summary>{len(lines)} entries</summary>", "", *lines, "", "</details>"]


def _notes_by_kind(notes: list[Note]) -> list[str]:
    out: list[str] = []
    kinds = sorted({n.kind for n in notes}, key=lambda k: list(KINDS).index(k) if k in KINDS else len(KINDS))
    for kind in kinds:
        mine = [n for n in notes if n.kind == kind]
        what, why = KINDS.get(kind, (kind, ""))
        counts: dict[tuple[str, str], int] = {}
        for n in mine:
            counts[(n.path, n.detail)] = counts.get((n.path, n.detail), 0) + 1
        files = len({n.path for n in mine})
        out += ["", f"### {what} ({files} file{'s' if files > 1 else ''})", "", f"Why: {why}."]
        out += _list(
            [
                f"`{path}`" + (f": {_md(detail)}" if detail else "") + (f" ({count} times)" if count > 1 else "")
                for (path, detail), count in sorted(counts.items())
            ]
        )
    return out


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]|"} | {"<": "&lt;", "\n": " "})


def _md(text: str) -> str:
    """Report text that quotes the source: escaped, so Markdown shows it as written."""
    return text.translate(_MD_SPECIAL)


# ---------------------------------------------------------------- command
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make import-jekyll", description=__doc__.split("\n\n")[0])
    parser.add_argument("src", type=Path, help="a checkout of the Jekyll site")
    parser.add_argument("--force", action="store_true", help="replace posts and files that differ (FORCE=1)")
    parser.add_argument("--root", type=Path, default=Path("."), help="the portal's repository (default: here)")
    parser.add_argument("--report", type=Path, help=f"where to write the report (default: {DEFAULT_REPORT})")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        outcome = run_import(args.src, args.root, force=args.force, report=args.report)
    except (SourceError, ConfigError) as e:
        print(f"import-jekyll: {e}", file=sys.stderr)
        return 2
    plan = outcome.plan
    elapsed = time.perf_counter() - started
    counts = {s: sum(p.status == s for p in plan.posts) for s in ("new", "replace", "unchanged", "conflict")}
    print(
        f"{len(plan.posts)} posts: {counts['new']} new, {counts['replace']} replaced, "
        f"{counts['unchanged']} already there, {counts['conflict']} kept (conflict)"
    )
    print(f"{len(outcome.written)} files written, {len(outcome.removed)} removed, {len(plan.assets)} pictures and files referenced")
    print(f"{len(plan.corrections)} corrections, {len(plan.problems) + len(outcome.problems) + len(outcome.redirect_conflicts)} problems left for a human")
    print(f"report: {args.report or Path(args.root) / DEFAULT_REPORT} ({elapsed:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
