"""The users page on a slowed-down phone: when does the main thread fall quiet?

Lighthouse 12's score no longer counts "time to interactive", and its figures
are simulated from an unthrottled load (measure.py still prints its TTI).
This opens a page of one or more built sites in Debian's Chromium
(Playwright), as a phone
(412×823, touch) with its CPU slowed 4× (DevTools' throttling), and reads
from the page itself (PerformanceObserver): first and largest contentful
paint, every long task (over 50 ms), their blocking time after the first
paint (what Lighthouse calls TBT) and the end of the last one, plus the users
map's own user timings (``portal-map:markers``, ``territories``,
``basemap``). Sites are measured in turn, run after run (interleaved), so a
change of the machine's load touches all of them alike; it prints the median
and range of each figure. A measurement, never a test.

Usage: python tools/lighthouse/phone_trace.py [--runs 5] [--page utilisateurs/]
       [--cpu 4] [--network] NAME=SITE_DIR [NAME=SITE_DIR ...]
(--network adds Lighthouse's mobile network: 150 ms round trips, 1.6 Mbit/s down.)
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gzip_server import serve  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
OBSERVE = """
window.__phone = {long: [], lcp: 0, fcp: 0};
new PerformanceObserver(l => l.getEntries().forEach(e => window.__phone.long.push([e.startTime, e.duration])))
  .observe({type: 'longtask', buffered: true});
new PerformanceObserver(l => l.getEntries().forEach(e => window.__phone.lcp = e.startTime))
  .observe({type: 'largest-contentful-paint', buffered: true});
new PerformanceObserver(l => l.getEntries().forEach(e => {
  if (e.name === 'first-contentful-paint') window.__phone.fcp = e.startTime;
})).observe({type: 'paint', buffered: true});
"""
DONE = ["portal-map:markers", "portal-map:territories", "portal-map:basemap"]
MARKS = ["portal-map:start", *DONE]  # start: the map comes near the screen
QUIET_MS = 2000  # no long task for this long after the map is drawn: the page is quiet


def measure(browser, url: str, cpu: float, network: bool) -> dict:
    context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    page.add_init_script(OBSERVE)
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
    if network:
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 150,
                 "downloadThroughput": 1.6e6 / 8 * 0.9, "uploadThroughput": 750e3 / 8 * 0.9})
    page.goto(url, wait_until="load")
    marks = "names => !document.querySelector('[data-portal-map]') || names.every(n => performance.getEntriesByName(n).length)"
    page.wait_for_function(marks, arg=DONE, timeout=60_000, polling=200)  # a page without the map does not wait
    # wait until no long task has started for QUIET_MS
    page.wait_for_function(
        f"""() => {{ const l = window.__phone.long, last = l.length ? l[l.length - 1][0] + l[l.length - 1][1] : 0;
        return performance.now() - last > {QUIET_MS}; }}""", timeout=60_000, polling=250)
    data = page.evaluate(
        """names => Object.assign({}, window.__phone, {marks: Object.fromEntries(names.map(n => {
          const e = performance.getEntriesByName(n); return [n, e.length ? e[0].startTime : null]; }))})""", MARKS)
    context.close()
    long = sorted(data["long"])
    return {
        "fcp": data["fcp"],
        "lcp": data["lcp"],
        "tbt": sum(max(0.0, d - 50) for s, d in long if s >= data["fcp"]),
        "last_long_task_end": max((s + d for s, d in long), default=0.0),
        "long_tasks": len(long),
        "longest": max((d for _, d in long), default=0.0),
        **{name.split(":")[1]: at for name, at in data["marks"].items()},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", nargs="+", help="NAME=SITE_DIR")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page", default="utilisateurs/")
    parser.add_argument("--cpu", type=float, default=4)
    parser.add_argument("--network", action="store_true")
    parser.add_argument("--out", help="write every run as JSON here")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    servers = {}
    for item in args.sites:
        name, _, site = item.partition("=")
        server = serve(site)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers[name] = server
    runs: dict[str, list[dict]] = {name: [] for name in servers}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for run in range(args.runs):
            for name, server in servers.items():
                url = f"http://127.0.0.1:{server.server_address[1]}/{args.page}"
                result = measure(browser, url, args.cpu, args.network)
                runs[name].append(result)
                print(f"  run {run + 1} {name}: " + ", ".join(f"{k} {v:.0f}" for k, v in result.items() if v is not None),
                      file=sys.stderr, flush=True)
        browser.close()
    for server in servers.values():
        server.shutdown()
    keys = [k for k in next(iter(runs.values()))[0]]
    print(f"{args.page}, CPU {args.cpu:g}x{', mobile network' if args.network else ''}, "
          f"{args.runs} runs interleaved: median [min-max], ms")
    print("| figure | " + " | ".join(runs) + " |")
    print("|---|" + "---:|" * len(runs))
    for key in keys:
        cells = []
        for name in runs:
            values = [r[key] for r in runs[name] if r.get(key) is not None]
            cells.append(f"{statistics.median(values):.0f} [{min(values):.0f}-{max(values):.0f}]" if values else "–")
        print(f"| {key} | " + " | ".join(cells) + " |")
    if args.out:
        Path(args.out).write_text(json.dumps(runs, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
