"""`make new-event`: a correct event file, or every problem of the request and nothing written."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import pytest

from geotrek_portal.events import load_events
from geotrek_portal.languages import Languages
from geotrek_portal.new_event import main

REPO = Path(__file__).resolve().parents[2]
LANGS = Languages.from_entries(
    [{"locale": "fr", "name": "Français", "default": True}, {"locale": "en", "name": "English"}, {"locale": "es", "name": "Español"}]
)


@pytest.fixture
def project(tmp_path):
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs").mkdir()
    (tmp_path / "data/events").mkdir(parents=True)
    return tmp_path


def run(project, *args):
    out = io.StringIO()
    code = main([*args, "--config", str(project / "mkdocs.yml")], out, today=date(2026, 11, 28))
    return code, out.getvalue()


def test_writes_an_event_the_build_reads(project):
    code, out = run(project, "--name", "Rencontres Geotrek: l'atelier", "--start", "2027-05-12", "--end", "2027-05-13",
                    "--place", "Gap", "--status", "registration_open")
    assert code == 0, out
    assert "data/events/rencontres-geotrek-l-atelier-2027.yml" in out
    events = load_events(project / "data/events", LANGS)
    assert events.problems == []
    (event,) = events
    assert event.name.get("es") == "Rencontres Geotrek: l'atelier"
    assert (event.start, event.last_day, event.status.value) == (date(2027, 5, 12), date(2027, 5, 13), "registration_open")
    assert event.updated == date(2026, 11, 28)


def test_every_problem_at_once_and_nothing_written(project):
    code, out = run(project, "--name", "R", "--start", "2027-13-01", "--place", "Gap", "--status", "open")
    assert code == 1
    assert "START: '2027-13-01' is not a valid date" in out and "STATUS: 'open' is not a status" in out
    assert "Nothing was written." in out
    assert list((project / "data/events").iterdir()) == []


def test_an_existing_file_is_never_replaced(project):
    assert run(project, "--name", "Atelier", "--start", "2027-05-12", "--place", "Gap", "--id", "atelier")[0] == 0
    before = (project / "data/events/atelier.yml").read_bytes()
    code, out = run(project, "--name", "Autre", "--start", "2027-06-12", "--place", "Gap", "--id", "atelier")
    assert code == 1 and "already exists" in out
    assert (project / "data/events/atelier.yml").read_bytes() == before
