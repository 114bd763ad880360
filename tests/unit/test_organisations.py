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


# Where the community is: a swapped longitude and latitude lands in none of them
REGIONS = {
    "metropolitan France and its Alpine neighbours": (-5.5, 41.0, 10.0, 51.5),
    "Guadeloupe": (-61.9, 15.8, -61.0, 16.6),
    "La Réunion": (55.2, -21.4, 55.9, -20.8),
}


def test_the_repository_file_is_valid_and_names_known_users():
    organisations, problems = load_organisations(DATA)
    assert problems == []
    names = {o.name for o in organisations}
    assert {
        "Parc national des Écrins",
        "Parc national du Mercantour",
        "Parc national des Cévennes",
        "Parc naturel régional du Haut-Jura",
    } <= names
    assert len(organisations) >= 30
    for organisation in organisations:
        assert organisation.type in ORGANISATION_TYPES
        assert organisation.seat and organisation.website, organisation
        # every organisation says how we know it uses Geotrek, with an address to check it
        assert organisation.source and "https://" in organisation.source, organisation
        assert any(
            west < organisation.lon < east and south < organisation.lat < north
            for west, south, east, north in REGIONS.values()
        ), organisation
    assert {o.type for o in organisations} >= {"national_park", "regional_park", "department", "federation", "tourist_office"}


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


SQUARE = [[6, 44], [7, 44], [7, 45], [6, 45], [6, 44]]


def territory(geometry, **props):
    data = copy.deepcopy(feature(**props))
    data["geometry"] = geometry
    return data


def test_polygon_with_its_marker_is_an_organisation(tmp_path):
    polygon = territory({"type": "Polygon", "coordinates": [SQUARE]}, marker=[6.5, 44.5])
    organisations, problems = load_organisations(write(tmp_path, collection(polygon)))
    assert problems == []
    [ecrins] = organisations
    assert (ecrins.lon, ecrins.lat) == (6.5, 44.5)
    assert ecrins.geometry == {"type": "Polygon", "coordinates": [SQUARE]}


def test_multipolygon_with_its_marker_is_an_organisation(tmp_path):
    island = [[8, 42], [8.5, 42], [8.5, 42.5], [8, 42]]
    multi = territory({"type": "MultiPolygon", "coordinates": [[SQUARE], [island]]}, marker=[8.3, 42.2])
    organisations, problems = load_organisations(write(tmp_path, collection(multi)))
    assert problems == [] and organisations[0].geometry["type"] == "MultiPolygon"


def test_a_point_is_its_own_marker(tmp_path):
    [problem] = validate_organisations(write(tmp_path, collection(feature(marker=[6.0, 44.0]))))
    assert problem.field == "features[0].properties.marker" and "only for territories" in problem.message


def test_territory_without_marker_gets_one_to_copy(tmp_path):
    path = write(tmp_path, collection(territory({"type": "Polygon", "coordinates": [SQUARE]})))
    [problem] = validate_organisations(path)
    assert problem.field == "features[0].properties.marker" and "is missing" in problem.message
    assert problem.hint.startswith('add "marker": [')
    assert '"properties"' in path.read_text(encoding="utf-8").splitlines()[problem.line - 1]


def test_marker_outside_its_territory(tmp_path):
    path = write(tmp_path, collection(territory({"type": "Polygon", "coordinates": [SQUARE]}, marker=[2.35, 48.85])))
    [problem] = validate_organisations(path)
    assert problem.field == "features[0].properties.marker" and "outside the territory" in problem.message
    assert '"marker"' in path.read_text(encoding="utf-8").splitlines()[problem.line - 1]


@pytest.mark.parametrize(
    "geometry, field, words",
    [
        ({"type": "LineString", "coordinates": [[6, 44], [7, 45]]}, "features[0].geometry.type", "not a geometry the map shows"),
        ({"type": "Polygon", "coordinates": [[[6, 44], [7, 44], [7, 45], [6, 45]]]}, "features[0].geometry.coordinates", "not closed"),
        ({"type": "Polygon", "coordinates": [[[6, 44], [7, 44], [6, 44]]]}, "features[0].geometry.coordinates", "at least 4"),
        ({"type": "Polygon", "coordinates": [[[6, 44], [7, 45], [7, 44], [6, 45], [6, 44]]]}, "features[0].geometry.coordinates", "self-intersection"),
        ({"type": "Point", "coordinates": [6]}, "features[0].geometry.coordinates", "at least 2"),
        ({"type": "Point", "coordinates": ["six", 44]}, "features[0].geometry.coordinates", "valid number"),
    ],
    ids=["line", "open ring", "short ring", "bow tie", "one number", "text"],
)
def test_bad_geometries_are_named(tmp_path, geometry, field, words):
    path = write(tmp_path, collection(territory(geometry, marker=[6.5, 44.5])))
    problems = validate_organisations(path)
    assert [p.field for p in problems] == [field], problems
    assert words in problems[0].message, problems[0]
    # the line of the offending value, inside the geometry
    lines = path.read_text(encoding="utf-8").splitlines()
    geometry_line = next(i for i, line in enumerate(lines, 1) if '"geometry"' in line)
    assert geometry_line <= problems[0].line < len(lines)


def test_a_territory_in_the_wrong_order_is_one_problem_with_its_count(tmp_path):
    swapped = [[lat, lon] for lon, lat in SQUARE]
    swapped = [[lon, lat + 100] for lon, lat in swapped]  # latitudes beyond the pole
    [problem] = validate_organisations(write(tmp_path, collection(territory({"type": "Polygon", "coordinates": [swapped]}, marker=[6.5, 44.5]))))
    assert problem.field == "features[0].geometry.coordinates"
    assert problem.message.startswith("[0][0]: is outside the Earth") and "(and 4 more)" in problem.message
    assert "longitude first" in problem.hint


def test_empty_website_is_allowed(tmp_path):
    organisations, problems = load_organisations(write(tmp_path, collection(feature(website=""))))
    assert problems == [] and organisations[0].website == ""


def test_imported_organisations_may_have_no_seat_hand_added_ones_must(tmp_path):
    imported = feature(seat="", origin="directory")
    by_hand = feature(name="Parc national du Mercantour", seat="", origin="manual")
    problems = validate_organisations(write(tmp_path, collection(imported, by_hand)))
    assert [(p.field, p.message) for p in problems] == [("features[1].properties.seat", "is missing")]


def test_unknown_origin(tmp_path):
    [problem] = validate_organisations(write(tmp_path, collection(feature(origin="import"))))
    assert problem.field == "features[0].properties.origin" and "manual" in problem.hint


def test_every_feature_is_checked_even_after_a_bad_one(tmp_path):
    bad_geometry = territory({"type": "Polygon", "coordinates": [[[6, 44], [7, 44]]]}, marker=[6.5, 44.5])
    duplicate = feature(name="PARC NATIONAL DES ÉCRINS")
    no_seat = feature(name="Parc national du Mercantour", seat=None)
    problems = validate_organisations(write(tmp_path, collection(feature(), bad_geometry, duplicate, no_seat)))
    assert [p.field for p in problems] == [
        "features[1].geometry.coordinates",
        "features[2].properties.name",
        "features[3].properties.seat",
    ]


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
    assert problem.path == "data/organisations.geojson" and problem.field.endswith("].properties.type")


# ------------------------------------------------------------------ joining
def test_issue_form_asks_for_what_the_file_needs_in_the_sites_words():
    import yaml

    from geotrek_portal.messages import t

    form = yaml.safe_load((REPO / ".github/ISSUE_TEMPLATE/add-organisation.yml").read_text(encoding="utf-8"))
    assert form["name"] and form["description"] and form["body"]
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    assert {"name", "type", "seat", "website", "portal", "source", "contact"} <= set(fields)
    for required in ("name", "type", "seat", "source"):
        assert fields[required]["validations"]["required"] is True, required
    assert "required" not in fields["website"].get("validations", {})  # it may be empty
    # one option per type of the site, in the legend's order, labelled as the site labels it
    options = fields["type"]["attributes"]["options"]
    assert options == [f"{t('org_type_' + code, 'fr')} / {t('org_type_' + code, 'en')}" for code in ORGANISATION_TYPES]


@pytest.mark.parametrize("guide", ["data/README.md", "CONTRIBUTING.md", "CONTRIBUTING.en.md"])
def test_the_documented_examples_are_valid(tmp_path, guide):
    import re

    text = (REPO / guide).read_text(encoding="utf-8")
    examples = [block.rstrip().rstrip(",") for block in re.findall(r"```json\n(.*?)```", text, re.S)]
    assert examples, guide
    for example in examples:
        path = write(tmp_path, '{"type": "FeatureCollection", "features": [' + example + "]}")
        organisations, problems = load_organisations(path)
        assert problems == [] and len(organisations) == 1, (guide, problems)


def test_a_feature_that_is_not_an_object_does_not_hide_the_others(tmp_path):
    problems = validate_organisations(write(tmp_path, collection(feature(), 42, feature(type="parc"))))
    assert [p.field for p in problems] == ["features[1]", "features[2].properties.type"]


def test_an_edited_file_is_read_again(tmp_path):
    path = write(tmp_path, collection(feature()))
    assert load_organisations(path)[0][0].type == "national_park"
    # same size, same second: the content decides
    path.write_text(path.read_text(encoding="utf-8").replace('"national_park"', '"department"   '), encoding="utf-8")
    assert load_organisations(path)[0][0].type == "department"
