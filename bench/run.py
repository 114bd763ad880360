"""`make bench`: build-time benchmark of the portal against a plain Material blog.

For each corpus size it reports, as median [min-max] of N runs after a warm-up:
full `properdocs build` wall time and peak memory, the same posts as a baseline
single-language Material blog (no static-i18n, no hooks), the share of the
build spent in our hook code (cProfile), and the edit-to-rebuilt latency of
`properdocs serve`. Prints one table and writes it as JSON. Not a test: nothing
here asserts a timing.
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.corpus import REPO, generate
from bench.users import bench_import, users_table
from geotrek_portal.build_cache import CACHE_DIR

ENV = {**os.environ, "PYTHONPATH": str(REPO)}
OUR_CODE = (str(REPO / "hooks"), str(REPO / "geotrek_portal"), "/hooks/")

BASELINE_CONFIG = """\
site_name: Baseline
site_url: https://example.org/
theme:
  name: material
  font: false
  features: [navigation.tabs]
markdown_extensions: [admonition, attr_list, md_in_html, tables, toc, pymdownx.details, pymdownx.superfences]
plugins:
  - search
  - blog:
      post_url_format: "{date}/{slug}"
      post_excerpt: optional
      pagination_per_page: 5
      authors: false
      categories_slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds: {case: lower, normalize: NFD}
"""


@dataclass
class Stat:
    median: float
    min: float
    max: float
    runs: list[float] = field(default_factory=list)

    @classmethod
    def of(cls, values: list[float]) -> "Stat":
        return cls(statistics.median(values), min(values), max(values), values)

    def __str__(self) -> str:
        return f"{self.median:.2f} [{self.min:.2f}-{self.max:.2f}]"


def timed_build(project: Path, site: Path, extra: list[str] | None = None) -> tuple[float, float]:
    """(wall seconds, peak RSS MiB) of one `properdocs build` in a child process."""
    cmd = [sys.executable, "-m", "properdocs", "build", "--quiet", "--site-dir", str(site), *(extra or [])]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"build failed in {project}:\n{proc.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024


def cold_and_warm_builds(project: Path, site: Path, runs: int) -> tuple[list[float], list[float]]:
    """(cold, warm) wall seconds of `runs` builds each of `project`, interleaved.

    Cold: the build's own cache (.cache/geotrek/, geotrek_portal.build_cache)
    removed first, as on a fresh clone or a CI run without a cache; warm: the
    cache kept from the build before, as a CI cache would restore it. Python's
    .pyc files stay in both (they are not the build's).
    """
    cache = project / CACHE_DIR
    timed_build(project, site)  # the warm-up fills the cache
    cold, warm = [], []
    for _ in range(runs):
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(timed_build(project, site)[0])
        warm.append(timed_build(project, site)[0])
    return cold, warm


def make_baseline(project: Path, target: Path) -> Path:
    """The same posts as one plain Material blog: no static-i18n, no hooks."""
    if target.exists():
        shutil.rmtree(target)
    (target / "docs/blog/posts").mkdir(parents=True)
    shutil.copytree(project / "docs/assets", target / "docs/assets")
    (target / "docs/index.md").write_text("# Baseline\n")
    (target / "docs/blog/index.md").write_text("# Blog\n")
    for post in (project / "docs/blog/posts").glob("*.md"):
        text = post.read_text(encoding="utf-8")
        # same pictures, seen from the same folder; event ids are not Material's business
        text = re.sub(r"^event: .*\n", "", text, flags=re.M)
        (target / "docs/blog/posts" / post.name).write_text(text, encoding="utf-8")
    (target / "mkdocs.yml").write_text(BASELINE_CONFIG)
    return target


def hook_share(project: Path, site: Path) -> tuple[float, float]:
    """(seconds in our hook code, total seconds) of one in-process profiled build."""
    profile = Path(tempfile.mkstemp(suffix=".prof")[1])
    subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "properdocs", "build", "--quiet", "--site-dir", str(site)],
        cwd=project, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    stats = pstats.Stats(str(profile))
    ours = 0.0
    for func, (_, _, _, _, callers) in stats.stats.items():
        if not _is_ours(func[0]):
            continue
        # time entered from outside our code: hook events and template globals
        ours += sum(ct for caller, (_, _, _, ct) in callers.items() if not _is_ours(caller[0]))
    profile.unlink()
    return ours, stats.total_tt


def _is_ours(filename: str) -> bool:
    return filename.startswith(OUR_CODE) or "/hooks/" in filename


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_latency(project: Path, runs: int, extra: list[str] | None = None, done: list[float] | None = None) -> list[float]:
    """Seconds from editing one post to `properdocs serve` serving the changed page.

    Each edit waits for the server to be idle again (no browser reload for
    30 s); `done`, when given, receives the seconds from each edit to the last
    reload it caused: every page it changed rebuilt (`make serve` shows the
    edited page first, the rest a few seconds later).
    """
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "properdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", *(extra or [])],
        cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        post = newest_post(project)
        url = f"http://127.0.0.1:{port}/" + _url_of(post)
        _wait_for(url, lambda body: True, timeout=900)
        original = post.read_text(encoding="utf-8")
        latencies = []
        for run in range(runs + 1):  # the first edit warms up the rebuild path
            token = f"benchmark-edit-{run}-{time.time_ns()}"
            post.write_text(original + f"\n\n{token}\n", encoding="utf-8")
            start = time.perf_counter()
            _wait_for(url, lambda body: token in body, timeout=900)
            served = time.perf_counter()
            settled = _settle(port)
            if run:
                latencies.append(served - start)
                if done is not None:
                    done.append(max(settled, served) - start)
        post.write_text(original, encoding="utf-8")
        return latencies
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _settle(port: int, quiet: float = 30) -> float:
    """Wait until the server reloads no browser for `quiet` seconds; returns when it last did.

    The live reload script's long poll (`/livereload/<epoch>/<id>`) answers
    at once with the current version, then when a newer one is served.
    """
    def epoch(known: int, timeout: float) -> int | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/livereload/{known}/0", timeout=timeout) as r:
                return int(r.read())
        except (OSError, ValueError):
            return None

    current, last = epoch(0, 30), time.perf_counter()
    while current is not None:
        newer = epoch(current, quiet)
        if newer is None or newer == current:
            break
        current, last = newer, time.perf_counter()
    return last


def newest_post(project: Path, lang: str = "fr") -> Path:
    """The newest post in `lang` (French: most posts and most edits are), the one an author edits."""
    posts = [p for p in (project / "docs/blog/posts").glob("*.md") if re.search(rf"^lang: {lang}$", p.read_text(encoding="utf-8"), re.M)]
    return sorted(posts)[-1]


def _url_of(post: Path) -> str:
    text = post.read_text(encoding="utf-8")
    lang = re.search(r"^lang: (\w+)", text, re.M).group(1)
    day = re.search(r"^date: (\S+)", text, re.M).group(1).replace("-", "/")
    slug = re.sub(r"^\d{4}-\d{2}-\d{2}-|(-(en|es))?\.md$", "", post.name)
    prefix = "" if lang == "fr" else f"{lang}/"
    return f"{prefix}blog/{day}/{slug}/"


def _wait_for(url: str, ready, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if ready(response.read().decode("utf-8", "replace")):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"timed out waiting for {url}")


def bench_size(label: str, posts: int, runs: int, workdir: Path) -> dict:
    project = workdir / f"portal-{label}"
    corpus = generate(project, posts)
    baseline = make_baseline(project, workdir / f"baseline-{label}")
    site = workdir / "site"
    timed_build(project, site)  # warm-up: imports, .pyc, disk cache
    timed_build(baseline, site)
    ours, base = [], []
    for _ in range(runs):  # interleaved, so both see the same machine load
        ours.append(timed_build(project, site))
        base.append(timed_build(baseline, site))
    in_hooks, profiled = hook_share(project, site)
    latencies = serve_latency(project, runs)
    dirty_latencies = serve_latency(project, runs, ["--dirty"])  # what `make serve` runs
    ours_time = Stat.of([t for t, _ in ours])
    base_time = Stat.of([t for t, _ in base])
    return {
        "label": label,
        "posts": corpus.posts,
        "per_language": corpus.per_language,
        "translated_refs": corpus.translated_refs,
        "build_s": asdict(ours_time),
        "peak_mib": asdict(Stat.of([m for _, m in ours])),
        "baseline_build_s": asdict(base_time),
        "baseline_peak_mib": asdict(Stat.of([m for _, m in base])),
        "ratio_ours_baseline": ours_time.median / base_time.median,
        "hook_s": in_hooks,
        "hook_share": in_hooks / profiled,
        "serve_edit_s": asdict(Stat.of(latencies)),
        "serve_edit_over_build": statistics.median(latencies) / ours_time.median,
        "serve_dirty_edit_s": asdict(Stat.of(dirty_latencies)),
        "serve_dirty_edit_over_build": statistics.median(dirty_latencies) / ours_time.median,
    }


def fmt(stat: dict, unit: str = "") -> str:
    return f"{stat['median']:.2f}{unit} [{stat['min']:.2f}-{stat['max']:.2f}]"


def table(results: list[dict], scale: float | None) -> str:
    rows = [
        ("posts (fr/en/es)", lambda r: f"{r['posts']} ({'/'.join(str(r['per_language'].get(l, 0)) for l in ('fr', 'en', 'es'))})"),
        ("build, s", lambda r: fmt(r["build_s"])),
        ("peak memory, MiB", lambda r: fmt(r["peak_mib"])),
        ("baseline build, s", lambda r: fmt(r["baseline_build_s"])),
        ("baseline peak, MiB", lambda r: fmt(r["baseline_peak_mib"])),
        ("ours / baseline", lambda r: f"{r['ratio_ours_baseline']:.2f}"),
        ("in our hooks", lambda r: f"{r['hook_s']:.2f} s ({r['hook_share']:.1%})"),
        ("serve edit-to-rebuilt, s", lambda r: fmt(r["serve_edit_s"])),
        ("serve edit / build", lambda r: f"{r['serve_edit_over_build']:.2f}"),
        ("serve --dirty edit-to-rebuilt, s", lambda r: fmt(r["serve_dirty_edit_s"])),
        ("serve --dirty edit / build", lambda r: f"{r['serve_dirty_edit_over_build']:.2f}"),
    ]
    width = max(len(name) for name, _ in rows)
    lines = [f"{'':{width}}  " + "  ".join(f"{r['label']:>28}" for r in results)]
    for name, cell in rows:
        lines.append(f"{name:{width}}  " + "  ".join(f"{cell(r):>28}" for r in results))
    if scale is not None:
        lines.append(f"{'10x / 1x build':{width}}  {scale:.2f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="measured runs per size (after a warm-up)")
    parser.add_argument("--sizes", default="1x=120,10x=1200", help="label=posts,...")
    parser.add_argument("--output", type=Path, default=REPO / "bench-results/bench.json")
    parser.add_argument("--users", default="30,300", help="organisations in the synthetic user directories, or ''")
    args = parser.parse_args()
    sizes = [(label, int(n)) for label, n in (item.split("=") for item in args.sizes.split(",") if item)]
    users_sizes = [int(n) for n in args.users.split(",") if n]
    with tempfile.TemporaryDirectory(prefix="geotrek-bench-") as tmp:
        results = []
        for label, posts in sizes:
            print(f"benchmarking {label} ({posts} posts)...", file=sys.stderr, flush=True)
            results.append(bench_size(label, posts, args.runs, Path(tmp)))
        users = []
        for organisations in users_sizes:
            print(f"benchmarking make import-users ({organisations} organisations)...", file=sys.stderr, flush=True)
            users.append(bench_import(organisations, args.runs, Path(tmp)))
    by_label = {r["label"]: r for r in results}
    scale = (
        by_label["10x"]["build_s"]["median"] / by_label["1x"]["build_s"]["median"]
        if {"1x", "10x"} <= by_label.keys()
        else None
    )
    report = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}, "runs": args.runs,
              "results": results, "scale_10x_over_1x": scale, "users": users}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2))
    if results:
        print(table(results, scale))
    if users:
        print(("\n" if results else "") + users_table(users))
    print(f"\nwritten to {args.output}")


if __name__ == "__main__":
    main()
