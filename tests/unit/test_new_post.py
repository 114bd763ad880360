"""`make new-post`: a correctly named, valid post or translation, and where it will be published."""

from __future__ import annotations

import io
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from geotrek_portal.blog import PostReader
from geotrek_portal.config import load_site
from geotrek_portal.new_post import PostRequest, RequestError, main, plan_post
from geotrek_portal.posts import parse_post
from geotrek_portal.translations import Status, content_hash, group_status
from tests.conftest import post_text
from tests.make import make

REPO = Path(__file__).resolve().parents[2]
P = "docs/blog/posts/"
TODAY = date(2024, 5, 1)
ORIGINAL = post_text(
    "Rencontres 2024", "2024-04-20", "fr", "post-20240420", image="assets/img/here.jpg", event="rencontres-2024"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copy2(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs/assets/img").mkdir(parents=True)
    (tmp_path / "docs/assets/img/here.jpg").write_bytes(b"jpeg")
    (tmp_path / P).mkdir(parents=True)
    (tmp_path / P / "2024-04-20-rencontres-2024.md").write_text(ORIGINAL, encoding="utf-8")
    # the event ORIGINAL names: `make check` reports unknown events
    (tmp_path / "data/events").mkdir(parents=True)
    (tmp_path / "data/events/rencontres-2024.yml").write_text(
        "name: {fr: Rencontres 2024, en: Meeting 2024, es: Encuentro 2024}\nstart: 2024-04-18\nplace: Gap\n", encoding="utf-8"
    )
    return tmp_path


def plan(project: Path, **request):
    site = load_site(project / "mkdocs.yml")
    catalog = PostReader(site.languages).read(site.docs_dir / "blog/posts", site.docs_dir)
    return site, plan_post(site, catalog, PostRequest(**request), TODAY)


def run(project: Path, *args: str) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = main(["--config", str(project / "mkdocs.yml"), "--preview-root", "http://127.0.0.1:8000/", *args],
                out=out, today=TODAY)
    return code, out.getvalue().splitlines()


def test_a_new_post_in_the_default_language(project):
    code, lines = run(project, "--title", "Atelier Geotrek-rando : l'été arrive")
    assert code == 0, lines
    name = "2024-05-01-atelier-geotrek-rando-l-ete-arrive.md"
    assert lines == [
        f"Created {P}{name}",
        "Its ref is post-20240501-atelier-geotrek-rando-l-ete-arrive: translations use it, for example "
        'make new-post TITLE="..." LANG=en REF=post-20240501-atelier-geotrek-rando-l-ete-arrive',
        "Address once published: https://geotrek.fr/blog/2024/05/01/atelier-geotrek-rando-l-ete-arrive/",
        "Preview with make serve: http://127.0.0.1:8000/blog/2024/05/01/atelier-geotrek-rando-l-ete-arrive/",
        "Now write the post in that file, then run make check.",
    ]
    raw = (project / P / name).read_bytes()
    post, problems = parse_post(P + name, raw, load_site(project / "mkdocs.yml").languages)
    assert problems == []
    assert post.title == "Atelier Geotrek-rando : l'été arrive"  # the colon is quoted in YAML
    assert (post.lang, post.ref, str(post.date)) == ("fr", "post-20240501-atelier-geotrek-rando-l-ete-arrive", "2024-05-01")
    assert "<!-- more -->" in post.body and "actualités" in post.body  # placeholder in the post's language


def test_a_translation_reuses_slug_date_picture_and_event_and_names_the_original(project):
    code, lines = run(project, "--title", "Geotrek meeting 2024", "--lang", "en", "--ref", "post-20240420")
    assert code == 0, lines
    assert lines[:4] == [
        f"Created {P}2024-04-20-rencontres-2024-en.md",
        f"Translation of {P}2024-04-20-rencontres-2024.md (fr), titled: Rencontres 2024",
        "It starts with the original's title and text: translate them, and delete the comment at the top.",
        "Address once published: https://geotrek.fr/en/blog/2024/04/20/rencontres-2024/",
    ]
    text = (project / P / "2024-04-20-rencontres-2024-en.md").read_text(encoding="utf-8")
    digest = content_hash("Rencontres 2024", "First paragraph of Rencontres 2024.\n\nSecond paragraph of Rencontres 2024.")
    assert text.startswith(
        "---\ntitle: Geotrek meeting 2024\ndate: 2024-04-20\nlang: en\nref: post-20240420\n"
        f'translation_of: "{digest}"\nevent: rencontres-2024\nimage: assets/img/here.jpg\n---\n'
    )


def test_a_translation_starts_from_the_original_text_and_is_up_to_date(project):
    code, lines = run(project, "--lang", "es", "--ref", "post-20240420")  # no TITLE: the original's
    assert code == 0, lines
    site = load_site(project / "mkdocs.yml")
    catalog = PostReader(site.languages).read(site.docs_dir / "blog/posts", site.docs_dir)
    assert catalog.problems == []
    spanish = catalog.groups["post-20240420"].get("es")
    assert spanish.title == "Rencontres 2024"
    comment, text = spanish.body.strip().split("\n\n", 1)
    assert comment == (
        f"<!-- Traducción de {P}2024-04-20-rencontres-2024.md (en francés): traduzca al español el título de "
        "arriba y el texto de abajo. Conserve tal cual los enlaces, las imágenes y la marca de fin del resumen, "
        "y luego borre este comentario. -->"
    )
    assert text == "First paragraph of Rencontres 2024.\n\nSecond paragraph of Rencontres 2024."
    state = group_status(catalog.groups["post-20240420"], site.languages)
    assert state.versions["es"].status is Status.UP_TO_DATE


def test_options_date_and_events(project):
    _, new = plan(project, title="Taller", lang="es", ref="post-20240420", date="2024-04-22 18:30", events=("a", "b"))
    assert new.path == f"{P}2024-04-22-rencontres-2024-es.md"
    assert "date: 2024-04-22 18:30:00\n" in new.text and "event:\n- a\n- b\n" in new.text
    assert new.url_path == "es/blog/2024/04/22/rencontres-2024/"


def test_refs_stay_unique(project):
    (project / P / "2024-05-01-x.md").write_text(
        post_text("X", "2024-05-01", "en", "post-20240501-bilan"), encoding="utf-8"
    )
    _, new = plan(project, title="Bilan")
    assert new.ref == "post-20240501-bilan-2"


def test_long_titles_give_short_addresses(project):
    _, new = plan(project, title="Un titre " + "très " * 30 + "long")
    slug = new.url_path.split("/")[-2]
    assert len(slug) <= 60 and not slug.endswith("-") and slug.startswith("un-titre-tres")


@pytest.mark.parametrize(
    "request_, expected",
    [
        ({"title": ""}, ['make new-post: TITLE: missing (give the title of the post: make new-post TITLE="Mon titre")']),
        (
            {"title": "T", "lang": "EN"},
            ["make new-post: LANG: unknown language 'EN' (did you mean 'en'? use one of: fr, en, es)"],
        ),
        (
            {"title": "T", "lang": "en", "ref": "post-2024042"},
            [
                "make new-post: REF: no post has the ref 'post-2024042' (did you mean 'post-20240420'? "
                "copy the ref line of the post to translate, or leave REF out for a new post)"
            ],
        ),
        (
            {"title": "T", "ref": "post-20240420"},
            [
                f"make new-post: LANG: the post 'post-20240420' already exists in 'fr': {P}2024-04-20-rencontres-2024.md "
                "(edit that file, or choose another LANG)"
            ],
        ),
        (
            {"title": "T", "date": "01/05/2024"},
            ["make new-post: DATE: '01/05/2024' is not a date (write the date as YYYY-MM-DD, for example 2019-12-17)"],
        ),
        (
            {"title": "Rencontres 2024", "date": "2024-04-20"},
            [f"{P}2024-04-20-rencontres-2024.md: file: already exists (edit it, or choose another TITLE or DATE)"],
        ),
    ],
)
def test_wrong_requests_write_nothing_and_say_why(project, request_, expected):
    with pytest.raises(RequestError) as error:
        plan(project, **request_)
    assert [str(p) for p in error.value.problems] == expected


def test_a_clash_of_addresses_is_refused_with_the_builds_message(project):
    # same date, language and slug as an existing post of another ref
    existing = f"{P}2024-05-01-bilan-en.markdown"
    (project / existing).write_text(post_text("B", "2024-05-01", "en", "other"), encoding="utf-8")
    with pytest.raises(RequestError) as error:
        plan(project, title="Bilan!", lang="en")
    assert [str(p) for p in error.value.problems] == [
        f"{P}2024-05-01-bilan-en.md:5: ref: would be published at the same address as {existing} "
        "(same date, language and name) (rename one of the files, or give both the same ref if they are translations)"
    ]


def test_command_line_prints_problems_and_writes_nothing(project):
    before = sorted(os.listdir(project / P))
    code, lines = run(project, "--title", "T", "--lang", "de")
    assert code == 1
    assert lines == ["make new-post: LANG: unknown language 'de' (use one of: fr, en, es)", "Nothing was written."]
    assert sorted(os.listdir(project / P)) == before


# ------------------------------------------------------------------ through make
def test_make_new_post_passes_values_unchanged_and_ignores_the_locale_lang(project):
    proc = make(project, "new-post", "TITLE=L'atelier \"Geotrek\"", "DATE=2024-06-01", env_lang="en_US.UTF-8")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # LANG=en_US.UTF-8 from the environment is the locale: the post is in the default language
    assert f"Created {P}2024-06-01-l-atelier-geotrek.md" in proc.stdout
    text = (project / P / "2024-06-01-l-atelier-geotrek.md").read_text(encoding="utf-8")
    assert "title: L'atelier \"Geotrek\"\n" in text and "lang: fr\n" in text

    proc = make(project, "new-post", "TITLE=Workshop", "LANG=en", "REF=post-20240601-l-atelier-geotrek")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Preview with make serve: http://127.0.0.1:8000/en/blog/2024/06/01/l-atelier-geotrek/" in proc.stdout


def test_make_check_exit_code(project):
    assert make(project, "check").returncode == 0
    (project / P / "2024-05-01-x.md").write_text(post_text("X", "2024-05-01", "frr", "x"), encoding="utf-8")
    proc = make(project, "check")
    assert proc.returncode != 0
    assert f"{P}2024-05-01-x.md:4: lang: unknown language 'frr' (did you mean 'fr'? use one of: fr, en, es)" in proc.stdout
