"""Organisations using Geotrek: the users map's data file, its schema and its problems.

The file is GeoJSON (``data/organisations.geojson``), so any GIS tool (QGIS,
geojson.io) can edit and display it: one Point feature per organisation, at
its seat, with the properties below. Every problem found is reported with the
feature, the property and the line, like the problems of posts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .posts import slugify
from .problems import Problem

# The order of the legend and of the filter
ORGANISATION_TYPES = ("national_park", "regional_park", "department", "tourist_office", "other")
OrganisationType = Literal["national_park", "regional_park", "department", "tourist_office", "other"]
DEFAULT_PATH = "data/organisations.geojson"


def _web_address(value: str) -> str:
    value = value.strip()
    if not value.startswith(("https://", "http://")) or "." not in value.split("//", 1)[1]:
        raise ValueError("is not a web address")
    return value


class _Properties(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=2)
    type: OrganisationType
    seat: str = Field(min_length=2)  # town of the seat, where the point is
    website: str
    portal: str | None = None  # its Geotrek-rando (or other Geotrek) public portal
    source: str | None = None  # how we know it uses Geotrek, for reviewers

    @field_validator("website", "portal")
    @classmethod
    def _check_address(cls, value: str | None) -> str | None:
        return None if value is None else _web_address(value)


class _Point(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: Literal["Point"]
    coordinates: tuple[float, float]  # GeoJSON order: longitude, latitude

    @field_validator("coordinates")
    @classmethod
    def _in_range(cls, value: tuple[float, float]) -> tuple[float, float]:
        lon, lat = value
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise ValueError("is outside the Earth: longitude comes first, then latitude")
        return value


class _Feature(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: Literal["Feature"]
    properties: _Properties
    geometry: _Point
    id: str | int | None = None


class _Collection(BaseModel):
    model_config = ConfigDict(extra="allow")  # GIS tools add "name", "crs"...

    type: Literal["FeatureCollection"]
    features: list[_Feature]


@dataclass(frozen=True)
class Organisation:
    id: str  # anchor in the list, derived from the name
    name: str
    type: str
    seat: str
    website: str
    portal: str | None
    lon: float
    lat: float


_HINTS = {
    "name": "give the organisation's full name, e.g. \"Parc national des Écrins\"",
    "type": "use one of: " + ", ".join(ORGANISATION_TYPES),
    "seat": "name the town of its seat, where the point is, e.g. \"Gap (Hautes-Alpes)\"",
    "website": "write the full address, starting with https://",
    "portal": "write the full address of its Geotrek portal, starting with https://, or remove the line",
    "coordinates": "write [longitude, latitude] in degrees, longitude first, e.g. [6.079, 44.559] for Gap",
}


def load_organisations(path: Path, display: str | None = None) -> tuple[list[Organisation], list[Problem]]:
    """Read the data file: the valid organisations, sorted by name, and every problem.

    No file, no organisations: the users page then shows an empty map.
    """
    display = display or path.as_posix()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:  # a site without a users map (test and benchmark projects)
        return [], []
    except UnicodeDecodeError:
        return [], [Problem(display, "file", "is not valid UTF-8", "save the file with UTF-8 encoding")]
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as e:
        return [], [
            Problem(display, "file", f"is not valid JSON: {e.msg}", "check commas, brackets and quotes near this line", e.lineno)
        ]
    try:
        collection = _Collection.model_validate(raw)
    except ValidationError as e:
        lines = _LineFinder(text)
        return [], [_problem(display, error, lines) for error in e.errors()]

    organisations: list[Organisation] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    lines = _LineFinder(text)
    for index, feature in enumerate(collection.features):
        props = feature.properties
        key = slugify(props.name)
        if key in seen:
            problems.append(
                Problem(
                    display,
                    f"features[{index}].properties.name",
                    f"'{props.name}' is already listed (features[{seen[key]}])",
                    "keep one feature per organisation",
                    lines.line(("features", index, "properties", "name")),
                )
            )
            continue
        seen[key] = index
        lon, lat = feature.geometry.coordinates
        organisations.append(
            Organisation(key, props.name, props.type, props.seat, props.website, props.portal, lon, lat)
        )
    organisations.sort(key=lambda o: o.id)
    return organisations, problems


def validate_organisations(path: Path | str = DEFAULT_PATH, display: str | None = None) -> list[Problem]:
    """Every problem of the organisations file (`make check`; the build reports the same)."""
    return load_organisations(Path(path), display or str(path))[1]


def _problem(display: str, error: dict, lines: "_LineFinder") -> Problem:
    loc = tuple(error["loc"])
    field = _field_name(loc)
    last = next((part for part in reversed(loc) if isinstance(part, str)), "")
    message = error["msg"]
    if error["type"] == "missing":
        message = "is missing"
    elif error["type"] == "extra_forbidden":
        message = "is not a known property"
        hint = "known properties: " + ", ".join(_Properties.model_fields) if "properties" in loc else ""
        return Problem(display, field, message, hint, lines.line(loc))
    elif error["type"] == "literal_error" and last == "type" and "properties" in loc:
        message = f"'{error['input']}' is not a known type"
    elif message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    hint = _HINTS.get(last, "")
    if last == "type" and "geometry" in loc:
        hint = "an organisation is a point: \"geometry\": {\"type\": \"Point\", \"coordinates\": [lon, lat]}"
    elif last == "type" and len(loc) <= 3 and "properties" not in loc:
        hint = "GeoJSON: the file is a \"FeatureCollection\" of \"Feature\"s"
    # the line of the property, or of the closest enclosing object that exists
    line = None
    for end in range(len(loc), 0, -1):
        line = lines.line(loc[:end])
        if line:
            break
    return Problem(display, field, message, hint, line)


def _field_name(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "file"


class _LineFinder:
    """1-based lines of JSON values by path, via YAML's parser (JSON is YAML, with marks)."""

    def __init__(self, text: str) -> None:
        try:
            self.root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError:
            self.root = None  # JSON that YAML cannot read: no line numbers, still a message

    def line(self, loc: tuple) -> int | None:
        node = self.root
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
        return mark.line + 1 if node is not None and loc else None
