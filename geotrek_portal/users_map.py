"""The users map as the page shows it: markers, territories, types, places, list, embed snippet.

Pure functions over the GeoJSON features of ``data/organisations.geojson``
(validated by ``geotrek_portal.organisations``): where each organisation's
marker goes, its territory rounded for the page, the types present with
their colours, labels and counts (filter, legend, the list's groups), the
data the page hands the map and the places (mainland France, overseas
départements) the reader can jump to. ``hooks/portal_pages.py`` renders
them; ``users-map.js`` only draws what it is given, so types, labels,
colours and places are declared here once.

The organisations and their territories travel in one file for every
language and the embed pages (``ORGANISATIONS_FILE``, ``organisations_json``),
fetched with Leaflet when the map nears the reader's screen (``MAP_SCRIPTS``,
``MAP_STYLES``; the map pages preload the scripts and the file, ``preloads``):
the page itself carries the list, and stays light.

``python -m geotrek_portal.users_map clip-windows`` prints the areas the
site's own base map covers (used by ``make vendor-basemap``).
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from typing import Iterable

from .messages import t
from .posts import slugify

# Colours of the known types (legend swatches, markers, territories); a type
# added later to organisations.ORGANISATION_TYPES takes the next spare colour.
TYPE_COLOURS = {
    "national_park": "#3d6b1f",
    "regional_park": "#b34700",
    "department": "#1f5f8b",
    "federation": "#8a6d00",
    "tourist_office": "#7a3e9d",
    "other": "#555555",
}
SPARE_COLOURS = ("#8a5a00", "#00707a", "#a3246b", "#4d4d99", "#6b6b00")

# Precision kept in the page: 0.001° is about 100 m, less than a pixel at zoom 9
SHAPE_DECIMALS = 3
SHAPE_SCALE = 10**SHAPE_DECIMALS

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
BASEMAP = "assets/vendor/basemap/countries.json"  # from `make vendor-basemap`
ORGANISATIONS_FILE = "utilisateurs/organisations.json"  # written by the build, for every language
# what users-map.js adds to the page when the map starts, in this order
MAP_STYLES = (
    "assets/vendor/leaflet/leaflet.css",
    "assets/vendor/leaflet.markercluster/MarkerCluster.css",
    "assets/vendor/leaflet.markercluster/MarkerCluster.Default.css",
)
MAP_SCRIPTS = (
    "assets/vendor/leaflet/leaflet.js",
    "assets/vendor/leaflet.markercluster/leaflet.markercluster.js",
    "assets/vendor/topojson-client/topojson-client.min.js",
)
# the page's texts the map's script shows: its key in the page data -> message
MAP_TEXTS = (
    ("countOne", "org_count_one"),
    ("countOther", "org_count_other"),
    ("website", "org_website"),
    ("portal", "org_portal"),
    ("plain", "map_layer_plain"),
    ("osm", "map_layer_osm"),
    ("territories", "map_layer_territories"),
)


@dataclass(frozen=True)
class Place:
    """An area the reader can jump to: (west, south, east, north) in degrees."""

    code: str  # message key suffix: map_place_<code>
    bounds: tuple[float, float, float, float]

    def window(self) -> tuple[float, float, float, float]:
        """The base map's extent around the place: its bounds and half their size (1° at least) on each side."""
        west, south, east, north = self.bounds
        dx = max(1.0, (east - west) / 2)
        dy = max(1.0, (north - south) / 2)
        return tuple(round(v, 2) for v in (west - dx, south - dy, east + dx, north + dy))


# Mainland France first: the map opens there. The overseas départements follow
# the old site's map (Guadeloupe, Martinique, Guyane, La Réunion, Mayotte).
PLACES = (
    Place("mainland", (-5.2, 41.3, 9.6, 51.1)),
    Place("guadeloupe", (-61.85, 15.82, -60.98, 16.52)),
    Place("martinique", (-61.24, 14.38, -60.8, 14.89)),
    Place("guyane", (-54.62, 2.1, -51.6, 5.8)),
    Place("reunion", (55.2, -21.4, 55.85, -20.85)),
    Place("mayotte", (44.98, -13.02, 45.32, -12.63)),
)


@dataclass(frozen=True)
class MapOrganisation:
    id: str  # the list row's anchor, derived from the name
    name: str
    type: str
    seat: str
    website: str  # may be empty
    portal: str
    marker: tuple[float, float]  # lon, lat
    shape: dict | None  # the territory, a GeoJSON Polygon or MultiPolygon, rounded

    def as_json(self) -> dict:
        """The organisation in the map's file (organisations_json)."""
        data = {"id": self.id, "name": self.name, "type": self.type, "seat": self.seat}
        data.update({key: value for key, value in (("website", self.website), ("portal", self.portal)) if value})
        data["at"] = [self.marker[1], self.marker[0]]  # Leaflet's order: lat, lon
        if self.shape:
            data["shape"] = encode_shape(self.shape)
        return data


def encode_shape(shape: dict) -> list:
    """A Polygon or MultiPolygon as the page carries it: a list of polygons, each a
    list of rings, each ring a flat list of integers in thousandths of a degree:
    the first vertex (lon, lat), then each vertex's difference from the previous
    one, without the closing vertex. Half the size of GeoJSON once compressed;
    users-map.js decodes it."""
    polygons = [shape["coordinates"]] if shape["type"] == "Polygon" else shape["coordinates"]
    encoded = []
    for rings in polygons:
        out_rings = []
        for ring in rings:
            flat: list[int] = []
            previous = (0, 0)
            for lon, lat in ring[:-1]:
                point = (round(lon * SHAPE_SCALE), round(lat * SHAPE_SCALE))
                flat += [point[0] - previous[0], point[1] - previous[1]]
                previous = point
            out_rings.append(flat)
        encoded.append(out_rings)
    return encoded


def type_colours(types: Iterable[str]) -> dict[str, str]:
    """A colour for every type, in the given order: the declared one, else a spare one."""
    colours: dict[str, str] = {}
    spare = iter(SPARE_COLOURS * 4)
    for code in types:
        colours[code] = TYPE_COLOURS.get(code) or next(spare, "#555555")
    return colours


def marker_position(geometry: dict, properties: dict) -> tuple[float, float]:
    """Where the marker goes (lon, lat): the Point, else the `marker` property, else the shape's bounds centre."""
    if geometry.get("type") == "Point":
        lon, lat = geometry["coordinates"][:2]
        return (float(lon), float(lat))
    marker = properties.get("marker")
    if isinstance(marker, (list, tuple)) and len(marker) >= 2:
        return (float(marker[0]), float(marker[1]))
    west, south, east, north = _bounds(_positions(geometry))
    return ((west + east) / 2, (south + north) / 2)


def page_shape(geometry: dict) -> dict | None:
    """A Polygon or MultiPolygon with its coordinates rounded for the page (None for a Point).

    Rounding may repeat a vertex: repeats are dropped, and a ring or polygon
    left too small to see disappears.
    """
    kind = geometry.get("type")
    if kind == "Polygon":
        rings = _polygon(geometry["coordinates"])
        return {"type": "Polygon", "coordinates": rings} if rings else None
    if kind == "MultiPolygon":
        polygons = [rings for rings in map(_polygon, geometry["coordinates"]) if rings]
        return {"type": "MultiPolygon", "coordinates": polygons} if polygons else None
    return None


def map_organisations(features: list[dict], valid_names: set[str] | None = None) -> list[MapOrganisation]:
    """The organisations of the features, sorted like the list (by anchor).

    `valid_names`: keep only these (the ones the data file's validation
    accepted), so an invalid feature never reaches the page.
    """
    result = []
    for feature in features:
        props = feature.get("properties") or {}
        geometry = feature.get("geometry") or {}
        name = str(props.get("name") or "").strip()
        if valid_names is not None and name not in valid_names:
            continue
        lon, lat = marker_position(geometry, props)
        result.append(
            MapOrganisation(
                id=slugify(name),
                name=name,
                type=str(props.get("type") or "other"),
                seat=str(props.get("seat") or "").strip(),
                website=str(props.get("website") or "").strip(),
                portal=str(props.get("portal") or "").strip(),
                marker=(lon, lat),
                shape=page_shape(geometry),
            )
        )
    result.sort(key=lambda o: o.id)
    return result


def legend(organisations: list[MapOrganisation], types: Iterable[str], lang: str) -> list[dict]:
    """The types present, in the declared order (unknown ones last), with label, colour and count."""
    declared = list(types)
    present = declared + sorted({o.type for o in organisations} - set(declared))
    colours = type_colours(present)
    counts = {code: 0 for code in present}
    for organisation in organisations:
        counts[organisation.type] += 1
    return [
        {"code": code, "label": type_label(code, lang, plural=True), "colour": colours[code], "count": counts[code]}
        for code in present
        if counts[code]
    ]


def list_groups(organisations: list[MapOrganisation], types: Iterable[str], lang: str) -> list[dict]:
    """The list under the map: the legend's types, each with its organisations (in the list's order)."""
    groups = legend(organisations, types, lang)
    for group in groups:
        group["organisations"] = [o for o in organisations if o.type == group["code"]]
    return groups


def count_text(count: int, lang: str) -> str:
    """"12 organisations shown", in `lang`."""
    return t("org_count_one", lang) if count == 1 else t("org_count_other", lang).format(n=count)


def map_data(types: list[dict], lang: str, *, embedded: bool) -> dict:
    """What the page hands users-map.js (the organisations are in their file, organisations_json):
    the legend's `types` with their colour and name, the places and the texts."""
    return {
        "types": {item["code"]: {"colour": item["colour"], "label": type_label(item["code"], lang)} for item in types},
        "places": {place.code: list(place.bounds) for place in PLACES},
        "tiles": OSM_TILES,
        "embedded": embedded,
        "text": {key: t(message, lang) for key, message in MAP_TEXTS},
    }


def organisations_json(organisations: list[MapOrganisation]) -> str:
    """The map's file (ORGANISATIONS_FILE), the same for every language: {"scale": SHAPE_SCALE,
    "organisations": [each as_json(), territory encoded in 1/scale of a degree]}."""
    document = {"scale": SHAPE_SCALE, "organisations": [o.as_json() for o in organisations]}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def preloads(version: str) -> list[dict]:
    """What the map pages (users page, embed page) ask for at once, at low priority
    (partials/portal/map-head.html), instead of after Material's script has run:
    the scripts users-map.js adds and the organisations' file at its address
    (`version`: content_version of the file). Each: path (site-relative), query, kind
    (the preload's `as`). Not the styles (they hold no script back) nor the base map
    (drawn after the markers)."""
    scripts = [{"path": path, "query": "", "kind": "script"} for path in MAP_SCRIPTS]
    return [*scripts, {"path": ORGANISATIONS_FILE, "query": f"?v={version}", "kind": "fetch"}]


def content_version(text: str) -> str:
    """A short fingerprint of a file's content, for its address: a changed file is never read from a cache."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def type_label(code: str, lang: str, *, plural: bool = False) -> str:
    """The type's name in `lang` (messages org_type_<code>, org_types_<code>); the code for a type without one."""
    try:
        return t(("org_types_" if plural else "org_type_") + code, lang)
    except KeyError:
        return code.replace("_", " ")


def places(lang: str) -> list[dict]:
    return [{"code": p.code, "label": t(f"map_place_{p.code}", lang), "bounds": list(p.bounds)} for p in PLACES]


def embed_snippet(embed_url: str, lang: str) -> str:
    """The <iframe> partners copy to show the map on their site."""
    title = t("org_map", lang).replace('"', "&quot;")
    return (
        f'<iframe src="{embed_url}" title="{title}" width="600" height="450" '
        'style="border:0;max-width:100%" loading="lazy"></iframe>'
    )


def page_json(data: object) -> str:
    """JSON safe inside a <script type="application/json"> element (no "</script>", no "<!--")."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def clip_windows() -> dict:
    """The base map's extents, as a GeoJSON FeatureCollection of rectangles (for mapshaper -clip)."""
    features = []
    for place in PLACES:
        west, south, east, north = place.window()
        ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
        features.append(
            {"type": "Feature", "properties": {"place": place.code}, "geometry": {"type": "Polygon", "coordinates": [ring]}}
        )
    return {"type": "FeatureCollection", "features": features}


# ---------------------------------------------------------------- helpers
def _polygon(rings: list) -> list:
    result = []
    for index, ring in enumerate(rings):
        kept = _ring(ring)
        if kept is None:
            if index == 0:  # no outer ring: no polygon
                return []
            continue
        result.append(kept)
    return result


def _ring(ring: list) -> list | None:
    kept: list[list[float]] = []
    for position in ring:
        point = [round(float(position[0]), SHAPE_DECIMALS), round(float(position[1]), SHAPE_DECIMALS)]
        if not kept or point != kept[-1]:
            kept.append(point)
    if len(kept) < 4:  # a closed ring needs three distinct vertices
        return None
    if kept[0] != kept[-1]:
        kept.append(kept[0])
    return kept


def _positions(geometry: dict) -> list:
    coordinates = geometry.get("coordinates") or []
    if geometry.get("type") == "Polygon":
        return [p for ring in coordinates for p in ring]
    if geometry.get("type") == "MultiPolygon":
        return [p for polygon in coordinates for ring in polygon for p in ring]
    return [coordinates]


def _bounds(positions: list) -> tuple[float, float, float, float]:
    lons = [float(p[0]) for p in positions]
    lats = [float(p[1]) for p in positions]
    return (min(lons), min(lats), max(lons), max(lats))


def main(argv: list[str]) -> int:
    if argv == ["clip-windows"]:
        print(json.dumps(clip_windows()))
        return 0
    print("usage: python -m geotrek_portal.users_map clip-windows", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
