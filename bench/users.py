"""`make bench`, users map row: importing a synthetic directory of N organisations.

For each size: the directory's size, the wall time of `make import-users`
(the module, in a child process: imports, validation, simplification,
merge, writing) on an empty data file, then of a second run (nothing to
write), and the size of the data file the site reads, raw and gzipped.
"""

from __future__ import annotations

import gzip
import subprocess
import sys
import time
from pathlib import Path

from bench.directory import write_directory
from bench.corpus import REPO


def bench_import(organisations: int, runs: int, workdir: Path, seed: int = 1) -> dict:
    from bench.run import Stat  # the same statistics as the build rows
    from dataclasses import asdict

    directory = write_directory(workdir / f"directory-{organisations}.geojson", organisations, seed)
    target = workdir / f"organisations-{organisations}.geojson"
    first, second = [], []
    for _ in range(runs + 1):  # the first pair is a warm-up
        target.unlink(missing_ok=True)
        first.append(_timed_import(directory, target))
        second.append(_timed_import(directory, target))
    data = target.read_bytes()
    return {
        "organisations": organisations,
        "directory_bytes": directory.stat().st_size,
        "import_s": asdict(Stat.of(first[1:])),
        "reimport_s": asdict(Stat.of(second[1:])),
        "data_bytes": len(data),
        "data_gzip_bytes": len(gzip.compress(data, 9)),
    }


def _timed_import(directory: Path, target: Path) -> float:
    cmd = [sys.executable, "-m", "geotrek_portal.organisations_import", str(directory), "--target", str(target)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"import failed:\n{proc.stderr}")
    return wall


def users_table(results: list[dict]) -> str:
    def fmt(stat: dict) -> str:
        return f"{stat['median']:.2f} [{stat['min']:.2f}-{stat['max']:.2f}]"

    rows = [
        ("directory, MB", lambda r: f"{r['directory_bytes'] / 1e6:.1f}"),
        ("make import-users, s", lambda r: fmt(r["import_s"])),
        ("second run (no change), s", lambda r: fmt(r["reimport_s"])),
        ("data file, KB (raw)", lambda r: f"{r['data_bytes'] / 1024:.0f}"),
        ("data file, KB (gzip -9)", lambda r: f"{r['data_gzip_bytes'] / 1024:.0f}"),
    ]
    width = max(len(name) for name, _ in rows)
    lines = [f"{'users map':{width}}  " + "  ".join(f"{str(r['organisations']) + ' organisations':>28}" for r in results)]
    for name, cell in rows:
        lines.append(f"{name:{width}}  " + "  ".join(f"{cell(r):>28}" for r in results))
    return "\n".join(lines)
