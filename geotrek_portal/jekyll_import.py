"""``python -m geotrek_portal.jekyll_import SRC [--force] [--fetch]``: bring a Jekyll site into the portal.

Run from the repository root (``make import-jekyll SRC=...``). Writes posts into
``docs/blog/posts/``, pictures into ``docs/assets/``, the old addresses into
``data/redirects.yml``, prints a summary and writes a Markdown report, the
launch-day checklist. With ``--fetch`` (``FETCH=1``), pictures that posts show
from other sites are downloaded into ``docs/assets/img/external/``; it is the
only step that uses the network. A second run changes nothing. Exit status: 0,
or 2 when the source cannot be read.
"""

from __future__ import annotations

import argparse
import os
import posixpath
import shutil
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from .config import ConfigError, load_site
from .jekyll import ExistingPost, JekyllSource, Plan, SourceError, plan_import, read_source
from .import_notes import KINDS, Note
from .languages import Languages
from .posts import is_post_file, parse_post
from .urls import POSTS_DIR
from .redirects import (
    REDIRECTS_FILE,
    RedirectConflict,
    dump_redirect_map,
    merge_redirect_maps,
    parse_redirect_map,
)

DEFAULT_REPORT = "import-report.md"
FETCH_TIMEOUT = 20  # seconds, per picture
MAX_PICTURE_BYTES = 20 * 2**20
USER_AGENT = "geotrek-portal-import (keeping the pictures of the community's old posts)"


@dataclass
class Outcome:
    plan: Plan
    written: list[str] = field(default_factory=list)  # paths from the repository root
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    problems: list[Note] = field(default_factory=list)  # found while applying the plan
    redirect_conflicts: list[RedirectConflict] = field(default_factory=list)
    pictures: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # fetched: URL -> (content, path under docs/)
    report: str = ""


def run_import(
    src: Path, root: Path, *, force: bool = False, report: Path | None = None, fetch: bool = False, timeout: float = FETCH_TIMEOUT
) -> Outcome:
    """Import the Jekyll site at `src` into the portal at `root`. Raises SourceError, ConfigError.

    `fetch`: download the pictures posts show from other sites (the only use of the network)."""
    root = Path(root)
    site = load_site(root / "mkdocs.yml")
    languages, docs = site.languages, site.docs_dir
    source = read_source(Path(src))
    existing = _existing_posts(docs / POSTS_DIR, languages)
    docs_files = frozenset(
        p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    )

    def plan(fetched: dict[str, str]) -> Plan:
        return plan_import(
            source,
            languages,
            site_path=site.site_path,
            existing=existing,
            docs_files=docs_files,
            feed_name=site.rss_feed,
            force=force,
            docs_text=lambda path: _read_text(docs / path),
            fetched=fetched,
        )

    first = plan({})
    pictures: dict[str, tuple[bytes, str]] = {}
    failures: list[Note] = []
    if fetch and first.remote_pictures:
        pictures, failures = _fetch_pictures(first, timeout)
    outcome = Outcome(plan({url: dest for url, (_, dest) in pictures.items()}) if pictures else first)
    outcome.pictures = pictures
    if fetch:  # the pictures still on other sites are those that could not be fetched: reported as such
        outcome.plan.problems = [n for n in outcome.plan.problems if n.kind != "picture-remote"]
    outcome.problems.extend(failures)
    _apply_posts(outcome.plan, docs, root, outcome)
    plan = outcome.plan
    _apply_assets(plan, source, docs, root, force, outcome)
    _apply_pictures(outcome, docs, root, force)
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


# ---------------------------------------------------------------- pictures of other sites
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", ".png"),
    (b"\xff\xd8\xff", ".jpg"),
    (b"GIF87a", ".gif"),
    (b"GIF89a", ".gif"),
    (b"BM", ".bmp"),
    (b"\x00\x00\x01\x00", ".ico"),
)


def picture_suffix(data: bytes) -> str | None:
    """The file suffix of a picture read from its content, or None when it is not a picture."""
    for magic, suffix in _MAGIC:
        if data.startswith(magic):
            return suffix
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ".webp"
    if data[4:12] in (b"ftypavif", b"ftypavis"):
        return ".avif"
    head = data[:1024].lstrip().lower()
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in head):
        return ".svg"
    return None


def fetch_picture(url: str, timeout: float = FETCH_TIMEOUT) -> tuple[bytes, str] | str:
    """(content, suffix) of the picture at `url`, or why it could not be had."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) only, see callers
            data = response.read(MAX_PICTURE_BYTES + 1)
            kind = response.headers.get_content_type()
    except urllib.error.HTTPError as e:
        return f"the site answers HTTP {e.code} ({e.reason})"
    except (urllib.error.URLError, OSError, ValueError) as e:
        return f"cannot be reached ({getattr(e, 'reason', None) or e})"
    if len(data) > MAX_PICTURE_BYTES:
        return f"larger than {MAX_PICTURE_BYTES // 2**20} MiB"
    suffix = picture_suffix(data)
    if suffix is None:
        return f"the answer is not a picture ({kind}, {len(data)} bytes)"
    return data, suffix


def _fetch_pictures(plan: Plan, timeout: float) -> tuple[dict[str, tuple[bytes, str]], list[Note]]:
    """Download every picture shown from another site; each failure is a note on the posts that show it."""
    shown_in = [n for n in plan.problems if n.kind == "picture-remote"] + [
        n for n in plan.corrections + plan.problems if n.kind == "image-unusable"
    ]
    pictures, failures = {}, []
    for url, dest in sorted(plan.remote_pictures.items()):
        result = fetch_picture(url, timeout)
        if isinstance(result, str):
            for note in [n for n in shown_in if url in n.detail] or [Note("picture-unfetched", url)]:
                failures.append(Note("picture-unfetched", note.path, f"{url}: {result}", note.where, note.line))
            continue
        data, suffix = result
        pictures[url] = (data, dest if dest.endswith(suffix) or posixpath.splitext(dest)[1] else dest + suffix)
    return pictures, failures


def _apply_pictures(outcome: Outcome, docs: Path, root: Path, force: bool) -> None:
    for url, (data, dest) in sorted(outcome.pictures.items()):
        target = docs / dest
        if target.is_file() and target.read_bytes() != data and not force:
            outcome.problems.append(
                Note("file-conflict", url, f"{_rel(target, root)} exists with other content: kept, import with FETCH=1 FORCE=1 to replace it")
            )
            continue
        if _write_if_changed(target, data):
            outcome.written.append(_rel(target, root))
        else:
            outcome.unchanged += 1


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


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


def render_report(plan: Plan, outcome: Outcome, languages: Languages, source: JekyllSource, force: bool) -> str:
    """The Markdown report, a checklist for launch day. It describes the result, not the run:
    a second run gives the same text."""
    posts = plan.posts
    problems = plan.problems + outcome.problems
    problems += [
        Note("redirect-conflict", REDIRECTS_FILE, f"{c.lang}: /{c.old} goes to {c.kept} in the file; the import computed {c.proposed}")
        for c in outcome.redirect_conflicts
    ]
    redirected = sum(len(v) for v in plan.redirects.values())
    out = ["# Jekyll import: launch-day checklist", ""]
    out.append(
        f"Source: `{source.root}`: {len(source.posts)} post files "
        f"({sum(f.draft for f in source.posts)} in `_drafts/`), {len(source.pages)} pages. "
        f"{len(posts)} posts imported into `docs/{POSTS_DIR}/`, {len(plan.assets)} files copied under `docs/assets/`, "
        f"{len(plan.fetched_pictures)} pictures of other sites kept under `docs/assets/img/external/`, "
        f"{redirected} old addresses redirected (`{REDIRECTS_FILE}`)."
        + (" Imported with FORCE=1." if force else "")
    )
    out += [
        "",
        "Before the switch: tick every box of part 1, build (`make build`), look at the posts listed, "
        "and check a few old addresses of part 2 on the built site (`make serve`).",
        "",
        f"## 1. Needs a human ({len(problems)})",
        "",
        "Each line names the file of the old site (and its line) to look at; fix it there and import again, "
        "or fix the imported post. Run `make check` after editing posts.",
    ]
    out += _notes_by_kind(problems, checklist=True) if problems else ["", "Nothing: the import needs no human decision."]

    out += ["", f"## 2. Old addresses and where they go now ({len(plan.old_addresses)})", ""]
    out.append(
        "Every address of the old site that readers, search engines and other sites may still use, "
        "and the page of the portal it now leads to (a redirect page, written by the build from "
        f"`{REDIRECTS_FILE}`). Links inside the imported posts point at the new pages directly."
    )
    rows = [f"| `/{old}` | `{new}` |" for old, new in plan.old_addresses]
    out += _table(["Old address", "Now"], rows)

    out += ["", "## 3. What was imported", "", "### Posts per language", ""]
    out += ["| Language | Posts | Drafts | Old addresses redirected |", "| --- | ---: | ---: | ---: |"]
    for code in languages.codes:
        mine = [p for p in posts if p.lang == code]
        out.append(
            f"| {languages[code].name} (`{code}`) | {sum(not p.draft for p in mine)} | {sum(p.draft for p in mine)} "
            f"| {len(plan.redirects.get(code, {}))} |"
        )
    out.append(f"| Total | {sum(not p.draft for p in posts)} | {sum(p.draft for p in posts)} | {redirected} |")
    if plan.skipped:
        out += ["", f"Not imported ({len(plan.skipped)}, see part 1): " + ", ".join(f"`{s}`" for s in plan.skipped)]

    linked = [g for g in plan.groups if len(g.posts) > 1]
    out += [
        "",
        "### Translation groups",
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

    out += ["", "### Pictures and files", ""]
    out.append(f"{len(plan.assets)} files that posts use, copied under `docs/` (picture addresses under `assets/` are kept):")
    out += _list([f"`docs/{dest}` from `{origin}`" for dest, origin in sorted(plan.assets.items())])
    if plan.fetched_pictures:
        out += ["", f"{len(plan.fetched_pictures)} pictures that posts showed from other sites, now kept with the site:"]
        out += _list([f"`docs/{dest}` from {url}" for url, dest in sorted(plan.fetched_pictures.items())])
    if plan.unused_pictures:
        out += ["", f"{len(plan.unused_pictures)} pictures of the source that no post uses were not copied (the portal's pages are new):"]
        out += _list([f"`{p}`" for p in plan.unused_pictures])

    out += ["", "## 4. Corrections", "", "What the import changed, file by file; bodies are otherwise kept as written."]
    out += _notes_by_kind(plan.corrections)
    out += ["", "## 5. Worth a look", ""]
    out += _notes_by_kind(plan.remarks) if plan.remarks else ["Nothing."]
    return "\n".join(out) + "\n"


def _table(header: list[str], rows: list[str], fold: int = 12) -> list[str]:
    """A Markdown table; a long one folded (GitHub shows <details> closed)."""
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header), *rows]
    if not rows:
        return ["", "None."]
    if len(rows) <= fold:
        return ["", *lines]
    return ["", f"<details><summary>{len(rows)} addresses</summary>", "", *lines, "", "</details>"]


def _list(items: list[str], fold: int = 12) -> list[str]:
    """A Markdown list; a long one folded (GitHub shows <details> closed)."""
    lines = [f"- {item}" for item in items]
    if len(lines) <= fold:
        return ["", *lines]
    return ["", f"<details><summary>{len(lines)} entries</summary>", "", *lines, "", "</details>"]


def _notes_by_kind(notes: list[Note], *, checklist: bool = False) -> list[str]:
    out: list[str] = []
    kinds = sorted({n.kind for n in notes}, key=lambda k: list(KINDS).index(k) if k in KINDS else len(KINDS))
    for kind in kinds:
        mine = [n for n in notes if n.kind == kind]
        what, why = KINDS.get(kind, (kind, ""))
        counts: dict[tuple[str, int, str], int] = {}
        for n in mine:
            key = (n.path, n.line or 0, n.detail)
            counts[key] = counts.get(key, 0) + 1
        files = len({n.path for n in mine})
        out += ["", f"### {what} ({files} file{'s' if files > 1 else ''})", "", f"Why: {why}."]
        out += _list(
            [
                ("[ ] " if checklist else "")
                + f"`{path}{f':{line}' if line else ''}`"
                + (f": {_md(detail)}" if detail else "")
                + (f" ({count} times)" if count > 1 else "")
                for (path, line, detail), count in sorted(counts.items())
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
    parser.add_argument("--fetch", action="store_true", help="download the pictures posts show from other sites (FETCH=1)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        outcome = run_import(args.src, args.root, force=args.force, report=args.report, fetch=args.fetch)
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
    if outcome.pictures or plan.remote_pictures:
        failed = len({n.detail.split(": ", 1)[0] for n in outcome.problems if n.kind == "picture-unfetched"})
        print(
            f"pictures of other sites: {len(plan.fetched_pictures)} kept under docs/assets/img/external/, "
            + (f"{failed} could not be fetched" if args.fetch else f"{len(plan.remote_pictures)} still shown from there (FETCH=1 keeps a copy)")
        )
    print(f"{len(plan.corrections)} corrections, {len(plan.problems) + len(outcome.problems) + len(outcome.redirect_conflicts)} problems left for a human")
    print(f"report: {args.report or Path(args.root) / DEFAULT_REPORT} ({elapsed:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
