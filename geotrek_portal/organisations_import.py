"""`make import-users SRC=...`: the community's user directory into data/organisations.geojson.

The directory (https://utilisateurs.geotrek.fr/clients_map.geojson when it is
published) is a GeoJSON FeatureCollection of Points, Polygons and
MultiPolygons with the properties ``name``, ``type`` (in French, free text:
"Parc national", "Parc naturel régional", "CDRP"...) and ``website`` (may be
empty). The import

- validates every feature and reports every problem (feature index, name,
  field) in one run; it then writes nothing, unless told to skip them;
- maps the directory's types to the site's (``TYPES``); an unknown type
  becomes "other", with a report line;
- simplifies territories to what a zoom-10 map needs (shapely, topology
  preserved, coordinates on a 1e-4 degree grid) and gives each a ``marker``;
- merges by name (``slugify``): features of the directory with the same name
  become one organisation (reported); an organisation already in the data
  file gets the directory's name, type, website and geometry, and keeps the
  properties the directory does not have (seat, portal, source);
- keeps every organisation added by hand (no ``origin``, or ``"manual"``),
  and removes, with a report line, the imported ones (``"origin":
  "directory"``) the directory no longer lists;
- writes the file only when it changes: a second run changes nothing.

The network is used only when SRC is an https:// address; the build never
imports anything.
"""

from __future__ import annotations

import argparse
import json
import re
import ssl
import sys
import unicodedata
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .organisations import (
    DEFAULT_PATH,
    ORGANISATION_TYPES,
    Geometry,
    _LineFinder,
    load_organisations,
    marker_of,
    validation_problems,
)
from .posts import slugify
from .problems import Problem

# Territories are simplified within one pixel of a zoom-10 map, 360 / (256 *
# 2**10) = 0.0014 degree of longitude (about 110 m at 45° N): they look the
# same at zoom 10 and below. A 1e-4 degree grid (about 10 m) is finer than any
# pixel there. `make import-users TOLERANCE=...` changes the tolerance.
SIMPLIFY_TOLERANCE = 360 / (256 * 2**10)
GRID = 1e-4
POINT_DECIMALS = 5
MAX_DOWNLOAD = 64 * 1024 * 1024

# The directory's types (compared without case, accents or extra spaces) -> ours
TYPES = {
    "parc national": "national_park",
    "parc national francais": "national_park",
    "parc naturel regional": "regional_park",
    "conseil departemental": "department",
    "conseil general": "department",
    "departement": "department",
    "cdrp": "federation",  # comité départemental de la randonnée pédestre (FFRandonnée)
    "ffrandonnee": "federation",
    "federation": "federation",
    "office de tourisme": "tourist_office",
    "autre": "other",
    "aop": "other",  # shown as "Autres" by the old map
    "lpo": "other",  # Ligue pour la protection des oiseaux, an association
}
PROPERTY_ORDER = ("name", "type", "seat", "website", "portal", "source", "origin", "marker")


def normalise_type(value: str | None) -> str | None:
    """Our type for a directory type, or None when it is unknown."""
    if value is None:
        return None
    if value in ORGANISATION_TYPES:
        return value
    key = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    key = re.sub(r"\s+", " ", key).strip().casefold()
    return TYPES.get(key)


# ------------------------------------------------------------------ schema
class _DirectoryProperties(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, coerce_numbers_to_str=True)

    name: str = Field(min_length=2)
    type: str | None = None
    website: str | None = None

    @field_validator("website")
    @classmethod
    def _website(cls, value: str | None) -> str:
        value = (value or "").strip()
        if value and not re.match(r"^(https?://)?[\w-]+(\.[\w-]+)+(:\d+)?([/?#]\S*)?$", value):
            raise ValueError(f"'{value}' is not a web address")
        return value


class _DirFeature(BaseModel):
    model_config = ConfigDict(extra="ignore")

    type: Literal["Feature"]
    properties: _DirectoryProperties
    geometry: Geometry | None  # None: reported below


class _DirCollection(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: Literal["FeatureCollection"]
    features: list  # each feature is validated on its own


# ------------------------------------------------------------------ result
@dataclass
class ImportReport:
    source: str
    read: int = 0
    problems: list[Problem] = field(default_factory=list)  # errors: nothing written
    skipped: list[str] = field(default_factory=list)  # invalid features left out (--skip-invalid)
    notes: list[str] = field(default_factory=list)  # normalisations worth a look
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    kept_manual: int = 0
    written: bool = False
    size: int = 0

    def lines(self) -> list[str]:
        out = [f"{self.source}: {self.read} feature(s) read"]
        out += [f"  {note}" for note in self.notes]
        out += [f"  skipped (invalid): {name}" for name in self.skipped]
        out.append(
            f"  {len(self.added)} added, {len(self.updated)} updated, {self.unchanged} unchanged, "
            f"{len(self.removed)} removed, {self.kept_manual} added by hand kept"
        )
        out += [f"  added: {name}" for name in self.added]
        out += [f"  updated: {name}" for name in self.updated]
        out += [f"  removed (no longer in the directory): {name}" for name in self.removed]
        return out


class SourceError(Exception):
    """The directory cannot be read at all."""


# ------------------------------------------------------------------ reading
def read_source(src: str, *, context: ssl.SSLContext | None = None, timeout: float = 60) -> str:
    """The directory's text, from a file or an https:// address (never plain http)."""
    if re.match(r"^[a-z][a-z0-9+.-]*://", src, re.IGNORECASE):
        if not src.lower().startswith("https://"):
            raise SourceError(f"{src}: only https:// addresses are read (or a file path)")
        try:
            with urllib.request.urlopen(src, timeout=timeout, context=context) as response:  # noqa: S310 (https only)
                data = response.read(MAX_DOWNLOAD + 1)
        except (urllib.error.URLError, OSError, ValueError) as e:
            raise SourceError(f"{src}: cannot be downloaded ({getattr(e, 'reason', e)})") from None
        if len(data) > MAX_DOWNLOAD:
            raise SourceError(f"{src}: is larger than {MAX_DOWNLOAD // 2**20} MB")
    else:
        try:
            data = Path(src).read_bytes()
        except OSError as e:
            raise SourceError(f"{src}: cannot be read ({e.strerror or e})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceError(f"{src}: is not UTF-8 text") from None


@dataclass
class _Entry:
    """One organisation of the directory, after validation and merging by name."""

    key: str
    name: str
    type: str
    website: str
    geometry: dict
    indexes: list[int]


def parse_directory(
    text: str, display: str, report: ImportReport, *, skip_invalid: bool = False, tolerance: float | None = None
) -> dict[str, _Entry]:
    """The directory's organisations by key; problems go to the report."""
    from shapely.geometry import shape

    try:
        raw = json.loads(text)
    except json.JSONDecodeError as e:
        report.problems.append(Problem(display, "file", f"is not valid JSON: {e.msg}", "", e.lineno))
        return {}
    lines = _LineFinder(text)
    try:
        collection = _DirCollection.model_validate(raw)
    except ValidationError as e:
        report.problems += validation_problems(display, e.errors(), lines, _DirectoryProperties)
        return {}
    report.read = len(collection.features)
    entries: dict[str, _Entry] = {}
    shapes: dict[str, list] = {}
    unknown: dict[str, list[str]] = {}
    for index, raw_feature in enumerate(collection.features):
        name = _name_of(raw_feature) or f"features[{index}]"
        try:
            feature = _DirFeature.model_validate(raw_feature)
        except ValidationError as e:
            errors = [{**err, "loc": ("features", index, *err["loc"])} for err in e.errors()]
            found = validation_problems(display, errors, lines, _DirectoryProperties)
            for problem in found:
                problem = Problem(problem.path, f"{problem.field} ({name})", problem.message, problem.hint, problem.line)
                (report.skipped.append(str(problem)) if skip_invalid else report.problems.append(problem))
            continue
        props = feature.properties
        if feature.geometry is None:
            problem = Problem(
                display,
                f"features[{index}].geometry ({name})",
                "is missing",
                "every organisation needs a point or a territory",
                lines.line(("features", index, "geometry")),
            )
            (report.skipped.append(str(problem)) if skip_invalid else report.problems.append(problem))
            continue
        kind = normalise_type(props.type)
        if kind is None:
            kind = "other"
            unknown.setdefault(props.type or "(none)", []).append(f"features[{index}] {props.name}")
        website = props.website
        if website and not website.startswith(("http://", "https://")):
            report.notes.append(f"features[{index}] {props.name}: website '{website}' written as 'https://{website}'")
            website = "https://" + website
        key = slugify(props.name)
        geometry = feature.geometry.model_dump(exclude={"bbox"})
        if key in entries:
            entry = entries[key]
            entry.indexes.append(index)
            report.notes.append(
                f"features[{index}] {props.name}: same name as features[{entry.indexes[0]}]: merged into one organisation"
            )
            if kind != entry.type and entry.type == "other":
                entry.type = kind
            entry.website = entry.website or website
            shapes[key].append(shape(geometry))
            continue
        entries[key] = _Entry(key, props.name, kind, website, geometry, [index])
        shapes[key] = [shape(geometry)]
    for value, where in sorted(unknown.items()):
        report.notes.append(
            f"type '{value}' is not known: {len(where)} organisation(s) imported as \"other\" "
            f"({', '.join(where[:3])}{'...' if len(where) > 3 else ''}); map it in TYPES, geotrek_portal/organisations_import.py"
        )
    for key, parts in shapes.items():
        entry = entries[key]
        entry.geometry, note = simplified(parts, tolerance)
        if note:
            report.notes.append(f"features[{entry.indexes[0]}] {entry.name}: {note}")
    return entries


def _name_of(raw) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("properties"), dict):
        name = raw["properties"].get("name")
        return name.strip() if isinstance(name, str) else ""
    return ""


# ------------------------------------------------------------------ geometry
def simplified(parts: list, tolerance: float | None = None) -> tuple[dict, str]:
    """One GeoJSON geometry for an organisation's shapes, for a zoom-10 map, and a note."""
    import shapely
    from shapely.geometry import MultiPolygon, mapping

    polygons = [p for p in parts if p.geom_type in ("Polygon", "MultiPolygon")]
    note = ""
    if not polygons:
        point = parts[0]
        if len(parts) > 1:
            note = f"{len(parts)} points under one name: the first is kept"
        return {"type": "Point", "coordinates": [round(point.x, POINT_DECIMALS), round(point.y, POINT_DECIMALS)]}, note
    if len(polygons) < len(parts):
        note = "a point and a territory under one name: the territory is kept"
    repaired = []
    for polygon in polygons:
        if not polygon.is_valid:
            note = (note + "; " if note else "") + f"territory repaired ({shapely.is_valid_reason(polygon).lower()})"
            polygon = _polygonal(shapely.make_valid(polygon))
        repaired.append(polygon)
    geom = shapely.union_all(repaired) if len(repaired) > 1 else repaired[0]
    simple = _polygonal(shapely.set_precision(geom.simplify(tolerance or SIMPLIFY_TOLERANCE, preserve_topology=True), GRID))
    if simple.is_empty:  # smaller than the grid: a point is all a zoom-10 map can show
        point = geom.representative_point()
        note = (note + "; " if note else "") + "territory too small for the map: its point is kept"
        return {"type": "Point", "coordinates": [round(point.x, POINT_DECIMALS), round(point.y, POINT_DECIMALS)]}, note
    if isinstance(simple, MultiPolygon) and len(simple.geoms) == 1:
        simple = simple.geoms[0]
    return _rounded(mapping(simple)), note


def _polygonal(geom):
    """The polygons of a geometry (make_valid and set_precision may return collections)."""
    import shapely
    from shapely.geometry import MultiPolygon, Polygon

    if isinstance(geom, (Polygon, MultiPolygon)):
        return geom
    polygons = [g for g in getattr(geom, "geoms", []) if isinstance(g, (Polygon, MultiPolygon))]
    return shapely.union_all(polygons) if polygons else Polygon()


def _rounded(geometry: dict) -> dict:
    def walk(value):
        if isinstance(value, (list, tuple)) and value and isinstance(value[0], (int, float)):
            return [round(float(v), 4) for v in value[:2]]
        return [walk(v) for v in value]

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


# ------------------------------------------------------------------ merging
def merge(existing: list[dict], entries: dict[str, _Entry], report: ImportReport) -> list[dict]:
    """The data file's features after the import, sorted by name."""
    result: dict[str, dict] = {}
    for feature in existing:
        props = feature.get("properties", {})
        key = slugify(props.get("name", ""))
        entry = entries.get(key)
        if entry is None:
            if props.get("origin") == "directory":
                report.removed.append(props.get("name", key))
            else:
                report.kept_manual += 1
                result[key] = feature
            continue
        new_props = dict(props)
        new_props.update(type=entry.type, website=entry.website or props.get("website", ""))
        if props.get("origin") == "directory":
            new_props["name"] = entry.name
        if entry.type == "other" and props.get("type") not in (None, "other"):
            new_props["type"] = props["type"]  # a hand-chosen type is more precise than "other"
        if props.get("origin") != "directory":
            report.kept_manual += 1
        new = {"type": "Feature", "properties": new_props, "geometry": entry.geometry}
        _set_marker(new)
        if _canonical(new) == _canonical(feature):
            report.unchanged += 1
        else:
            report.updated.append(new_props["name"])
        result[key] = new
    for key, entry in entries.items():
        if key in result:
            continue
        props = {"name": entry.name, "type": entry.type, "seat": "", "website": entry.website, "origin": "directory"}
        new = {"type": "Feature", "properties": props, "geometry": entry.geometry}
        _set_marker(new)
        result[key] = new
        report.added.append(entry.name)
    return [result[key] for key in sorted(result)]


def _set_marker(feature: dict) -> None:
    from shapely.geometry import shape

    props = feature["properties"]
    if feature["geometry"]["type"] == "Point":
        props.pop("marker", None)
    else:
        props["marker"] = marker_of(shape(feature["geometry"]))


def _canonical(feature: dict) -> str:
    return json.dumps({"p": _ordered(feature.get("properties", {})), "g": feature.get("geometry")}, sort_keys=True)


def _ordered(props: dict) -> dict:
    known = {k: props[k] for k in PROPERTY_ORDER if k in props}
    return {**known, **{k: v for k, v in props.items() if k not in known}}


# ------------------------------------------------------------------ writing
def dumps(features: list[dict], name: str) -> str:
    """The data file's text: one property a line, one geometry a line, so that
    `make check` points at a line and a diff shows what changed."""
    out = ["{", '  "type": "FeatureCollection",', f'  "name": {json.dumps(name, ensure_ascii=False)},', '  "features": [']
    for i, feature in enumerate(features):
        props = _ordered(feature["properties"])
        body = ",\n".join(f"        {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}" for k, v in props.items())
        geometry = feature["geometry"]
        if geometry["type"] == "Point":  # as a person writes it
            geometry = json.dumps(geometry, ensure_ascii=False)
        else:  # territories: thousands of numbers, no spaces
            coordinates = json.dumps(geometry["coordinates"], separators=(",", ":"))
            geometry = f'{{"type": {json.dumps(geometry["type"])}, "coordinates": {coordinates}}}'
        comma = "," if i < len(features) - 1 else ""
        out += [
            "    {",
            '      "type": "Feature",',
            '      "properties": {',
            body,
            "      },",
            f'      "geometry": {geometry}',
            "    }" + comma,
        ]
    out += ["  ]", "}"]
    return "\n".join(out) + "\n"


FILE_NAME = "Organisations using Geotrek (see data/README.md)"


def import_users(
    src: str,
    target: Path,
    *,
    display_target: str = DEFAULT_PATH,
    skip_invalid: bool = False,
    tolerance: float | None = None,
    context: ssl.SSLContext | None = None,
) -> ImportReport:
    """Import the directory `src` into `target`. Raises SourceError when it cannot be read."""
    report = ImportReport(src)
    # the data file must be valid before it is rewritten (its problems are the contributors')
    if target.exists():
        _, problems = load_organisations(target, display_target)
        if problems:
            report.problems += problems
            return report
        current = json.loads(target.read_text(encoding="utf-8-sig"))
        existing, name = current["features"], current.get("name", FILE_NAME)
    else:
        existing, name = [], FILE_NAME
    text = read_source(src, context=context)
    entries = parse_directory(text, src, report, skip_invalid=skip_invalid, tolerance=tolerance)
    if report.problems:
        return report
    features = merge(existing, entries, report)
    output = dumps(features, name)
    report.size = len(output.encode("utf-8"))
    if not target.exists() or target.read_text(encoding="utf-8-sig") != output:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output, encoding="utf-8")
        report.written = True
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", help="the directory: a GeoJSON file or an https:// address")
    parser.add_argument("--target", default=DEFAULT_PATH, help="the data file to write (default: %(default)s)")
    parser.add_argument("--skip-invalid", action="store_true", help="import the valid features, list the others")
    parser.add_argument(
        "--tolerance", type=float, default=None, help=f"simplification, in degrees (default {SIMPLIFY_TOLERANCE:.5f})"
    )
    args = parser.parse_args(argv)
    if args.tolerance is not None and not 0 < args.tolerance < 1:
        parser.error("--tolerance: a number of degrees between 0 and 1, e.g. 0.002")
    try:
        report = import_users(
            args.src, Path(args.target), display_target=args.target, skip_invalid=args.skip_invalid, tolerance=args.tolerance
        )
    except SourceError as e:
        print(f"make import-users: {e}", file=sys.stderr)
        return 2
    if report.problems:
        for problem in report.problems:
            print(problem, file=sys.stderr)
        print(
            f"\n{len(report.problems)} problem(s): nothing was written to {args.target}. Fix them "
            "(or, for the directory's, run again with SKIP_INVALID=1 to import the valid features only).",
            file=sys.stderr,
        )
        return 1
    for line in report.lines():
        print(line)
    size = f"{report.size / 1024:.0f} KB"
    print(f"{args.target}: {'written' if report.written else 'unchanged'} ({size})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
