"""Post front matter: parsing, Jekyll-era variants, and every validation message."""

from datetime import date, datetime

import pytest

from geotrek_portal.languages import Languages
from geotrek_portal.posts import parse_date, parse_post, slug_from_filename, slugify

LANGS = Languages.from_entries(
    [{"locale": "fr", "name": "Français", "default": True}, {"locale": "en", "name": "English"}, {"locale": "es", "name": "Español"}]
)
PATH = "docs/blog/posts/2019-12-17-rencontres.md"


def parse(text: str | bytes, path: str = PATH, **kwargs):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return parse_post(path, raw, LANGS, **kwargs)


def fm(**keys) -> str:
    base = {"title": "Rencontres", "date": "2019-12-17", "lang": "fr", "ref": "post-20191217"}
    base.update(keys)
    lines = [f"{k}: {v}" for k, v in base.items() if v is not None]
    return "---\n" + "\n".join(lines) + "\n---\n\nBody.\n"


def messages(problems):
    return [str(p) for p in problems]


def test_valid_post():
    post, problems = parse(fm(categories="[Rencontres, Communauté]", image="assets/img/x.jpg"))
    assert problems == []
    assert (post.title, post.lang, post.ref, post.date) == ("Rencontres", "fr", "post-20191217", date(2019, 12, 17))
    assert post.categories == ("Rencontres", "Communauté")
    assert post.image == "assets/img/x.jpg"
    assert post.body.strip() == "Body."


def test_jekyll_variants_are_accepted():
    text = (
        "---\nlayout: post-en\ntitle : \"Geotrek's \\\"big\\\" day\u200e \"\ndate: 2019-03-01 10:30:00 +0100\n"
        "lang: en\nref: 20190301\ncategories: news\nimage: '{{ site.baseurl }}/assets/img/a.jpg'\n---\n<p>Raw HTML</p>\n"
    )
    post, problems = parse(text, "docs/blog/posts/2019-03-01-big-day-en.markdown")
    assert problems == []
    assert post.title == 'Geotrek\'s "big" day'
    assert post.published == datetime(2019, 3, 1, 10, 30)
    assert post.ref == "20190301"
    assert post.categories == ("news",)
    assert post.image == "assets/img/a.jpg"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2019-12-17", datetime(2019, 12, 17)),
        ("2019-3-1", datetime(2019, 3, 1)),
        ("2019-03-01 10:30:00 +0100", datetime(2019, 3, 1, 10, 30)),
        ("2019-03-01T23:30:00Z", datetime(2019, 3, 1, 23, 30)),
        (date(2020, 1, 2), datetime(2020, 1, 2)),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["17/12/2019", "2019-13-01", "hier", 20191217])
def test_parse_date_rejects(value):
    with pytest.raises(ValueError):
        parse_date(value)


@pytest.mark.parametrize(
    "name, slug",
    [
        ("2019-12-17-rencontres-geotrek-2019.md", "rencontres-geotrek-2019"),
        ("2019-12-17-rencontres-geotrek-2019-en.md", "rencontres-geotrek-2019"),
        ("2019-10-07-Rencontres-utilisateurs-fr-.markdown", "rencontres-utilisateurs"),
        ("2020-01-01-Événement été-es.md", "evenement-ete"),
        ("2020-01-01-fr.md", "fr"),
        ("no-date-here.md", "no-date-here"),
    ],
)
def test_slug_from_filename(name, slug):
    assert slug_from_filename(name, LANGS.codes) == slug


def test_slugify():
    assert slugify("Rencontres Géotrek : 2019 !") == "rencontres-geotrek-2019"


# ------------------------------------------------------------------ validation messages
@pytest.mark.parametrize(
    "text, expected",
    [
        (fm(title=None), f"{PATH}: title: missing (add a line such as: title: Retour sur les rencontres Geotrek 2019)"),
        (fm(date=None), f"{PATH}: date: missing (add a line date: YYYY-MM-DD (for example 2019-12-17))"),
        (fm(lang=None), f"{PATH}: lang: missing (add a line lang: fr (or en, es))"),
        (fm(ref=None), f"{PATH}: ref: missing (add a line ref: post-YYYYMMDD, shared by all translations of the post)"),
        (fm(date="17/12/2019"), f"{PATH}:3: date: '17/12/2019' is not a date (write the date as YYYY-MM-DD, for example 2019-12-17)"),
        (fm(lang="FR"), f"{PATH}:4: lang: unknown language 'FR' (did you mean 'fr'? use one of: fr, en, es)"),
        (fm(lang="de"), f"{PATH}:4: lang: unknown language 'de' (use one of: fr, en, es)"),
        (fm(title="[a, b]"), f"{PATH}:2: title: must be a line of text (write the title on the same line: title: My title)"),
        (fm(draft="maybe"), f"{PATH}:6: draft: must be true or false, not 'maybe' (write draft: true or remove the line)"),
        (fm(categories="{a: b}"), f"{PATH}:6: categories: must be a list of names (write categories: [Rencontres, Communauté])"),
    ],
)
def test_validation_messages(text, expected):
    post, problems = parse(text)
    assert post is None
    assert expected in messages(problems)


def test_missing_keys_are_all_reported_together():
    post, problems = parse("---\nlayout: post\n---\nBody\n")
    assert post is None
    assert [p.field for p in problems] == ["title", "date", "lang", "ref"]


def test_yaml_that_does_not_parse_names_the_line():
    post, problems = parse("---\ntitle: Rencontres\ndate: 2019-12-17\nlang: fr\nref: x\ndescription: a: b\n---\n")
    assert post is None
    assert messages(problems) == [
        f"{PATH}:6: front matter: YAML does not parse: mapping values are not allowed in this context "
        "(check the colons and quotes; a value containing ': ' must be quoted)"
    ]


def test_unclosed_front_matter():
    post, problems = parse("---\ntitle: Rencontres\ndate: 2019-12-17\n\nBody")
    assert messages(problems) == [f"{PATH}:1: front matter: not closed (add a line '---' after the last front matter key)"]


def test_missing_front_matter():
    post, problems = parse("# Just a title\n")
    assert problems[0].field == "front matter" and "missing" in problems[0].message


def test_not_utf8():
    post, problems = parse(fm(title="Été").encode("latin-1"))
    assert post is None
    assert messages(problems) == [f"{PATH}:2: file: not valid UTF-8 (probably saved as Latin-1 or Windows-1252) (save the file with UTF-8 encoding in your editor)"]


def test_front_matter_that_is_not_a_mapping():
    post, problems = parse("---\n- a\n- b\n---\n")
    assert problems[0].field == "front matter" and "key: value" in problems[0].message


def test_missing_image():
    post, problems = parse(fm(image="assets/img/nope.jpg"), image_exists=lambda p: False)
    assert post is None
    assert messages(problems) == [
        f"{PATH}:6: image: 'assets/img/nope.jpg' does not exist "
        "(add the picture as docs/assets/img/nope.jpg or fix the path (relative to docs/))"
    ]


def test_file_name_date_differs_is_a_warning():
    post, problems = parse(fm(date="2019-12-18"))
    assert post is not None
    assert [(p.severity.value, p.field) for p in problems] == [("warning", "date")]
    assert "2019-12-18 differs from the date in the file name (2019-12-17)" in str(problems[0])


def test_github_annotation():
    _, problems = parse(fm(lang="de"))
    assert problems[0].github_annotation() == (
        f"::error file={PATH},line=4::lang: unknown language 'de' (use one of: fr, en, es)"
    )


def test_jekyll_published_false_is_a_draft():
    post, problems = parse(fm(published="false"))
    assert problems == [] and post.draft is True


def test_image_on_another_site_is_refused():
    post, problems = parse(fm(image="https://example.org/a.jpg"))
    assert post is None
    assert "is on another site" in str(problems[0]) and "docs/assets/img/" in str(problems[0])
