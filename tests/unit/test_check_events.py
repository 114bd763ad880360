"""`make check` reports event files and the events posts name, like the build."""

from __future__ import annotations

from tests.conftest import post_text
from tests.unit.test_check import P, check, project_with

GOOD = "name: {fr: Rencontres 2030, en: Meeting 2030, es: Encuentro 2030}\nstart: 2030-10-01\nplace: Gap\n"


def test_event_files_and_unknown_events_are_checked(tmp_path, monkeypatch):
    project = project_with(
        tmp_path,
        {
            "2030-10-10-retour.md": post_text("Retour", "2030-10-10", "fr", "a", event="rencontres-2031"),
            "2030-10-11-ok.md": post_text("Ok", "2030-10-11", "fr", "b", event="rencontres-2030"),
        },
    )
    events = project / "data/events"
    events.mkdir(parents=True)
    (events / "rencontres-2030.yml").write_text(GOOD, encoding="utf-8")
    (events / "rencontres-2029.yml").write_text(GOOD.replace("start: 2030-10-01", "start: 2029-13-01"), encoding="utf-8")
    code, lines = check(project, monkeypatch)
    assert code == 1
    assert lines[:2] == [
        "data/events/rencontres-2029.yml:2: start: '2029-13-01' is not a valid date: month must be in 1..12 (write the date as YYYY-MM-DD, for example 2019-12-17)",
        f"{P}2030-10-10-retour.md:6: event: unknown event 'rencontres-2031' "
        "(did you mean 'rencontres-2030'? known events: rencontres-2030)",
    ]
    assert lines[-1].startswith("2 errors in 2 files")


def test_a_project_without_events_has_nothing_to_check(tmp_path, monkeypatch):
    project = project_with(tmp_path, {"2030-10-11-ok.md": post_text("Ok", "2030-10-11", "fr", "b")})
    assert check(project, monkeypatch)[0] == 0
