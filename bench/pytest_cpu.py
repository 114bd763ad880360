"""A pytest plugin that measures the CPU time of each test phase (a measurement, never a test).

On a machine shared with other work, wall times say more about the load than
about the tests; CPU seconds (user + system, of the test process and of the
children it waited for: builds, `make`, Playwright's driver) do not. Usage::

    .venv/bin/python -m pytest -n 2 -p bench.pytest_cpu [--cpu-top 30] [--cpu-json FILE]

prints, after the run, the CPU seconds of the setup, call and teardown phases
summed per folder (unit, build, browser), and the most expensive phases.
With pytest-xdist each worker measures its own tests and sends the numbers to
the controller with the test reports. A session fixture's cost lands on the
setup of the first test that asks for it. Chromium's processes count when
Playwright's driver reaps them, at the end of a worker's session.
"""

from __future__ import annotations

import json
import os
import resource
from collections import defaultdict
from pathlib import Path

import pytest

KEY = "cpu_seconds"


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def pytest_addoption(parser):
    group = parser.getgroup("cpu", "CPU time per test phase (bench.pytest_cpu)")
    group.addoption("--cpu-top", type=int, default=30, help="how many of the most expensive phases to list")
    group.addoption("--cpu-json", type=Path, default=None, help="also write every phase's CPU seconds to this file")


_started: dict[tuple[str, str], float] = {}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    _started[(item.nodeid, "setup")] = _cpu()
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    _started[(item.nodeid, "call")] = _cpu()
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    _started[(item.nodeid, "teardown")] = _cpu()
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    start = _started.pop((item.nodeid, call.when), None)
    if start is not None:
        report.user_properties.append((KEY, round(_cpu() - start, 3)))


class _Collector:
    def __init__(self, config):
        self.config = config
        self.phases: list[tuple[str, str, float]] = []

    def pytest_runtest_logreport(self, report):
        for key, value in report.user_properties:
            if key == KEY:
                self.phases.append((report.nodeid, report.when, value))

    def pytest_terminal_summary(self, terminalreporter):
        if not self.phases:
            return
        write = terminalreporter.write_line
        by_folder: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for nodeid, when, seconds in self.phases:
            parts = nodeid.split("/")
            folder = parts[1] if len(parts) > 2 and parts[0] == "tests" else parts[0]
            by_folder[folder][when] += seconds
        terminalreporter.section("CPU seconds per phase (bench.pytest_cpu)")
        write(f"{'folder':<10} {'setup':>8} {'call':>8} {'teardown':>9} {'total':>8}")
        for folder, phases in sorted(by_folder.items()):
            total = sum(phases.values())
            write(f"{folder:<10} {phases['setup']:8.1f} {phases['call']:8.1f} {phases['teardown']:9.1f} {total:8.1f}")
        everything = sum(seconds for _, _, seconds in self.phases)
        write(f"{'all':<10} {'':>8} {'':>8} {'':>9} {everything:8.1f}  (tests' own processes; pytest's startup excluded)")
        top = sorted(self.phases, key=lambda phase: -phase[2])[: self.config.getoption("cpu_top")]
        write("")
        for nodeid, when, seconds in top:
            write(f"{seconds:7.2f}s {when:<8} {nodeid}")
        path = self.config.getoption("cpu_json")
        if path:
            path.write_text(json.dumps([{"test": n, "phase": w, "cpu": s} for n, w, s in self.phases], indent=0))


def pytest_configure(config):
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        config.pluginmanager.register(_Collector(config), "bench-pytest-cpu-collector")
