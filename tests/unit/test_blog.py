"""Translation groups, shared slugs and the cached post reader."""

import os

from geotrek_portal.blog import PostReader, build_catalog, material_source
from geotrek_portal.languages import Languages
from geotrek_portal.posts import parse_post

LANGS = Languages.from_entries(
    [{"locale": "fr", "name": "Français", "default": True}, {"locale": "en", "name": "English"}, {"locale": "es", "name": "Español"}]
)


def post(name, lang, ref, date="2019-12-17", title="T", body="Body."):
    text = f"---\ntitle: {title}\ndate: {date}\nlang: {lang}\nref: {ref}\n---\n{body}\n"
    parsed, problems = parse_post(f"docs/blog/posts/{name}", text.encode(), LANGS)
    assert parsed is not None, problems
    return parsed


def test_translations_share_the_default_language_slug():
    catalog = build_catalog(
        [
            post("2019-12-17-looking-back-en.md", "en", "r1"),
            post("2019-12-17-retour-rencontres.md", "fr", "r1"),
            post("2019-12-17-balance-es.md", "es", "r1"),
        ],
        LANGS,
    )
    group = catalog.groups["r1"]
    assert group.slug == "retour-rencontres"
    assert group.languages == ("fr", "en", "es")
    assert catalog.problems == []


def test_without_default_language_the_first_language_names_the_slug():
    catalog = build_catalog(
        [post("2020-01-01-hola-es.md", "es", "r2"), post("2020-01-01-hello-en.md", "en", "r2")], LANGS
    )
    assert catalog.groups["r2"].slug == "hello"


def test_translations_of_a_post():
    fr, en = post("2019-12-17-a.md", "fr", "r1"), post("2019-12-17-a-en.md", "en", "r1")
    catalog = build_catalog([fr, en, post("2019-12-18-b.md", "fr", "r2", date="2019-12-18")], LANGS)
    assert catalog.translations(fr) == {"en": en}
    assert [p.ref for p in catalog.posts("fr")] == ["r2", "r1"]  # newest first


def test_duplicate_ref_and_lang_is_an_error_naming_both_files():
    catalog = build_catalog([post("2019-12-17-a.md", "fr", "r1"), post("2019-12-17-b.md", "fr", "r1")], LANGS)
    assert [str(p) for p in catalog.problems] == [
        "docs/blog/posts/2019-12-17-b.md:5: ref: 'r1' in 'fr' is already used by docs/blog/posts/2019-12-17-a.md "
        "(two posts of one language cannot share a ref: give this post its own ref)"
    ]
    assert list(catalog.groups["r1"].posts.values())[0].name == "2019-12-17-a.md"  # the first one is kept


def test_two_posts_at_one_address_is_an_error():
    catalog = build_catalog([post("2019-12-17-a.md", "fr", "r1"), post("2019-12-17-a-fr.md", "fr", "r2")], LANGS)
    assert len(catalog.problems) == 1
    message = str(catalog.problems[0])
    assert "would be published at the same address as" in message
    assert "2019-12-17-a.md" in message and "2019-12-17-a-fr.md" in message


def test_material_source_is_clean_for_material():
    p = post("2019-03-01-x.md", "en", "r1", body="![]({{ site.baseurl }}/assets/img/a.jpg)\n\nOne.\n\nTwo.")
    text = material_source(p, "x", "../..", "/")
    assert text.startswith("---\ntitle: T\ndate: 2019-12-17 00:00:00\nslug: x\nlang: en\nref: r1\ncategories: []\n---\n")
    assert "](../../assets/img/a.jpg)" in text and "<!-- more -->" in text


def test_reader_reparses_only_changed_files(tmp_path, monkeypatch):
    posts_dir = tmp_path / "docs/blog/posts"
    posts_dir.mkdir(parents=True)
    for name, ref in (("2019-12-17-a.md", "r1"), ("2019-12-18-b.md", "r2")):
        (posts_dir / name).write_text(f"---\ntitle: T\ndate: {name[:10]}\nlang: fr\nref: {ref}\n---\nx\n")
    reader = PostReader(LANGS)
    calls = []
    import geotrek_portal.blog as blog

    real = blog.parse_post
    monkeypatch.setattr(blog, "parse_post", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    assert len(reader.read(posts_dir, tmp_path / "docs").posts()) == 2
    assert len(calls) == 2
    reader.read(posts_dir, tmp_path / "docs")
    assert len(calls) == 2  # nothing changed, nothing parsed
    changed = posts_dir / "2019-12-18-b.md"
    changed.write_text(changed.read_text().replace("title: T", "title: New title"))
    os.utime(changed, ns=(1, 1))
    catalog = reader.read(posts_dir, tmp_path / "docs")
    assert calls[2:] == ["docs/blog/posts/2019-12-18-b.md"]
    assert catalog.groups["r2"].get("fr").title == "New title"


def test_reader_reports_missing_teaser_picture(tmp_path):
    posts_dir = tmp_path / "docs/blog/posts"
    posts_dir.mkdir(parents=True)
    (posts_dir / "2019-12-17-a.md").write_text("---\ntitle: T\ndate: 2019-12-17\nlang: fr\nref: r\nimage: assets/img/a.jpg\n---\nx\n")
    catalog = PostReader(LANGS).read(posts_dir, tmp_path / "docs")
    assert [p.field for p in catalog.problems] == ["image"] and catalog.posts() == []
    (tmp_path / "docs/assets/img").mkdir(parents=True)
    (tmp_path / "docs/assets/img/a.jpg").write_bytes(b"jpg")
    catalog = PostReader(LANGS).read(posts_dir, tmp_path / "docs")
    assert catalog.problems == [] and len(catalog.posts()) == 1


def test_posts_in_subfolders_are_reported_not_lost(tmp_path):
    nested = tmp_path / "docs/blog/posts/2019"
    nested.mkdir(parents=True)
    (nested / "2019-12-17-a.md").write_text("---\ntitle: T\ndate: 2019-12-17\nlang: fr\nref: r\n---\nx\n")
    catalog = PostReader(LANGS).read(tmp_path / "docs/blog/posts", tmp_path / "docs")
    assert [str(p) for p in catalog.problems] == [
        "docs/blog/posts/2019/2019-12-17-a.md: file: is in a subfolder: posts of every language live "
        "directly in docs/blog/posts/ (move the file into docs/blog/posts/)"
    ]
