"""Files other processes may read while they are written (.cache/ during builds)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_text(path: Path, text: str) -> None:
    """Write `path` so that a reader sees the old content or the new one, never a part.

    The text goes to a temporary file in the same folder, then replaces the
    file in one step (os.replace): two builds writing the same cache at once
    (``pytest -n 2``) each leave a whole file. A missing folder is created
    (someone may have removed .cache/ during ``make serve``).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
