"""Width and height for the pictures of a page, so the browser reserves their place.

A picture without ``width``/``height`` takes no room until it has arrived,
then pushes the text below it down: a layout shift (CLS) that a reader on a
phone sees as the paragraph jumping away. Material's CSS keeps pictures
fluid (``max-width: 100%; height: auto``), so the attributes only give the
browser the picture's proportions. Only local pictures are sized (the build
reads their header); remote ones and pictures sized by the author are left
as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from pathlib import Path

import imagesize

IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
SRC = re.compile(r"""\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
SIZED = re.compile(r"\s(?:width|height)\s*=", re.IGNORECASE)
DECODING = re.compile(r"\sdecoding\s*=", re.IGNORECASE)


def image_size(path: Path) -> tuple[int, int] | None:
    """(width, height) in pixels read from the file's header, or None when unknown."""
    try:
        width, height = imagesize.get(str(path))
    except (OSError, ValueError):
        return None
    return (int(width), int(height)) if width > 0 and height > 0 else None


def size_images(html: str, locate: Callable[[str], Path | None]) -> str:
    """Add width and height to every ``<img>`` of `html` whose `src` `locate` maps to a local file.

    `locate` receives the unescaped `src` and returns the picture's file (or
    None: remote, missing). Tags that already have a width or height, and
    pictures whose size cannot be read (SVG without one, unknown format), are
    kept unchanged.
    """

    def sized(match: re.Match[str]) -> str:
        tag = match.group(0)
        src = SRC.search(tag)
        if src is None or SIZED.search(tag):
            return tag
        path = locate(unescape(src.group(1) if src.group(1) is not None else src.group(2)))
        size = image_size(path) if path is not None else None
        if size is None:
            return tag
        end = len(tag) - (2 if tag.endswith("/>") else 1)
        extra = f' width="{size[0]}" height="{size[1]}"'
        if not DECODING.search(tag):
            extra += ' decoding="async"'
        return tag[:end].rstrip() + extra + tag[end:]

    return IMG.sub(sized, html)
