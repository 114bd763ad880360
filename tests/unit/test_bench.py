"""`make bench`'s pure parts: statistics, targets, the table, the corpus and its Jekyll copy.

No timing is asserted here: timings never decide `make test`.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
import yaml

from bench import jekyll_site
from bench.corpus import POSTS, generate
from bench.setup_time import clean_environment
from bench.jekyll_site import PLUGINS, post_file, write_jekyll_site
from bench.run import (
    TARGETS,
    Row,
    Stat,
    Target,
    _url_of,
    build_caches,
    paired_ratio,
    edited_post,
    parse_sizes,
    ratio,
    render_table,
    table_rows,
    verdict,
)
from geotrek_portal.config import load_site
from geotrek_portal.posts import Post

REPO = Path(__file__).resolve().parents[2]


def front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("bench") / "portal", 120)


@pytest.fixture(scope="module")
def jekyll(corpus, tmp_path_factory):
    return write_jekyll_site(corpus.project, tmp_path_factory.mktemp("bench") / "jekyll")


# ---------------------------------------------------------------- statistics
def test_stat_is_median_min_and_max_of_the_runs():
    stat = Stat.of([3.0, 1.0, 2.0, 10.0])
    assert (stat.median, stat.min, stat.max) == (2.5, 1.0, 10.0)
    assert stat.runs == [3.0, 1.0, 2.0, 10.0]
    assert str(stat) == "2.50 [1.00-10.00]"


def test_stat_of_nothing_says_so():
    with pytest.raises(ValueError, match="no measurement"):
        Stat.of([])


def test_ratio_of_medians_and_of_a_missing_measurement():
    assert ratio({"median": 3.0}, {"median": 2.0}) == 1.5
    assert ratio(None, {"median": 2.0}) is None
    assert ratio({"median": 3.0}, None) is None


def test_paired_ratio_is_the_median_of_the_runs_ratios():
    # the third run was slowed down for both: its pair still says 2
    assert paired_ratio([2.0, 4.0, 40.0], [1.0, 1.0, 20.0]) == 2.0
    assert paired_ratio([], []) is None
    assert paired_ratio([1.0], []) is None


def test_sizes_are_label_equals_posts():
    assert parse_sizes("1x=120, 10x=1200") == [("1x", 120), ("10x", 1200)]
    with pytest.raises(SystemExit, match="'10x' is not label=posts"):
        parse_sizes("1x=120,10x")


# ---------------------------------------------------------------- targets
def test_a_target_is_met_per_label_and_says_which_missed():
    serve = Target("serve", {"1x": 1.0, "10x": 2.0}, " s")
    assert verdict(serve, {"1x": 0.8, "10x": 1.9})[0] == "met"
    text, records = verdict(serve, {"1x": 1.2, "10x": 1.9})
    assert text == "NOT met (1x)"
    assert [(r["label"], r["met"]) for r in records] == [("1x", False), ("10x", True)]
    assert serve.describe() == "<= 1 s (1x), <= 2 s (10x)"


def test_a_limit_for_every_label_and_a_value_without_limit():
    jekyll = Target("ours / Jekyll", {"*": 1.5})
    assert jekyll.describe() == "<= 1.5"
    assert verdict(jekyll, {"3x": 1.5})[0] == "met"  # the bound is included
    assert verdict(Target("serve", {"1x": 1.0}), {"5x": 9.0}) == ("-", [])
    assert verdict(jekyll, {"1x": None}) == ("-", [])


def test_the_issue_targets_are_the_ones_printed():
    assert TARGETS["serve"].limit("1x") == 1.0 and TARGETS["serve"].limit("10x") == 2.0
    assert TARGETS["material"].limit("10x") == 1.0
    assert TARGETS["warm"].limit("1x") == 0.5
    assert TARGETS["jekyll"].limit("1x") == 1.5
    assert TARGETS["setup"].limit("1x") == 30.0


# ---------------------------------------------------------------- table
def test_table_aligns_columns_and_marks_missing_cells():
    rows = [Row("posts", {"1x": "120", "10x": "1200"}), Row("a longer name", {"10x": "4.2"}, "<= 1", "NOT met (10x)")]
    lines = render_table(["1x", "10x"], rows, width=6).splitlines()
    assert lines[0] == "                   1x     10x  target  met"
    assert lines[1] == "posts             120    1200"
    assert lines[2] == "a longer name       -     4.2  <= 1    NOT met (10x)"


def _stat(median: float) -> dict:
    return {"median": median, "min": median, "max": median, "runs": [median]}


def test_table_rows_put_each_target_beside_its_measurement():
    results = [
        {"label": "1x", "posts": 120, "per_language": {"fr": 90, "en": 25, "es": 5}, "build_s": _stat(10.0),
         "ratio_ours_baseline": 1.2, "ratio_warm_cold": 0.4, "ratio_ours_jekyll": 4.0,
         "ratio_ours_jekyll_wall": 3.5, "serve_dirty_edit_s": _stat(0.9)},
        {"label": "10x", "posts": 1200, "per_language": {"fr": 900, "en": 250, "es": 50}, "build_s": _stat(70.0),
         "ratio_ours_baseline": 0.9, "ratio_warm_cold": None, "ratio_ours_jekyll": 3.0,
         "serve_dirty_edit_s": _stat(2.5)},
    ]
    rows, records = table_rows(results, {"clone_s": 0.2, "install_s": 20.0, "serve_s": 4.8, "total_s": 25.0, "warm_total_s": 12.5})
    by_name = {row.name: row for row in rows}
    assert by_name["posts (fr/en/es)"].cells == {"1x": "120 (90/25/5)", "10x": "1200 (900/250/50)"}
    assert by_name["cold build, s"].cells["10x"] == "70.00 [70.00-70.00]"
    assert by_name[TARGETS["material"].row].met == "NOT met (1x)"
    assert by_name[TARGETS["warm"].row].met == "met"  # 10x not measured: not counted
    assert by_name[TARGETS["warm"].row].cells == {"1x": "0.40"}
    assert by_name[TARGETS["jekyll"].row].met == "NOT met (1x, 10x)"
    names = [row.name for row in rows]
    wall = rows[names.index(TARGETS["jekyll"].row) + 1]
    assert (wall.name.strip(), wall.cells) == ("the same, wall-clock", {"1x": "3.50"})
    assert by_name[TARGETS["serve"].row].met == "NOT met (10x)"
    assert by_name[TARGETS["serve"].row].cells["1x"] == "0.90 [0.90-0.90]"
    assert by_name[TARGETS["setup"].row].cells == {"1x": "25.0"} and by_name[TARGETS["setup"].row].met == "met"
    assert by_name["  the same with pip/uv caches warm (s)"].cells == {"1x": "12.5"}
    assert {(r["row"], r["label"]) for r in records if not r["met"]} == {
        (TARGETS["material"].row, "1x"), (TARGETS["jekyll"].row, "1x"), (TARGETS["jekyll"].row, "10x"),
        (TARGETS["serve"].row, "10x")}


def test_table_rows_without_setup_or_optional_rows():
    results = [{"label": "1x", "posts": 10, "per_language": {"fr": 10}, "build_s": _stat(1.0)}]
    rows, records = table_rows(results, None)
    names = [row.name for row in rows]
    assert TARGETS["setup"].row not in names and "in our hooks" not in names
    assert records == []
    assert all(row.met == "-" for row in rows if row.target)


# ---------------------------------------------------------------- caches and set-up
def test_build_caches_are_dot_cache_and_every_cache_dir_of_the_config(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "plugins:\n  - social:\n      cache_dir: .cache/social  # cards\n  - privacy:\n      cache_dir: 'build/priv'\n"
    )
    assert build_caches(tmp_path) == [tmp_path / ".cache", tmp_path / ".cache/social", tmp_path / "build/priv"]


def test_the_fresh_clone_does_not_use_this_checkouts_python(tmp_path):
    env = clean_environment({"PATH": f"{tmp_path}/venv/bin:/usr/bin", "VIRTUAL_ENV": f"{tmp_path}/venv",
                             "PYTHONPATH": "/repo", "HOME": "/root"})
    assert env == {"PATH": "/usr/bin", "HOME": "/root"}


# ---------------------------------------------------------------- corpus
def test_corpus_is_shaped_like_the_communitys(corpus):
    posts = sorted((corpus.project / POSTS).glob("*.md"))
    assert len(posts) == corpus.posts == 120
    langs = Counter(front_matter(p.read_text(encoding="utf-8"))["lang"] for p in posts)
    assert langs == Counter(corpus.per_language)
    assert langs["fr"] > langs["en"] > langs["es"] > 0
    assert 0.6 < langs["fr"] / 120 < 0.9
    refs = Counter(front_matter(p.read_text(encoding="utf-8"))["ref"] for p in posts)
    assert sum(1 for n in refs.values() if n > 1) == corpus.translated_refs > 0
    words = [len(p.read_text(encoding="utf-8").split("---\n", 2)[2].split()) for p in posts]
    assert min(words) >= 300 and max(words) <= 700


def test_corpus_is_the_same_for_the_same_seed(corpus, tmp_path):
    again = generate(tmp_path / "again", 120)
    first = {p.name: p.read_bytes() for p in (corpus.project / POSTS).glob("*.md")}
    assert {p.name: p.read_bytes() for p in (again.project / POSTS).glob("*.md")} == first


def test_the_edited_post_is_the_newest_french_one(corpus):
    post = edited_post(corpus.project)
    french = [p for p in sorted((corpus.project / POSTS).glob("*.md"))
              if front_matter(p.read_text(encoding="utf-8"))["lang"] == "fr"]
    assert post == french[-1]


# ---------------------------------------------------------------- the Jekyll peer
def test_a_jekyll_post_keeps_title_date_language_and_body():
    post = Post(path="docs/blog/posts/2019-12-17-x-en.md", name="2019-12-17-x-en.md",
                title='Geotrek: "3.0" #1', published=datetime(2019, 12, 17, 10, 30), lang="en", ref="r1",
                body="\nText with {braces}.\n", categories=("Rencontres",), image="assets/img/a.jpg")
    path, text = post_file(post, "en/blog/2019/12/17/x/")
    assert path == "en/_posts/2019-12-17-x-en.md"
    front = front_matter(text)
    assert front == {"title": 'Geotrek: "3.0" #1', "date": "2019-12-17 10:30:00", "locale": "en", "ref": "r1",
                     "categories": ["Rencontres"], "tags": ["2019"], "permalink": "/en/blog/2019/12/17/x/",
                     "layout": "post", "image": "/assets/img/a.jpg"}
    assert text.endswith("---\n\n\nText with {braces}.\n")


def test_jekyll_site_has_every_post_at_the_portals_address(corpus, jekyll):
    assert jekyll.posts == Counter(corpus.per_language)
    portal = {p.name: "/" + _url_of(p) for p in (corpus.project / POSTS).glob("*.md")}
    written = {}
    for lang in ("fr", "en", "es"):
        for path in (jekyll.source / lang / "_posts").glob("*.md"):
            front = front_matter(path.read_text(encoding="utf-8"))
            assert front["locale"] == lang
            written[path.name] = front["permalink"]
    assert written == portal


def test_jekyll_site_has_the_lists_the_portals_blog_has(corpus, jekyll):
    source = jekyll.source
    languages = load_site(corpus.project / "mkdocs.yml").languages
    for lang in languages.all:
        blog = source / f"{lang.prefix}blog"
        assert front_matter((blog / "index.html").read_text())["pagination"] == {"enabled": True, "locale": lang.code}
        assert (source / f"{lang.prefix}index.html").exists()
        assert (source / f"{lang.prefix}search/search_index.json").exists()
    posts = [front_matter(p.read_text(encoding="utf-8")) for p in source.glob("*/_posts/*.md")]
    categories = {(p["locale"], c) for p in posts for c in p["categories"]}
    pages = {(front_matter(p.read_text())["locale"], front_matter(p.read_text())["pagination"]["category"])
             for p in source.glob("**/blog/category/*/index.html")}
    assert pages == categories
    years = {(p["locale"], p["tags"][0]) for p in posts}
    archives = {(front_matter(p.read_text())["locale"], front_matter(p.read_text())["pagination"]["tag"])
                for p in source.glob("**/blog/archive/*/index.html")}
    assert archives == years
    assert jekyll.pages == 3 * len(languages.all) + len(categories) + len(years)


def test_jekyll_config_has_a_feed_per_language_and_only_debians_plugins(corpus, jekyll):
    config = yaml.safe_load((jekyll.source / "_config.yml").read_text())
    languages = load_site(corpus.project / "mkdocs.yml").languages
    assert config["feed"] == {"categories": list(languages.codes), "posts_limit": jekyll_site.FEED_POSTS}
    assert config["plugins"] == list(PLUGINS)
    assert config["pagination"]["per_page"] == 5
    data = yaml.safe_load((jekyll.source / "_data/languages.yml").read_text())
    assert list(data) == list(languages.codes)
    assert data["en"]["blog"] == "/en/blog/" and data["fr"]["home"] == "/"
    # the pictures the posts show are there
    for post in jekyll.source.glob("*/_posts/*.md"):
        image = front_matter(post.read_text(encoding="utf-8")).get("image")
        if image:
            assert (jekyll.source / image.lstrip("/")).is_file()


def test_make_bench_deps_installs_every_plugin_the_config_names():
    makefile = (REPO / "Makefile").read_text()
    debs = re.search(r"^BENCH_DEBS := (.*)$", makefile, re.M).group(1).split()
    assert set(debs) == {"jekyll", *(f"ruby-{plugin}" for plugin in PLUGINS)}
    check = re.search(r"^bench-deps:\n.*\n\truby -e '(.*?)'", makefile, re.M).group(1)
    assert set(re.findall(r'require "([\w-]+)"', check)) == {"jekyll", *PLUGINS}
    assert re.search(r"^bench: .*bench-deps", makefile, re.M)
