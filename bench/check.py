"""How long `make check` takes on a generated corpus (the issue asks: well under a second for 1,000 posts).

    .venv/bin/python -m bench.check --posts 1000
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import generate


def bench(posts: int, runs: int = 5) -> list[float]:
    """Wall-clock seconds of `python -m geotrek_portal.check`, a fresh process each run (as make runs it)."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = generate(Path(tmp) / "project", posts)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-m", "geotrek_portal.check"], cwd=corpus.project, capture_output=True, text=True
            )
            times.append(time.perf_counter() - start)
            if proc.returncode != 0:
                raise SystemExit(proc.stdout)
        return times


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    times = bench(args.posts, args.runs)
    print(f"make check on {args.posts} posts: best {min(times):.3f} s, median {sorted(times)[len(times) // 2]:.3f} s, "
          f"worst {max(times):.3f} s ({len(times)} runs)")
