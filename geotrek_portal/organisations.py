"""Organisations using Geotrek: the users map's data file, its schema and its problems.

The file is GeoJSON (``data/organisations.geojson``), so any GIS tool (QGIS,
geojson.io) can edit and display it: one feature per organisation, a Point at
its seat or its territory (Polygon, MultiPolygon, in longitude/latitude), with
the properties below. Territories also carry ``marker``, a point inside them
where the map puts the organisation's marker. Every problem found is reported
with the feature, the property and the line, like the problems of posts.

Features written by ``make import-users`` carry ``"origin": "directory"``: the
import owns their name, type, website and geometry. Every other feature was
added by hand (``"origin": "manual"`` or no origin) and the import keeps it.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal, Union

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from .posts import slugify
from .problems import Problem, field_path, pydantic_message

# The order of the legend and of the filter
ORGANISATION_TYPES = ("national_park", "regional_park", "department", "federation", "tourist_office", "other")
OrganisationType = Literal["national_park", "regional_park", "department", "federation", "tourist_office", "other"]
ORIGINS = ("manual", "directory")
DEFAULT_PATH = "data/organisations.geojson"
GEOMETRY_TYPES = ("Point", "Polygon", "MultiPolygon")
# How far (degrees, about 200 m) a territory's marker may stand outside it:
# coordinates are rounded, and a marker on the border is still on the territory.
MARKER_SLACK = 0.002
MARKER_DECIMALS = 4


def _web_address(value: str) -> str:
    value = value.strip()
    if not value.startswith(("https://", "http://")) or "." not in value.split("//", 1)[1]:
        raise ValueError("is not a web address")
    return value


def _position(value: list[float]) -> list[float]:
    lon, lat = value[0], value[1]
    if not all(math.isfinite(v) for v in value):
        raise ValueError("is not a number")
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValueError("is outside the Earth: longitude comes first, then latitude")
    return value


def _closed(ring: list[list[float]]) -> list[list[float]]:
    if ring[0][:2] != ring[-1][:2]:
        raise ValueError("is not closed: its last position must repeat its first")
    return ring


# [longitude, latitude] (an altitude may follow, as GeoJSON allows)
Position = Annotated[list[float], Field(min_length=2, max_length=3), AfterValidator(_position)]
Ring = Annotated[list[Position], Field(min_length=4), AfterValidator(_closed)]


class _Properties(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=2)
    type: OrganisationType
    seat: str = ""  # town of the seat; required for hand-added organisations (checked below)
    website: str = ""  # may be empty: not every organisation has one
    portal: str | None = None  # its Geotrek-rando (or other Geotrek) public portal
    source: str | None = None  # how we know it uses Geotrek, for reviewers
    origin: Literal["manual", "directory"] | None = None  # None: added by hand
    marker: Position | None = None  # territories only: where the map puts the marker

    @field_validator("website")
    @classmethod
    def _check_website(cls, value: str) -> str:
        return value if value == "" else _web_address(value)

    @field_validator("portal")
    @classmethod
    def _check_portal(cls, value: str | None) -> str | None:
        return None if value is None else _web_address(value)


class _Point(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["Point"]
    bbox: list[float] | None = None  # GeoJSON allows it; the map does not need it
    coordinates: Position


class _Polygon(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["Polygon"]
    bbox: list[float] | None = None  # GeoJSON allows it; the map does not need it
    coordinates: Annotated[list[Ring], Field(min_length=1)]


class _MultiPolygon(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["MultiPolygon"]
    bbox: list[float] | None = None  # GeoJSON allows it; the map does not need it
    coordinates: Annotated[list[Annotated[list[Ring], Field(min_length=1)]], Field(min_length=1)]


Geometry = Annotated[Union[_Point, _Polygon, _MultiPolygon], Field(discriminator="type")]


class _Feature(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: Literal["Feature"]
    properties: _Properties
    geometry: Geometry
    id: str | int | None = None


class _Collection(BaseModel):
    model_config = ConfigDict(extra="allow")  # GIS tools add "name", "crs"...

    type: Literal["FeatureCollection"]
    features: list  # each validated on its own, so that every problem is reported


@dataclass(frozen=True)
class Organisation:
    id: str  # anchor in the list, derived from the name
    name: str
    type: str
    seat: str  # may be empty for an organisation imported from the directory
    website: str  # may be empty
    portal: str | None
    lon: float  # the marker: the seat (Point) or the territory's "marker"
    lat: float
    # The GeoJSON geometry as written in the file (Point, Polygon or MultiPolygon)
    geometry: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
    source: str | None = None
    origin: str = "manual"

_HINTS = {
    "name": "give the organisation's full name, e.g. \"Parc national des Écrins\"",
    "type": "use one of: " + ", ".join(ORGANISATION_TYPES),
    "seat": "name the town of its seat, e.g. \"Gap (Hautes-Alpes)\"",
    "website": "write the full address, starting with https://, or \"\" when it has none",
    "portal": "write the full address of its Geotrek portal, starting with https://, or remove the line",
    "source": "say how we know it uses Geotrek: its portal, a press release, a talk at the Rencontres",
    "origin": "write \"manual\" (added by hand) or leave it out; \"directory\" is written by make import-users",
    "coordinates": "write [longitude, latitude] in degrees, longitude first, e.g. [6.079, 44.559] for Gap",
    "marker": "write [longitude, latitude] of a point inside the territory",
}
_GEOMETRY_HINT = (
    "an organisation is a point at its seat, {\"type\": \"Point\", \"coordinates\": [lon, lat]}, "
    "or its territory, a \"Polygon\" or \"MultiPolygon\""
)


def load_organisations(path: Path, display: str | None = None) -> tuple[list[Organisation], list[Problem]]:
    """Read the data file: the valid organisations, sorted by name, and every problem.

    No file, no organisations: the users page then shows an empty map. The
    result is cached by the file's content (the build reads it once per
    language, and `make serve` on every rebuild).
    """
    display = display or path.as_posix()
    try:
        data = path.read_bytes()
    except FileNotFoundError:  # a site without a users map (test and benchmark projects)
        return [], []
    key = (display, hashlib.sha256(data).hexdigest())
    if key not in _CACHE:
        _CACHE.clear()  # one file at a time is all a build reads
        organisations, problems = _load(data, display)
        _CACHE[key] = (tuple(organisations), tuple(problems))
    organisations, problems = _CACHE[key]
    return list(organisations), list(problems)


_CACHE: dict[tuple[str, str], tuple] = {}


def _load(data: bytes, display: str) -> tuple[list[Organisation], list[Problem]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [Problem(display, "file", "is not valid UTF-8", "save the file with UTF-8 encoding")]
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as e:
        return [], [
            Problem(display, "file", f"is not valid JSON: {e.msg}", "check commas, brackets and quotes near this line", e.lineno)
        ]
    lines = _LineFinder(text)  # parsed only when a problem needs a line
    try:
        collection = _Collection.model_validate(raw)
    except ValidationError as e:
        return [], validation_problems(display, e.errors(), lines, _Properties)

    organisations: list[Organisation] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, raw_feature in enumerate(collection.features):
        try:
            feature = _Feature.model_validate(raw_feature)
        except ValidationError as e:
            errors = [{**err, "loc": ("features", index, *err["loc"])} for err in e.errors()]
            problems += validation_problems(display, errors, lines, _Properties)
            continue
        props = feature.properties
        where = ("features", index, "properties")

        def problem(name: str, message: str, hint: str = "", loc: tuple = where) -> None:
            problems.append(Problem(display, field_path((*loc, name)), message, hint, lines.line((*loc, name)) or lines.line(loc)))

        key = slugify(props.name)
        if key in seen:
            problem("name", f"'{props.name}' is already listed (features[{seen[key]}])", "keep one feature per organisation")
            continue
        seen[key] = index
        if not props.seat and props.origin != "directory":
            problem("seat", "is missing", _HINTS["seat"])
        geometry = feature.geometry.model_dump(exclude={"bbox"})
        if geometry["type"] == "Point":
            if props.marker is not None:
                problem("marker", "is only for territories: a point is its own marker", "remove the line")
            lon, lat = geometry["coordinates"][:2]
        else:
            shape, reason = territory_shape(geometry)
            if reason:
                problem(
                    "coordinates",
                    f"is not a valid territory: {reason}",
                    "fix it in QGIS (Processing > Fix geometries), or import it with make import-users",
                    ("features", index, "geometry"),
                )
                continue
            suggestion = marker_of(shape)
            if props.marker is None:
                problem("marker", "is missing: a territory needs a point for its marker", f'add "marker": {suggestion}')
                continue
            lon, lat = props.marker[:2]
            if not _near(shape, lon, lat):
                problem("marker", f"{[lon, lat]} is outside the territory", f'use a point inside it, e.g. "marker": {suggestion}')
                continue
        organisations.append(
            Organisation(
                key,
                props.name,
                props.type,
                props.seat,
                props.website,
                props.portal,
                lon,
                lat,
                geometry=geometry,
                source=props.source,
                origin=props.origin or "manual",
            )
        )
    organisations.sort(key=lambda o: o.id)
    return organisations, problems


def validate_organisations(path: Path | str = DEFAULT_PATH, display: str | None = None) -> list[Problem]:
    """Every problem of the organisations file (`make check`; the build reports the same)."""
    return load_organisations(Path(path), display or str(path))[1]


# ------------------------------------------------------------------ geometry
def territory_shape(geometry: dict):
    """(shapely geometry, why it is invalid or "") of a Polygon or MultiPolygon."""
    import shapely
    from shapely.geometry import shape

    geom = shape(geometry)
    if geom.is_empty:
        return geom, "it is empty"
    if not geom.is_valid:
        return geom, shapely.is_valid_reason(geom).lower()
    return geom, ""


def marker_of(geom) -> list[float]:
    """A point inside a territory (shapely's representative point), rounded."""
    point = geom.representative_point()
    return [round(point.x, MARKER_DECIMALS), round(point.y, MARKER_DECIMALS)]


def _near(geom, lon: float, lat: float) -> bool:
    from shapely.geometry import Point

    return geom.distance(Point(lon, lat)) <= MARKER_SLACK


# ------------------------------------------------------------------ problems
def validation_problems(display: str, errors: list[dict], lines: "_LineFinder", properties: type[BaseModel]) -> list[Problem]:
    """pydantic's errors as problems: one per field of a feature (a territory
    with a thousand wrong positions is one problem, not a thousand)."""
    found: dict[str, tuple[Problem, int]] = {}
    for err in errors:
        loc = _without_tags(tuple(err["loc"]))
        group = field_path(_up_to_coordinates(loc))
        if group in found:
            found[group] = (found[group][0], found[group][1] + 1)
        else:
            found[group] = (_problem(display, err, loc, lines, properties), 1)
    return [
        Problem(p.path, p.field, p.message + (f" (and {count - 1} more)" if count > 1 else ""), p.hint, p.line)
        for p, count in found.values()
    ]


def _without_tags(loc: tuple) -> tuple:
    """pydantic names the union member in a location: ("geometry", "Polygon", ...)."""
    return tuple(part for i, part in enumerate(loc) if not (part in GEOMETRY_TYPES and i and loc[i - 1] == "geometry"))


def _up_to_coordinates(loc: tuple) -> tuple:
    return loc[: loc.index("coordinates") + 1] if "coordinates" in loc else loc


def _problem(display: str, error: dict, loc: tuple, lines: "_LineFinder", properties: type[BaseModel]) -> Problem:
    field = field_path(_up_to_coordinates(loc))
    last = next((part for part in reversed(loc) if isinstance(part, str)), "")
    message = pydantic_message(error)
    kind = error["type"]
    if kind == "missing":
        message = "is missing"
    elif kind == "extra_forbidden":
        hint = "known properties: " + ", ".join(properties.model_fields) if "properties" in loc else ""
        return Problem(display, field_path(loc), "is not a known property", hint, _line(lines, loc))
    elif kind == "literal_error" and last == "type" and "properties" in loc:
        message = f"'{error['input']}' is not a known type"
    elif kind == "union_tag_invalid":
        message = f"'{error['input'].get('type') if isinstance(error['input'], dict) else error['input']}' is not a geometry the map shows"
        return Problem(display, field_path((*loc, "type")), message, _GEOMETRY_HINT, _line(lines, loc))
    elif kind == "union_tag_not_found":
        return Problem(display, field_path((*loc, "type")), "is missing", _GEOMETRY_HINT, _line(lines, loc))
    if "coordinates" in loc and loc[-1] != "coordinates":
        inner = "".join(f"[{p}]" for p in loc[loc.index("coordinates") + 1 :])
        message = f"{inner}: {message}" if inner else message
    hint = _HINTS.get(last, "")
    if "coordinates" in loc:
        hint = _HINTS["coordinates"]
    elif last == "type" and len(loc) <= 3 and "properties" not in loc and "geometry" not in loc:
        hint = "GeoJSON: the file is a \"FeatureCollection\" of \"Feature\"s"
    return Problem(display, field, message, hint, _line(lines, loc))


def _line(lines: "_LineFinder", loc: tuple) -> int | None:
    """The line of the value, or of the closest enclosing one that exists."""
    for end in range(len(loc), 0, -1):
        line = lines.line(loc[:end])
        if line:
            return line
    return None


class _LineFinder:
    """1-based lines of JSON values by path, via YAML's parser (JSON is YAML, with
    marks). The text is parsed on the first question only: a valid file costs nothing."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._root: yaml.Node | None | bool = False

    @property
    def root(self):
        if self._root is False:
            try:
                self._root = yaml.compose(self.text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            except yaml.YAMLError:
                self._root = None  # JSON that YAML cannot read: no line numbers, still a message
        return self._root

    def line(self, loc: tuple) -> int | None:
        node = self.root
        mark = None
        for part in loc:
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                found = [(k, v) for k, v in node.value if k.value == part]
                if not found:
                    return None
                key, node = found[0]
                mark = key.start_mark
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = node.value[part]
                mark = node.start_mark
            else:
                return None
        return mark.line + 1 if mark is not None else None
