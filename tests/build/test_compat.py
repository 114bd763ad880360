"""The boundary with the plugins' insides (hooks/compat.py) and the hooks' shared context.

After an upgrade of MkDocs or of a plugin, this file says what broke: every
accessor of hooks/compat.py is exercised against the installed packages.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from importlib import metadata
from types import SimpleNamespace

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from tests.conftest import REPO, make_project, run_mkdocs_build

sys.path.insert(0, str(REPO / "hooks"))
import compat  # noqa: E402

HOOK = "tests/build/test_compat.py"


# ---------------------------------------------------------------- versions
def test_the_installed_packages_are_the_tested_ones():
    pins = compat.tested_versions()
    assert {"mkdocs-material", "mkdocs-static-i18n", "mkdocs-rss-plugin", "mkdocs-redirects"} <= set(pins)
    assert "mkdocs" in pins or "properdocs" in pins
    assert compat.version_mismatches() == []


def _pretend_installed(monkeypatch, package: str, version: str) -> None:
    real = metadata.version
    monkeypatch.setattr(compat.metadata, "version", lambda name: version if name == package else real(name))


def test_an_untested_version_stops_with_one_line(monkeypatch):
    monkeypatch.delenv(compat.ALLOW_UNTESTED, raising=False)
    _pretend_installed(monkeypatch, "mkdocs-rss-plugin", "9.0.0")
    with pytest.raises(PluginError) as failure:
        compat.check_versions()
    message = str(failure.value)
    assert "\n" not in message
    tested = compat.tested_versions()["mkdocs-rss-plugin"]
    assert message.startswith(f"mkdocs-rss-plugin 9.0.0 is installed, the portal's hooks were tested with {tested}")
    assert compat.ALLOW_UNTESTED in message


def test_a_maintainer_may_try_an_untested_version(monkeypatch, caplog):
    monkeypatch.setenv(compat.ALLOW_UNTESTED, "1")
    _pretend_installed(monkeypatch, "mkdocs-static-i18n", "2.0.0")
    compat.check_versions()
    assert any("untested: mkdocs-static-i18n 2.0.0" in r.getMessage() for r in caplog.records)


def test_a_missing_package_is_named(monkeypatch):
    monkeypatch.delenv(compat.ALLOW_UNTESTED, raising=False)

    def version(name):
        if name == "mkdocs-redirects":
            raise metadata.PackageNotFoundError(name)
        return metadata.distribution(name).version

    monkeypatch.setattr(compat.metadata, "version", version)
    with pytest.raises(PluginError, match=r"^mkdocs-redirects none is installed"):
        compat.check_versions()


def test_a_missing_plugin_names_the_hook_that_needs_it():
    config = SimpleNamespace(plugins={})
    with pytest.raises(PluginError) as failure:
        compat.plugin(config, "rss", "hooks/feeds.py")
    assert str(failure.value) == (
        "hooks/feeds.py needs the 'rss' plugin (mkdocs-rss-plugin): add '- rss' to plugins in mkdocs.yml"
    )


# ---------------------------------------------------------------- accessors
@pytest.fixture(scope="module")
def configured():
    """The repository's configuration after every plugin's and hook's on_config (the default language)."""
    config = load_config(str(REPO / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    yield config


def test_static_i18n_accessors(configured):
    languages, lang = compat.language_build(configured, HOOK)
    assert languages.codes == ("fr", "en", "es") and lang == "fr"
    assert compat.built_languages(configured, HOOK) == ["fr", "en", "es"]
    assert compat.building_other_languages(configured, HOOK) is False
    assert compat.search_reconfigured(configured, HOOK) is False
    assert compat.language_option(configured, "en", "site_name", HOOK) == "Geotrek community"
    roots = compat.language_roots(configured, HOOK)
    assert [entry["lang"] for entry in roots] == ["fr", "en", "es"]
    # static-i18n sets the selector per page; Material's template reads it there
    compat.set_switcher_links(configured, roots)
    assert [entry["lang"] for entry in compat.switcher_links(configured)] == ["fr", "en", "es"]
    assert configured.extra.alternate is roots
    import material

    partial = Path(material.__file__).parent / "templates/partials/alternate.html"
    assert "config.extra.alternate" in partial.read_text(encoding="utf-8")
    compat.set_language_pages(configured, "en", ["page"], HOOK)
    assert compat.language_pages(configured, "en", HOOK) == ["page"]


def test_language_build_before_static_i18n_chose_one():
    entries = [{"locale": "fr", "name": "Français", "default": True}, {"locale": "en", "name": "English"}]
    i18n = SimpleNamespace(config=SimpleNamespace(languages=entries), current_language=None)
    config = SimpleNamespace(plugins={"i18n": i18n})
    assert compat.language_build(config, HOOK)[1] == "fr"  # static-i18n sets it only at the end of on_config
    i18n.current_language = "en"
    languages, lang = compat.language_build(config, HOOK)
    assert lang == "en" and languages.codes == ("fr", "en")


def test_static_i18n_reads_the_attributes_given_to_files_it_never_saw(configured, tmp_path):
    from mkdocs.structure.files import File

    file = File("blog/index.md", str(tmp_path), str(tmp_path / "site"), True)
    compat.mark_translated(file, "en", "en", {"en": file})
    i18n = configured.plugins["i18n"]
    # the checks its switcher and sitemap make on every file
    assert i18n.is_default_language_build is not None
    assert (file.locale, file.locale_alternate_of, file.localization, file.norm_src_uri) == (
        "en", "en", "en", "blog/index.md"
    )
    assert compat.file_alternates(file) == {"en": file}
    assert "i18n_alternates" in (REPO / "overrides/sitemap.xml").read_text(encoding="utf-8")
    assert compat.sitemap_context("en", [file]) == {"i18n_alternates": {"en": [file]}}


def test_material_accessors(configured):
    blog = compat.point_blog_at(configured, "en/blog", "blog/posts", HOOK)
    assert (blog.config.blog_dir, blog.config.post_dir) == ("en/blog", "blog/posts")
    assert compat.blog_url_formats(configured, HOOK) == ("{date}/{slug}", blog.config.post_url_date_format)
    compat.set_blog_labels(configured, {"archive_name": "Archive"}, HOOK)
    assert blog.config.archive_name == "Archive"
    compat.search_one_language(configured, "es", HOOK)
    search = configured.plugins["material/search"].config
    assert (search.lang, search.separator, search.pipeline) == (["es"], None, None)
    # the default language's build (not the last one) leaves the sitemap to the last
    assert "sitemap.xml" not in configured.theme.static_templates and "404.html" in configured.theme.static_templates
    compat.choose_static_templates(configured, lambda name: True)  # from the configured set again
    assert "sitemap.xml" in configured.theme.static_templates
    compat.choose_static_templates(configured, lambda name: name != "sitemap.xml")
    assert "sitemap.xml" not in configured.theme.static_templates and "404.html" in configured.theme.static_templates
    compat.choose_static_templates(configured, lambda name: True)  # from the configured set again
    assert "sitemap.xml" in configured.theme.static_templates
    compat.set_theme_language(configured, "en")
    assert configured.theme["language"] == "en"


def test_material_excerpts_convert_the_head_only_with_the_same_html(configured, tmp_path):
    """Material's Excerpt.render reads post.markdown while it runs and keeps the rest as `more`."""
    from material.plugins.blog.structure import Excerpt, Post
    from mkdocs.structure.files import File, Files

    from geotrek_portal.markdown import excerpt_head

    posts = tmp_path / "blog/posts"
    posts.mkdir(parents=True)
    body = "Intro with a [link](https://example.org) and :smile:.\n\n<!-- more -->\n\n## Rest\n\nMore text.\n"
    (posts / "a.md").write_text(f"---\ndate: 2020-01-01\ntitle: A post\n---\n\n{body}", encoding="utf-8")
    file = File("blog/posts/a.md", str(tmp_path), str(tmp_path / "site"), True)
    files = Files([file])
    compat.convert_excerpt_heads(excerpt_head)
    compat.convert_excerpt_heads(excerpt_head)  # idempotent
    assert Excerpt.render.portal_heads_only and not getattr(Excerpt.render.__wrapped__, "portal_heads_only", False)
    view = SimpleNamespace(url="blog/")
    rendered = {}
    for name, render in (("whole", Excerpt.render.__wrapped__), ("head", Excerpt.render)):
        post = Post(file, configured)
        file.url = "blog/2020/01/01/a/"
        post.file = file
        excerpt = Excerpt(post, configured, files)
        render(excerpt, view, "<!-- more -->")
        assert post.markdown == body  # the post keeps its whole Markdown
        rendered[name] = excerpt
    assert rendered["head"].content == rendered["whole"].content
    assert "Intro with a" in rendered["head"].content and "More text" not in rendered["head"].content
    assert rendered["whole"].more and rendered["head"].more is compat.CONTINUES
    assert rendered["head"].toc.items[0].title == rendered["whole"].toc.items[0].title
    with pytest.raises(TypeError, match="post.more holds no HTML"):
        str(rendered["head"].more)
    # templates read `more` only as a truth value
    import material

    templates = [*(Path(material.__file__).parent / "templates").rglob("*.html"), *(REPO / "overrides").rglob("*.html")]
    uses = {
        f"{template.name}: {use}"
        for template in templates
        for use in re.findall(r"(?:\{%-?\s*if\s+)?\b(?:post|excerpt|page)\.more\b", template.read_text(encoding="utf-8"))
    }
    assert uses == {"post.html: {% if post.more"}, uses


def test_material_blog_posts_answer_in_as_a_list_does(configured, tmp_path):
    """Material asks `page in self.blog.posts` for every page; the indexed list answers the same."""
    import inspect

    import material.plugins.blog.plugin as blog_plugin
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    files = [File(f"p{i}.md", str(tmp_path), str(tmp_path / "site"), True) for i in range(3)]
    pages = [Page(f"P{i}", file, configured) for i, file in enumerate(files)]
    posts = compat._PostList(pages[:2])
    twin, other = Page("P0", files[0], configured), Page("Other", files[0], configured)  # equal / not equal to P0
    for item in (*pages, twin, other, None, "P0"):
        assert (item in posts) == (item in list(posts)), item
    assert pages[0] in posts and twin in posts and other not in posts and pages[2] not in posts
    posts.append(pages[2])
    posts.remove(pages[0])
    assert pages[2] in posts and pages[0] not in posts and twin not in posts
    assert posts == [pages[1], pages[2]]
    # Material keeps its posts in blog.posts and asks there (9.x)
    assert inspect.getsource(blog_plugin.BlogPlugin).count("page not in self.blog.posts") == 2
    blog = configured.plugins["material/blog"]
    kept = getattr(blog, "blog", None)
    try:
        blog.blog = SimpleNamespace(posts=[pages[0]])
        compat.index_blog_posts(configured, HOOK)
        assert isinstance(blog.blog.posts, compat._PostList) and blog.blog.posts == [pages[0]]
    finally:
        blog.blog = kept


def test_rss_accessors(configured):
    rss = compat.RssInternals(configured, HOOK)
    rss.start_language()
    assert rss.plugin.pages_to_filter == []
    rss.link_channels_to("https://example.org/en/blog/")
    assert rss.plugin.feed_created.html_url == rss.plugin.feed_updated.html_url == "https://example.org/en/blog/"
    enclosure = SimpleNamespace(url="https://example.org/a.png", type="image/png", length=3)
    rss.take_over_pictures(lambda meta: enclosure if meta.get("image") else None)
    page = SimpleNamespace(meta={"image": "a.png"})
    assert rss.plugin.util.get_image(page, "https://example.org/") == ("https://example.org/a.png", "image/png", 3)
    rss.clean_json_feeds(lambda data: {**data, "cleaned": True})
    json_feed = rss.plugin.util.feed_to_json(rss.plugin.feed_created)
    assert json_feed["cleaned"] is True and json_feed["home_page_url"] == "https://example.org/en/blog/"
    item = SimpleNamespace(guid="https://example.org/p/", description="old")
    rss.plugin.pages_to_filter.append(item)
    rss.describe_item("https://example.org/p/", lambda: "<p>new</p>")
    assert item.description == "<p>new</p>"

    settings = compat.FeedSettings(configured, HOOK)
    assert {"rss_created", "json_created"} <= set(settings.names)
    # rss turned the configured string into a datetime in its on_config: the
    # bridge kept the string, read before (priority 100), for the next build
    assert not isinstance(settings.default_time, str)
    assert configured.plugins["hooks/blog_i18n.py"].bridge.feed.default_time == "00:00"
    settings.apply(configured, prefix="en/", image="https://example.org/logo.png", match_path="^x/", title="T", description="D")
    name, title, description, image, length = compat.feed_output(configured, HOOK)
    assert name == "en/" + settings.names["rss_created"]
    assert (title, description, image) == ("T", "D", "https://example.org/logo.png") and length > 0


def test_redirects_accessors(configured, caplog):
    import logging

    compat.set_redirect_maps(configured, {"old.html": "new/"}, HOOK)
    assert configured.plugins["redirects"].config["redirect_maps"] == {"old.html": "new/"}
    compat.allow_html_redirect_sources()
    logger = logging.getLogger(compat.REDIRECTS_LOGGER)
    with caplog.at_level(logging.WARNING, logger=compat.REDIRECTS_LOGGER):
        logger.warning("redirects plugin: 'old.html' is not a valid markdown file!")
        logger.warning("another warning")
    assert [r.getMessage() for r in caplog.records] == ["another warning"]


# ---------------------------------------------------------------- builds
def test_a_build_with_an_untested_pin_stops_with_one_line(tmp_path):
    project = make_project(tmp_path)
    requirements = project / "requirements.txt"
    tested = compat.tested_versions()["mkdocs-rss-plugin"]
    requirements.write_text(
        requirements.read_text(encoding="utf-8").replace(f"mkdocs-rss-plugin=={tested}", "mkdocs-rss-plugin==0.1.0")
    )
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    expected = f"mkdocs-rss-plugin {tested} is installed, the portal's hooks were tested with 0.1.0"
    lines = [line for line in result.output.splitlines() if expected in line]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output


def test_a_plugin_removed_from_mkdocs_yml_is_a_clear_error(tmp_path):
    project = make_project(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    # the rss entry and its indented options
    without, removed = re.subn(r"\n  - rss:\n(?:      .*\n|\s*#.*\n)*", "\n", text)
    assert removed == 1
    config.write_text(without, encoding="utf-8")
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "needs the 'rss' plugin (mkdocs-rss-plugin): add '- rss' to plugins in mkdocs.yml" in result.output
    assert "Traceback" not in result.output and "KeyError" not in result.output


def _site_files(site) -> dict[str, bytes]:
    files = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        # the feeds' channel carries the build time: the only thing two builds may differ by
        channel, item, items = data.partition(b"<item>")
        data = re.sub(rb"<(lastBuildDate|pubDate)>[^<]*</\1>", b"", channel) + item + items
        files[path.relative_to(site).as_posix()] = data
    return files


def test_the_order_of_the_hooks_in_mkdocs_yml_does_not_matter(tmp_path):
    project = make_project(tmp_path, keep_posts=True)
    first = run_mkdocs_build(project, tmp_path / "listed")
    assert first.returncode == 0, first.output

    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    block = re.search(r"\nhooks:\n((?:  - .*\n)+)", text)
    hooks = block.group(1).splitlines(keepends=True)
    assert len(hooks) > 5
    config.write_text(text.replace(block.group(1), "".join(reversed(hooks))), encoding="utf-8")
    shuffled = run_mkdocs_build(project, tmp_path / "reversed")
    assert shuffled.returncode == 0, shuffled.output

    listed, reordered = _site_files(first.site), _site_files(shuffled.site)
    assert listed.keys() == reordered.keys()
    assert [name for name in listed if listed[name] != reordered[name]] == []


# ---------------------------------------------------------------- the live preview (hooks/live_preview.py)
@pytest.fixture
def preview_config():
    config = load_config(str(REPO / "mkdocs.yml"))
    return config.plugins.on_config(config)


def test_preview_builds_one_language_without_feeds(preview_config):
    compat.build_one_language(preview_config, "en", HOOK)
    i18n = preview_config.plugins["i18n"]
    assert i18n.current_language == "en" and compat.building_other_languages(preview_config, HOOK)
    assert compat.language_build(preview_config, HOOK)[1] == "en"
    assert compat.search_entries(preview_config, HOOK) == []
    compat.pause_feeds(preview_config, HOOK)
    assert preview_config.plugins["rss"].config.enabled is False


def test_preview_search_index_is_not_merged_with_the_previous_one(preview_config):
    search = preview_config.plugins["material/search"]
    search.search_index_prev = object()
    compat.forget_previous_search_index(preview_config, HOOK)
    assert search.search_index_prev is None
    entries = compat.search_entries(preview_config, HOOK)
    entries.append({"location": "a/", "title": "A", "text": ""})
    assert '"location":"a/"' in search.search_index.generate_search_index(None)


def test_preview_decides_which_pages_a_dirty_build_reads_and_writes(tmp_path):
    import inspect

    from mkdocs.commands import build
    from mkdocs.structure.files import File

    (tmp_path / "a.md").write_text("# A\n")
    file = File("a.md", str(tmp_path), str(tmp_path / "site"), True)
    assert file.is_modified()  # no output yet
    compat.decide_rebuild(file, lambda: False)
    assert file.is_modified() is False
    # MkDocs asks the file, when reading and when writing its page
    assert "page.file.is_modified()" in inspect.getsource(build._populate_page)
    assert "page.file.is_modified()" in inspect.getsource(build._build_page)


def test_preview_reads_which_posts_a_blog_list_shows(preview_config, tmp_path):
    import inspect

    from material.plugins.blog.plugin import BlogPlugin
    from material.plugins.blog.structure import Excerpt, View
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    (tmp_path / "index.md").write_text("# News\n")
    file = File("index.md", str(tmp_path), str(tmp_path / "site"), True)
    view, post = View("News", file, preview_config), SimpleNamespace(file=file)
    assert compat.blog_view_posts({"posts": [SimpleNamespace(post=post)]}, view) == [post]
    assert compat.blog_view_posts({}, view) == []
    assert compat.blog_view_posts({"posts": []}, Page("A", file, preview_config)) is None
    assert 'context["posts"]' in inspect.getsource(BlogPlugin.on_page_context)
    assert "self.post = post" in inspect.getsource(Excerpt.__init__)


def test_preview_server_accessors(tmp_path):
    import time

    from properdocs.livereload import LiveReloadServer

    calls = []
    server = LiveReloadServer(builder=lambda: calls.append("build"), host="127.0.0.1", port=0, root=str(tmp_path))
    compat.take_over_rebuilds(server, lambda build: (calls.append("mine"), build()))
    server.builder()
    assert calls == ["mine", "build"]

    server._wanted_epoch, server._visible_epoch = 5, 1
    compat.reload_browsers_now(server)
    assert server._visible_epoch == server._wanted_epoch == 5  # served, and browsers reload
    compat.reload_browsers_after_rebuild(server)
    assert server._wanted_epoch > server._visible_epoch  # the build loop shows it when the build returns

    watched = tmp_path / "docs"
    watched.mkdir()
    (watched / "a.md").write_text("a")
    server.watch(str(watched))
    assert compat.watch_with_inotify(server)
    server.observer.start()
    try:
        (watched / "a.md").read_text()  # reading is no edit
        time.sleep(0.3)
        assert server._want_rebuild is False
        (watched / "a.md").write_text("b")
        deadline = time.monotonic() + 30
        while not server._want_rebuild:
            assert time.monotonic() < deadline, "no rebuild after an edit"
            time.sleep(0.05)
    finally:
        server.observer.stop()
        server.observer.join()


def test_preview_watches_by_polling_where_inotify_fails(tmp_path, monkeypatch):
    from properdocs.livereload import LiveReloadServer
    from watchdog.observers.inotify import InotifyObserver
    from watchdog.observers.polling import PollingObserver

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(tmp_path))
    assert compat.watch_with_inotify(server)

    def no_inotify(self):
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(InotifyObserver, "start", no_inotify)
    server.observer.start()
    try:
        assert isinstance(server.observer, PollingObserver) and server.observer.is_alive()
        assert list(server._watch_refs) == [str(tmp_path)]
    finally:
        server.observer.stop()
        server.observer.join()


def test_preview_knows_an_edit_is_pending(tmp_path):
    from properdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    assert compat.edit_pending(server) is False
    server._want_rebuild = True  # what its watcher sets on a change
    assert compat.edit_pending(server) is True


def test_theme_environments_share_compiled_templates_and_the_file_list(tmp_path):
    """MkDocs makes environments with theme.get_env() and lists the theme's files through them."""
    from jinja2 import FileSystemBytecodeCache
    from mkdocs.structure.files import Files

    # a configuration no hook ran on: the Theme as MkDocs made it (last in this file:
    # loading it again resets options the module's `configured` shares)
    config = load_config(str(REPO / "mkdocs.yml"))
    cache, listings = FileSystemBytecodeCache(str(tmp_path)), {}
    compat.share_theme_work(config, cache, listings)
    compat.share_theme_work(config, cache, listings)  # idempotent
    first, second = config.theme.get_env(), config.theme.get_env()
    assert first.bytecode_cache is cache and second.bytecode_cache is cache
    first.get_template("main.html")
    assert any(tmp_path.iterdir())  # compiled once, on disk for every environment
    names = first.list_templates()
    assert "main.html" in names and list(listings.values()) == [first.loader.list_templates()]
    # hidden paths (Material's .icons/) are left out of the list, as MkDocs' filter leaves them out of the site
    assert not [name for name in names if name.startswith(".") or "/." in name]
    first.get_template(".icons/material/home.svg")  # still found by name
    unfiltered = Files([])
    # MkDocs' own filter leaves a hidden file of the theme out (so leaving it out of the list changes nothing)
    listings[tuple(config.theme.dirs)] = [*names, ".icons/material/home.svg"]
    unfiltered.add_files_from_theme(second, config)
    listed = {f.src_uri for f in unfiltered}
    assert ".icons/material/home.svg" not in listed and "main.html" not in listed and "404.html" not in listed
    assert "assets/javascripts/bundle.min.js" in listed or any(u.startswith("assets/javascripts/") for u in listed)
    listings.clear()
    assert first.list_templates() == names  # listed again
    listings[tuple(config.theme.dirs)].append("assets/listed-once.css")
    assert "assets/listed-once.css" in second.list_templates()  # the second environment did not walk the folders
    files = Files([])
    files.add_files_from_theme(second, config)
    assert any(f.src_uri.startswith("assets/javascripts/") for f in files)
    listings.clear()
    assert "assets/listed-once.css" not in second.list_templates()
