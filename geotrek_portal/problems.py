"""Problems found in contributed files, reported all together."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    path: str  # as the contributor knows it, e.g. docs/blog/posts/2019-12-17-x.md
    field: str  # front matter key, or "file" / "front matter" for the file itself
    message: str  # what is wrong
    hint: str = ""  # how to fix it
    line: int | None = None  # 1-based line of the offending key
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}: {self.field}: {self.message}{hint}"

    def github_annotation(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the PR diff."""
        line = f",line={self.line}" if self.line else ""
        text = f"{self.field}: {self.message}" + (f" ({self.hint})" if self.hint else "")
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{self.severity.value} file={self.path}{line}::{text}"


# ---------------------------------------------------------------- pydantic's errors, for every data file
def field_path(loc: tuple) -> str:
    """Where a pydantic error is, as a contributor names it: ('material', 2, 'url') -> 'material[2].url'.

    "file" for an error about the whole file.
    """
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "file"


def pydantic_message(error: Mapping[str, Any]) -> str:
    """pydantic's message for one error; a validator's own text without pydantic's "Value error, "."""
    message = str(error["msg"])
    if error["type"] == "value_error":
        return str((error.get("ctx") or {}).get("error") or message.removeprefix("Value error, "))
    return message

