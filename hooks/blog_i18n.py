"""MkDocs hook: one Material blog per language, on top of mkdocs-static-i18n.

All posts of all languages live in ``docs/blog/posts/``; front matter ``lang``
decides the language and ``ref`` links translations. static-i18n builds the
site once per language (fr, then en, es); in each build this hook

- points the single ``blog`` and ``rss`` plugin instances at the language
  being built (``on_config``, before they read their configuration);
- hands Material a normalized copy of that language's posts (``on_files``)
  and hides the blog's files from static-i18n, which would drop them;
- gives blog pages the i18n attributes static-i18n reads for the language
  switcher and the sitemap (``on_nav``), translations only;
- exposes hreflang, feed and translation links to the templates;
- gathers every language's 404 page into the one GitHub Pages serves
  (``on_post_template``, see ``geotrek_portal.not_found``).

Domain logic (parsing, validation, translation groups) is in ``geotrek_portal``.
"""

from __future__ import annotations

import logging
import os
import posixpath
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

import compat
from build_context import shared
from geotrek_portal import atomic, not_found
from geotrek_portal.build_cache import cache_root
from geotrek_portal.blog import Catalog, PostReader, material_source, shared_reader
from geotrek_portal.languages import Languages
from geotrek_portal.messages import t, theme_text
from geotrek_portal.posts import Post
from geotrek_portal.urls import POSTS_DIR, blog_dir, hreflang_links, post_path

log = logging.getLogger("mkdocs.hooks.blog_i18n")
HOOK = "hooks/blog_i18n.py"

FEED_LOGO = "assets/img/geotrek-logo.png"  # RSS wants a bitmap


@dataclass(frozen=True)
class Alternate:
    """A language version static-i18n did not create (it never sees blog files)."""

    url: str
    page: None = None


@dataclass
class LanguageBuild:
    """What one static-i18n language build needs to know."""

    lang: str
    languages: Languages
    site_url: str
    catalog: Catalog | None = None
    post_of_src: dict[str, Post] = field(default_factory=dict)  # src_uri -> post
    stash: list[File] = field(default_factory=list)
    shared_assets: list[File] = field(default_factory=list)

    @property
    def blog_dir(self) -> str:
        return blog_dir(self.languages, self.lang)


class BlogI18n:
    """State of the bridge for one MkDocs process (build or serve)."""

    def __init__(self) -> None:
        self.reader: PostReader | None = None
        self.build: LanguageBuild | None = None
        self.feed: compat.FeedSettings | None = None
        self.cache_dir: Path | None = None  # set from the project in on_config
        self.written: dict[str, str] = {}
        self.not_found: tuple[str, list[str]] | None = None  # default 404 page, other languages' templates

    # ------------------------------------------------------------ startup/config
    def on_startup(self, *, command: str, dirty: bool) -> None:
        shared.serving = command == "serve"

    @event_priority(100)  # before blog and rss read their configuration (0)
    def _configure_language(self, config: MkDocsConfig) -> MkDocsConfig:
        languages, lang = compat.language_build(config, HOOK)
        self.reader = shared_reader(languages)
        self.build = LanguageBuild(lang, languages, config.site_url or "/")
        shared.start_language(lang, languages, self.build.site_url)
        shared.post_url = self.post_url
        # Normalized posts persist next to mkdocs.yml, and are rewritten only
        # when they change: their mtimes then tell `--dirty` builds (and
        # `make serve`) which post pages need rendering again.
        self.cache_dir = self._cache_root(config, "posts")

        self.blog_urls = compat.blog_url_formats(config, HOOK)
        compat.point_blog_at(config, self.build.blog_dir, POSTS_DIR, HOOK)
        self._configure_feed(config, lang, languages)
        self._choose_static_templates(config, lang)
        # rss reads the feed language at priority 0, static-i18n sets it at -100
        compat.set_theme_language(config, lang)
        return config

    @staticmethod
    def _choose_static_templates(config: MkDocsConfig, lang: str) -> None:
        """Every language build would write site/404.html and site/sitemap.xml.

        Every language renders the 404 page (on_post_template gathers them in
        the default language's); the sitemap lists every language's pages,
        known only in the last build.
        """
        last = lang == compat.built_languages(config, HOOK)[-1]
        compat.choose_static_templates(config, lambda name: last or name != "sitemap.xml")

    def _configure_feed(self, config: MkDocsConfig, lang: str, languages: Languages) -> None:
        if self.feed is None:
            self.feed = compat.FeedSettings(config, HOOK)
        site_name = compat.language_option(config, lang, "site_name", HOOK) or config.site_name
        self.feed.apply(
            config,
            prefix=languages[lang].prefix,
            image=urljoin(config.site_url or "/", FEED_LOGO),
            match_path=f"^{POSTS_DIR}/",  # only this language's posts are in Files
            title=f"{site_name} – {t('news', lang)}",
            description=t("feed_description", lang),
        )

    # ------------------------------------------------------------ files
    @event_priority(100)
    def _replace_posts(self, files: Files, config: MkDocsConfig) -> Files:
        build = self.build
        docs_dir = Path(config.docs_dir)
        build.catalog = shared.catalog = catalog = self.reader.read(docs_dir / POSTS_DIR, docs_dir)
        if build.lang == build.languages.default.code:
            # raised once the other hooks (events) have reported theirs too:
            # one run lists every problem (shared.raise_pending)
            shared.report(catalog.problems, log)

        for file in [f for f in files if f.src_uri.startswith(POSTS_DIR + "/")]:
            if file.is_documentation_page():
                files.remove(file)
        # {{ site.baseurl }}: relative to the post's file in Markdown links, absolute in HTML
        markdown_root = posixpath.relpath(".", POSTS_DIR)
        html_root = _site_path(build.site_url)
        for post in catalog.posts(build.lang):
            if shared.material_posts is not None and post.path not in shared.material_posts:
                continue  # the preview's first look at an edit (hooks/live_preview.py)
            group = catalog.group_of(post)
            src_uri = f"{POSTS_DIR}/{posixpath.splitext(post.name)[0]}.md"
            self._write(src_uri, material_source(post, group.slug, markdown_root, html_root))
            files.append(File(src_uri, str(self.cache_dir), config.site_dir, config.use_directory_urls))
            build.post_of_src[src_uri] = post
        shared.post_of_src = build.post_of_src
        return files

    def _write(self, src_uri: str, text: str) -> None:
        """Write the normalized copy, only when it changed (keeps serve rebuilds cheap)."""
        path = self.cache_dir / src_uri
        if self.written.get(src_uri) == text and path.is_file():  # .cache/ may be removed while serving
            return
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            self.written[src_uri] = text
            return
        atomic.write_text(path, text)  # another build may be reading it
        self.written[src_uri] = text

    @event_priority(-75)  # after material/blog (-50), before static-i18n (-100)
    def _stash_blog(self, files: Files, config: MkDocsConfig) -> Files:
        """static-i18n drops files outside docs/: hide the blog's from it."""
        shared.raise_pending("posts")  # when no other hook did
        build = self.build
        build.stash = [
            f
            for f in files
            if f.src_uri.startswith(build.blog_dir + "/")
            or f.src_uri in build.post_of_src
            or f.generated_by  # pages other hooks generate (events...)
        ]
        for file in build.stash:
            files.remove(file)
        # pictures under docs/assets/ serve every language
        build.shared_assets = [
            f for f in files.media_files() if not _in_language_folder(f.src_uri, build.languages)
        ]
        return files

    @event_priority(-110)  # after static-i18n
    def _restore_blog(self, files: Files, config: MkDocsConfig) -> Files:
        for file in self.build.stash:
            files.append(file)
        # without fallback_to_default, static-i18n drops the shared assets from
        # the other languages' builds, and their links would not resolve
        for file in self.build.shared_assets:
            if files.get_file_from_path(file.src_uri) is None:
                files.append(file)
        return files

    # ------------------------------------------------------------ navigation
    @event_priority(-110)  # after static-i18n's on_nav (-100) reset blog files
    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        build = self.build
        index_alternates = self._blog_index_alternates(config)
        for file in build.stash:
            if not file.is_documentation_page():
                continue
            post = build.post_of_src.get(file.src_uri)
            if post is not None:
                self._check_url(file, post)
                others = {
                    code: Alternate(self.post_url(code, other))
                    for code, other in build.catalog.translations(post, drafts=shared.serving).items()
                }
            elif file.src_uri == f"{build.blog_dir}/index.md":
                others = index_alternates
            else:
                # generated pages may name their translations: {lang: url}
                others = {
                    code: Alternate(url)
                    for code, url in shared.alternates.get(file.src_uri, {}).items()
                    if code != build.lang
                }
            localization = build.lang if build.languages[build.lang].prefix else None
            compat.mark_translated(file, build.lang, localization, {build.lang: file, **others})
        compat.set_language_pages(config, build.lang, files.documentation_pages(), HOOK)
        return nav

    def _blog_index_alternates(self, config: MkDocsConfig) -> dict[str, Alternate]:
        build = self.build
        return {
            code: Alternate(blog_dir(build.languages, code) + "/")
            for code in build.languages.codes
            if code != build.lang
            and os.path.isfile(os.path.join(config.docs_dir, blog_dir(build.languages, code), "index.md"))
        }

    def post_url(self, lang: str, post: Post) -> str:
        """URL of `post` in `lang`'s blog, as Material formats it (checked in _check_url)."""
        slug = self.build.catalog.group_of(post).slug
        try:  # the same function tells `make new-post` where a post will be
            return post_path(
                self.build.languages, lang, post.published, slug,
                *self.blog_urls,
            )
        except ValueError as e:
            raise PluginError(str(e)) from None

    def _check_url(self, file: File, post: Post) -> None:
        expected = self.post_url(self.build.lang, post)
        if file.url != expected:
            raise PluginError(
                f"{post.path}: Material published it at '{file.url}', the hook expected '{expected}': "
                "the blog plugin's URL logic changed, update hooks/blog_i18n.py"
            )

    # ------------------------------------------------------------ templates
    @event_priority(40)  # after static-i18n set the switcher links (50)
    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        build = self.build
        if not page.file.src_uri.startswith((build.blog_dir + "/", POSTS_DIR + "/")):
            return context  # other pages: static-i18n's links are right
        # no translation: the switcher offers that language's blog instead
        for alternate in compat.switcher_links(config):
            code = alternate.get("lang")
            if code in build.languages and code not in page.file.alternates:
                alternate["link"] = blog_dir(build.languages, code) + "/"
        post = build.post_of_src.get(page.file.src_uri)
        if post is not None:
            context["translations"] = [
                {"lang": code, "name": build.languages[code].name, "url": alternate.url}
                for code, alternate in page.file.alternates.items()
                if code != build.lang
            ]
        return context

    def on_env(self, env, config: MkDocsConfig, files: Files):
        # compiled templates are shared by every environment: hooks/build_speed.py
        self.env = env
        env.globals["hreflang_links"] = self.hreflang_links
        env.globals["feed_links"] = self.feed_links
        env.globals["portal_text"] = lambda key: t(key, self.build.lang)
        env.globals["theme_text"] = theme_text  # corrections of Material's strings (partials/language.html)
        env.globals["not_found_links"] = lambda: not_found.not_found_links(
            self.build.languages, self.build.lang, _site_path(self.build.site_url)
        )
        env.globals["not_found_marker"] = not_found.MARKER
        return env

    def on_template_context(self, context, template_name: str, config: MkDocsConfig):
        """The 404 page's language selector offers the languages' home pages.

        static-i18n points it at the current page's translations, as an
        attribute that outlives the previous build's last page.
        """
        roots = compat.language_roots(config, HOOK) if template_name == "404.html" else None
        if roots:
            compat.set_switcher_links(config, deepcopy(roots))
        return context

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        """site/404.html: the default language's page, with the others' in it.

        Each build writes the file; the last one (languages are built default
        first) writes it with every language.
        """
        if template_name != "404.html":
            return output
        build = self.build
        if build.lang == build.languages.default.code:
            self.not_found = (output, [])
        elif self.not_found is not None:  # not a one-language preview (ONLY=en)
            root = _site_path(build.site_url) + build.languages[build.lang].prefix
            try:
                self.not_found[1].append(not_found.translation(output, build.lang, root))
            except ValueError as e:
                raise PluginError(str(e)) from None
        default, translations = self.not_found or (output, [])
        try:
            return not_found.with_translations(default, translations)
        except ValueError as e:
            raise PluginError(str(e)) from None

    def on_post_build(self, config: MkDocsConfig) -> None:
        """A sitemap of the language's own pages at /<lang>/sitemap.xml.

        Material's script fetches sitemap.xml next to each <link rel="alternate">
        of a page: for the feed links of a language's pages, its own root.
        The root sitemap, with every language, is written by MkDocs; robots.txt
        tells search engines where it is (the hreflang alternates are there).
        """
        build = self.build
        prefix = build.languages[build.lang].prefix
        if not prefix:
            sitemap = urljoin(build.site_url, "sitemap.xml")
            Path(config.site_dir, "robots.txt").write_text(f"User-agent: *\nDisallow:\n\nSitemap: {sitemap}\n")
            return
        files = compat.language_pages(config, build.lang, HOOK)
        xml = self.env.get_template("sitemap.xml").render(config=config, **compat.sitemap_context(build.lang, files))
        Path(config.site_dir, prefix, "sitemap.xml").write_text(xml, encoding="utf-8")

    @staticmethod
    def _cache_root(config: MkDocsConfig, name: str) -> Path:
        return cache_root(Path(config.config_file_path).parent, name)

    def hreflang_links(self, file: File) -> list[tuple[str, str]]:
        """(hreflang, absolute URL) of every real translation of `file`, itself and x-default.

        Empty when the page has no translation. The sitemaps carry them (not
        the page heads: see overrides/main.html).
        """
        alternates = compat.file_alternates(file)
        urls = {code: alt.url for code, alt in alternates.items()}
        return hreflang_links(urls, self.build.languages, self.build.site_url)

    def feed_links(self) -> list[dict[str, str]]:
        lang = self.build.lang
        names = self.feed.names if self.feed else {}
        return [
            {"type": mime, "title": t(title_key, lang), "path": self.build.languages[lang].prefix + names[kind]}
            for kind, mime, title_key in (
                ("rss_created", "application/rss+xml", "feed_rss"),
                ("json_created", "application/feed+json", "feed_json"),
            )
            if kind in names
        ]


def _site_path(site_url: str) -> str:
    """Path of the site root on its host: raw HTML links to `{{ site.baseurl }}` use it."""
    return urlsplit(site_url).path or "/"


def _in_language_folder(src_uri: str, languages: Languages) -> bool:
    return any(src_uri.startswith(lang.prefix) for lang in languages.all if lang.prefix)


bridge = BlogI18n()
on_startup = bridge.on_startup
on_config = bridge._configure_language  # feed contents: hooks/feeds.py
on_files = CombinedEvent(bridge._replace_posts, bridge._stash_blog, bridge._restore_blog)
on_nav = bridge.on_nav
on_page_context = bridge.on_page_context
on_template_context = bridge.on_template_context
on_post_template = bridge.on_post_template
on_env = bridge.on_env
on_post_build = bridge.on_post_build
