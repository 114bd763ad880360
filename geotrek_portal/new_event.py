"""`make new-event`: write a correct event file in data/events/, like `make new-post`.

The file is checked with the build's own rules (`parse_event`) before it is
written, so what this writes always builds; it lists every problem of the
request at once, and writes nothing then.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

import yaml

from .config import load_site_or_say
from .events import EVENTS_DATA_DIR, Status, parse_event
from .posts import slugify
from .problems import Problem

COMMAND = "make new-event"


@dataclass(frozen=True)
class EventRequest:
    name: str
    start: str
    place: str
    end: str = ""
    id: str = ""  # default: from the name and the start year
    status: str = Status.PLANNED.value


def _scalar(value: str) -> str:
    """A YAML scalar for `value`, quoted when YAML needs it."""
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1000).removesuffix("\n...\n").strip()


def event_id(request: EventRequest) -> str:
    if request.id:
        return request.id
    slug = slugify(request.name)
    year = request.start[:4]
    return slug if not year.isdigit() or year in slug else f"{slug}-{year}"


def event_text(request: EventRequest, today: date) -> str:
    lines = [
        f"# {' '.join(request.name.split())}. Format: data/events/README.md",
        f"name: {_scalar(request.name)}  # or one per language: {{fr: ..., en: ..., es: ...}}",
        f"start: {request.start}",
    ]
    if request.end:
        lines.append(f"end: {request.end}")
    lines += [
        f"place: {_scalar(request.place)}",
        f"status: {request.status}  # planned, registration_open, full, cancelled or postponed",
        f"updated: {today.isoformat()}  # change it with the file: calendars refresh from it",
        "# Uncomment and fill in what is known:",
        "# description: {fr: ..., en: ..., es: ...}",
        "# registration_url: https://...",
        "# call_for_talks: {url: https://..., deadline: YYYY-MM-DD}",
        '# starts_at: "09:30"  # Paris time, on the first day',
        '# ends_at: "17:00"  # Paris time, on the last day',
        "# address: street, postcode and town of the venue",
        "# organizer: {name: ..., url: https://...}",
    ]
    return "\n".join(lines) + "\n"


def plan_event(root: Path, request: EventRequest, today: date, languages=None) -> tuple[str, str, list[Problem]]:
    """(path, text, problems) of the file to write; nothing is written."""
    problems = []
    for key, value in (("NAME", request.name), ("START", request.start), ("PLACE", request.place)):
        if not value.strip():
            problems.append(Problem(COMMAND, key, "missing", f'{COMMAND} NAME="Rencontres Geotrek 2027" START=2027-05-12 PLACE=Gap'))
    ident = event_id(request)
    path = f"{EVENTS_DATA_DIR}/{ident}.yml"
    if problems:
        return path, "", problems
    text = event_text(request, today)
    event, found = parse_event(path, text.encode(), languages)
    for problem in found:
        field = {"file": "ID", "name": "NAME", "start": "START", "end": "END", "place": "PLACE", "status": "STATUS"}.get(
            problem.field, problem.field.upper())
        problems.append(Problem(COMMAND, field, problem.message, problem.hint))
    if (root / path).exists():
        problems.append(Problem(COMMAND, "ID", f"{path} already exists", "choose another ID=..., or edit that file"))
    return path, text, problems


def main(argv: list[str] | None = None, out: TextIO = sys.stdout, today: date | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description="Write a new event file in data/events/.")
    parser.add_argument("--name", default="")
    parser.add_argument("--start", default="", help="YYYY-MM-DD")
    parser.add_argument("--end", default="", help="YYYY-MM-DD, for an event of several days")
    parser.add_argument("--place", default="")
    parser.add_argument("--id", default="", help="the file name (default: from the name and the year)")
    parser.add_argument("--status", default="", help="planned (default), registration_open, full, cancelled, postponed")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    site = load_site_or_say(args.config, out)
    if site is None:
        return 1
    root = site.root
    request = EventRequest(args.name.strip(), args.start.strip(), args.place.strip(), args.end.strip(), args.id.strip(),
                           args.status.strip() or Status.PLANNED.value)
    path, text, problems = plan_event(root, request, today or date.today(), site.languages)
    if problems:
        for problem in problems:
            print(problem, file=out)
        print("Nothing was written.", file=out)
        return 1
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as f:
        f.write(text)
    print(f"Created {path}: fill in what is known (data/events/README.md describes every key), then make check", file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
