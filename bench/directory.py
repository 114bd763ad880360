"""A synthetic user directory, shaped like the community's (clients_map.geojson).

`synthetic_directory(n, seed)` returns a GeoJSON FeatureCollection of `n`
organisations with the directory's properties (name, type in French free
text, website) and a realistic mix of geometries: seats as Points, territories
as Polygons with wiggly, GIS-exported boundaries (hundreds of vertices, six
decimals), and MultiPolygons (a territory and its islands or enclaves),
across metropolitan France and the overseas territories. Types include the
directory's known ones, a few unknown ones and empty websites. The same
(n, seed) always gives the same directory.

Used by the tests and by `make bench`; `python -m bench.directory N -o file`
writes one.
"""

from __future__ import annotations

import argparse
import json
import math
import random
from pathlib import Path

# (directory type, share, geometry: "point" | "territory" | "mixed", radius in degrees)
TYPES = [
    ("Parc naturel régional", 0.24, "territory", (0.15, 0.45)),
    ("Parc national", 0.04, "territory", (0.2, 0.5)),
    ("Parc national Français", 0.02, "territory", (0.2, 0.5)),
    ("Conseil départemental", 0.20, "territory", (0.25, 0.5)),
    ("Autre", 0.14, "mixed", (0.05, 0.25)),
    ("Office de tourisme", 0.10, "mixed", (0.05, 0.2)),
    ("CDRP", 0.06, "point", None),
    ("AOP", 0.03, "mixed", (0.05, 0.15)),
    ("LPO", 0.02, "point", None),
    ("Communauté de communes", 0.08, "mixed", (0.08, 0.2)),  # not a type the import knows
    ("Syndicat mixte", 0.05, "mixed", (0.08, 0.2)),  # idem
    ("", 0.02, "point", None),  # no type at all
]
PREFIXES = {
    "Parc naturel régional": "Parc naturel régional",
    "Parc national": "Parc national",
    "Parc national Français": "Parc national",
    "Conseil départemental": "Département",
    "Office de tourisme": "Office de tourisme",
    "CDRP": "Comité de randonnée",
    "LPO": "LPO",
    "Communauté de communes": "Communauté de communes",
    "Syndicat mixte": "Syndicat mixte",
}
# A rough outline of metropolitan France (lon, lat), and the overseas territories
FRANCE = [
    (-1.8, 43.4), (-1.2, 46.2), (-2.5, 47.3), (-4.7, 48.3), (-1.9, 48.7), (-1.3, 49.7), (1.6, 50.2),
    (2.6, 51.0), (4.2, 49.9), (8.1, 49.0), (7.5, 47.5), (6.1, 46.2), (7.0, 45.9), (7.5, 43.8),
    (6.2, 43.1), (3.1, 43.1), (3.0, 42.5), (-1.8, 43.4),
]
CORSICA = (9.1, 42.1, 0.35)
OVERSEAS = [  # (lon, lat, spread in degrees)
    (-61.55, 16.2, 0.2),  # Guadeloupe
    (-61.02, 14.65, 0.15),  # Martinique
    (-53.0, 4.0, 0.9),  # Guyane
    (55.53, -21.13, 0.15),  # La Réunion
    (45.15, -12.82, 0.08),  # Mayotte
    (165.6, -21.3, 0.8),  # Nouvelle-Calédonie
]
SYLLABLES = "vau mont ber lan cha roc sal ver mar bri gue lor tar bau pel fon cau dur mer val sou ria bel".split()


def synthetic_directory(n: int, seed: int = 0, *, vertices: int = 700) -> dict:
    """A directory of `n` organisations; `vertices` is the mean size of a territory's boundary."""
    rng = random.Random(seed)
    kinds = [t for t in TYPES]
    weights = [t[1] for t in kinds]
    features = []
    for i in range(n):
        kind, _, geometry_kind, radius = rng.choices(kinds, weights)[0]
        overseas = rng.random() < 0.08
        lon, lat = _place(rng, overseas)
        name = f"{PREFIXES.get(kind, 'Structure')} {_place_name(rng)} {i + 1}"
        territory = geometry_kind == "territory" or (geometry_kind == "mixed" and rng.random() < 0.5)
        if territory:
            r = rng.uniform(*radius) * (0.4 if overseas else 1)
            size = max(24, int(rng.gauss(vertices, vertices / 3)))
            if rng.random() < 0.25:
                geometry = _multipolygon(rng, lon, lat, r, size)
            else:
                geometry = {"type": "Polygon", "coordinates": [_ring(rng, lon, lat, r, size)]}
        else:
            geometry = {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}
        features.append(
            {"type": "Feature", "properties": {"name": name, "type": kind, "website": _website(rng, name)}, "geometry": geometry}
        )
    return {"type": "FeatureCollection", "features": features}


def write_directory(path: Path, n: int, seed: int = 0, **options) -> Path:
    path.write_text(json.dumps(synthetic_directory(n, seed, **options), ensure_ascii=False), encoding="utf-8")
    return path


def _place(rng: random.Random, overseas: bool) -> tuple[float, float]:
    if overseas:
        lon, lat, spread = rng.choice(OVERSEAS)
        return lon + rng.uniform(-spread, spread), lat + rng.uniform(-spread, spread)
    if rng.random() < 0.03:
        lon, lat, spread = CORSICA
        return lon + rng.uniform(-spread, spread), lat + rng.uniform(-spread, spread)
    while True:
        lon, lat = rng.uniform(-4.7, 8.1), rng.uniform(42.5, 51.0)
        if _inside(lon, lat, FRANCE):
            return lon, lat


def _inside(x: float, y: float, polygon: list[tuple[float, float]]) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _ring(rng: random.Random, lon: float, lat: float, r: float, size: int) -> list[list[float]]:
    """A star-shaped, hence simple, closed ring with a fractal-looking boundary."""
    import numpy as np

    waves = [(k, rng.uniform(0, 2 * math.pi), rng.uniform(0.3, 1) / k**1.1) for k in range(1, min(size // 3, 120))]
    k, phase, amplitude = (np.array(column) for column in zip(*waves))
    amplitude *= 0.55 / amplitude.sum()  # keeps the radius between 0.45 r and 1.55 r
    t = 2 * np.pi * np.arange(size) / size
    rr = r * (1 + np.sin(np.outer(t, k) + phase) @ amplitude)
    squash = math.cos(math.radians(lat))  # degrees of longitude are shorter away from the equator
    xs = np.round(lon + rr * np.cos(t) / squash, 6)
    ys = np.round(lat + rr * np.sin(t), 6)
    ring = [[float(x), float(y)] for x, y in zip(xs, ys)]
    ring.append(ring[0])
    return ring


def _multipolygon(rng: random.Random, lon: float, lat: float, r: float, size: int) -> dict:
    polygons = [[_ring(rng, lon, lat, r, size)]]
    for _ in range(rng.randint(1, 3)):  # islands or enclaves, clear of the main territory
        angle = rng.uniform(0, 2 * math.pi)
        distance = r * rng.uniform(1.8, 2.6)
        small = r * rng.uniform(0.08, 0.2)
        polygons.append([_ring(rng, lon + distance * math.cos(angle), lat + distance * math.sin(angle), small, max(12, size // 6))])
    return {"type": "MultiPolygon", "coordinates": polygons}


def _place_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _website(rng: random.Random, name: str) -> str:
    roll = rng.random()
    slug = "".join(c for c in name.lower() if c.isalnum())[:24]
    if roll < 0.10:
        return ""
    if roll < 0.14:
        return f"www.{slug}.fr"  # no scheme, as some entries of the directory
    return f"https://www.{slug}.fr/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of organisations")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--vertices", type=int, default=700, help="mean size of a territory's boundary")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    path = write_directory(args.output, args.n, args.seed, vertices=args.vertices)
    print(f"{path}: {args.n} organisations, {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
