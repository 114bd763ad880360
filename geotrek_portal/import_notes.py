"""What the Jekyll import reports: one Note per correction, problem or remark.

Each kind of note has a heading (what) and a reason (why), written once here
and shown once per kind in the report, above the files it concerns.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Note:
    """One line of the import report: `kind` names the correction or problem."""

    kind: str
    path: str  # the source file it is about
    detail: str = ""
    where: str = ""  # the text it is about, as written in the source file (to find its line)
    line: int | None = None  # 1-based line of `where` in the source file

    @property
    def place(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


# kind -> (what, why). Corrections: what the import changed.
CORRECTIONS: dict[str, tuple[str, str]] = {
    "file-renamed": ("File renamed", "posts are named YYYY-MM-DD-slug[-lang].md; translations share the slug of the default-language file"),
    "layout-dropped": ("`layout` removed", "the portal's templates decide the layout of every post"),
    "key-spacing": ("Space before a colon removed", "`title :` reads as `title:`; written the usual way"),
    "title-cleaned": ("Title trimmed", "stray spaces and invisible characters (such as U+200E) show in lists, tabs and feeds"),
    "date-normalized": ("Date written as YYYY-MM-DD", "the portal's front matter format; the time and time zone were not used"),
    "date-mismatch": ("Front matter date differs from the file name", "the front matter wins: the old address used it; the new file name follows it"),
    "date-from-filename": ("Date taken from the file name", "the front matter had none; Jekyll used the file name's"),
    "lang-inferred": ("Language added", "`lang` is required; taken from the layout or the file name suffix, else the default language"),
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
    "link-rewritten": ("Link to the old site rewritten", "it points at the new page in the post's language, without going through a redirect"),
    "picture-fetched": ("Picture from another site kept with the site", "it was downloaded under docs/assets/img/external/ (FETCH=1): it no longer depends on the other site"),
    "iframe-https": ("Embedded video over https", "an address without https is blocked or broken on an https site"),
    "liquid-highlight": ("`{% highlight %}` became a fenced code block", "Liquid does not run on the portal"),
    "liquid-raw": ("`{% raw %}` removed", "Liquid does not run on the portal; the content is kept"),
    "liquid-comment": ("`{% comment %}` removed", "Liquid comments were never shown"),
    "liquid-post-url": ("`{% post_url %}` resolved", "Liquid does not run on the portal"),
    "liquid-link": ("`{% link %}` resolved", "Liquid does not run on the portal"),
}

# Problems left for a human.
PROBLEMS: dict[str, tuple[str, str]] = {
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
    "anchor-dropped": ("Link to a part of a page that no longer exists", "the link now opens the top of the new page: add the anchor there (`## Title {#name}`) or point the link at a heading that exists"),
    "picture-remote": ("Picture shown from another site", "it disappears when that site removes it: import with FETCH=1 to keep a copy, or replace it"),
    "picture-unfetched": ("Picture from another site could not be downloaded", "left as written (still shown from the other site while it exists): download it by hand into docs/assets/img/ and change the link, or remove it"),
    "redirect-conflict": ("Redirect changed by hand", "kept as in the file: import with FORCE=1 to take the computed one"),
}

# Content kept as written that deserves a look.
REMARKS: dict[str, tuple[str, str]] = {
    "raw-html": ("Written in raw HTML", "kept as written: look at the page"),
    "iframe": ("Embedded content", "kept as written (a third-party request on that page)"),
}

KINDS = {**CORRECTIONS, **PROBLEMS, **REMARKS}
