"""The users map's core: marker positions, territories as the page carries them, types, places."""

import json

import pytest

from geotrek_portal import users_map
from geotrek_portal.messages import t
from geotrek_portal.organisations import ORGANISATION_TYPES

SQUARE = [[5.0, 44.0], [6.0, 44.0], [6.0, 45.0], [5.0, 45.0], [5.0, 44.0]]


def decode(encoded: list) -> list:
    """What users-map.js does with an encoded territory: polygons of rings of (lon, lat), closed."""
    polygons = []
    for rings in encoded:
        out = []
        for steps in rings:
            lon = lat = 0
            ring = []
            for i in range(0, len(steps), 2):
                lon += steps[i]
                lat += steps[i + 1]
                ring.append([lon / users_map.SHAPE_SCALE, lat / users_map.SHAPE_SCALE])
            out.append(ring + ring[:1])
        polygons.append(out)
    return polygons


def feature(name="Parc", kind="national_park", geometry=None, **props):
    geometry = geometry or {"type": "Point", "coordinates": [6.079, 44.559]}
    return {"type": "Feature", "properties": {"name": name, "type": kind, "seat": "Gap", "website": "", **props}, "geometry": geometry}


def test_the_marker_is_the_point_else_the_marker_property_else_the_bounds_centre():
    assert users_map.marker_position({"type": "Point", "coordinates": [6.1, 44.5]}, {}) == (6.1, 44.5)
    polygon = {"type": "Polygon", "coordinates": [SQUARE]}
    assert users_map.marker_position(polygon, {"marker": [5.2, 44.9]}) == (5.2, 44.9)
    assert users_map.marker_position(polygon, {}) == (5.5, 44.5)
    multi = {"type": "MultiPolygon", "coordinates": [[SQUARE], [[[7, 46], [8, 46], [8, 47], [7, 46]]]]}
    assert users_map.marker_position(multi, {}) == (6.5, 45.5)


def test_territories_are_rounded_and_what_rounding_makes_invisible_is_dropped():
    ring = [[5.00001, 44.0], [5.00002, 44.0], [6.0004, 44.0], [6.0, 45.0], [5.0, 45.0], [5.00001, 44.0]]
    tiny_hole = [[5.5, 44.5], [5.5001, 44.5], [5.5, 44.5001], [5.5, 44.5]]
    shape = users_map.page_shape({"type": "Polygon", "coordinates": [ring, tiny_hole]})
    assert shape == {"type": "Polygon", "coordinates": [[[5.0, 44.0], [6.0, 44.0], [6.0, 45.0], [5.0, 45.0], [5.0, 44.0]]]}
    multi = users_map.page_shape({"type": "MultiPolygon", "coordinates": [[tiny_hole], [SQUARE]]})
    assert multi == {"type": "MultiPolygon", "coordinates": [[SQUARE]]}
    assert users_map.page_shape({"type": "Polygon", "coordinates": [tiny_hole]}) is None
    assert users_map.page_shape({"type": "Point", "coordinates": [5, 44]}) is None


@pytest.mark.parametrize(
    "geometry",
    [
        {"type": "Polygon", "coordinates": [SQUARE, [[5.2, 44.2], [5.4, 44.2], [5.4, 44.4], [5.2, 44.2]]]},
        {"type": "MultiPolygon", "coordinates": [[SQUARE], [[[-61.5, 16.1], [-61.2, 16.1], [-61.3, 16.4], [-61.5, 16.1]]]]},
    ],
)
def test_the_encoded_territory_decodes_to_the_rounded_one(geometry):
    shape = users_map.page_shape(geometry)
    polygons = [shape["coordinates"]] if shape["type"] == "Polygon" else shape["coordinates"]
    assert decode(users_map.encode_shape(shape)) == polygons
    assert all(isinstance(n, int) for rings in users_map.encode_shape(shape) for ring in rings for n in ring)


def test_the_page_keeps_valid_organisations_sorted_like_the_list_and_leaves_out_empty_links():
    features = [
        feature("Zèbre office", "tourist_office"),
        feature("Parc des Écrins", geometry={"type": "Polygon", "coordinates": [SQUARE]}, marker=[5.5, 44.6]),
        feature("Broken", "other"),
    ]
    organisations = users_map.map_organisations(features, {"Zèbre office", "Parc des Écrins"})
    assert [o.name for o in organisations] == ["Parc des Écrins", "Zèbre office"]
    park, office = (o.as_json() for o in organisations)
    assert park["at"] == [44.6, 5.5]  # Leaflet's order
    assert "shape" in park and "shape" not in office
    assert "website" not in office and "portal" not in office
    assert park["id"] == "parc-des-ecrins"


def test_the_legend_follows_the_declared_order_and_gives_a_new_type_a_colour_and_a_name():
    organisations = users_map.map_organisations(
        [feature("A", "other"), feature("B", "national_park"), feature("C", "national_park"), feature("D", "hiking_club")]
    )
    legend = users_map.legend(organisations, ORGANISATION_TYPES, "fr")
    assert [(item["code"], item["count"]) for item in legend] == [("national_park", 2), ("other", 1), ("hiking_club", 1)]
    assert legend[0]["label"] == t("org_types_national_park", "fr")
    assert legend[-1]["label"] == "hiking club"
    colours = [item["colour"] for item in legend]
    assert len(set(colours)) == len(colours)


def test_every_declared_type_has_its_own_colour_and_names_in_every_language():
    colours = users_map.type_colours(ORGANISATION_TYPES)
    assert len(set(colours.values())) == len(ORGANISATION_TYPES)
    for code in ORGANISATION_TYPES:
        for lang in ("fr", "en", "es"):
            assert users_map.type_label(code, lang) != code.replace("_", " ")


def test_the_places_are_mainland_france_and_the_overseas_departements_each_inside_its_base_map():
    codes = [place.code for place in users_map.PLACES]
    assert codes[0] == "mainland"
    assert {"guadeloupe", "martinique", "guyane", "reunion", "mayotte"} <= set(codes)
    windows = users_map.clip_windows()["features"]
    for place, window in zip(users_map.PLACES, windows):
        (west, south), _, (east, north), *_ = window["geometry"]["coordinates"][0]
        assert west < place.bounds[0] < place.bounds[2] < east and south < place.bounds[1] < place.bounds[3] < north
        for lang in ("fr", "en", "es"):
            assert t(f"map_place_{place.code}", lang)


def test_page_data_cannot_close_its_script_element():
    text = users_map.page_json({"name": "</script><script>alert(1)</script> & <!--"})
    assert "</" not in text and "<!--" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script> & <!--"}


def test_the_embed_snippet_is_an_iframe_of_the_embed_page():
    snippet = users_map.embed_snippet("https://geotrek.fr/en/utilisateurs/embed/", "en")
    assert snippet.startswith('<iframe src="https://geotrek.fr/en/utilisateurs/embed/"')
    assert 'width="600" height="450"' in snippet and f'title="{t("org_map", "en")}"' in snippet


def test_the_list_has_a_group_per_type_of_the_legend_with_its_organisations_in_the_list_order():
    organisations = users_map.map_organisations(
        [feature("Zèbre", "other"), feature("Écrins", "national_park"), feature("Alpes", "other"), feature("Cévennes", "national_park")]
    )
    groups = users_map.list_groups(organisations, ORGANISATION_TYPES, "es")
    assert [(g["code"], g["count"], [o.name for o in g["organisations"]]) for g in groups] == [
        ("national_park", 2, ["Cévennes", "Écrins"]),
        ("other", 2, ["Alpes", "Zèbre"]),
    ]
    legend = users_map.legend(organisations, ORGANISATION_TYPES, "es")
    assert [{k: g[k] for k in ("code", "label", "colour", "count")} for g in groups] == legend
    assert groups[0]["label"] == t("org_types_national_park", "es")


@pytest.mark.parametrize("lang", ["fr", "en", "es"])
def test_the_count_says_one_organisation_or_n_of_them(lang):
    assert users_map.count_text(1, lang) == t("org_count_one", lang)
    assert users_map.count_text(12, lang) == t("org_count_other", lang).format(n=12)
    assert "12" in users_map.count_text(12, lang) and "{" not in users_map.count_text(0, lang)


def test_the_page_data_names_each_type_of_the_legend_and_carries_no_organisation():
    organisations = users_map.map_organisations(
        [feature("Écrins", geometry={"type": "Polygon", "coordinates": [SQUARE]}, marker=[5.5, 44.6]), feature("Club", "hiking_club")]
    )
    types = users_map.legend(organisations, ORGANISATION_TYPES, "en")
    data = users_map.map_data(types, "en", embedded=True)
    assert data["types"] == {
        "national_park": {"colour": users_map.TYPE_COLOURS["national_park"], "label": t("org_type_national_park", "en")},
        "hiking_club": {"colour": types[1]["colour"], "label": "hiking club"},
    }
    assert data["embedded"] is True
    assert data["places"]["mainland"] == list(users_map.PLACES[0].bounds)
    assert data["text"]["countOther"] == t("org_count_other", "en") and set(data["text"]) == {k for k, _ in users_map.MAP_TEXTS}
    assert "Écrins" not in json.dumps(data, ensure_ascii=False)  # in the map's file (organisations_json)


def test_the_map_file_holds_every_organisation_with_its_territory_and_its_version_follows_its_content():
    organisations = users_map.map_organisations(
        [feature("Écrins", geometry={"type": "Polygon", "coordinates": [SQUARE]}, marker=[5.5, 44.6]), feature("Office", "tourist_office")]
    )
    text = users_map.organisations_json(organisations)
    document = json.loads(text)
    assert document["scale"] == users_map.SHAPE_SCALE
    assert document["organisations"] == [o.as_json() for o in organisations]
    assert [o["id"] for o in document["organisations"]] == ["ecrins", "office"]
    assert decode(document["organisations"][0]["shape"]) == [[SQUARE]]
    version = users_map.content_version(text)
    assert version == users_map.content_version(text) and len(version) >= 8
    assert users_map.content_version(text.replace("5000", "5001")) != version


def test_the_map_pages_preload_the_scripts_in_their_order_then_the_organisations_at_their_version():
    preloads = users_map.preloads("0123abcd")
    assert [(p["path"], p["query"], p["kind"]) for p in preloads] == [
        *[(path, "", "script") for path in users_map.MAP_SCRIPTS], (users_map.ORGANISATIONS_FILE, "?v=0123abcd", "fetch")
    ]
