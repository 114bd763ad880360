"""`make bench`: build and preview timings of the portal beside two peers.

For each corpus size (1x and 10x the real site's posts) it reports, as median
[min-max] of N runs after a warm-up, all measured side by side (interleaved,
so that every build sees the same machine load):

- a cold `properdocs build` (the build's caches removed: `.cache/` and any
  `cache_dir` of mkdocs.yml), its peak memory, and a warm one (the caches
  kept, `site/` removed, as a CI cache would restore them);
- the same posts as a plain single-language Material blog (no static-i18n,
  no hooks) and as a Jekyll site (`bench/jekyll_site.py`, Debian's jekyll),
  both cold;
- the share of the build spent in our hook code (cProfile);
- edit-to-served latency of `make serve` (`properdocs serve --dirty`): from
  writing a body edit of the newest French post to that page being served
  with the new text (HTTP polling), and of `properdocs serve` (full rebuild);

and, once, the time from a fresh `git clone` to `make serve` answering
(`bench/setup_time.py`, cold and warm pip/uv caches). Prints one table with each target of issue 14 and
whether it is met, and writes it all as JSON. Not a test: nothing here
asserts a timing.
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.corpus import REPO, generate
from bench import setup_time
from bench.setup_time import free_port
from bench.jekyll_site import jekyll_caches, jekyll_command, write_jekyll_site
from bench.users import bench_import, users_table

ENV = {**os.environ, "PYTHONPATH": str(REPO)}
OUR_CODE = (str(REPO / "hooks"), str(REPO / "geotrek_portal"), "/hooks/")
PROPERDOCS = [sys.executable, "-m", "properdocs"]

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


# ------------------------------------------------------------------ statistics
@dataclass
class Stat:
    median: float
    min: float
    max: float
    runs: list[float] = field(default_factory=list)

    @classmethod
    def of(cls, values: list[float]) -> "Stat":
        if not values:
            raise ValueError("no measurement")
        return cls(statistics.median(values), min(values), max(values), list(values))

    def __str__(self) -> str:
        return f"{self.median:.2f} [{self.min:.2f}-{self.max:.2f}]"


def fmt(stat: dict, unit: str = "") -> str:
    return f"{stat['median']:.2f}{unit} [{stat['min']:.2f}-{stat['max']:.2f}]"


def ratio(numerator: dict | None, denominator: dict | None) -> float | None:
    """Ratio of two medians (Stat dicts), None when either is missing."""
    if not numerator or not denominator:
        return None
    return numerator["median"] / denominator["median"]


def paired_ratio(numerators: list[float], denominators: list[float]) -> float | None:
    """Median of the per-run ratios of two interleaved series (each pair ran under the same load)."""
    if not numerators or len(numerators) != len(denominators):
        return None
    return statistics.median(n / d for n, d in zip(numerators, denominators))


# ------------------------------------------------------------------ targets
@dataclass(frozen=True)
class Target:
    """An upper bound a row should stay under, per corpus label (issue 14)."""

    row: str
    limits: dict[str, float]  # label -> upper bound; "*" for every label
    unit: str = ""

    def limit(self, label: str) -> float | None:
        return self.limits.get(label, self.limits.get("*"))

    def describe(self) -> str:
        if "*" in self.limits:
            return f"<= {self.limits['*']:g}{self.unit}"
        return ", ".join(f"<= {v:g}{self.unit} ({k})" for k, v in self.limits.items())


TARGETS = {
    "serve": Target("make serve: edit -> page served, s", {"1x": 1.0, "10x": 2.0}, " s"),
    "material": Target("ours / Material, cold build, CPU", {"*": 1.0}),
    "warm": Target("warm / cold build, CPU", {"*": 0.5}),
    "jekyll": Target("ours / Jekyll, cold build, CPU", {"*": 1.5}),
    "setup": Target("fresh clone -> make serve answers, s", {"*": 30.0}, " s"),
}


def verdict(target: Target, values: dict[str, float | None]) -> tuple[str, list[dict]]:
    """("met", "NOT met (10x)", "-"...) and one record per label measured against a limit."""
    records, missed = [], []
    for label, value in values.items():
        limit = target.limit(label)
        if value is None or limit is None:
            continue
        met = value <= limit
        records.append({"row": target.row, "label": label, "value": value, "limit": limit, "met": met})
        if not met:
            missed.append(label)
    if not records:
        return "-", records
    if not missed:
        return "met", records
    return f"NOT met ({', '.join(missed)})", records


# ------------------------------------------------------------------ table
@dataclass
class Row:
    name: str
    cells: dict[str, str]  # label -> text; a missing label prints "-"
    target: str = ""
    met: str = ""


def render_table(labels: list[str], rows: list[Row], width: int = 24) -> str:
    """Fixed-width text: a name column, one column per label, then target and verdict."""
    name_width = max([len(r.name) for r in rows] + [0])
    target_width = max([len(r.target) for r in rows] + [len("target")])
    head = f"{'':{name_width}}  " + "  ".join(f"{label:>{width}}" for label in labels)
    head += f"  {'target':<{target_width}}  met"
    lines = [head.rstrip()]
    for row in rows:
        line = f"{row.name:{name_width}}  " + "  ".join(f"{row.cells.get(label, '-'):>{width}}" for label in labels)
        line += f"  {row.target:<{target_width}}  {row.met}"
        lines.append(line.rstrip())
    return "\n".join(lines)


def _cell(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def table_rows(results: list[dict], setup: dict | None) -> tuple[list[Row], list[dict]]:
    """The rows of the table and the target records, from the measurements."""
    rows: list[Row] = []
    records: list[dict] = []

    def stat_row(name: str, key: str) -> None:
        cells = {r["label"]: fmt(r[key]) for r in results if r.get(key)}
        if cells:
            rows.append(Row(name, cells))

    def target_row(key: str, values: dict[str, float | None], cells: dict[str, str] | None = None) -> None:
        target = TARGETS[key]
        met, found = verdict(target, values)
        records.extend(found)
        if cells is None:
            cells = {k: _cell(v) for k, v in values.items() if v is not None}
        rows.append(Row(target.row, cells, target.describe(), met))

    rows.append(Row("posts (fr/en/es)", {
        r["label"]: f"{r['posts']} ({'/'.join(str(r['per_language'].get(lang, 0)) for lang in ('fr', 'en', 'es'))})"
        for r in results}))
    for name, key in (("cold build", "build"), ("warm build", "warm_build"),
                      ("Material baseline build", "baseline_build"), ("Jekyll build", "jekyll_build")):
        stat_row(f"{name}, s", f"{key}_s")
        stat_row(f"{name}, CPU s", f"{key}_cpu_s")
    stat_row("peak memory, MiB", "peak_mib")
    for key, ratio_key in (("material", "ours_baseline"), ("warm", "warm_cold"), ("jekyll", "ours_jekyll")):
        target_row(key, {r["label"]: r.get(f"ratio_{ratio_key}") for r in results})
        wall = {r["label"]: _cell(r.get(f"ratio_{ratio_key}_wall")) for r in results
                if r.get(f"ratio_{ratio_key}_wall") is not None}
        if wall:
            rows.append(Row("  the same, wall-clock", wall))
    hooks = {r["label"]: f"{r['hook_s']:.2f} s ({r['hook_share']:.1%})" for r in results if r.get("hook_s") is not None}
    if hooks:
        rows.append(Row("in our hooks", hooks))
    serve = {r["label"]: r["serve_dirty_edit_s"] for r in results if r.get("serve_dirty_edit_s")}
    target_row("serve", {label: s["median"] for label, s in serve.items()}, {label: fmt(s) for label, s in serve.items()})
    stat_row("serve-full: edit -> page served, s", "serve_edit_s")
    if setup:
        # one measurement for the repository, shown in the first column
        first = results[0]["label"] if results else "1x"
        target_row("setup", {first: setup["total_s"]}, {first: f"{setup['total_s']:.1f}"})
        rows.append(Row("  of which clone, install, first build (s)",
                        {first: f"{setup['clone_s']:.1f}, {setup['install_s']:.1f}, {setup['serve_s']:.1f}"}))
        rows.append(Row("  the same with pip/uv caches warm (s)", {first: f"{setup['warm_total_s']:.1f}"}))
    return rows, records


# ------------------------------------------------------------------ builds
def build_caches(project: Path) -> list[Path]:
    """The build's own caches: `.cache/` and every `cache_dir:` that mkdocs.yml names."""
    caches = {project / ".cache"}
    config = project / "mkdocs.yml"
    if config.exists():
        for match in re.finditer(r"^\s*cache_dir:\s*['\"]?([^'\"#\n]+?)['\"]?\s*(?:#.*)?$", config.read_text(), re.M):
            caches.add(project / match.group(1).strip())
    return sorted(caches)


def remove(paths: list[Path]) -> None:
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


@dataclass(frozen=True)
class Measure:
    wall: float  # seconds
    cpu: float  # user + system seconds: what the machine's load changes least
    peak_mib: float


def timed(cmd: list[str], cwd: Path) -> Measure:
    """Wall and CPU seconds and peak memory of one command in a child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{proc.stderr.read().decode()}")
    return Measure(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def timed_build(project: Path, site: Path, *, cold: bool = True) -> Measure:
    """One `properdocs build` into an empty `site`; `cold` removes the build's caches first."""
    remove([site] + (build_caches(project) if cold else []))
    return timed([*PROPERDOCS, "build", "--quiet", "--site-dir", str(site)], project)


def timed_jekyll(source: Path, site: Path) -> Measure:
    """One cold `jekyll build` (no .jekyll-cache) into an empty `site`."""
    remove([site, *jekyll_caches(source)])
    return timed(jekyll_command(source, site), source)


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


# ------------------------------------------------------------------ serve
def edited_post(project: Path) -> Path:
    """The post an author is most likely editing: the newest French one (else the newest)."""
    posts = sorted((project / "docs/blog/posts").glob("*.md"))
    french = [p for p in posts if re.search(r"^lang: fr$", p.read_text(encoding="utf-8"), re.M)]
    return (french or posts)[-1]


def serve_latency(project: Path, runs: int, extra: list[str] | None = None, done: list[float] | None = None) -> list[float]:
    """Seconds from editing one post to `properdocs serve` serving the changed page.

    Each edit waits for the server to be idle again (no browser reload for
    30 s); `done`, when given, receives the seconds from each edit to the last
    reload it caused: every page it changed rebuilt (`make serve` shows the
    edited page first, the rest a few seconds later).
    """
    port = free_port()
    proc = subprocess.Popen(
        [*PROPERDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}", *(extra or [])],
        cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    post = edited_post(project)
    original = post.read_text(encoding="utf-8")
    try:
        url = f"http://127.0.0.1:{port}/" + _url_of(post)
        _wait_for(url, lambda body: True, timeout=900)
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
        return latencies
    finally:
        post.write_text(original, encoding="utf-8")
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


def _url_of(post: Path) -> str:
    text = post.read_text(encoding="utf-8")
    lang = re.search(r"^lang: (\w+)", text, re.M).group(1)
    day = re.search(r"^date: (\S+)", text, re.M).group(1).replace("-", "/")
    slug = re.sub(r"^\d{4}-\d{2}-\d{2}-|(-(en|es))?\.md$", "", post.name)
    prefix = "" if lang == "fr" else f"{lang}/"
    return f"{prefix}blog/{day}/{slug}/"


def _wait_for(url: str, ready, timeout: float, interval: float = 0.02) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if ready(response.read().decode("utf-8", "replace")):
                    return
        except OSError:
            pass
        time.sleep(interval)
    raise SystemExit(f"timed out waiting for {url}")


# ------------------------------------------------------------------ one size
@dataclass
class Options:
    runs: int = 3
    jekyll: bool = True
    profile: bool = True
    serve: bool = True
    serve_full: bool = True


def bench_size(label: str, posts: int, options: Options, workdir: Path) -> dict:
    project = workdir / f"portal-{label}"
    corpus = generate(project, posts)
    baseline = make_baseline(project, workdir / f"baseline-{label}")
    jekyll = write_jekyll_site(project, workdir / f"jekyll-{label}") if options.jekyll else None
    site = workdir / "site"
    timed_build(project, site)  # warm-up: imports, .pyc, the OS's file cache
    timed_build(baseline, site)
    if jekyll:
        timed_jekyll(jekyll.source, site)
    cold, warm, base, peer = [], [], [], []
    for _ in range(options.runs):  # interleaved, so all see the same machine load
        cold.append(timed_build(project, site, cold=True))
        warm.append(timed_build(project, site, cold=False))  # the caches the cold build just wrote
        base.append(timed_build(baseline, site))
        if jekyll:
            peer.append(timed_jekyll(jekyll.source, site))
    result: dict = {"label": label, "posts": corpus.posts, "per_language": corpus.per_language,
                    "translated_refs": corpus.translated_refs}
    for name, series in (("build", cold), ("warm_build", warm), ("baseline_build", base), ("jekyll_build", peer)):
        result[f"{name}_s"] = asdict(Stat.of([m.wall for m in series])) if series else None
        result[f"{name}_cpu_s"] = asdict(Stat.of([m.cpu for m in series])) if series else None
    result["peak_mib"] = asdict(Stat.of([m.peak_mib for m in cold]))
    result["baseline_peak_mib"] = asdict(Stat.of([m.peak_mib for m in base]))
    result["jekyll_peak_mib"] = asdict(Stat.of([m.peak_mib for m in peer])) if peer else None
    # targets: medians of per-run CPU-time ratios; the wall-clock ones beside them
    for name, numerators, denominators in (("ours_baseline", cold, base), ("warm_cold", warm, cold),
                                           ("ours_jekyll", cold, peer)):
        result[f"ratio_{name}"] = paired_ratio([m.cpu for m in numerators], [m.cpu for m in denominators])
        result[f"ratio_{name}_wall"] = paired_ratio([m.wall for m in numerators], [m.wall for m in denominators])
    if options.profile:
        in_hooks, profiled = hook_share(project, site)
        result |= {"hook_s": in_hooks, "hook_share": in_hooks / profiled}
    if options.serve:
        dirty = serve_latency(project, options.runs, ["--dirty"])  # what `make serve` runs
        result["serve_dirty_edit_s"] = asdict(Stat.of(dirty))
        result["serve_dirty_edit_over_build"] = statistics.median(dirty) / result["build_s"]["median"]
    if options.serve and options.serve_full:
        full = serve_latency(project, options.runs)
        result["serve_edit_s"] = asdict(Stat.of(full))
        result["serve_edit_over_build"] = statistics.median(full) / result["build_s"]["median"]
    return result


def parse_sizes(text: str) -> list[tuple[str, int]]:
    """"1x=120,10x=1200" -> [("1x", 120), ("10x", 1200)]."""
    sizes = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        label, _, posts = item.partition("=")
        if not label or not posts.isdigit():
            raise SystemExit(f"--sizes: '{item}' is not label=posts (for example 1x=120)")
        sizes.append((label, int(posts)))
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, help="measured runs per size, after a warm-up (3; 1 with --quick)")
    parser.add_argument("--sizes", default="1x=120,10x=1200", help="label=posts,...")
    parser.add_argument("--output", type=Path, default=REPO / "bench-results/bench.json")
    parser.add_argument("--users", default="30,300", help="organisations in the synthetic user directories, or ''")
    parser.add_argument("--quick", action="store_true",
                        help="one run per size (unless --runs), no profile, no serve-full, no users map (the target rows stay)")
    parser.add_argument("--skip-setup", action="store_true", help="skip the fresh clone -> make serve row (about 100 s)")
    parser.add_argument("--skip-jekyll", action="store_true", help="skip the Jekyll peer")
    parser.add_argument("--skip-serve", action="store_true", help="skip the serve latency rows")
    args = parser.parse_args()
    options = Options(runs=args.runs or (1 if args.quick else 3), jekyll=not args.skip_jekyll, profile=not args.quick,
                      serve=not args.skip_serve, serve_full=not args.quick)
    if options.jekyll and not shutil.which("jekyll"):
        raise SystemExit("jekyll is not installed: run `make bench-deps` (Debian's jekyll), or pass --skip-jekyll")
    sizes = parse_sizes(args.sizes)
    users_sizes = [] if args.quick else [int(n) for n in args.users.split(",") if n]
    with tempfile.TemporaryDirectory(prefix="geotrek-bench-") as tmp:
        results = []
        for label, posts in sizes:
            print(f"benchmarking {label} ({posts} posts)...", file=sys.stderr, flush=True)
            results.append(bench_size(label, posts, options, Path(tmp)))
        users = []
        for organisations in users_sizes:
            print(f"benchmarking make import-users ({organisations} organisations)...", file=sys.stderr, flush=True)
            users.append(bench_import(organisations, options.runs, Path(tmp)))
    setup = None
    if not args.skip_setup:
        print("timing a fresh clone to the first page of make serve...", file=sys.stderr, flush=True)
        setup = setup_time.bench_row()
    by_label = {r["label"]: r for r in results}
    scale = (ratio(by_label["10x"]["build_cpu_s"], by_label["1x"]["build_cpu_s"])
             if {"1x", "10x"} <= by_label.keys() else None)
    rows, records = table_rows(results, setup)
    if scale is not None:
        rows.append(Row("10x / 1x cold build, CPU", {"10x": f"{scale:.2f}"}))
    report = {"machine": {"cpus": os.cpu_count(), "load_1min": os.getloadavg()[0], "python": sys.version.split()[0]},
              "runs": options.runs, "results": results, "scale_10x_over_1x": scale, "setup": setup,
              "targets": records, "users": users}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2))
    print(render_table([label for label, _ in sizes] or ["1x"], rows))
    if users:
        print("\n" + users_table(users))
    print(f"\nwritten to {args.output}")


if __name__ == "__main__":
    main()
