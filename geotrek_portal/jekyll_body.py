"""Rewriting the body of a Jekyll post for the portal, otherwise keeping it as written.

What changes: Liquid (``{{ site.baseurl }}``, ``{% post_url %}``, ``{% highlight %}``...)
is resolved or removed, ``<!--more-->`` becomes Material's marker, and every
reference to a file of the old site (Markdown or HTML, images and other
files) points at its copy under ``docs/``. Code blocks and code spans are
left alone. Every change and every reference that cannot be honoured is
recorded as a Note for the import report.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import unquote, urlsplit

from .import_notes import Note
from .markdown import normalize_more_marker, resolve_site_root

POSTS_TO_DOCS = "../.."  # from docs/blog/posts/ to docs/, for Markdown links MkDocs checks
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp", ".avif", ".bmp", ".ico", ".tif", ".tiff"}
PAGE_SUFFIXES = {".html", ".htm", ".md", ".markdown", ".xml"}


@dataclass(frozen=True)
class Found:
    """A reference to a file that exists in the source."""

    path: str  # path in the source, from its root
    fixed: str = ""  # why the written reference did not work as is ("" when it did)


@dataclass(frozen=True)
class Target:
    """Where a link to an old post or page address goes now, from a post of a given language."""

    path: str  # the new page from the host's root, e.g. /en/blog/2019/10/07/slug/ or /en/produit/
    name: str | None = None  # a post of the same build: linked by file name, so MkDocs checks the link
    anchors: frozenset[str] | None = None  # the ids on the new page (None: unknown, fragments are kept)


@dataclass
class Site:
    """What body rewriting needs to know about the source and the import."""

    files: frozenset[str]  # every file of the source, from its root
    old_links: dict[str, dict[str, Target]]  # old address (path from the root) -> language of the linking post -> new page
    post_urls: dict[str, str]  # source file stem (for {% post_url %}) -> old address
    old_hosts: frozenset[str]  # host names the old site was served at
    variables: dict[str, str]  # {{ site.X }} values from _config.yml
    site_path: str  # "/" : the portal's root path on its host
    asset_dest: Callable[[str], str]  # source file -> path under docs/ (records the copy)
    # a picture on another site (absolute URL) -> its copy under docs/, or None when there is none (recorded)
    remote_picture: Callable[[str], str | None] = lambda url: None
    _by_name: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for path in sorted(self.files):
            self._by_name.setdefault(posixpath.basename(path).lower(), []).append(path)

    def find(self, path: str, relative_to: str | None) -> Found | None:
        """The source file a reference means: as the old site resolved it, else where it is."""
        path = unquote(path)
        if relative_to is not None:
            candidate = _norm(posixpath.join(relative_to, path))
            if candidate in self.files:
                return Found(candidate)
        rooted = _norm(re.sub(r"^(\.\.?/)+", "", path))
        if rooted in self.files:
            return Found(rooted, "" if relative_to is None else f"relative link, resolved from the site root: {rooted}")
        matches = self._by_name.get(posixpath.basename(rooted).lower(), [])
        if len(matches) == 1:
            return Found(matches[0], f"no file at '{rooted}', the only file of that name is {matches[0]}")
        return None


def _norm(path: str) -> str:
    path = posixpath.normpath("/" + path).lstrip("/")
    return "" if path == "." else path


@dataclass
class Post:
    """The post being rewritten."""

    path: str  # source file, for the report
    lang: str
    title: str
    old_dir: str | None  # directory of its old address, relative links resolved from there


# ---------------------------------------------------------------- patterns
_FENCE = re.compile(r"^(?P<indent>[ \t]{0,3})(?P<fence>`{3,}|~{3,})[^\n]*\n.*?^(?P=indent)?(?P=fence)[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_HIGHLIGHT = re.compile(
    r"\{%-?\s*highlight\s+(?P<lang>[\w+-]+)[^%]*-?%\}\n?(?P<code>.*?)\n?\{%-?\s*endhighlight\s*-?%\}", re.S
)
_COMMENT = re.compile(r"\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}", re.S)
_RAW = re.compile(r"\{%-?\s*(end)?raw\s*-?%\}")
# Jekyll's own idioms put {{ site.baseurl }} (or site.url) before these tags: it means the same site root
_ROOT_PREFIX = r"(?:\{\{-?\s*site\.url\s*-?\}\})?(?:\{\{-?\s*site\.base_?url\s*-?\}\})?"
_POST_URL = re.compile(_ROOT_PREFIX + r"\{%-?\s*post_url\s+(?P<name>[^\s%]+)\s*-?%\}")
_LINK_TAG = re.compile(_ROOT_PREFIX + r"\{%-?\s*link\s+(?P<path>[^\s%]+)\s*-?%\}")
_SITE_URL_ROOT = re.compile(r"\{\{-?\s*site\.url\s*-?\}\}(?=\{\{-?\s*site\.base_?url)")
_URL_FILTER = re.compile(r"\{\{-?\s*[\"'](?P<path>[^\"']*)[\"']\s*\|\s*(?:relative_url|absolute_url)\s*-?\}\}")
_SITE_ROOT = re.compile(r"^\{\{-?\s*site\.base_?url\s*-?\}\}")
_ANY_SITE_ROOT = re.compile(r"\{\{-?\s*site\.base_?url\s*-?\}\}")
_VARIABLE = re.compile(r"\{\{-?\s*(?P<name>[\w.]+)\s*-?\}\}")
_ANY_TAG = re.compile(r"\{%.*?%\}", re.S)
_ANY_OUTPUT = re.compile(r"\{\{.*?\}\}", re.S)

_TEXT = r"(?:[^\[\]\n]|\[[^\[\]\n]*\])*"
_LIQUID_ROOT = r"(?:\{\{-?\s*site\.base_?url\s*-?\}\})?"  # may contain spaces
_TARGET = r"(?P<url><[^>\n]*>|" + _LIQUID_ROOT + r"[^\s()<>]*(?:\([^\s()]*\)[^\s()]*)*)"
_LINK_TITLE = r"(?P<title>\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?"
_MD_IMAGE = re.compile(r"!\[(?P<text>" + _TEXT + r")\]\(\s*" + _TARGET + _LINK_TITLE + r"\s*\)")
_MD_LINK = re.compile(r"(?<![!\]])\[(?P<text>" + _TEXT + r")\]\(\s*" + _TARGET + _LINK_TITLE + r"\s*\)")
_MD_DEF = re.compile(r"^(?P<lead> {0,3}\[[^\]\n]+\]:[ \t]*)(?P<url><[^>\n]*>|" + _LIQUID_ROOT + r"\S+)(?P<rest>.*)$", re.M)
_HTML_TAG = re.compile(r"<(?P<tag>img|a|iframe|source|video|audio|embed|link)\b[^>]*>", re.I)
_HTML_ATTR = re.compile(r"(?P<name>\b(?:src|href|poster))(?P<eq>\s*=\s*)(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s\"'>]+))", re.I)
_ALT = re.compile(r"\balt\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.I)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def rewrite_body(body: str, post: Post, site: Site, notes: list[Note]) -> str:
    def note(kind: str, detail: str = "", where: str = "") -> None:
        notes.append(Note(kind, post.path, detail, where))

    body = _HIGHLIGHT.sub(lambda m: _fenced(m, note), body)
    return _outside_code(body, lambda text: _rewrite_text(text, post, site, note))


def _fenced(match: re.Match, note) -> str:
    note("liquid-highlight", f"{{% highlight {match['lang']} %}} became a fenced code block")
    return f"```{match['lang']}\n{match['code']}\n```"


def _outside_code(body: str, rewrite: Callable[[str], str]) -> str:
    """Apply `rewrite` to everything but fenced code blocks and code spans."""
    out: list[str] = []
    last = 0
    spans = [m.span() for m in _FENCE.finditer(body)]
    for start, end in spans:
        out.append(_outside_spans(body[last:start], rewrite))
        out.append(body[start:end])
        last = end
    out.append(_outside_spans(body[last:], rewrite))
    return "".join(out)


def _outside_spans(text: str, rewrite: Callable[[str], str]) -> str:
    # Code spans are replaced by placeholders that no pattern matches, then restored
    spans: list[str] = []

    def hide(m: re.Match) -> str:
        spans.append(m.group(0))
        return f"\x00{len(spans) - 1}\x00"

    hidden = rewrite(_CODE_SPAN.sub(hide, text))
    return re.sub(r"\x00(\d+)\x00", lambda m: spans[int(m.group(1))], hidden)


def _rewrite_text(text: str, post: Post, site: Site, note) -> str:
    if _COMMENT.search(text):
        text = _COMMENT.sub("", text)
        note("liquid-comment", "{% comment %} block removed")
    if _RAW.search(text):
        text = _RAW.sub("", text)
        note("liquid-raw", "{% raw %} tags removed, their content kept")

    def post_url(m: re.Match) -> str:
        name = m["name"].rsplit("/", 1)[-1].lower()
        old = site.post_urls.get(name)
        if old is None:
            note("post-url-unknown", f"{m.group(0)}: no such post in the source", m.group(0))
            return "/" + m["name"]
        note("liquid-post-url", f"{m.group(0)} -> /{old}")
        return "{{ site.baseurl }}/" + old

    text = _POST_URL.sub(post_url, text)

    def link_tag(m: re.Match) -> str:
        path = re.sub(r"\.(md|markdown)$", ".html", m["path"].lstrip("/"))
        note("liquid-link", f"{m.group(0)} -> /{path}")
        return "{{ site.baseurl }}/" + path

    text = _LINK_TAG.sub(link_tag, text)
    text = _URL_FILTER.sub(lambda m: "{{ site.baseurl }}/" + m["path"].lstrip("/"), text)
    text = _SITE_URL_ROOT.sub("", text)

    def variable(m: re.Match) -> str:
        name = m["name"]
        if name in ("site.baseurl", "site.base_url"):
            return m.group(0)  # resolved with the reference it starts
        if name == "page.title":
            return post.title
        if name.startswith("site.") and name[5:] in site.variables:
            return site.variables[name[5:]]
        note("liquid-unknown", f"{m.group(0)} removed: no value for it outside Jekyll", m.group(0))
        return ""

    # before references: {{ site.url }}/assets/... is a reference to a file of the site
    text = _VARIABLE.sub(variable, text)
    rewriter = _References(post, site, note)
    text = _MD_IMAGE.sub(rewriter.markdown_image, text)
    text = _MD_LINK.sub(rewriter.markdown_link, text)
    text = _MD_DEF.sub(rewriter.markdown_definition, text)
    text = _HTML_TAG.sub(rewriter.html_tag, text)

    if _ANY_SITE_ROOT.search(text):
        text = resolve_site_root(text, POSTS_TO_DOCS, site.site_path)
        note("baseurl")

    def unknown(m: re.Match) -> str:
        note("liquid-unknown", f"{_one_line(m.group(0))} removed: Liquid does not run on the portal", m.group(0))
        return ""

    text = _ANY_TAG.sub(unknown, text)
    text = _ANY_OUTPUT.sub(unknown, text)
    marked = normalize_more_marker(text)
    if marked != text:
        note("more-marker", "<!--more--> -> <!-- more -->")
    return marked


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:77] + "..."


class _References:
    """Rewrites the references of one post's text to files and old addresses."""

    def __init__(self, post: Post, site: Site, note) -> None:
        self.post, self.site, self.note = post, site, note

    # -------------------------------------------------- resolving
    def resolve(self, url: str, *, image: bool) -> tuple[str, object] | None:
        """None: leave the reference alone. Otherwise (kind, value):
        ("file", (dest under docs/, suffix)), ("page", (old path, suffix)), ("missing", path)."""
        raw = url.strip()
        if raw.startswith("<") and raw.endswith(">"):
            raw = raw[1:-1].strip()
        if not raw or raw.startswith("#"):
            return None
        rooted = False
        if _SITE_ROOT.match(raw):
            raw, rooted = _SITE_ROOT.sub("", raw).lstrip("/"), True
            self.note("baseurl")
        elif raw.startswith("//") or _SCHEME.match(raw):
            parts = urlsplit(raw if not raw.startswith("//") else "https:" + raw)
            if parts.scheme in ("http", "https") and parts.hostname not in self.site.old_hosts and image:
                return self._remote_picture(parts.geturl(), url.strip())
            if parts.scheme not in ("http", "https") or parts.hostname not in self.site.old_hosts:
                return None
            raw, rooted = parts.path.lstrip("/") + (f"?{parts.query}" if parts.query else "") + (
                f"#{parts.fragment}" if parts.fragment else ""
            ), True
        elif raw.startswith("/"):
            raw, rooted = raw.lstrip("/"), True
        if "{{" in raw or "{%" in raw:
            return None  # Liquid we do not know: removed (and reported) later
        path, suffix = _split_suffix(raw)
        relative_to = None if rooted else self.post.old_dir
        page = self._old_address(path, relative_to)
        if page is not None:
            old, worked = page
            if not worked:
                self.note("link-fixed", f"'{url.strip()}': relative link, resolved from the site root: /{old}")
            return "page", (old, suffix)
        found = self.site.find(path, relative_to) if path else None
        if found is not None and posixpath.splitext(found.path)[1].lower() not in PAGE_SUFFIXES:
            if found.fixed:
                self.note("link-fixed", f"'{url.strip()}': {found.fixed}")
            return "file", (self.site.asset_dest(found.path), suffix)
        if found is not None:
            return None  # a page of the old site with no new address: left as written
        if image or _looks_like_file(path):
            return "missing", url.strip()
        if not path or path.endswith("/") or not posixpath.splitext(path)[1]:
            return None  # a folder or an address of the old site: nothing to check
        return "missing", url.strip()

    def _remote_picture(self, url: str, written: str) -> tuple[str, object] | None:
        """A picture hotlinked from another site: its copy when there is one, else left as written."""
        dest = self.site.remote_picture(url)
        if dest is None:
            self.note("picture-remote", f"{url}: shown from another site; import with FETCH=1 to keep a copy", written)
            return None
        self.note("picture-fetched", f"{url} -> docs/{dest}", written)
        return "file", (dest, "")

    def _old_address(self, path: str, relative_to: str | None) -> tuple[str, bool] | None:
        """(old address, whether the link worked as written) when `path` means one."""
        candidates = []
        if relative_to is not None:
            candidates.append((_norm(posixpath.join(relative_to, unquote(path))), True))
        candidates.append((_norm(re.sub(r"^(\.\.?/)+", "", unquote(path))), relative_to is None))
        for candidate, worked in candidates:
            for old in (candidate, posixpath.join(candidate, "index.html")):
                if old in self.site.old_links:
                    return old, worked
        return None

    def page_target(self, old: str, suffix: str, markdown: bool, written: str) -> str:
        """The new page of an old address, in the post's language; a fragment only if that page has the anchor."""
        target = self.site.old_links[old][self.post.lang]
        query, _, fragment = suffix.partition("#")
        if fragment and target.anchors is not None and fragment not in target.anchors:
            known = ", ".join(f"#{a}" for a in sorted(target.anchors)[:8]) or "none"
            self.note("anchor-dropped", f"'{written}': {target.path} has no #{fragment}, the link goes to the top of the page (its anchors: {known})", written)
            suffix = query
        link = (target.name if markdown and target.name else target.path) + suffix
        self.note("link-rewritten", f"'{written}' -> {target.path}{suffix}", written)
        return link

    # -------------------------------------------------- Markdown
    def markdown_image(self, m: re.Match) -> str:
        return self._markdown(m, image=True)

    def markdown_link(self, m: re.Match) -> str:
        return self._markdown(m, image=False)

    def _markdown(self, m: re.Match, *, image: bool) -> str:
        resolved = self.resolve(m["url"], image=image)
        if resolved is None:
            return m.group(0)
        kind, value = resolved
        if kind == "missing":
            kind = "missing-picture" if image else "missing-link"
            self.note(kind, f"{m.group(0)}: {value} is not in the source, left as plain text", m["url"].strip())
            return m["text"]
        target = self._target(kind, value, markdown=True, written=m["url"].strip())
        bang = "!" if image else ""
        return f"{bang}[{m['text']}]({target}{m['title'] or ''})"

    def markdown_definition(self, m: re.Match) -> str:
        resolved = self.resolve(m["url"], image=False)
        if resolved is None:
            return m.group(0)
        kind, value = resolved
        if kind == "missing":
            self.note("missing-link", f"{m.group(0).strip()}: {value} is not in the source, definition removed", m["url"])
            return ""
        return m["lead"] + self._target(kind, value, markdown=True, written=m["url"].strip()) + m["rest"]

    def _target(self, kind: str, value, *, markdown: bool, written: str = "") -> str:
        path, suffix = value
        if kind == "page":
            return self.page_target(path, suffix, markdown, written)
        if markdown:
            return f"{POSTS_TO_DOCS}/{path}{suffix}"
        return self.site.site_path + path + suffix

    # -------------------------------------------------- HTML
    def html_tag(self, m: re.Match) -> str:
        tag = m.group(0)
        name = m["tag"].lower()
        missing = False

        def attr(a: re.Match) -> str:
            nonlocal missing
            url = a["dq"] if a["dq"] is not None else a["sq"] if a["sq"] is not None else a["bare"]
            if name == "iframe":
                return self._iframe(a, url)
            resolved = self.resolve(html.unescape(url), image=name == "img")
            if resolved is None:
                return a.group(0)
            kind, value = resolved
            if kind == "missing":
                missing = True
                return ""
            return f'{a["name"]}{a["eq"]}"{html.escape(self._target(kind, value, markdown=False, written=url))}"'

        rewritten = _HTML_ATTR.sub(attr, tag)
        if not missing:
            return rewritten
        if name == "img":
            alt = _ALT.search(tag)
            text = (alt.group(1) if alt and alt.group(1) is not None else alt.group(2) if alt else "") or ""
            self.note("missing-picture", f"{tag}: not in the source, left as its text '{text}'", tag)
            return text
        self.note("missing-link", f"{tag}: not in the source, the link was removed", tag)
        return re.sub(r"\s+>", ">", rewritten)

    def _iframe(self, a: re.Match, url: str) -> str:
        if url.startswith("//") or url.startswith("http://"):
            fixed = "https://" + url.split("//", 1)[1]
            self.note("iframe-https", f"{url} -> {fixed}")
            return f'{a["name"]}{a["eq"]}"{fixed}"'
        return a.group(0)


def _split_suffix(url: str) -> tuple[str, str]:
    for i, char in enumerate(url):
        if char in "?#":
            return url[:i], url[i:]
    return url, ""


def _looks_like_file(path: str) -> bool:
    suffix = posixpath.splitext(path)[1].lower()
    return bool(suffix) and suffix not in PAGE_SUFFIXES


def is_image(path: str) -> bool:
    return posixpath.splitext(path)[1].lower() in IMAGE_SUFFIXES
