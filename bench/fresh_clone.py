"""`make bench`, set-up row: a fresh clone to the first page `make serve` answers.

`time_fresh_clone_to_first_page` clones the repository (its committed HEAD,
from the local path: no network) into a temporary folder, runs `make serve`
there on an ephemeral DEV_ADDR, and times until the home page answers 200,
with the moments the clone and the install (`.venv/.installed`) finished.
pip's cache is used as the machine has it: `make bench` installs the same
pinned set first, so it is warm. The environment is the caller's without
this project's virtualenv or PYTHONPATH.

    .venv/bin/python -m bench.fresh_clone
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.corpus import REPO

INSTALLED_STAMP = ".venv/.installed"  # the Makefile's $(STAMP)


@dataclass
class SetupTime:
    clone_s: float  # git clone
    install_s: float  # clone done -> .venv/.installed written (0 when the Makefile changes its stamp)
    total_s: float  # start -> the home page answers 200
    commit: str

    def as_dict(self) -> dict:
        return asdict(self)


def clean_environment(environ: dict[str, str]) -> dict[str, str]:
    """The caller's environment, without what points at this checkout's Python."""
    env = {k: v for k, v in environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    venv_bin = environ.get("VIRTUAL_ENV")
    if venv_bin:
        env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                      if p != str(Path(venv_bin) / "bin"))
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


def time_fresh_clone_to_first_page(repo: Path = REPO, timeout: float = 900, workdir: Path | None = None) -> SetupTime:
    """Seconds from `git clone` to `make serve` answering 200 on its home page."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    env = clean_environment(dict(os.environ))
    with tempfile.TemporaryDirectory(prefix="geotrek-setup-", dir=workdir) as tmp:
        clone = Path(tmp) / "clone"
        start = time.perf_counter()
        subprocess.run(["git", "clone", "--quiet", str(repo), str(clone)], check=True, env=env)
        cloned = time.perf_counter()
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=clone, capture_output=True,
                                text=True, check=True).stdout.strip()
        log = (Path(tmp) / "make-serve.log").open("wb")
        # its own process group, so that make, pip and the server all stop at the end
        proc = subprocess.Popen(["make", "serve", f"DEV_ADDR=127.0.0.1:{port}"], cwd=clone, env=env,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        installed = None
        try:
            while True:
                now = time.perf_counter()
                if installed is None and (clone / INSTALLED_STAMP).exists():
                    installed = now
                if _answers(url):
                    break
                if proc.poll() is not None:
                    log.close()
                    raise SystemExit(f"make serve stopped (exit {proc.returncode}) in a fresh clone:\n"
                                     + (Path(tmp) / "make-serve.log").read_text(errors="replace")[-3000:])
                if now - start > timeout:
                    raise SystemExit(f"make serve in a fresh clone did not answer {url} within {timeout:.0f} s")
                time.sleep(0.1)
            total = time.perf_counter() - start
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
            log.close()
    return SetupTime(cloned - start, (installed - cloned) if installed else 0.0, total, commit)


if __name__ == "__main__":
    print(time_fresh_clone_to_first_page())
