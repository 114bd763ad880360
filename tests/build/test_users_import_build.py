"""`make import-users SRC=<directory>` then a strict build: every organisation is on the users page."""

import json

import pytest

from bench.directory import write_directory
from geotrek_portal.config import load_languages
from geotrek_portal.posts import slugify
from tests.conftest import REPO, make_project, run_mkdocs_build
from tests.make import make
from tests.users_map_data import listed, map_file

pytestmark = pytest.mark.build

LANGUAGES = load_languages(REPO / "mkdocs.yml")


def test_imported_directory_is_listed_in_every_language(tmp_path):
    project = make_project(tmp_path)
    data = project / "data/organisations.geojson"
    hand_added = [f["properties"]["name"] for f in json.loads(data.read_text(encoding="utf-8"))["features"]]
    directory = write_directory(tmp_path / "clients_map.geojson", 60, seed=12)
    imported = [f["properties"]["name"] for f in json.loads(directory.read_text(encoding="utf-8"))["features"]]

    run = make(project, "import-users", f"SRC={directory}")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "60 added" in run.stdout and f"{len(hand_added)} added by hand kept" in run.stdout
    again = make(project, "import-users", f"SRC={directory}")
    assert again.returncode == 0 and "data/organisations.geojson: unchanged" in again.stdout

    check = make(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr

    written = json.loads(data.read_text(encoding="utf-8"))["features"]
    assert {f["geometry"]["type"] for f in written} == {"Point", "Polygon", "MultiPolygon"}
    markers = {
        slugify(f["properties"]["name"]): f["properties"].get("marker") or f["geometry"]["coordinates"] for f in written
    }

    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    expected = set(imported) | set(hand_added)
    for lang in LANGUAGES.all:
        page = result.page(f"{lang.prefix}utilisateurs/")
        rows = listed(page)
        assert {row.css_first("th").text(strip=True) for _, row in rows} == expected, lang.code
        assert {row.attributes["id"] for _, row in rows} == {slugify(name) for name in expected}
        # each organisation's marker is at its seat, or at the marker inside its territory
        for org in map_file(result, f"{lang.prefix}utilisateurs/")[1]["organisations"]:
            lon, lat = markers[org["id"]]
            assert org["at"] == [lat, lon]
        types = {kind for kind, _ in rows}
        assert {"national_park", "regional_park", "department", "federation", "other"} <= types


def test_make_import_users_without_src_says_how(tmp_path):
    project = make_project(tmp_path)
    run = make(project, "import-users")
    assert run.returncode == 2 and "usage: make import-users SRC=" in run.stdout


def test_make_check_points_at_the_line_of_a_bad_territory(tmp_path):
    project = make_project(tmp_path)
    data = project / "data/organisations.geojson"
    text = data.read_text(encoding="utf-8")
    polygon = '{"type": "Polygon", "coordinates": [[[6,44],[7,44],[7,45],[6,44]]]}'
    text = text.replace('{"type": "Point", "coordinates": [4.833, 45.067]}', polygon, 1)
    data.write_text(text, encoding="utf-8")
    run = make(project, "check")
    assert run.returncode != 0
    rows = text.splitlines()
    polygon_line = next(i for i, row in enumerate(rows, 1) if '"Polygon"' in row)
    properties_line = max(i for i, row in enumerate(rows[:polygon_line], 1) if '"properties"' in row)
    assert f"data/organisations.geojson:{properties_line}: features[0].properties.marker: is missing" in run.stdout, run.stdout
