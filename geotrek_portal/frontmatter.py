"""Split a Markdown file into YAML front matter and body, safely and with line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: it is faster


class _Loader(_Base):
    """Safe loader that leaves dates as text: validation parses them with clear messages."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }


_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


class FrontMatterError(ValueError):
    """The file has no usable front matter; `field`, `line` and `hint` say why."""

    def __init__(self, field: str, message: str, hint: str, line: int | None = None):
        super().__init__(message)
        self.field, self.message, self.hint, self.line = field, message, hint, line


@dataclass
class Document:
    meta: dict
    body: str
    key_lines: dict[str, int] = field(default_factory=dict)  # key -> 1-based line in the file

    def line_of(self, key: str) -> int | None:
        return self.key_lines.get(key)


def decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise FrontMatterError(
            "file",
            "not valid UTF-8 (probably saved as Latin-1 or Windows-1252)",
            "save the file with UTF-8 encoding in your editor",
            raw[: e.start].count(b"\n") + 1,
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse(text: str) -> Document:
    """Parse `---` delimited YAML front matter at the top of `text`."""
    first_end = text.find("\n")
    if text[: first_end if first_end >= 0 else len(text)].rstrip() != "---":
        raise FrontMatterError(
            "front matter",
            "missing: the file must start with a line '---'",
            "start the file with '---', the title, date, lang and ref keys, then '---'",
            1,
        )
    # search the closing line instead of splitting the whole (long) body into lines
    closing = _CLOSING.search(text, first_end + 1) if first_end >= 0 else None
    if closing is None:
        raise FrontMatterError(
            "front matter",
            "not closed",
            "add a line '---' after the last front matter key",
            1,
        )
    source = text[first_end + 1 : closing.start()]
    try:
        loader = _Loader(source)
        try:
            node = loader.get_single_node()
            meta = loader.construct_document(node) if node is not None else {}
        finally:
            loader.dispose()
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise FrontMatterError(
            "front matter",
            f"YAML does not parse: {problem}",
            "check the colons and quotes; a value containing ': ' must be quoted",
            line,
        ) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError(
            "front matter",
            "must be a list of 'key: value' lines",
            "write one 'key: value' per line between the '---' lines",
            2,
        )
    key_lines = {}
    if node is not None:
        for key_node, _ in node.value:
            key_lines.setdefault(str(key_node.value).strip(), key_node.start_mark.line + 2)
    body = text[closing.end() + 1 :]
    return Document(meta=meta, body=body, key_lines=key_lines)
