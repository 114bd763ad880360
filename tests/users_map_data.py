"""Synthetic users-map directories for the tests and measurements: n organisations
shaped like the community's (parks and départements with their territory,
tourist offices and others at their seat, a few overseas), in the data
contract of data/organisations.geojson."""

from __future__ import annotations

import json
import math
import random

TYPES = ("national_park", "regional_park", "department", "tourist_office", "other")
# (lon, lat) boxes where seats are drawn: mainland France, and one overseas place in 25
MAINLAND = (-1.5, 43.2, 7.5, 49.5)
OVERSEAS = {"reunion": (55.3, -21.3, 55.75, -20.95), "guadeloupe": (-61.7, 15.95, -61.2, 16.45)}


def territory(rng: random.Random, lon: float, lat: float, radius: float, vertices: int) -> list:
    """A closed, irregular ring around (lon, lat): a territory's outline once simplified for zoom 10."""
    phases = [rng.uniform(0, 2 * math.pi) for _ in range(4)]
    ring = []
    for i in range(vertices):
        a = 2 * math.pi * i / vertices
        r = radius * (1 + 0.25 * math.sin(3 * a + phases[0]) + 0.1 * math.sin(11 * a + phases[1])
                      + 0.04 * math.sin(37 * a + phases[2]) + 0.02 * rng.uniform(-1, 1))
        ring.append([round(lon + r * math.cos(a) / math.cos(math.radians(lat)), 5), round(lat + r * math.sin(a), 5)])
    ring.append(ring[0])
    return ring


def directory(n: int, *, polygons: bool = True, seed: int = 12) -> dict:
    """A FeatureCollection of n organisations; with `polygons` (the full data contract), parks and
    départements have their territory and one organisation in seven has no website."""
    rng = random.Random(seed)
    features = []
    for i in range(n):
        kind = TYPES[i % len(TYPES)]
        box = MAINLAND if i % 25 else OVERSEAS["reunion" if i % 50 else "guadeloupe"]
        lon, lat = rng.uniform(box[0], box[2]), rng.uniform(box[1], box[3])
        props = {
            "name": f"Organisation {i:03d} ({kind.replace('_', ' ')})",
            "type": kind,
            "seat": f"Ville {i:03d}",
            "website": "" if polygons and i % 7 == 3 else f"https://org{i:03d}.example.org/",
        }
        if i % 3 == 0:
            props["portal"] = f"https://rando.org{i:03d}.example.org/"
        geometry = {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]}
        if polygons and kind in ("national_park", "regional_park", "department") and box is MAINLAND:
            radius = {"department": 0.45, "regional_park": 0.3, "national_park": 0.25}[kind]
            ring = territory(rng, lon, lat, radius, rng.randint(150, 300))
            if i % 10 == 1:  # a park in two parts
                other = territory(rng, lon + 3 * radius, lat, radius / 3, 60)
                geometry = {"type": "MultiPolygon", "coordinates": [[ring], [other]]}
            else:
                geometry = {"type": "Polygon", "coordinates": [ring]}
            props["marker"] = [round(lon, 5), round(lat, 5)]  # the territory's point, inside it
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def dump(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)


def territories_accepted() -> bool:
    """Whether data/organisations.geojson's schema (geotrek_portal.organisations) takes the full
    contract yet: territories, `marker`, empty websites.

    Until the data side of the users map is merged, test sites carry points
    with websites only; tests of territories skip and say so.
    """
    import tempfile
    from pathlib import Path

    from geotrek_portal.organisations import validate_organisations

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "organisations.geojson"
        path.write_text(dump(directory(8)), encoding="utf-8")
        return validate_organisations(path) == []


NO_TERRITORIES = (
    "geotrek_portal.organisations takes Point features only: merge the data side of the "
    "users map (Polygon/MultiPolygon features with a `marker`) and these tests run"
)


def build_site(root, n: int):
    """The portal built in `root` with a directory of n organisations (with territories when accepted):
    the build result and the directory's features."""
    from tests.conftest import make_project, run_mkdocs_build

    project = make_project(root)
    data = directory(n, polygons=territories_accepted())
    (project / "data/organisations.geojson").write_text(dump(data), encoding="utf-8")
    result = run_mkdocs_build(project, root / "site")
    assert result.returncode == 0, result.output
    return result, data["features"]


def users_map_site(tmp_path_factory, n: int):
    """`build_site(root, n)` once per test session for each n (build and browser tests share it):
    the build result and the directory's features."""
    from tests.conftest import shared_build

    result = shared_build(tmp_path_factory, f"users-map-{n}", lambda root: build_site(root, n)[0])
    return result, directory(n, polygons=territories_accepted())["features"]


def map_data(page) -> dict:
    """The data a built users (or embed) page hands its map (selectolax node of the page)."""
    return json.loads(page.css_first("[data-portal-map-data]").text())


def map_file(result, page_path: str) -> tuple[str, dict]:
    """The organisations' file the map of a built page fetches (data-organisations): its address from
    the site's root, with its ?v= version, and its content."""
    import posixpath

    address = result.page(page_path).css_first("[data-portal-map]").attributes["data-organisations"]
    address = posixpath.normpath(posixpath.join(page_path, address))
    return address, json.loads((result.site / address.split("?")[0]).read_text(encoding="utf-8"))


def listed(page) -> list[tuple[str, object]]:
    """The list under the map as built: (the type of its group, the row) for every organisation, in order."""
    return [
        (group.attributes["data-type"], row)
        for group in page.css("#portal-organisations details[data-type]")
        for row in group.css("tbody tr")
    ]
