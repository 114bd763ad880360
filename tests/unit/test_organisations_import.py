"""`make import-users`: the community's directory into the users map's data file."""

import functools
import http.server
import json
import shutil
import ssl
import subprocess
import threading
from pathlib import Path

import pytest
from shapely.geometry import Point, shape

from bench.directory import synthetic_directory, write_directory
from geotrek_portal import organisations_import as oi
from geotrek_portal.organisations import load_organisations
from geotrek_portal.organisations_import import SourceError, import_users, main, normalise_type, read_source

SQUARE = [[6, 44], [7, 44], [7, 45], [6, 45], [6, 44]]


def directory_feature(name="Parc national des Écrins", type="Parc national", website="https://www.ecrins-parcnational.fr/", geometry=None):
    return {
        "type": "Feature",
        "properties": {"name": name, "type": type, "website": website},
        "geometry": geometry or {"type": "Point", "coordinates": [6.0791234567, 44.5591234567]},
    }


def wiggly_square(n=400):
    """A square whose sides wiggle by a few metres: what a GIS export looks like."""
    ring = []
    for i in range(n):
        t = i / n
        ring.append([6 + t, 44 + 0.00002 * (i % 3)])
    for i in range(n):
        t = i / n
        ring.append([7 - 0.00002 * (i % 3), 44 + t])
    for i in range(n):
        t = i / n
        ring.append([7 - t, 45 - 0.00002 * (i % 3)])
    for i in range(n):
        t = i / n
        ring.append([6 + 0.00002 * (i % 3), 45 - t])
    ring.append(ring[0])
    return ring


def write(path: Path, *features) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": list(features)}, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def target(tmp_path):
    return tmp_path / "data/organisations.geojson"


def features_of(path: Path) -> dict[str, dict]:
    return {f["properties"]["name"]: f for f in json.loads(path.read_text(encoding="utf-8"))["features"]}


def test_each_geometry_type_is_imported_simplified_with_a_marker(tmp_path, target):
    island = [[8, 42], [8.2, 42], [8.2, 42.2], [8, 42]]
    src = write(
        tmp_path / "dir.geojson",
        directory_feature(),
        directory_feature("Parc naturel régional du Vercors", "Parc naturel régional", geometry={"type": "Polygon", "coordinates": [wiggly_square()]}),
        directory_feature(
            "Département de la Corse-du-Sud",
            "Conseil départemental",
            geometry={"type": "MultiPolygon", "coordinates": [[wiggly_square(100)], [island]]},
        ),
    )
    report = import_users(str(src), target)
    assert report.problems == [] and report.written
    assert sorted(report.added) == ["Département de la Corse-du-Sud", "Parc national des Écrins", "Parc naturel régional du Vercors"]
    found = features_of(target)
    point = found["Parc national des Écrins"]
    assert point["geometry"] == {"type": "Point", "coordinates": [6.07912, 44.55912]}
    assert "marker" not in point["properties"] and point["properties"]["origin"] == "directory"
    polygon = found["Parc naturel régional du Vercors"]
    assert polygon["geometry"]["type"] == "Polygon" and polygon["properties"]["type"] == "regional_park"
    # 1,601 positions within a few metres of a square: the square is all a zoom-10 map needs
    assert len(polygon["geometry"]["coordinates"][0]) <= 8
    assert shape(polygon["geometry"]).contains(Point(polygon["properties"]["marker"]))
    multi = found["Département de la Corse-du-Sud"]
    assert multi["geometry"]["type"] == "MultiPolygon" and len(multi["geometry"]["coordinates"]) == 2
    assert all(len(str(c).split(".")[-1]) <= 4 for c in _numbers(multi["geometry"]["coordinates"]))
    # what the import writes, the site reads without a problem
    organisations, problems = load_organisations(target)
    assert problems == [] and len(organisations) == 3


def _numbers(value):
    if isinstance(value, list):
        for item in value:
            yield from _numbers(item)
    else:
        yield value


def test_second_run_changes_nothing(tmp_path, target):
    src = write_directory(tmp_path / "dir.geojson", 30, seed=3)
    first = import_users(str(src), target)
    text = target.read_text(encoding="utf-8")
    second = import_users(str(src), target)
    assert first.written and not second.written
    assert target.read_text(encoding="utf-8") == text
    assert (second.added, second.updated, second.removed, second.unchanged) == ([], [], [], 30)


@pytest.mark.parametrize(
    "value, ours",
    [
        ("Parc national", "national_park"),
        ("Parc national Français", "national_park"),
        ("parc naturel regional", "regional_park"),
        ("  Conseil   départemental ", "department"),
        ("CDRP", "federation"),
        ("Autre", "other"),
        ("AOP", "other"),
        ("LPO", "other"),
        ("tourist_office", "tourist_office"),
        ("Communauté de communes", None),
    ],
)
def test_directory_types(value, ours):
    assert normalise_type(value) == ours


def test_unknown_type_becomes_other_with_a_report_line(tmp_path, target):
    src = write(tmp_path / "dir.geojson", directory_feature(type="Syndicat mixte"), directory_feature("Office X", "AOP"))
    report = import_users(str(src), target)
    assert {f["properties"]["type"] for f in features_of(target).values()} == {"other"}
    [note] = [n for n in report.notes if "not known" in n]
    assert "'Syndicat mixte'" in note and "features[0] Parc national des Écrins" in note and '"other"' in note
    assert not any("AOP" in n for n in report.notes)  # a known type of the directory


def test_every_problem_is_named_and_nothing_is_written(tmp_path, target):
    swapped = directory_feature("Parc A", geometry={"type": "Point", "coordinates": [44.5, 186.0]})
    open_ring = directory_feature("Parc B", geometry={"type": "Polygon", "coordinates": [[[6, 44], [7, 44], [7, 45], [6, 45]]]})
    no_name = directory_feature("")
    line = directory_feature("Parc C", geometry={"type": "LineString", "coordinates": [[6, 44], [7, 45]]})
    bad_site = directory_feature("Parc D", website="écrire au parc")
    src = write(tmp_path / "dir.geojson", directory_feature(), swapped, open_ring, no_name, line, bad_site)
    report = import_users(str(src), target)
    assert not target.exists()
    fields = [p.field for p in report.problems]
    assert fields == [
        "features[1].geometry.coordinates (Parc A)",
        "features[2].geometry.coordinates (Parc B)",
        "features[3].properties.name (features[3])",
        "features[4].geometry.type (Parc C)",
        "features[5].properties.website (Parc D)",
    ]
    assert "outside the Earth" in report.problems[0].message and "not closed" in report.problems[1].message
    assert "LineString" in report.problems[3].message and "Polygon" in report.problems[3].hint


def test_skip_invalid_imports_the_valid_ones_and_lists_the_others(tmp_path, target):
    swapped = directory_feature("Parc A", geometry={"type": "Point", "coordinates": [44.5, 186.0]})
    src = write(tmp_path / "dir.geojson", directory_feature(), swapped)
    report = import_users(str(src), target, skip_invalid=True)
    assert report.problems == [] and list(features_of(target)) == ["Parc national des Écrins"]
    [skipped] = report.skipped
    assert "features[1].geometry.coordinates (Parc A)" in skipped
    assert any("skipped (invalid)" in line for line in report.lines())


def test_duplicate_names_are_merged_and_reported(tmp_path, target):
    west = {"type": "Polygon", "coordinates": [[[6, 44], [6.4, 44], [6.4, 44.4], [6, 44]]]}
    east = {"type": "Polygon", "coordinates": [[[7, 44], [7.4, 44], [7.4, 44.4], [7, 44]]]}
    src = write(
        tmp_path / "dir.geojson",
        directory_feature("PNR des Deux Rives", "Autre", "", west),
        directory_feature("PNR des deux rives", "Parc naturel régional", "https://deux-rives.example.org/", east),
    )
    report = import_users(str(src), target)
    [merged] = features_of(target).values()
    assert merged["properties"]["name"] == "PNR des Deux Rives"
    assert merged["geometry"]["type"] == "MultiPolygon" and len(merged["geometry"]["coordinates"]) == 2
    # the precise type and the website of the second feature are not lost
    assert merged["properties"]["type"] == "regional_park"
    assert merged["properties"]["website"] == "https://deux-rives.example.org/"
    assert any("same name as features[0]" in n and "merged" in n for n in report.notes)


def test_empty_and_bare_websites(tmp_path, target):
    src = write(tmp_path / "dir.geojson", directory_feature(website=""), directory_feature("Parc B", website="www.parc-b.fr"))
    report = import_users(str(src), target)
    found = features_of(target)
    assert found["Parc national des Écrins"]["properties"]["website"] == ""
    assert found["Parc B"]["properties"]["website"] == "https://www.parc-b.fr"
    assert any("'www.parc-b.fr' written as 'https://www.parc-b.fr'" in n for n in report.notes)
    assert load_organisations(target)[1] == []


def test_hand_added_organisations_are_kept_and_enriched(tmp_path, target):
    target.parent.mkdir(parents=True)
    manual = {
        "type": "Feature",
        "properties": {
            "name": "Parc national des Écrins",
            "type": "national_park",
            "seat": "Gap (Hautes-Alpes)",
            "website": "https://www.ecrins-parcnational.fr/",
            "portal": "https://rando.ecrins-parcnational.fr/",
            "source": "Initiated Geotrek",
        },
        "geometry": {"type": "Point", "coordinates": [6.079, 44.559]},
    }
    other = {**manual, "properties": {**manual["properties"], "name": "Parc national du Mercantour", "origin": "manual"}}
    write(target, manual, other)
    src = write(
        tmp_path / "dir.geojson",
        directory_feature("Parc national des Ecrins", "Autre", "", {"type": "Polygon", "coordinates": [SQUARE]}),
    )
    report = import_users(str(src), target)
    found = features_of(target)
    assert set(found) == {"Parc national des Écrins", "Parc national du Mercantour"}
    assert found["Parc national du Mercantour"] == other
    ecrins = found["Parc national des Écrins"]["properties"]
    # the territory comes from the directory; what only we know stays
    assert found["Parc national des Écrins"]["geometry"]["type"] == "Polygon" and "marker" in ecrins
    assert (ecrins["seat"], ecrins["portal"], ecrins["source"]) == ("Gap (Hautes-Alpes)", "https://rando.ecrins-parcnational.fr/", "Initiated Geotrek")
    # "other" and an empty website do not overwrite what a person wrote
    assert ecrins["type"] == "national_park" and ecrins["website"] == "https://www.ecrins-parcnational.fr/"
    assert "origin" not in ecrins  # still a hand-added organisation: a later import never removes it
    assert report.updated == ["Parc national des Écrins"] and report.kept_manual == 2


def test_imported_organisations_the_directory_no_longer_lists_are_removed_with_a_line(tmp_path, target):
    first = write(tmp_path / "first.geojson", directory_feature(), directory_feature("Parc B"))
    import_users(str(first), target)
    second = write(tmp_path / "second.geojson", directory_feature())
    report = import_users(str(second), target)
    assert list(features_of(target)) == ["Parc national des Écrins"]
    assert report.removed == ["Parc B"]
    assert "  removed (no longer in the directory): Parc B" in report.lines()


def test_an_invalid_data_file_is_not_rewritten(tmp_path, target):
    target.parent.mkdir(parents=True)
    target.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature"}]}', encoding="utf-8")
    before = target.read_text(encoding="utf-8")
    report = import_users(str(write(tmp_path / "dir.geojson", directory_feature())), target)
    assert report.problems and all(p.path == "data/organisations.geojson" for p in report.problems)
    assert target.read_text(encoding="utf-8") == before


def test_a_five_megabyte_directory(tmp_path, target):
    src = tmp_path / "big.geojson"
    src.write_text(json.dumps(synthetic_directory(400, seed=5, vertices=900)), encoding="utf-8")
    assert src.stat().st_size > 5_000_000
    report = import_users(str(src), target)
    assert report.problems == [] and len(report.added) == 400
    organisations, problems = load_organisations(target)
    assert problems == [] and len(organisations) == 400
    assert target.stat().st_size < src.stat().st_size / 3


def test_synthetic_directory_looks_like_the_community_one():
    directory = synthetic_directory(300, seed=1)
    assert synthetic_directory(300, seed=1) == directory
    kinds = [f["geometry"]["type"] for f in directory["features"]]
    assert {kinds.count(k) > 20 for k in ("Point", "Polygon", "MultiPolygon")} == {True}
    lons = [shape(f["geometry"]).representative_point().x for f in directory["features"]]
    assert any(lon < -50 for lon in lons) and any(lon > 50 for lon in lons)  # the Antilles, Guyane, La Réunion
    types = {f["properties"]["type"] for f in directory["features"]}
    assert {"Parc national Français", "CDRP", "AOP", "LPO"} <= types and None in {normalise_type(t) for t in types}
    assert "" in {f["properties"]["website"] for f in directory["features"]}


# ------------------------------------------------------------------ source
def test_plain_http_is_refused():
    with pytest.raises(SourceError, match="only https://"):
        read_source("http://127.0.0.1:9/clients_map.geojson")


def test_missing_file():
    with pytest.raises(SourceError, match="cannot be read"):
        read_source("/nonexistent/clients_map.geojson")


@pytest.fixture
def https_server(tmp_path):
    """A local HTTPS server with its own self-signed certificate (openssl)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )
    root = tmp_path / "www"
    root.mkdir()
    write(root / "clients_map.geojson", directory_feature())

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"https://127.0.0.1:{server.server_port}/", ssl.create_default_context(cafile=str(cert))
    server.shutdown()
    server.server_close()


def test_an_https_directory_is_downloaded(https_server, target):
    url, trusted = https_server
    report = import_users(url + "clients_map.geojson", target, context=trusted)
    assert report.added == ["Parc national des Écrins"]


def test_an_untrusted_certificate_is_an_error_not_a_traceback(https_server):
    url, _ = https_server
    with pytest.raises(SourceError, match="cannot be downloaded"):
        read_source(url + "clients_map.geojson")


def test_a_missing_https_directory(https_server):
    url, trusted = https_server
    with pytest.raises(SourceError, match="cannot be downloaded"):
        read_source(url + "nothing.geojson", context=trusted)


# ------------------------------------------------------------------ command
def test_command_reports_and_exit_codes(tmp_path, target, capsys):
    src = write(tmp_path / "dir.geojson", directory_feature(), directory_feature("Parc B", type="Syndicat mixte"))
    assert main([str(src), "--target", str(target)]) == 0
    out = capsys.readouterr().out
    assert "2 feature(s) read" in out and "2 added" in out and "written" in out
    assert main([str(src), "--target", str(target)]) == 0
    assert "unchanged" in capsys.readouterr().out

    bad = write(tmp_path / "bad.geojson", directory_feature("Parc C", geometry={"type": "Point", "coordinates": [1, 100]}))
    assert main([str(bad), "--target", str(target)]) == 1
    err = capsys.readouterr().err
    assert "features[0].geometry.coordinates (Parc C)" in err and "nothing was written" in err and "Traceback" not in err

    assert main([str(tmp_path / "nope.geojson"), "--target", str(target)]) == 2
    assert "cannot be read" in capsys.readouterr().err

    not_json = tmp_path / "page.html"
    not_json.write_text("<html>", encoding="utf-8")
    assert main([str(not_json), "--target", str(target)]) == 1
    assert "is not valid JSON" in capsys.readouterr().err


def test_tolerance_is_a_knob(tmp_path):
    src = write_directory(tmp_path / "dir.geojson", 20, seed=2)
    sizes = []
    for tolerance in (0.0005, 0.005):
        target = tmp_path / f"{tolerance}.geojson"
        import_users(str(src), target, tolerance=tolerance)
        sizes.append(target.stat().st_size)
    assert sizes[1] < sizes[0]
    assert oi.SIMPLIFY_TOLERANCE == pytest.approx(360 / 2**18)


def test_a_bbox_is_allowed_and_dropped(tmp_path, target):
    geometry = {"type": "Polygon", "bbox": [6, 44, 7, 45], "coordinates": [SQUARE]}
    import_users(str(write(tmp_path / "dir.geojson", directory_feature(geometry=geometry))), target)
    [feature] = features_of(target).values()
    assert "bbox" not in feature["geometry"] and feature["geometry"]["type"] == "Polygon"
