"""A generated corpus of valid posts, and the `make check` benchmark that uses it.

    .venv/bin/python -m tests.unit.corpus 1000   # prints how long make check takes
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LANGS = ("fr", "en", "es")


def write_corpus(project: Path, count: int) -> Path:
    """`count` posts in `project`/docs/blog/posts, in translation groups of up to three languages."""
    posts = project / "docs" / "blog" / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        group, lang = divmod(i, len(LANGS))
        day = f"20{10 + group % 15:02d}-{1 + group % 12:02d}-{1 + group % 28:02d}"
        suffix = "" if lang == 0 else f"-{LANGS[lang]}"
        body = "\n\n".join(f"Paragraph {n} of post {i}, with [a link](https://geotrek.fr/)." for n in range(8))
        (posts / f"{day}-news-{group}{suffix}.md").write_text(
            f"---\ntitle: News number {group} ({LANGS[lang]})\ndate: {day}\nlang: {LANGS[lang]}\n"
            f"ref: post-{group}\ncategories: [Rencontres, Communauté]\ndescription: About news {group}.\n"
            f"---\n\n{body}\n",
            encoding="utf-8",
        )
    return posts


def bench(count: int, runs: int = 5) -> list[float]:
    """Wall-clock seconds of `python -m geotrek_portal.check` on `count` posts, a fresh process each run."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
        write_corpus(project, count)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "geotrek_portal.check"], cwd=project, capture_output=True)
            times.append(time.perf_counter() - start)
            if proc.returncode != 0:
                raise SystemExit(proc.stdout.decode())
        return times


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    times = bench(n)
    print(f"make check on {n} posts: best {min(times):.3f} s, worst {max(times):.3f} s over {len(times)} runs")
