"""THE ONLY PLACE where the hooks touch the non-public state of MkDocs and its plugins.

The portal bridges Material's blog, static-i18n, mkdocs-rss-plugin and
mkdocs-redirects in ways none of them offers as an API. Every such access is
a function (or a method of ``RssInternals``) below, whose docstring says what
it relies on and the version it was written against. The hooks call these
and nothing else of the plugins' insides.

Two guards make an upgrade fail loudly, in one line, instead of with a
traceback deep in a build:

- ``check_versions`` (run by ``plugin`` before the first access of a build):
  the installed versions of the packages below must be the ones pinned in
  ``requirements.txt`` (the tested set). ``PORTAL_ALLOW_UNTESTED_PLUGINS=1``
  lets a maintainer try others anyway, with a warning.
- ``plugin``: a plugin missing from ``mkdocs.yml`` is a ``PluginError`` naming
  the plugin and the hook that needs it.

tests/build/test_compat.py exercises every accessor against the installed
plugins: after an upgrade, that file says what broke.

This module is found by the hooks because MkDocs puts a hook's folder on
``sys.path`` while it loads it (mkdocs 1.4+, ``config_options.Hooks``).
"""

from __future__ import annotations

import logging
import os
import re
from importlib import metadata
from pathlib import Path

from mkdocs.exceptions import PluginError

from geotrek_portal.languages import Languages

log = logging.getLogger("mkdocs.hooks.compat")

ALLOW_UNTESTED = "PORTAL_ALLOW_UNTESTED_PLUGINS"
REQUIREMENTS = Path(__file__).resolve().parents[1] / "requirements.txt"
# the packages whose insides this module knows; MkDocs may come as properdocs
WATCHED = ("mkdocs", "properdocs", "mkdocs-material", "mkdocs-static-i18n", "mkdocs-rss-plugin", "mkdocs-redirects")
# plugin name in mkdocs.yml -> its package, for the error messages
PACKAGES = {
    "i18n": "mkdocs-static-i18n",
    "material/blog": "mkdocs-material",
    "material/search": "mkdocs-material",
    "rss": "mkdocs-rss-plugin",
    "redirects": "mkdocs-redirects",
}

_checked = False


# ---------------------------------------------------------------- guards
def tested_versions(requirements: Path = REQUIREMENTS) -> dict[str, str]:
    """Package -> version pinned in requirements.txt, for the watched packages."""
    pins = {}
    for line in requirements.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\s*([A-Za-z0-9_.-]+)\s*==\s*([^\s;#]+)", line)
        if match and _canonical(match.group(1)) in WATCHED:
            pins[_canonical(match.group(1))] = match.group(2)
    return pins


def version_mismatches(requirements: Path = REQUIREMENTS) -> list[str]:
    """One line per watched package whose installed version is not the pinned one."""
    lines = []
    for package, tested in tested_versions(requirements).items():
        try:
            found = metadata.version(package)
        except metadata.PackageNotFoundError:
            found = "none"
        if found != tested:
            lines.append(
                f"{package} {found} is installed, the portal's hooks were tested with {tested} "
                f"(hooks/compat.py; {ALLOW_UNTESTED}=1 to try anyway)"
            )
    return lines


def check_versions(requirements: Path = REQUIREMENTS) -> None:
    """Fail with one line when an installed package is not the tested version."""
    mismatches = version_mismatches(requirements)
    if not mismatches:
        return
    if os.environ.get(ALLOW_UNTESTED) == "1":
        for line in mismatches:
            log.warning(f"untested: {line}")  # a strict build fails on warnings: use a non-strict one
        return
    raise PluginError(mismatches[0])


def plugin(config, name: str, hook: str):
    """The plugin `name` of mkdocs.yml, or a clear error naming the hook that needs it."""
    global _checked
    if not _checked:
        check_versions()
        _checked = True
    try:
        return config.plugins[name]
    except KeyError:
        package = PACKAGES.get(name, name)
        raise PluginError(
            f"{hook} needs the '{name}' plugin ({package}): add '- {name}' to plugins in mkdocs.yml"
        ) from None


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


# ---------------------------------------------------------------- mkdocs-static-i18n 1.3.1
def language_build(config, hook: str) -> tuple[Languages, str]:
    """The site's languages and the one being built.

    Relies on static-i18n's ``current_language`` attribute (1.0+): set at the
    end of its on_config (-100) and for each language it builds in its
    on_post_build; None before the first one (then: the default language).
    """
    i18n = plugin(config, "i18n", hook)
    languages = Languages.from_entries([dict(e) for e in i18n.config.languages])
    return languages, i18n.current_language or languages.default.code


def language_option(config, lang: str, key: str, hook: str):
    """A per-language option (site_name...) of mkdocs.yml's i18n entry for `lang` (public config)."""
    for entry in plugin(config, "i18n", hook).config.languages:
        if entry["locale"] == lang:
            return entry.get(key)
    return None


def built_languages(config, hook: str) -> list[str]:
    """The languages this run builds, in order (the last one finishes the site).

    Relies on static-i18n's ``build_languages`` attribute (1.0+), set in its on_config.
    """
    return list(plugin(config, "i18n", hook).build_languages)


def building_other_languages(config, hook: str) -> bool:
    """True while static-i18n runs the builds of the other languages (its ``building`` flag, 1.0+)."""
    return bool(plugin(config, "i18n", hook).building)


def search_reconfigured(config, hook: str) -> bool:
    """static-i18n's ``reconfigure_search`` option (public config, 1.0+)."""
    return bool(plugin(config, "i18n", hook).config.reconfigure_search)


def set_language_pages(config, lang: str, pages: list, hook: str) -> None:
    """Tell static-i18n which pages `lang` has (its sitemap lists them).

    Relies on ``i18n_files_per_language`` (dict lang -> documentation Files,
    1.0+), filled in its on_files and read by its on_post_build.
    """
    plugin(config, "i18n", hook).i18n_files_per_language[lang] = pages


def language_pages(config, lang: str, hook: str) -> list:
    """The pages static-i18n knows for `lang` (``i18n_files_per_language``, 1.0+)."""
    return plugin(config, "i18n", hook).i18n_files_per_language[lang]


def language_roots(config, hook: str):
    """The language selector pointing at each language's home page.

    Relies on static-i18n's ``extra_alternate`` attribute (1.0+): the
    selector's entries as configured, before it rewrites them per page.
    """
    return getattr(plugin(config, "i18n", hook), "extra_alternate", None)


def switcher_links(config) -> list[dict]:
    """The language selector's entries of the page being rendered.

    static-i18n (1.0+) sets ``config.extra.alternate`` as an attribute of the
    LegacyConfig, not as a key, per page in its on_page_context (50); Material
    renders it (partials/alternate.html).
    """
    return getattr(config.extra, "alternate", None) or []


def set_switcher_links(config, links: list[dict]) -> None:
    """Replace the selector's entries (see switcher_links)."""
    config.extra.alternate = links


def mark_translated(file, lang: str, localization: str | None, alternates: dict) -> None:
    """Give a File static-i18n never saw (blog, generated pages) the attributes it reads.

    static-i18n 1.3 reads ``locale``, ``locale_alternate_of``, ``localization``,
    ``norm_src_uri`` and ``alternates`` (lang -> File or anything with ``url``
    and ``page``) on each File for its switcher and sitemap.
    """
    file.locale = file.locale_alternate_of = lang
    file.localization = localization
    file.norm_src_uri = file.src_uri
    file.alternates = alternates


def file_alternates(file) -> dict:
    """lang -> File (or Alternate) of `file`'s language versions (static-i18n's ``alternates``, 1.0+)."""
    return getattr(file, "alternates", None) or {}


def sitemap_context(lang: str, pages: list) -> dict:
    """Context of overrides/sitemap.xml for one language's pages.

    static-i18n 1.3 renders sitemap.xml with ``i18n_alternates`` (lang -> Files);
    the portal's template reads the same variable.
    """
    return {"i18n_alternates": {lang: pages}}


# ---------------------------------------------------------------- MkDocs 1.6 / Material 9.8
def set_theme_language(config, lang: str) -> None:
    """The theme's language, read by rss at on_config (0); static-i18n sets it only at -100."""
    config.theme["language"] = lang


def choose_static_templates(config, keep) -> None:
    """Render only the theme's static templates for which `keep(name)` is true in this build.

    Relies on MkDocs' ``Theme.static_templates`` (a set, read in build; 1.0+),
    which it has no option for per build. The set as configured is kept on
    the theme (one per configuration: `make serve` reloads it).
    """
    theme = config.theme
    if not hasattr(theme, "portal_static_templates"):
        theme.portal_static_templates = frozenset(theme.static_templates)
    theme.static_templates = {name for name in theme.portal_static_templates if keep(name)}


def share_theme_work(config, bytecode_cache, listings: dict) -> None:
    """Every Jinja environment of the theme in this process shares compiled templates and the theme's file list.

    MkDocs 1.6 (and Material's blog and search plugins, and our hooks) make a
    new environment with ``config.theme.get_env()`` (a public method) several
    times per language build, each compiling the templates again; and
    MkDocs lists the theme's files (Material's 14,500 icons included) through
    ``env.loader.list_templates()`` in each build
    (``Files.add_files_from_theme``). This wraps ``get_env`` on the Theme
    instance: each environment gets `bytecode_cache`, and its loader's
    ``list_templates`` answers from `listings` (theme folders -> names),
    which the caller empties when a new site build starts (the theme's files
    may change between `make serve` rebuilds). Idempotent per Theme.

    The list leaves out hidden paths (a part starting with a dot: Material's
    ``.icons/``, 14,000 files), which ``add_files_from_theme`` filters out
    anyway (its patterns ``.*`` and ``*/.*``, MkDocs 1.x) after testing each
    against a dozen patterns; templates still include them by name.
    """
    theme = config.theme
    if getattr(theme, "portal_shared_work", False):
        return
    get_env = theme.get_env

    def shared_get_env():
        env = get_env()
        env.bytecode_cache = bytecode_cache
        loader = env.loader
        list_templates = loader.list_templates

        def listed():
            key = tuple(theme.dirs)
            if key not in listings:
                listings[key] = [name for name in list_templates() if not _hidden(name)]
            return list(listings[key])

        loader.list_templates = listed
        return env

    theme.get_env = shared_get_env
    theme.portal_shared_work = True


def _hidden(name: str) -> bool:
    return any(part.startswith(".") for part in name.split("/"))


def point_blog_at(config, blog_dir: str, post_dir: str, hook: str):
    """Point Material's single blog plugin at one language's blog, per build.

    Relies on its ``blog_dir`` and ``post_dir`` options being read in its
    on_files (9.2+), after our on_config (100), never cached between builds.
    """
    blog = plugin(config, "material/blog", hook)
    blog.config.blog_dir = blog_dir
    blog.config.post_dir = post_dir
    return blog


def blog_url_formats(config, hook: str) -> tuple[str, str]:
    """Material's blog ``post_url_format`` and ``post_url_date_format`` (public config, 9.2+)."""
    blog = plugin(config, "material/blog", hook)
    return blog.config.post_url_format, blog.config.post_url_date_format


def set_blog_labels(config, labels: dict[str, str], hook: str) -> None:
    """The blog's ``archive_name``/``categories_name`` in the language being built.

    Relies on Material 9.2+ reading them in its on_files, after our on_config.
    """
    blog = plugin(config, "material/blog", hook)
    for option, text in labels.items():
        blog.config[option] = text


def search_one_language(config, lang: str, hook: str) -> None:
    """Material's search indexes the build's pages with `lang`'s stemmer only.

    Relies on its plugin filling ``lang``, ``separator`` and ``pipeline`` from
    the theme language only when empty, in its on_config (0) (9.0+).
    """
    search = plugin(config, "material/search", hook)
    search.config.lang = [lang]
    search.config.separator = None
    search.config.pipeline = None


# ---------------------------------------------------------------- Material 9.8 blog excerpts
class _Continues:
    """``Excerpt.more`` of an excerpt converted up to its separator only: the post goes on.

    Templates read ``more`` as a truth value only (Material's and our
    partials/post.html: ``{% if post.more %}``); printing it is an error, so
    that a template which starts showing it fails the build instead of
    showing nothing.
    """

    def __bool__(self) -> bool:
        return True

    def __str__(self) -> str:
        raise TypeError(
            "post.more holds no HTML in this build (hooks/compat.py, convert_excerpt_heads): "
            "a template prints it; convert excerpts whole again"
        )

    __html__ = __str__


CONTINUES = _Continues()


def convert_excerpt_heads(head_of) -> None:
    """Convert an excerpt's Markdown up to its separator only, not the whole post, in every list.

    Material's ``Excerpt.render(page, separator)`` (9.x,
    material/plugins/blog/structure/__init__.py) converts the whole
    ``self.post.markdown`` for every list a post is shown in (blog pages,
    archive, categories), keeps the HTML before `separator` as ``content``
    and the rest as ``more``. `head_of(markdown, separator)` returns the
    Markdown up to the separator when converting only that gives the same
    HTML before it (``geotrek_portal.markdown.excerpt_head``), else None
    (then Material's own render runs). Relies on ``render`` reading the post's
    ``markdown`` attribute while it runs, and on ``more`` being read only as
    a truth value (see _Continues). Process-wide and idempotent: one patch
    of the class, whatever the number of builds.
    """
    from material.plugins.blog.structure import Excerpt

    render = Excerpt.render
    if getattr(render, "portal_heads_only", False):
        return

    def render_head(self, page, separator):
        post = self.post
        whole = post.markdown
        head = head_of(whole, separator)
        if head is None:
            return render(self, page, separator)
        post.markdown = head
        try:
            render(self, page, separator)
        finally:
            post.markdown = whole
        self.more = CONTINUES

    render_head.portal_heads_only = True
    render_head.__wrapped__ = render
    Excerpt.render = render_head


class _PostList(list):
    """A list of posts whose ``in`` costs one dictionary look-up, with list semantics.

    ``page in posts`` compares `page` with every post (``Page.__eq__``: same
    class, same title, same File; MkDocs' File has no ``__eq__``, so the same
    File object). Only the posts with `page`'s File can be equal to it: they
    are found by the File's identity, then compared as the list would.
    """

    def __contains__(self, item) -> bool:
        if self._by_file is None or self._length != len(self):
            self._by_file, self._length = {}, len(self)
            for post in self:
                self._by_file.setdefault(id(getattr(post, "file", None)), []).append(post)
        candidates = self._by_file.get(id(getattr(item, "file", None)), ())
        return any(post is item or post == item for post in candidates)

    _by_file: dict | None = None
    _length = -1


def _forget_files(method):
    def mutated(self, *args, **kwargs):
        self._by_file = None
        return method(self, *args, **kwargs)

    return mutated


for _name in ("append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse",
              "__setitem__", "__delitem__", "__iadd__", "__imul__"):
    setattr(_PostList, _name, _forget_files(getattr(list, _name)))


def index_blog_posts(config, hook: str) -> None:
    """Material's blog asks ``page in self.blog.posts`` for every page it renders (quadratic).

    Relies on Material 9.x's blog plugin keeping its posts in the list
    ``blog.posts`` of its root view ``blog``, made in its on_files (-50) and
    read with ``in`` in its on_page_markdown and on_page_content; the list
    becomes a ``_PostList`` (same items, same order, same answers).
    """
    blog = getattr(plugin(config, "material/blog", hook), "blog", None)
    if blog is not None and not isinstance(blog.posts, _PostList):
        blog.posts = _PostList(blog.posts)


# ---------------------------------------------------------------- mkdocs-rss-plugin 1.19.0
class RssInternals:
    """mkdocs-rss-plugin's private state, per language build (written against 1.19.0).

    ``pages_to_filter`` (the collected ``PageInformation`` items),
    ``feed_created``/``feed_updated`` (the channels) and ``util`` (its helper,
    whose ``get_image`` and ``feed_to_json`` the plugin calls on itself).
    """

    def __init__(self, config, hook: str) -> None:
        self.plugin = plugin(config, "rss", hook)

    def start_language(self) -> None:
        """The plugin collects pages from on_startup on: start each language's feed empty."""
        self.plugin.pages_to_filter = []

    def link_channels_to(self, url: str) -> None:
        """The channels' link (``feed_created``/``feed_updated`` dicts' ``html_url``, made in its on_config)."""
        self.plugin.feed_created.html_url = self.plugin.feed_updated.html_url = url

    def take_over_pictures(self, picture) -> None:
        """`picture(meta) -> Enclosure | None` replaces the plugin's lookup (and its HTTP requests).

        Relies on ``util.get_image(in_page, base_url) -> (url, type, length) | None``.
        """

        def get_image(in_page, base_url):
            found = picture(in_page.meta or {})
            return None if found is None else (found.url, found.type, found.length)

        self.plugin.util.get_image = get_image

    def clean_json_feeds(self, clean) -> None:
        """Post-process the JSON feed (``util.feed_to_json(feed) -> dict``)."""
        to_json = self.plugin.util.feed_to_json
        self.plugin.util.feed_to_json = lambda feed: clean(to_json(feed))

    def describe_item(self, page_url: str, describe) -> None:
        """`describe()` becomes the HTML of the item the plugin has just collected for `page_url`.

        The plugin appends a page's item (``guid``, ``description``) in its
        on_page_content (-75): when the page is in the feed, its item is the last one.
        """
        entries = self.plugin.pages_to_filter
        if entries and entries[-1].guid == page_url:
            entries[-1].description = describe()


class FeedSettings:
    """mkdocs-rss-plugin's options, rewritten per language build (1.19.0).

    ``feeds_filenames`` and ``date_from_meta.default_time`` are options the
    plugin reads in its on_config (0); it turns ``default_time`` into a
    datetime there, so each build gets the configured string again.
    """

    def __init__(self, config, hook: str) -> None:
        """Read the options as configured: before rss's first on_config."""
        self.hook = hook
        rss = plugin(config, "rss", hook).config
        self.names = dict(rss.feeds_filenames)
        self.default_time = rss.date_from_meta.default_time

    def apply(self, config, *, prefix: str, image: str, match_path: str, title: str, description: str) -> None:
        """Set the options of this build (`make serve` reloads the configuration: `config`'s plugin)."""
        rss = plugin(config, "rss", self.hook).config
        rss.date_from_meta.default_time = self.default_time
        rss.image = image
        for kind, name in self.names.items():
            rss.feeds_filenames[kind] = prefix + name
        rss.match_path = match_path
        rss.feed_title = title
        rss.feed_description = description


def feed_output(config, hook: str) -> tuple[str, str, str, str | None, int]:
    """(RSS file name, title, description, image, length) of the language's feed (rss options)."""
    rss = plugin(config, "rss", hook).config
    return rss.feeds_filenames["rss_created"], rss.feed_title, rss.feed_description, rss.image or None, rss.length


# ---------------------------------------------------------------- mkdocs-redirects 1.2.3
def set_redirect_maps(config, maps: dict[str, str], hook: str) -> None:
    """The redirects of this language build: its ``redirect_maps`` option, read in its on_post_build."""
    plugin(config, "redirects", hook).config["redirect_maps"] = maps


class _OldHtmlPaths(logging.Filter):
    """Old Jekyll addresses end in .html (or .xml), not .md: mkdocs-redirects writes
    them as they are, which is what we want, but warns, which fails a strict build.

    Relies on its warning's text, "... is not a valid markdown file" (1.2), on
    the logger ``mkdocs.plugin.redirects``.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return "is not a valid markdown file" not in record.getMessage()


_html_filter = _OldHtmlPaths()
REDIRECTS_LOGGER = "mkdocs.plugin.redirects"


def allow_html_redirect_sources() -> None:
    logger = logging.getLogger(REDIRECTS_LOGGER)
    if _html_filter not in logger.filters:
        logger.addFilter(_html_filter)


# ---------------------------------------------------------------- the live preview (properdocs serve 1.6, --dirty)
def take_over_rebuilds(server, rebuild) -> None:
    """`rebuild(build)` replaces the server's rebuild after an edit; it calls `build()` as often as it likes.

    Relies on ``LiveReloadServer.builder`` (MkDocs 1.2+, ProperDocs 1.6): the
    function its build loop calls after a change, before it reloads the browsers.
    """
    build = server.builder
    server.builder = lambda: rebuild(build)


def reload_browsers_now(server) -> None:
    """Show what is built so far: serve it and reload the browsers, while the rebuild goes on.

    Relies on ``LiveReloadServer._epoch_cond``, ``_wanted_epoch`` (the version
    being built) and ``_visible_epoch`` (the version browsers have; requests
    wait while they differ; a browser whose page is older reloads), MkDocs 1.4+.
    """
    with server._epoch_cond:
        server._visible_epoch = server._wanted_epoch
        server._epoch_cond.notify_all()


def reload_browsers_after_rebuild(server) -> None:
    """Reload the browsers once more when the ongoing rebuild ends (after reload_browsers_now).

    A new ``_wanted_epoch`` that the build loop makes visible when the
    builder returns (see reload_browsers_now).
    """
    from properdocs.livereload import _timestamp

    with server._epoch_cond:
        server._wanted_epoch = max(_timestamp(), server._visible_epoch + 1)


def watch_with_inotify(server) -> bool:
    """Learn of edits from the kernel (inotify) instead of polling every half second.

    ProperDocs' server polls the watched folders each 0.5 s
    (``watchdog.observers.polling.PollingObserver``, in ``server.observer``,
    scheduled by ``watch()`` with handlers that set ``_want_rebuild`` under
    ``_rebuild_cond``). Before the server starts (on_serve), this replaces the
    observer with watchdog's inotify one, watching the same paths for writes,
    creations, deletions and moves only (reading a file must not rebuild).
    Returns False (polling stays) where inotify is not available.
    """
    try:
        from watchdog import events
        from watchdog.observers.inotify import InotifyObserver
    except ImportError:
        return False
    if server.observer.is_alive():
        return False
    wanted = (
        events.FileModifiedEvent, events.FileCreatedEvent, events.FileDeletedEvent,
        events.FileMovedEvent, events.FileClosedEvent, events.DirDeletedEvent, events.DirMovedEvent,
    )

    def changed(event) -> None:
        if event.is_directory and not isinstance(event, (events.DirDeletedEvent, events.DirMovedEvent)):
            return
        with server._rebuild_cond:
            server._want_rebuild = True
            server._rebuild_cond.notify_all()

    handler = events.FileSystemEventHandler()
    handler.on_any_event = changed
    polling, polling_refs = server.observer, server._watch_refs

    class InotifyOrPolling(InotifyObserver):
        def start(self) -> None:
            try:
                super().start()
            except OSError as e:  # no inotify here, or too many folders for its limit: poll as before
                log.warning(f"inotify unavailable ({e}): watching for edits by polling")
                super().stop()
                server.observer, server._watch_refs = polling, polling_refs
                polling.start()

    observer = InotifyOrPolling()
    refs = {path: observer.schedule(handler, path, recursive=True, event_filter=list(wanted))
            for path in server._watched_paths}
    server.observer, server._watch_refs = observer, refs
    return True


def decide_rebuild(file, decide) -> None:
    """`decide()` tells a ``--dirty`` build whether to read and write the page of `file`.

    MkDocs' dirty builds read (``_populate_page``) and write (``_build_page``)
    only the pages whose ``File.is_modified()`` is true (1.0+): its source is
    newer than its output, or it was generated. The preview replaces that
    method on the instance by what the dependency map decides.
    """
    file.is_modified = decide


def build_one_language(config, lang: str, hook: str) -> None:
    """Make this build static-i18n's build of `lang` alone (the preview shows an edit first).

    Relies on static-i18n's ``current_language`` (the language its on_config
    (-100) configures; None means the default) and ``building`` (true while it
    builds the other languages in its on_post_build: it then builds no other), 1.0+.
    """
    i18n = plugin(config, "i18n", hook)
    i18n.current_language = lang
    i18n.building = True


def blog_view_posts(context, page) -> list | None:
    """The posts a blog list (index, archive, category page) shows, as pages; None for other pages.

    Material's blog (9.2+) renders a view's excerpts in its on_page_context
    and hands them to its templates as ``posts`` (``Excerpt`` objects whose
    ``post`` is the post's page).
    """
    from material.plugins.blog.structure import View

    if not isinstance(page, View):
        return None
    return [excerpt.post for excerpt in context.get("posts") or ()]


def search_entries(config, hook: str) -> list[dict] | None:
    """The entries (``location``, ``title``, ``text``) of the index this language build writes; None when search is off.

    Relies on Material's search plugin (9.0+) keeping them in
    ``search_index.entries`` (a list, filled in its on_page_context, made in
    its on_config) until its on_post_build (0) writes them.
    """
    search = plugin(config, "material/search", hook)
    if not search.config.enabled or getattr(search, "search_index", None) is None:
        return None
    return search.search_index.entries


def forget_previous_search_index(config, hook: str) -> None:
    """Stop Material merging the previous build's index into this one.

    Under ``--dirty`` it keeps the last index written (``search_index_prev``,
    9.0+) and merges it, assuming one page was rebuilt; with three languages
    built in a row that index keeps growing. The preview keeps each
    language's entries itself (hooks/live_preview.py).
    """
    plugin(config, "material/search", hook).search_index_prev = None


def pause_feeds(config, hook: str) -> None:
    """No feed in this build: mkdocs-rss-plugin's ``enabled`` option, read by its every event (1.0+)."""
    plugin(config, "rss", hook).config.enabled = False


def edit_pending(server) -> bool:
    """Whether a file changed since the rebuild under way started (``_want_rebuild``, MkDocs 1.4+).

    The server's watcher sets it; its build loop rebuilds again once the
    current builder returns.
    """
    return bool(server._want_rebuild)
