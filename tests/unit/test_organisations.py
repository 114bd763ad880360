"""The users map's data file: schema, problems a contributor can act on."""

import copy
import json
from pathlib import Path

import pytest

from geotrek_portal.organisations import ORGANISATION_TYPES, load_organisations, validate_organisations
from tests.conftest import REPO

DATA = REPO / "data/organisations.geojson"


def feature(**props):
    properties = {
        "name": "Parc national des Écrins",
        "type": "national_park",
        "seat": "Gap (Hautes-Alpes)",
        "website": "https://www.ecrins-parcnational.fr/",
        "portal": "https://rando.ecrins-parcnational.fr/",
    }
    properties.update(props)
    properties = {k: v for k, v in properties.items() if v is not None}
    return {"type": "Feature", "properties": properties, "geometry": {"type": "Point", "coordinates": [6.079, 44.559]}}


def write(tmp_path: Path, data) -> Path:
    path = tmp_path / "organisations.geojson"
    path.write_text(data if isinstance(data, str) else json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def collection(*features):
    return {"type": "FeatureCollection", "features": list(features)}


def test_the_repository_file_is_valid_and_names_known_users():
    organisations, problems = load_organisations(DATA)
    assert problems == []
    names = {o.name for o in organisations}
    assert {"Parc national des Écrins", "Parc national du Mercantour", "Parc national des Cévennes"} <= names
    for organisation in organisations:
        assert organisation.type in ORGANISATION_TYPES
        # every point is in metropolitan France for now: a swapped lon/lat would not be
        assert -5.5 < organisation.lon < 10 and 41 < organisation.lat < 51.5, organisation


def test_valid_feature_becomes_an_organisation(tmp_path):
    organisations, problems = load_organisations(write(tmp_path, collection(feature())))
    assert problems == []
    [ecrins] = organisations
    assert (ecrins.id, ecrins.lon, ecrins.lat) == ("parc-national-des-ecrins", 6.079, 44.559)
    assert ecrins.portal == "https://rando.ecrins-parcnational.fr/"


def test_portal_is_optional(tmp_path):
    organisations, problems = load_organisations(write(tmp_path, collection(feature(portal=None))))
    assert problems == [] and organisations[0].portal is None


def test_every_problem_is_reported_with_field_line_and_hint(tmp_path):
    bad_type = feature(type="park")
    bad_site = feature(name="Parc national du Mercantour", website="www.mercantour-parcnational.fr")
    no_seat = feature(name="Parc national des Cévennes", seat=None)
    swapped = feature(name="Parc naturel régional du Haut-Jura")
    swapped["geometry"]["coordinates"] = [46.377, 195.0]
    path = write(tmp_path, collection(bad_type, bad_site, no_seat, swapped))
    problems = validate_organisations(path)
    by_field = {p.field: p for p in problems}
    assert set(by_field) == {
        "features[0].properties.type",
        "features[1].properties.website",
        "features[2].properties.seat",
        "features[3].geometry.coordinates",
    }
    assert "'park' is not a known type" in by_field["features[0].properties.type"].message
    assert "national_park" in by_field["features[0].properties.type"].hint
    assert "https://" in by_field["features[1].properties.website"].hint
    assert by_field["features[2].properties.seat"].message == "is missing"
    assert "longitude first" in by_field["features[3].geometry.coordinates"].hint
    lines = path.read_text(encoding="utf-8").splitlines()
    assert '"type": "park"' in lines[by_field["features[0].properties.type"].line - 1]
    assert '"website"' in lines[by_field["features[1].properties.website"].line - 1]
    assert '"coordinates"' in lines[by_field["features[3].geometry.coordinates"].line - 1]
    assert all(p.is_error for p in problems)


def test_unknown_property_lists_the_known_ones(tmp_path):
    [problem] = validate_organisations(write(tmp_path, collection(feature(town="Gap"))))
    assert problem.field == "features[0].properties.town"
    assert "not a known property" in problem.message and "seat" in problem.hint


def test_duplicate_organisation(tmp_path):
    path = write(tmp_path, collection(feature(), feature(website="https://example.org/")))
    organisations, problems = load_organisations(path)
    assert len(organisations) == 1
    [problem] = problems
    assert problem.field == "features[1].properties.name" and "features[0]" in problem.message


def test_json_syntax_error_gives_its_line(tmp_path):
    text = json.dumps(collection(feature()), indent=2).replace('"Gap (Hautes-Alpes)",', '"Gap (Hautes-Alpes)"')
    [problem] = validate_organisations(write(tmp_path, text))
    assert problem.field == "file" and "not valid JSON" in problem.message
    assert problem.line is not None and problem.line > 5


@pytest.mark.parametrize(
    "data, field",
    [
        ({"type": "Feature"}, "type"),
        ({"type": "FeatureCollection"}, "features"),
    ],
)
def test_not_a_feature_collection(tmp_path, data, field):
    problems = validate_organisations(write(tmp_path, data))
    assert field in {p.field for p in problems}


def test_polygon_is_refused(tmp_path):
    polygon = copy.deepcopy(feature())
    polygon["geometry"] = {"type": "Polygon", "coordinates": [[[6, 44], [7, 44], [7, 45], [6, 44]]]}
    problems = validate_organisations(write(tmp_path, collection(polygon)))
    assert any(p.field == "features[0].geometry.type" and "Point" in p.hint for p in problems)


def test_no_file_no_organisations(tmp_path):
    assert load_organisations(tmp_path / "nope.geojson") == ([], [])


def test_make_check_reports_organisation_problems(tmp_path):
    from geotrek_portal.check import Project, run_checks
    from geotrek_portal.config import load_site
    from tests.conftest import make_project

    project = make_project(tmp_path)
    data = project / "data/organisations.geojson"
    data.write_text(data.read_text(encoding="utf-8").replace('"national_park"', '"parc"', 1), encoding="utf-8")
    report = run_checks(Project(load_site(project / "mkdocs.yml")))
    [problem] = report.errors
    assert problem.path == "data/organisations.geojson" and problem.field == "features[0].properties.type"
