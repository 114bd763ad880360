"""The fictitious upcoming meeting of tests/fixtures/upcoming-event.yml, dated after today."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "upcoming-event.yml"
EVENT_ID = "rencontres-prochaines"


def upcoming_event_yaml(today: date | None = None) -> str:
    """The fixture with its meeting 60 days after `today` and its call for talks open 30 days."""
    today = today or date.today()
    start = today + timedelta(days=60)
    dates = {"start": start, "end": start + timedelta(days=1), "deadline": today + timedelta(days=30)}
    text = FIXTURE.read_text(encoding="utf-8")
    for key, day in dates.items():
        text, count = re.subn(rf"^(\s*{key}:) 2000-01-0\d$", rf"\g<1> {day.isoformat()}", text, flags=re.MULTILINE)
        assert count == 1, key
    return text


def add_upcoming_event(project: Path, today: date | None = None) -> Path:
    """Write the meeting into a copy of the site (made by tests.conftest.make_project)."""
    path = project / "data" / "events" / f"{EVENT_ID}.yml"
    path.write_text(upcoming_event_yaml(today), encoding="utf-8")
    return path


def build_upcoming_site(root: Path):
    """The portal, keeping its posts, with the fictitious meeting added: built strictly."""
    from tests.conftest import make_project, run_mkdocs_build

    project = make_project(root, keep_posts=True)
    add_upcoming_event(project)
    result = run_mkdocs_build(project, root / "site")
    assert result.returncode == 0, result.output
    return result


def shared_upcoming_site(tmp_path_factory):
    """The site of `build_upcoming_site`, built once per test session (build and browser tests share it)."""
    from tests.conftest import shared_build

    return shared_build(tmp_path_factory, "upcoming", build_upcoming_site)
