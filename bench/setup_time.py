"""Fresh clone to first page served by `make serve`, in seconds (a measurement, never a test).

Each run clones the repository into a new temporary folder, runs `make serve`
there on an ephemeral port (``DEV_ADDR``) and polls ``http://127.0.0.1:PORT/``
until it answers 200. It reports three phases: the clone, the installation
(until the Makefile's stamp ``.venv/.installed`` exists: virtualenv and
packages) and the first build and serve (until the 200), and their total.

The package caches of pip and uv point to a folder of the measurement's own
(``PIP_CACHE_DIR``, ``UV_CACHE_DIR``), never to the user's:

- ``cold``: an empty cache, so every package is downloaded (a first clone on a
  new machine or a CI runner without a cache);
- ``warm``: the cache the cold run filled (a second clone on the same machine,
  or a CI run whose cache was restored).

Command line (prints a table; ``--json FILE`` also writes the results)::

    python -m bench.setup_time [--repo PATH_OR_URL] [--ref REF] [--cache cold|warm|both] [--runs N] [--json FILE]

From Python (another bench table)::

    from bench.setup_time import measure_setup
    results = measure_setup(repo=REPO, ref="HEAD", caches=("cold", "warm"), runs=1)
    # {"cold": [SetupTime(...)], "warm": [SetupTime(...)]}; SetupTime.total is the headline

``ref`` is what gets cloned: a branch, tag or commit of ``repo`` (default: the
commit checked out in ``repo``; uncommitted changes are not measured).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CACHES = ("cold", "warm")


@dataclass
class SetupTime:
    cache: str  # cold or warm
    clone: float  # seconds: git clone
    install: float  # seconds: from `make serve` to the Makefile's stamp (.venv ready)
    serve: float  # seconds: from the stamp to the first page answered 200
    total: float  # seconds: clone + install + serve


def clean_environment(environ: dict[str, str]) -> dict[str, str]:
    """The caller's environment, without what points at this checkout's Python (make must set up its own)."""
    env = {k: v for k, v in environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    venv = environ.get("VIRTUAL_ENV")
    if venv:
        env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != str(Path(venv) / "bin"))
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def _stop(proc: subprocess.Popen) -> None:
    """Stop `make serve` and everything it started (its own process group)."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _resolve(repo: str | Path, ref: str) -> str:
    """The commit `ref` names in `repo` (a local checkout), or `ref` itself."""
    if not Path(repo).exists():
        return ref
    proc = subprocess.run(["git", "-C", str(repo), "rev-parse", ref], capture_output=True, text=True, check=False)
    return proc.stdout.strip() or ref


def measure_once(
    repo: str | Path = REPO, ref: str = "HEAD", *, cache_dir: Path, cache: str = "cold", timeout: float = 900
) -> SetupTime:
    """One fresh clone of `repo` at `ref` to the first page served by `make serve`; pip and uv cache in `cache_dir`."""
    commit = _resolve(repo, ref)
    cache_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    env = {
        **clean_environment(dict(os.environ)),
        "PIP_CACHE_DIR": str(cache_dir / "pip"),
        "UV_CACHE_DIR": str(cache_dir / "uv"),
    }
    with tempfile.TemporaryDirectory(prefix="setup-time-") as tmp:
        clone = Path(tmp) / "portal"
        start = time.perf_counter()
        subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(repo), str(clone)], check=True, env=env)
        subprocess.run(["git", "-C", str(clone), "checkout", "--quiet", commit], check=True, env=env)
        cloned = time.perf_counter()
        log = (Path(tmp) / "serve.log").open("wb")
        proc = subprocess.Popen(
            ["make", "serve", f"DEV_ADDR=127.0.0.1:{port}"], cwd=clone, env=env,
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
        )
        stamp, installed = clone / ".venv" / ".installed", None
        try:
            while True:
                now = time.perf_counter()
                if installed is None and stamp.exists():
                    installed = now
                if installed is not None and _answers(url):
                    break
                if proc.poll() is not None or now - start > timeout:
                    log.close()
                    tail = (Path(tmp) / "serve.log").read_text(errors="replace")[-3000:]
                    raise RuntimeError(f"make serve never served {url} (exit {proc.poll()}):\n{tail}")
                time.sleep(0.1)
            served = time.perf_counter()
        finally:
            _stop(proc)
            log.close()
    return SetupTime(cache, cloned - start, installed - cloned, served - installed, served - start)


def bench_row(repo: str | Path = REPO) -> dict:
    """What `make bench` reports: one fresh clone with empty pip/uv caches (a new machine) and one with them warm."""
    results = measure_setup(repo, caches=("cold", "warm"), runs=1)
    cold, warm = results["cold"][0], results["warm"][0]
    return {"total_s": cold.total, "clone_s": cold.clone, "install_s": cold.install, "serve_s": cold.serve,
            "warm_total_s": warm.total}


def measure_setup(
    repo: str | Path = REPO, ref: str = "HEAD", caches: tuple[str, ...] = CACHES, runs: int = 1
) -> dict[str, list[SetupTime]]:
    """`runs` measurements per cache state. "cold" starts each run with an empty cache; "warm" reuses one
    cache filled beforehand by an unmeasured run (or by the last cold run)."""
    results: dict[str, list[SetupTime]] = {}
    with tempfile.TemporaryDirectory(prefix="setup-cache-") as tmp:
        warm_cache = Path(tmp) / "warm"
        if "cold" in caches:
            results["cold"] = []
            for i in range(runs):
                cache_dir = Path(tmp) / f"cold-{i}"
                results["cold"].append(measure_once(repo, ref, cache_dir=cache_dir, cache="cold"))
                _progress(results["cold"][-1])
                if i == runs - 1:
                    cache_dir.rename(warm_cache)
                else:
                    shutil.rmtree(cache_dir)
        if "warm" in caches:
            if not warm_cache.exists():
                measure_once(repo, ref, cache_dir=warm_cache, cache="cold")  # fills the cache
            results["warm"] = []
            for _ in range(runs):
                results["warm"].append(measure_once(repo, ref, cache_dir=warm_cache, cache="warm"))
                _progress(results["warm"][-1])
    return results


def _progress(result: SetupTime) -> None:
    print(f"  {result.cache}: {result.total:.1f} s", file=sys.stderr, flush=True)


def table(results: dict[str, list[SetupTime]]) -> str:
    def cell(values: list[float]) -> str:
        return f"{statistics.median(values):6.1f}" + (f" [{min(values):.1f}-{max(values):.1f}]" if len(values) > 1 else "")

    lines = ["fresh clone -> first page served by `make serve` (seconds)",
             f"{'cache':<6} {'clone':>8} {'install':>8} {'serve':>8} {'total':>8}"]
    for cache, runs in results.items():
        row = [cell([getattr(r, name) for r in runs]) for name in ("clone", "install", "serve", "total")]
        lines.append(f"{cache:<6} " + " ".join(f"{c:>8}" for c in row))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", default=str(REPO), help="repository to clone (path or URL; default: this checkout)")
    parser.add_argument("--ref", default="HEAD", help="branch, tag or commit to measure (default: HEAD)")
    parser.add_argument("--cache", choices=("cold", "warm", "both"), default="both")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    caches = CACHES if args.cache == "both" else (args.cache,)
    results = measure_setup(args.repo, args.ref, caches, args.runs)
    print(table(results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({k: [asdict(r) for r in v] for k, v in results.items()}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
