"""Where the build keeps what it may reuse: .cache/geotrek/ next to mkdocs.yml.

`make clean` removes it; every file in it is written atomically
(geotrek_portal.atomic, or Jinja's own temporary-file-and-rename) and keyed
on what it was made from, so a stale or half-written entry is never used.
"""

from __future__ import annotations

from pathlib import Path

CACHE_DIR = ".cache/geotrek"


def cache_root(project_dir: Path, name: str) -> Path:
    """The folder `name` of the build's cache for the project in `project_dir` (created)."""
    path = Path(project_dir) / CACHE_DIR / name
    path.mkdir(parents=True, exist_ok=True)
    return path
