"""Text transformations of post bodies (Jekyll-era conventions, excerpts)."""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser

MORE = "<!-- more -->"  # Material's excerpt separator
_MORE_ANY = re.compile(r"<!--\s*more\s*-->", re.IGNORECASE)
_SITE_ROOT = r"\{\{\s*site\.base_?url\s*\}\}/?"
# In Markdown link/image targets and reference definitions: resolved by MkDocs
_MD_TARGET = re.compile(r"(\]\(\s*<?|^\s{0,3}\[[^\]]+\]:\s*<?)" + _SITE_ROOT, re.MULTILINE)
_ANY = re.compile(_SITE_ROOT)
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s|^\s*(=+|-+)\s*$")
_ONLY_MEDIA = re.compile(r"^\s*(?:!\[[^\]]*\]\([^)]*\)(?:\{[^}]*\})?\s*|<img\b[^>]*>\s*|<iframe\b.*?</iframe>\s*)+$", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")


def resolve_site_root(body: str, markdown_root: str, html_root: str) -> str:
    """Replace Jekyll's ``{{ site.baseurl }}`` (and ``{{site.base_url}}``).

    In Markdown link targets it becomes ``markdown_root`` (a path relative to
    the post's source file, which MkDocs resolves and validates); anywhere
    else (raw HTML attributes) ``html_root``, an absolute path to the site.
    """
    md_root = markdown_root.rstrip("/") + "/"
    body = _MD_TARGET.sub(lambda m: m.group(1) + md_root, body)
    return _ANY.sub(html_root.rstrip("/") + "/", body)


def normalize_more_marker(body: str) -> str:
    """``<!--more-->`` (Jekyll) and other spellings -> Material's ``<!-- more -->``."""
    return _MORE_ANY.sub(MORE, body, count=1)


def has_more_marker(body: str) -> bool:
    return _MORE_ANY.search(body) is not None


def ensure_excerpt_marker(body: str) -> str:
    """Return the body with exactly one excerpt marker.

    The author's marker wins; otherwise the marker goes after the first
    paragraph of text (not a heading, not a lone picture or video), so that
    a list of posts never shows a whole article. Material requires a marker
    in every post, so a post with no paragraph gets one at its end.
    """
    if has_more_marker(body):
        return normalize_more_marker(body)
    blocks = _blocks(body)
    for index, (start, end, kind) in enumerate(blocks):
        text = body[start:end]
        if kind == "code" or _HEADING.match(text) or _ONLY_MEDIA.match(text) or not _TAG.sub("", text).strip():
            continue
        if kind == "html":
            split = _split_html_after_first_paragraph(text)
            if split is not None and (split[1].strip() or index + 1 < len(blocks)):
                head, tail = split
                return body[:start] + head + f"\n\n{MORE}\n\n" + tail + body[end:]
        return body[:end] + f"\n\n{MORE}\n" + body[end:]
    # no paragraph of text at all (only pictures, code...): the whole post is its excerpt
    return body.rstrip("\n") + f"\n\n{MORE}\n"


def _blocks(body: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the top-level blocks; kind: text, html or code.

    Blocks are separated by blank lines, except inside fenced code and inside
    raw HTML elements, which (as in Python-Markdown) run to their closing tag.
    """
    blocks: list[tuple[int, int, str]] = []
    offset, start, kind, fence, depth = 0, None, "text", None, None
    for line in body.splitlines(keepends=True):
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence):
                fence = None
        elif start is None and (m := _FENCE.match(line)) is not None:
            start, kind, fence = offset, "code", m.group(1)
        elif not stripped:
            if start is not None and not (depth and depth.open):
                blocks.append((start, offset, kind))
                start, depth = None, None
        elif start is None:
            start, kind = offset, "html" if stripped.startswith("<") else "text"
            depth = _Depth() if kind == "html" else None
        if depth is not None and stripped:
            depth.feed(line)
        offset += len(line)
    if start is not None:
        blocks.append((start, offset, kind))
    return [(s, e - (1 if body[s:e].endswith("\n") else 0), k) for s, e, k in blocks]


class _Depth(HTMLParser):
    """Counts the HTML elements still open in the lines fed so far."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open = 0

    def handle_starttag(self, tag, attrs):
        if tag not in _VOID:
            self.open += 1

    def handle_endtag(self, tag):
        if tag not in _VOID:
            self.open = max(0, self.open - 1)


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _FirstParagraph(HTMLParser):
    """Finds where the first non-empty <p> of an HTML fragment ends."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []  # (tag, raw start tag)
        self.text_in_p = False
        self.found: tuple[int, list[tuple[str, str]]] | None = None

    def handle_starttag(self, tag, attrs):
        if tag not in _VOID and self.found is None:
            self.stack.append((tag, self.get_starttag_text() or f"<{tag}>"))

    def handle_endtag(self, tag):
        if self.found is not None:
            return
        if tag == "p" and self.text_in_p:
            line, col = self.getpos()
            closing = self.rawdata.find(">", self._offset(line, col)) + 1
            while self.stack and self.stack[-1][0] != "p":
                self.stack.pop()
            if self.stack:
                self.stack.pop()
            self.found = (closing, list(self.stack))
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if data.strip() and any(tag == "p" for tag, _ in self.stack):
            self.text_in_p = True

    def _offset(self, line: int, col: int) -> int:
        lines = self.rawdata.split("\n")
        return sum(len(x) + 1 for x in lines[: line - 1]) + col


_ID_ATTR = re.compile(r"\s+id\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I)


def _split_html_after_first_paragraph(html: str) -> tuple[str, str] | None:
    """Split an HTML block after its first paragraph of text.

    Elements still open there are closed before the split and reopened
    after it (without their id), so both halves stay well formed.
    """
    parser = _FirstParagraph()
    parser.feed(html)
    parser.close()
    if parser.found is None:
        return None
    at, open_tags = parser.found
    closing = "".join(f"</{tag}>" for tag, _ in reversed(open_tags))
    reopening = "".join(_ID_ATTR.sub("", raw) for _, raw in open_tags)
    return html[:at] + closing, reopening + html[at:]


_ANCHOR = re.compile(r"""(?:<[a-zA-Z][^>]*?\sid|<a\s[^>]*?\bname)\s*=\s*["']([^"']+)["']""")
_ANCHOR_EXTENSIONS = ["toc", "attr_list", "md_in_html", "geotrek_portal.md_compat"]


def anchors(text: str) -> frozenset[str]:
    """The ids a page written in `text` has: headings as the build names them, ``{#id}``, raw HTML ids and ``<a name>``."""
    return frozenset(_ANCHOR.findall(_renderer().reset().convert(text)))


@functools.lru_cache(maxsize=1)
def _renderer():
    import markdown  # Python-Markdown (this module is geotrek_portal.markdown); only the import needs it

    return markdown.Markdown(extensions=_ANCHOR_EXTENSIONS)


# ---------------------------------------------------------------- excerpts
_DEFINITION = re.compile(r"^\s*\*?\[[^\]]*\]:", re.MULTILINE)  # reference links, footnotes, abbreviations
_FIRST_LEVEL_HEADING = re.compile(r"^\s*(#(?!#)|=+\s*$)|<h1\b", re.MULTILINE | re.IGNORECASE)
_FOOTNOTES_PLACE = "///Footnotes Go Here///"  # python-markdown's footnotes placeholder


def excerpt_head(markdown: str, separator: str = MORE) -> str | None:
    """The part of a post its excerpt shows, ending with `separator`, when it can be converted alone.

    A list of posts shows each post's Markdown converted up to the first
    `separator`; Material's blog converts the whole post for that, in each
    list. Converting only the head gives the same HTML up to the separator
    when nothing before it depends on what comes after, which this function
    checks conservatively, returning None when in doubt (or when there is
    nothing after the separator to save):

    - the separator is a block of its own: a line of its own, unindented,
      after a blank line and followed by one, outside any fenced code and
      any raw HTML element still open;
    - after it, no definition a head could use (reference links, footnotes,
      abbreviations), no footnotes placeholder, and no first-level heading
      (Material's excerpt table of contents lists them under the post).
    """
    lines = markdown.splitlines(keepends=True)
    fence: str | None = None
    depth = _Depth()
    previous_blank = True
    offset = 0
    for index, line in enumerate(lines):
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence) and not stripped[len(fence):].strip(fence[0]).strip():
                fence = None
        elif (m := _FENCE.match(line)) is not None:
            fence = m.group(1)
        elif line.rstrip("\r\n") == separator:
            following = lines[index + 1] if index + 1 < len(lines) else ""
            if not previous_blank or following.strip() or depth.open:
                return None
            end = offset + len(line)
            tail = markdown[end:]
            if not tail.strip() or _DEFINITION.search(tail) or _FOOTNOTES_PLACE in tail:
                return None
            if _FIRST_LEVEL_HEADING.search(tail):
                return None
            return markdown[:end]
        elif separator in line:
            return None  # the separator inside a paragraph or an HTML block
        elif stripped:
            depth.feed(line)
        previous_blank = not stripped and not fence
        offset += len(line)
    return None
