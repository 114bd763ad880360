"""Synthetic post corpora shaped like the community's, for benchmarks.

About 75% French, 20% English, 5% Spanish posts; a quarter of the refs
translated; bodies of 300-600 words with headings, lists, links, some raw
HTML and an iframe; a picture for one post in five; a third of the posts
attached to an event. Deterministic for a given seed.
"""

from __future__ import annotations

import random
import shutil
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SKELETON = ("mkdocs.yml", "hooks", "overrides", "data", "requirements.txt")  # hooks/compat.py reads the pins
POSTS = "docs/blog/posts"

WORDS = {
    "fr": "sentier randonnée parc territoire patrimoine carte itinéraire balisage commune refuge "
    "montagne vallée départ arrivée durée dénivelé communauté utilisateurs données ouvertes".split(),
    "en": "trail hike park territory heritage map route signage village hut mountain valley start "
    "finish duration elevation community users open data".split(),
    "es": "sendero ruta parque territorio patrimonio mapa itinerario señalización pueblo refugio "
    "montaña valle salida llegada duración desnivel comunidad usuarios datos abiertos".split(),
}
PICTURES = [
    "assets/img/2019-rencontres-geotrek-groupe.jpg",
    "assets/img/2021-rencontres-geotrek-aix.jpg",
    "assets/img/2016-rencontres-geotrek-montpellier.jpg",
    "assets/img/2022-capitole-du-libre.jpg",
]


@dataclass
class Corpus:
    project: Path
    posts: int
    per_language: dict[str, int]
    translated_refs: int
    refs: int


def event_ids(root: Path = REPO) -> list[str]:
    return sorted(p.stem for p in (root / "data/events").glob("*.yml"))


def _sentence(rng: random.Random, lang: str, n: int) -> str:
    words = [rng.choice(WORDS[lang]) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def _body(rng: random.Random, lang: str, index: int) -> str:
    target = rng.randint(300, 600)
    parts, count = [], 0
    while count < target:
        kind = rng.random()
        if kind < 0.12:
            parts.append(f"## {_sentence(rng, lang, 4)[:-1]}")
            count += 4
        elif kind < 0.24:
            items = [f"- {_sentence(rng, lang, 6)}" for _ in range(rng.randint(2, 5))]
            parts.append("\n".join(items))
            count += 6 * len(items)
        elif kind < 0.30:
            parts.append(
                f'<div class="note"><p>{_sentence(rng, lang, 12)} '
                f'<a href="https://geotrek.fr/">{_sentence(rng, lang, 2)}</a></p></div>'
            )
            count += 14
        else:
            text = " ".join(_sentence(rng, lang, rng.randint(8, 16)) for _ in range(rng.randint(2, 4)))
            if rng.random() < 0.3:
                text += f" [{rng.choice(WORDS[lang])}](https://geotrek.fr/{index})"
            parts.append(text)
            count += len(text.split())
    if index % 7 == 0:
        parts.insert(2, '<iframe width="560" height="315" src="https://www.youtube.com/embed/vRfl0ies5GY" '
                        'title="video" allowfullscreen></iframe>')
    return "\n\n".join(parts)


def copy_project(target: Path, *, root: Path = REPO, keep_posts: bool = False) -> Path:
    """A copy of the portal (configuration, hooks, templates, data, pages) in `target`.

    Without `keep_posts`, `docs/blog/posts/` is left empty. Tests and
    benchmarks build such copies.
    """
    if target.exists():
        shutil.rmtree(target)
    for name in SKELETON:
        source = root / name
        if source.is_dir():
            # the redirect map names the repository's posts, which the corpus replaces
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "redirects.yml"))
        elif source.exists():
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    shutil.copytree(root / "docs", target / "docs", ignore=None if keep_posts else _ignore_posts)
    (target / POSTS).mkdir(parents=True, exist_ok=True)
    return target


def _ignore_posts(directory: str, names: list[str]) -> list[str]:
    if Path(directory).as_posix().endswith(POSTS):
        return [n for n in names if n.endswith((".md", ".markdown"))]
    return []


def generate(target: Path, posts: int, *, seed: int = 1, root: Path = REPO) -> Corpus:
    """Write a portal project with `posts` generated posts (and no others) into `target`."""
    copy_project(target, root=root)
    out = target / "docs/blog/posts"
    out.mkdir(parents=True, exist_ok=True)

    rng = random.Random(seed)
    events = event_ids(root)
    counts: Counter[str] = Counter()
    written = refs = translated = 0
    day = date(2012, 1, 1)
    while written < posts:
        refs += 1
        day += timedelta(days=rng.randint(1, 4))
        primary = rng.choices(["fr", "en", "es"], weights=[94, 3, 3])[0]
        langs = [primary]
        if rng.random() < 0.25:  # translated: mostly into English, sometimes Spanish
            translated += 1
            langs.append("en" if primary != "en" else "fr")
            if "es" not in langs and rng.random() < 0.12:
                langs.append("es")
        slug = f"actualite-{refs:05d}"
        event = rng.choice(events) if events and rng.random() < 1 / 3 else None
        picture = rng.choice(PICTURES) if rng.random() < 0.2 else None
        for lang in langs:
            if written >= posts:
                break
            suffix = "" if lang == "fr" else f"-{lang}"
            lines = [f"title: {_sentence(rng, lang, 6)[:-1]}", f"date: {day}", f"lang: {lang}", f"ref: bench-{refs}"]
            lines.append(f"categories: [{rng.choice(['Rencontres', 'Communauté', 'Technique'])}]")
            if picture:
                lines.append(f"image: {picture}")
            if event:
                lines.append(f"event: {event}")
            text = "---\n" + "\n".join(lines) + "\n---\n\n" + _body(rng, lang, written) + "\n"
            (out / f"{day}-{slug}{suffix}.md").write_text(text, encoding="utf-8")
            counts[lang] += 1
            written += 1
    return Corpus(target, written, dict(counts), translated, refs)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--posts", type=int, default=120)
    args = parser.parse_args()
    print(generate(args.target, args.posts))
