"""What hooks/build_speed.py skips or shares changes nothing in the built site."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.config import load_config

from bench.corpus import generate
from geotrek_portal.blog import PostReader
from geotrek_portal.build_cache import CACHE_DIR
from geotrek_portal.config import load_languages
from geotrek_portal.markdown import MORE, ensure_excerpt_marker, excerpt_head
from tests.conftest import ENV, PROPERDOCS, REPO, make_project, post_text

sys.path.insert(0, str(REPO / "hooks"))
import compat  # noqa: E402

HOOK_LINE = "  - hooks/build_speed.py"


def _bodies_of_the_repository() -> list[str]:
    reader = PostReader(load_languages(REPO / "mkdocs.yml"))
    catalog = reader.read(REPO / "docs/blog/posts", REPO / "docs")
    return [ensure_excerpt_marker(post.body) for post in catalog.posts()]


def _bodies_of_a_corpus(root: Path) -> list[str]:
    project = generate(root / "corpus", 40).project
    return [
        ensure_excerpt_marker(path.read_text(encoding="utf-8").split("---\n", 2)[2])
        for path in sorted((project / "docs/blog/posts").glob("*.md"))
    ]


TRICKY = [
    f"Intro with [a link](https://example.org), :smile: and `code`.\n\n{MORE}\n\n## Part\n\nRest.",
    f"Intro[^1].\n\n[^1]: A note.\n\n{MORE}\n\nRest, noted in the head only.",
    f"| a | b |\n|---|---|\n| 1 | 2 |\n\n{MORE}\n\n- [ ] task\n- [x] done",
    f"- one\n- two\n\n{MORE}\n\n- three\n\n    indented code",
    f'<div class="x" markdown>\n\n**Bold** intro.\n\n</div>\n\n{MORE}\n\n<iframe src="https://example.org"></iframe>',
    f"!!! note\n    An admonition.\n\n{MORE}\n\n??? tip\n    Details.",
    f"~~struck~~ and https://example.org/bare and #hashtag\n\n{MORE}\n\nRest ~~too~~.",
]
# converted whole (excerpt_head is None): the head alone would differ
UNSAFE = [
    f"[Intro][r] and *[HTML] HTML.\n\n{MORE}\n\nRest.\n\n[r]: https://example.org\n*[HTML]: Hyper Text",
    f"Intro[^1].\n\n{MORE}\n\nRest.\n\n[^1]: A note defined after the separator.",
    f"Intro.\n\n{MORE}\n\n# A first-level heading\n\nRest.",
    f"<div>\n\nIntro.\n\n{MORE}\n\n</div>\n\nRest.",
    f"Intro.\n{MORE}\nRest in the same paragraph.",
]


@pytest.fixture(scope="module")
def configured():
    config = load_config(str(REPO / "mkdocs.yml"))
    return config.plugins.on_config(config)


def _render(configured, tmp_path: Path, body: str, render) -> object:
    """One excerpt of `body`, rendered in the blog index by `render` (Material's own, or the head only)."""
    from material.plugins.blog.structure import Excerpt, Post
    from mkdocs.structure.files import File, Files

    posts = tmp_path / "blog/posts"
    posts.mkdir(parents=True, exist_ok=True)
    (posts / "a.md").write_text(f"---\ndate: 2020-01-01\ntitle: A post\n---\n\n{body}", encoding="utf-8")
    file = File("blog/posts/a.md", str(tmp_path), str(tmp_path / "site"), True)
    post = Post(file, configured)
    file.url = "blog/2020/01/01/a/"
    excerpt = Excerpt(post, configured, Files([file]))
    render(excerpt, SimpleNamespace(url="blog/page/2/"), MORE)
    return excerpt


def test_an_excerpt_head_converts_to_the_html_of_the_whole_post(configured, tmp_path):
    from material.plugins.blog.structure import Excerpt

    compat.convert_excerpt_heads(excerpt_head)
    whole_render, head_render = Excerpt.render.__wrapped__, Excerpt.render
    corpus = _bodies_of_a_corpus(tmp_path)
    bodies = _bodies_of_the_repository() + corpus + TRICKY + UNSAFE
    for body in bodies:
        whole = _render(configured, tmp_path, body, whole_render)
        head = _render(configured, tmp_path, body, head_render)
        assert head.content == whole.content, body[:200]
        assert bool(head.more) == bool(whole.more)
        assert [i.title for i in head.toc.items] == [i.title for i in whole.toc.items]
        assert [c.title for c in head.toc.items[0].children] == [c.title for c in whole.toc.items[0].children]
    # the saving applies to posts shaped like the community's (not a timing: which path runs)
    assert sum(excerpt_head(body) is not None for body in corpus + TRICKY) == len(corpus + TRICKY)
    assert [excerpt_head(body) for body in UNSAFE] == [None] * len(UNSAFE)


def _build(project: Path, site: Path) -> None:
    env = {**ENV, "SOURCE_DATE_EPOCH": "1700000000"}  # the feeds' build date
    proc = subprocess.run([*PROPERDOCS, "build", "--strict", "--site-dir", str(site)], cwd=project, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout


def _files(site: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(site)): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_a_warm_build_after_a_template_change_is_the_cold_build_without_the_hook(tmp_path):
    """The build's cache (.cache/geotrek/) and hooks/build_speed.py change nothing in the site.

    A first build fills the cache; a template the lists of posts use changes;
    the next build, with the cache kept, must be byte for byte the build of a
    fresh copy without the hook and without a cache.
    """
    posts = {
        f"2020-01-{i + 1:02}-post{i}.md": post_text(f"Post {i}", f"2020-01-{i + 1:02}", "fr", f"post{i}", body)
        for i, body in enumerate(TRICKY + UNSAFE)
    }
    posts["2020-02-01-english.md"] = post_text("English", "2020-02-01", "en", "post0", TRICKY[0])
    project = make_project(tmp_path, posts)
    _build(project, tmp_path / "first")
    assert any((project / CACHE_DIR).glob("jinja-*/*")) and any((project / CACHE_DIR).glob("posts/blog/posts/*.md"))
    partial = project / "overrides/partials/post.html"
    partial.write_text(partial.read_text(encoding="utf-8") + "<!-- changed template -->\n", encoding="utf-8")
    _build(project, tmp_path / "warm")

    shutil.rmtree(project / CACHE_DIR)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert HOOK_LINE in text
    config.write_text("\n".join(line for line in text.splitlines() if not line.startswith(HOOK_LINE)) + "\n")
    _build(project, tmp_path / "plain")

    warm, plain = _files(tmp_path / "warm"), _files(tmp_path / "plain")
    assert warm.keys() == plain.keys()
    assert [name for name in warm if warm[name] != plain[name]] == []
    assert b"<!-- changed template -->" in warm["blog/index.html"]
    assert b"<!-- changed template -->" not in (tmp_path / "first/blog/index.html").read_bytes()
