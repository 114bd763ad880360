"""`make lighthouse`: Lighthouse's mobile and desktop performance of the built site.

Serves `site/` on 127.0.0.1 (an ephemeral port) with gzip like GitHub Pages
(gzip_server.py), runs the pinned Lighthouse (run.mjs, Debian's Chromium)
RUNS times on the home, news, a post and the users page of every language,
and prints the median of each figure: requests, bytes transferred and
uncompressed, total blocking time, time to interactive, CLS and the two
scores. Also writes every run to bench-results/lighthouse.json. A
measurement, never a test: nothing here decides whether anything passes.

Usage: python tools/lighthouse/measure.py [--runs 3] [--pages home,news,post,users] [--langs fr,en,es]
       [--site site/] [--presets mobile,desktop]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from gzip_server import serve  # noqa: E402

from geotrek_portal.config import load_languages  # noqa: E402

# a post translated into every language, with a teaser picture and an event box
PAGES = {
    "home": "",
    "news": "blog/",
    "post": "blog/2019/12/17/retour-rencontres-geotrek-2019/",
    "users": "utilisateurs/",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=int(os.environ.get("RUNS", 3)))
    parser.add_argument("--pages", default=os.environ.get("PAGES", ",".join(PAGES)))
    parser.add_argument("--langs", default=os.environ.get("LANGS", ""))
    parser.add_argument("--site", default=str(REPO / "site"))
    parser.add_argument("--presets", default=os.environ.get("PRESETS", "mobile,desktop"),
                        help="mobile,desktop (the default) or one of them")
    parser.add_argument("--out", default=str(REPO / "bench-results" / "lighthouse.json"))
    args = parser.parse_args()

    languages = load_languages(REPO / "mkdocs.yml")
    codes = args.langs.split(",") if args.langs else list(languages.codes)
    pages = args.pages.split(",")
    for name in pages:
        if name not in PAGES:
            parser.error(f"unknown page {name!r} (use: {', '.join(PAGES)})")
    for path in [languages[c].prefix + PAGES[p] for c in codes for p in pages]:
        if not (Path(args.site) / path / "index.html").is_file():
            parser.error(f"{args.site}/{path}index.html is missing: run `make build` first")

    server = serve(args.site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = f"http://127.0.0.1:{server.server_address[1]}/"
    targets = {root + languages[c].prefix + PAGES[p]: (p, c) for p in pages for c in codes}

    runs: list[dict] = []
    node = subprocess.Popen(
        ["node", str(HERE / "run.mjs"), str(args.runs), *targets],
        stdout=subprocess.PIPE, text=True,
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium"), "PRESETS": args.presets},
    )
    total = len(targets) * len(args.presets.split(",")) * args.runs
    for line in node.stdout:
        run = json.loads(line)
        run["page"], run["lang"] = targets[run["url"]]
        runs.append(run)
        print(f"  [{len(runs)}/{total}] {run['page']} {run['lang']} {run['preset']}: {run['score']}"
              + (f" ERROR {run['runtimeError']}" if run.get("runtimeError") else ""), file=sys.stderr, flush=True)
    server.shutdown()
    if node.wait() != 0:
        print("Lighthouse failed", file=sys.stderr)
        return 1

    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(runs, indent=1))
    print(table(runs, pages, codes, args.runs))
    failed = sorted({f for r in runs for f in r["failed"]})
    if failed:
        print("\nFailed requests (status, URL):\n" + "\n".join("  " + f for f in failed))
    return 0


def table(runs: list[dict], pages: list[str], codes: list[str], n: int) -> str:
    def med(page, lang, preset, key):
        values = [r[key] for r in runs if (r["page"], r["lang"], r["preset"]) == (page, lang, preset)]
        return statistics.median(values) if values else float("nan")

    lines = [
        f"Lighthouse {n} run(s), median; requests and bytes from the mobile run; TBT, TTI and CLS mobile; "
        f"machine benchmark index {statistics.median(r.get('benchmarkIndex') or 0 for r in runs):.0f} "
        f"(Lighthouse's CPU score: timings compare only between similar ones)",
        "| page | lang | requests | KB transferred | KB uncompressed | TBT ms | TTI s | CLS | mobile | desktop |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page in pages:
        for lang in codes:
            lines.append(
                f"| {page} | {lang} | {med(page, lang, 'mobile', 'requests'):.0f} "
                f"| {med(page, lang, 'mobile', 'transfer') / 1000:.1f} | {med(page, lang, 'mobile', 'resource') / 1000:.1f} "
                f"| {med(page, lang, 'mobile', 'tbt'):.0f} | {med(page, lang, 'mobile', 'tti') / 1000:.2f} "
                f"| {med(page, lang, 'mobile', 'cls'):.3f} "
                f"| {med(page, lang, 'mobile', 'score'):.0f} | {med(page, lang, 'desktop', 'score'):.0f} |".replace("nan", "–")
            )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
