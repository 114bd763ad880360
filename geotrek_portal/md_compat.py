"""Python-Markdown extension: posts read as kramdown (the old site) and GitHub render them.

The old Jekyll site rendered posts with kramdown's GFM parser, and contributors
preview posts in GitHub's editor. Where both agree and Python-Markdown differs,
the build follows them (the post's file is never changed):

- a list may start on the line right after a paragraph (a bullet list, or an
  ordered list starting at 1, as in GitHub), without a blank line;
- list items nest by the column of their parent's text (2 or 3 spaces, as
  well as Python-Markdown's 4), and a paragraph or code block of an item is
  indented the same way;
- ``#Geotrek`` (no space) is text, not a heading;
- a backslash at the end of a line breaks the line, like two trailing spaces;
- a fenced code block right after a paragraph is a code block, not part of it;
- a link written in raw HTML (``<a href="…">https://…</a>``) is not linked a
  second time by pymdownx.magiclink (which links bare URLs, as GitHub does).

``markdown_extensions: [geotrek_portal.md_compat]`` in mkdocs.yml. The README
lists every difference between the dialects and how it is handled.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.blockprocessors import HashHeaderProcessor
from markdown.inlinepatterns import SubstituteTagInlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

TAB = 4  # Python-Markdown's indentation unit (tab_length)
_ITEM = re.compile(r"^(?P<indent> *)(?P<marker>[-*+]|\d{1,9}\.)(?P<space> +|$)")
_THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_PLACEHOLDER = re.compile(r"^\s*" + HTML_PLACEHOLDER_RE.pattern + r"\s*$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


class ListLayout(Preprocessor):
    """Rewrites list indentation from content columns (kramdown, CommonMark) to Python-Markdown's 4 spaces.

    It runs after raw HTML blocks and fenced code are stashed (their lines are
    placeholders here), so neither is ever touched.
    """

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        items: list[int] = []  # content column of each open list item, outermost first
        previous = ""  # the previous line as written ("" when blank)
        later_paragraph = False  # the previous line is in an item's second (or later) paragraph
        for line in lines:
            if not line.strip():
                out.append(line)
                previous, later_paragraph = "", False
                continue
            indent = _indent(line)
            item = None if _THEMATIC_BREAK.match(line) else _ITEM.match(line)
            if item is not None:
                open_items = [c for c in items if c <= indent]
                if not open_items and indent >= TAB:
                    item = None  # an indented code block, not a list
                elif not open_items and previous and not items:
                    # a list interrupting a paragraph: bullets, or an ordered list starting at 1
                    if item["marker"] in ("-", "*", "+", "1."):
                        if not _PLACEHOLDER.match(previous):
                            out.append("")
                    else:
                        item = None
            if item is not None:
                if later_paragraph:
                    out.append("")  # Python-Markdown would read the item as that paragraph's text
                del items[len([c for c in items if c <= indent]) :]
                depth = len(items)
                space = len(item["space"])
                space = 1 if space == 0 or space > 4 else space  # more than 4: the text is code
                out.append(" " * (TAB * depth if depth else indent) + line[indent:])
                items.append(indent + len(item["marker"]) + space)
            elif _PLACEHOLDER.match(line) and not items:
                if previous:
                    out.append("")  # a stashed block (fenced code) after a paragraph
                out.append(line)
                out.append("")
                line = ""
            elif items and previous:
                # a continuation line: it goes on the deepest item's text, whatever its indent
                out.append(" " * (TAB * len(items)) + line.lstrip(" ") if indent >= items[0] else line)
            elif items and indent >= items[0]:
                # after a blank line: the item whose text column the line reaches
                owner = len([c for c in items if c <= indent])
                column = items[owner - 1]
                del items[owner:]
                out.append(" " * (TAB * owner + indent - column) + line.lstrip(" "))
                later_paragraph = True
                previous = line
                continue
            else:
                items.clear()
                out.append(line)
            previous = line
            later_paragraph = later_paragraph and item is None and bool(items)
        return out


class SpacedHashHeader(HashHeaderProcessor):
    """``# Title`` is a heading; ``#Title`` is text (a hashtag), as in kramdown and GitHub."""

    RE = re.compile(r"(?:^|\n)(?P<level>#{1,6})(?=[ \t]|\n|$)(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)")


class NoLinkInLink(Treeprocessor):
    """Unwraps a link made inside a link written in raw HTML (``<a href="x">https://x</a>``)."""

    _OPEN = re.compile(r"^\s*<a\b", re.I)
    _CLOSE = re.compile(r"^\s*</a\s*>", re.I)

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            depth = self._depth(parent.text, 0)
            for child in list(parent):
                if child.tag == "a" and depth > 0:
                    self._unwrap(parent, child)
                depth = self._depth(child.tail, depth)

    def _depth(self, text: str | None, depth: int) -> int:
        for match in HTML_PLACEHOLDER_RE.finditer(text or ""):
            index = int(match.group(1))
            blocks = self.md.htmlStash.rawHtmlBlocks
            raw = blocks[index] if index < len(blocks) and isinstance(blocks[index], str) else ""
            depth += 1 if self._OPEN.match(raw) else -1 if self._CLOSE.match(raw) and depth else 0
        return depth

    @staticmethod
    def _unwrap(parent: etree.Element, link: etree.Element) -> None:
        index = list(parent).index(link)
        text = "".join(link.itertext()) + (link.tail or "")
        if index == 0:
            parent.text = (parent.text or "") + text
        else:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + text
        parent.remove(link)


class KramdownCompat(Extension):
    def extendMarkdown(self, md) -> None:
        md.registerExtension(self)
        # after normalize_whitespace (30), superfences (25) and html_block (20): code and raw HTML are stashed
        md.preprocessors.register(ListLayout(md), "geotrek_list_layout", 15)
        md.parser.blockprocessors.register(SpacedHashHeader(md.parser), "hashheader", 70)
        md.treeprocessors.register(NoLinkInLink(md), "geotrek_no_link_in_link", 19)  # after inline (20)
        # before "escape" (180), which leaves a backslash before a line end as it is
        md.inlinePatterns.register(SubstituteTagInlineProcessor(r"\\\n", "br"), "geotrek_backslash_break", 185)


def makeExtension(**kwargs) -> KramdownCompat:
    return KramdownCompat(**kwargs)
