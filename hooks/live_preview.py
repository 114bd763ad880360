"""MkDocs hook: a `make serve` preview that is never stale, and shows an edit first.

Only under ``serve --dirty`` (what ``make serve`` runs); builds are untouched.

After an edit the server calls this hook's rebuild (``on_serve``), which

1. reads the posts, events and data again (cached parses) and diffs their
   facts with the previous build's (``geotrek_portal.live_preview``): a new
   translation, a changed title, date or event file, a removed post...;
2. when posts' own text changed, builds those pages alone, in the language
   of the post edited last, and reloads the browsers: the author sees the
   edit first;
3. then builds every language, reading and writing only the pages whose
   recorded facts changed (their switcher and "Also in" links, event boxes,
   the home's latest news, the blog lists showing the post...), the posts
   those lists and the feeds show, and the files edited on disk; and reloads
   the browsers again. A change the navigation shows (an event's name or date),
   of mkdocs.yml or of the templates rebuilds everything.

While pages are built, each one records the facts it shows (``on_page_context``):
the dependency map kept in the build context (hooks/build_context.py).
Every access to the server's, MkDocs' and the plugins' insides is in hooks/compat.py.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import compat
from build_context import PreviewPhase, shared
from geotrek_portal import live_preview as lp
from geotrek_portal.blog import shared_reader
from geotrek_portal.events import EVENTS_DATA_DIR, link_posts, shared_events
from geotrek_portal.organisations import DEFAULT_PATH as ORGANISATIONS_PATH
from geotrek_portal.urls import POSTS_DIR

HOOK = "hooks/live_preview.py"
log = logging.getLogger("mkdocs.hooks.live_preview")
MARKER = "<!-- portal:"


class LivePreview:
    def __init__(self) -> None:
        self.active = False  # serve --dirty
        self.root: Path | None = None
        self.docs_dir: Path | None = None
        self.theme_dirs: list[str] = []
        self.settings: tuple | None = None  # stamps of mkdocs.yml and the templates, at the last build
        self.rebuilding = False  # in this hook's rebuild (not the server's first build)
        self.writing = False  # the build writes pages (after on_env); before: it reads them
        self.markers: dict[tuple[str, str], list[str]] = {}
        self.built: list[str] = []  # the languages serve builds (one with ONLY=en)
        self.search: dict[str, dict[str, list[dict]]] = {}  # lang -> page URL -> its search entries
        self.page_urls: list[str] = []  # the pages of the language being built, in order
        self.written_urls: set[str] = set()  # those this build wrote
        self.outputs: dict[tuple[str, str], str] = {}  # (lang, page source) -> its output file
        self.server = None
        self.cut_short = False  # another edit came during the rest of a rebuild: the next one does it all

    # ------------------------------------------------------------ serve
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.active = command == "serve" and dirty

    @event_priority(110)  # before blog_i18n reads the language (100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).parent
        self.docs_dir = Path(config.docs_dir)
        self.theme_dirs = [d for d in config.theme.dirs if str(self.root) in d]  # the project's overrides
        phase = shared.preview.phase
        shared.material_posts = phase.material_posts if self.active and phase is not None else None
        if self.active and phase is not None and phase.first:
            compat.build_one_language(config, phase.lang, HOOK)
            compat.pause_feeds(config, HOOK)  # the feeds follow with the rest
        elif self.active:
            self.built = compat.built_languages(config, HOOK)
        return config

    @event_priority(90)  # after blog_i18n chose the language's templates (100)
    def _no_static_templates_first(self, config: MkDocsConfig) -> MkDocsConfig:
        phase = shared.preview.phase
        if self.active and phase is not None and phase.first:  # 404 and sitemaps follow with the rest
            compat.choose_static_templates(config, lambda name: False)
        return config

    def on_serve(self, server, config: MkDocsConfig, builder):
        if not self.active:
            return server
        server.watch(str(self.root / ORGANISATIONS_PATH))
        for folder in self.theme_dirs:  # template edits show too (a full rebuild)
            server.watch(folder)
        compat.watch_with_inotify(server)
        self.server = server
        compat.take_over_rebuilds(server, lambda build: self.rebuild(server, build))
        self.settings = self._settings()
        return server

    def rebuild(self, server, build) -> None:
        """The server's rebuild after an edit: what changed first, then what it makes stale."""
        state = shared.preview
        try:
            plan = self._plan()
        except Exception as e:  # a file the build will report: rebuild everything
            log.debug(f"preview: no plan ({e}), rebuilding everything")
            plan = lp.Plan(full=True)
        first = plan.has_first_phase and plan.first_lang in self.built and len(self.built) > 1
        self.rebuilding, self.cut_short = True, False
        try:
            if first:
                posts = lp.first_look_posts(self.catalog, plan.first_lang, plan.first_posts)
                state.phase = PreviewPhase(first=True, lang=plan.first_lang, plan=plan, material_posts=frozenset(posts))
                build()
                compat.reload_browsers_now(server)
                if compat.edit_pending(server):  # saved again: show that first, the rest after the last edit
                    return
            state.phase = PreviewPhase(first=False, lang=None, plan=plan)
            build()
            if self.cut_short:  # facts kept as they were: the next rebuild does what this one skipped
                return
            if first:  # the other pages changed too: browsers showing them reload
                compat.reload_browsers_after_rebuild(server)
            state.facts = state.next_facts
            self.settings = self._settings()
        finally:
            state.phase = None
            self.rebuilding = False

    def _plan(self) -> lp.Plan:
        state = shared.preview
        languages = shared.languages
        posts_dir = self.docs_dir / POSTS_DIR
        catalog = self.catalog = shared_reader(languages).read(posts_dir, self.docs_dir)
        events = shared_events(self.root / EVENTS_DATA_DIR, languages, display_root=self.root)
        state.next_facts = lp.site_facts(catalog, events, link_posts(catalog, events), data_stamps=self._data_stamps())
        edited = sorted(catalog.posts(), key=lambda p: _mtime(self.root / p.path), reverse=True)
        return lp.plan(
            state.facts, state.next_facts, catalog,
            settings_changed=self._settings() != self.settings,
            edited_last=[p.path for p in edited[:20]],
        )

    def _settings(self) -> tuple:
        """What every page shows: the configuration, the templates, the pages and their titles (the navigation)."""
        stamps: list = [_mtime(self.root / "mkdocs.yml")]
        for folder in self.theme_dirs:
            for base, _, names in os.walk(folder):
                stamps.extend((base, name, _mtime(Path(base, name))) for name in names)
        posts = str(self.docs_dir / POSTS_DIR)
        for base, dirs, names in os.walk(self.docs_dir):
            if base.startswith(posts):
                continue
            dirs.sort()
            stamps.extend((base, name, _title_lines(Path(base, name))) for name in sorted(names) if name.endswith(".md"))
        return tuple(stamps)

    def _data_stamps(self) -> dict[str, tuple]:
        path = self.root / ORGANISATIONS_PATH
        return {ORGANISATIONS_PATH: (_mtime(path), path.stat().st_size if path.exists() else -1)}

    # ------------------------------------------------------------ which pages
    @event_priority(-200)  # after every plugin and hook added, removed or moved files
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self.writing = False
        if not self.active:
            return files
        state, lang = shared.preview, shared.lang
        phase = state.phase
        pages = [file for file in files if file.is_documentation_page()]  # with the blog's, not in the nav
        self.page_urls, self.written_urls = [file.url for file in pages], set()
        if phase is None:  # the server's first build (or a full one): everything, and learn
            return files
        if not phase.first and self.server is not None and compat.edit_pending(self.server):
            self.cut_short = True  # saved again: leave this language to the next rebuild
        if not phase.first:
            self._remove_gone(lang, pages)
        src_of_path = {post.path: src for src, post in shared.post_of_src.items()}
        plan = phase.plan
        if self.cut_short:
            write, read = set(), set()
        elif phase.first:
            write = {src_of_path[path] for path in plan.first_posts if path in src_of_path}
            read = set(write)
        elif plan.full or lp.blog_nav_fact(lang) in plan.changed:  # every page's navigation changed
            write = read = {file.src_uri for file in pages}
        else:
            changed = set(plan.changed)
            write = state.deps.stale(lang, changed)
            write |= {src_of_path[fact[1]] for fact in changed if fact[0] == "post" and fact[1] in src_of_path}
            write |= {file.src_uri for file in pages if not state.deps.knows(lang, file.src_uri)}
            read = set(write)
            if lp.order_fact(lang) in changed:  # the lists are paginated anew: every post may show
                read |= set(src_of_path.values())
            for src in write:  # the posts the stale lists show
                read |= {src_of_path[f[1]] for f in state.deps.shows(lang, src) if f[0] == "post" and f[1] in src_of_path}
            # the language's feed lists its latest posts: they must be read to be in it
            length = compat.feed_output(config, HOOK)[-1]
            read |= {src_of_path[p.path] for p in shared.catalog.posts(lang, drafts=True)[:length] if p.path in src_of_path}
        for file in pages:
            on_disk = file.generated_by is None and file.src_uri not in shared.post_of_src
            original = file.is_modified
            src = file.src_uri

            def decide(src=src, original=original, on_disk=on_disk) -> bool:
                wanted = src in (write if self.writing else read)
                # a page edited on disk is rebuilt, as MkDocs would (not in the first phase)
                return wanted or (on_disk and not phase.first and not self.cut_short and original())

            compat.decide_rebuild(file, decide)
        return files

    def _remove_gone(self, lang: str, pages: list) -> None:
        """A removed post (or a list page no longer needed) is no longer served: a dirty build keeps every output."""
        current = {file.src_uri for file in pages}
        outputs = {file.abs_dest_path for file in pages}
        for key in [key for key in self.outputs if key[0] == lang and key[1] not in current]:
            dest = self.outputs.pop(key)
            shared.preview.deps.forget(lang, [key[1]])
            if dest not in outputs and os.path.isfile(dest):
                os.remove(dest)

    @event_priority(-200)
    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        self.nav_pages = list(nav.pages)
        return nav

    @event_priority(100)  # before hooks/portal_pages.py replaces the markers (-50)
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.active and MARKER in markdown:
            self.markers[(shared.lang, page.file.src_uri)] = _markers(markdown)
        return markdown

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """Pages are read; now written. The navigation needs the titles of the pages not read."""
        self.writing = True
        if self.active:
            for page in getattr(self, "nav_pages", []):
                if page.markdown is None:
                    page.read_source(config)
        return env

    @event_priority(-200)  # after every hook filled the context, and Material rendered its lists
    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        if not self.active:
            return context
        lang, src = shared.lang, page.file.src_uri
        facts: set = set()
        post = shared.post_of_src.get(src)
        if post is not None:
            facts |= lp.post_page_facts(post, shared.event_links)
        shown = compat.blog_view_posts(context, page)
        if shown is not None:
            listed = [shared.post_of_src[p.file.src_uri] for p in shown if p.file.src_uri in shared.post_of_src]
            facts |= lp.list_page_facts(lang, listed)
        if "event" in context:  # an event page (its event), or the events index (None)
            event = context["event"]
            facts |= {lp.EVENTS} if event is None else {lp.event_fact(event.id)}
        if "help_sections" in context:  # a Help translate page (hooks/translation_status.py)
            facts.add(lp.TRANSLATIONS)
        facts |= lp.marker_facts(self.markers.get((lang, src), ()), lang)
        shared.preview.deps.record(lang, src, facts)
        self.written_urls.add(page.url)
        self.outputs[(lang, src)] = page.file.abs_dest_path
        return context

    @event_priority(10)  # before Material's search writes the language's index (0)
    def _complete_search_index(self, config: MkDocsConfig) -> None:
        """A dirty build indexes only the pages it wrote: add the others' entries, kept from before."""
        entries = compat.search_entries(config, HOOK) if self.active else None
        if entries is None:
            return
        kept = self.search.setdefault(shared.lang, {})
        fresh: dict[str, list[dict]] = {}
        for entry in entries:
            fresh.setdefault(entry["location"].split("#")[0], []).append(entry)
        for url in self.written_urls:
            kept[url] = fresh.get(url, [])
        phase = shared.preview.phase
        if phase is None or not phase.first:  # (the first look hands Material a few posts only)
            for url in set(kept) - set(self.page_urls):  # removed pages
                del kept[url]
        entries[:] = [entry for page_entries in kept.values() for entry in page_entries]
        compat.forget_previous_search_index(config, HOOK)

    def _remember_facts(self, config: MkDocsConfig) -> None:
        state = shared.preview
        if self.active and not self.rebuilding and state.facts is None and shared.catalog is not None:
            # the server's first build: what the next edit is compared with
            state.facts = lp.site_facts(
                shared.catalog, shared.events, shared.event_links, data_stamps=self._data_stamps()
            )


def _markers(markdown: str) -> list[str]:
    found = []
    for line in markdown.splitlines():
        line = line.strip()
        if line.startswith(MARKER) and line.endswith("-->"):
            found.append(line[len(MARKER):-3].strip())
    return found


def _title_lines(path: Path) -> tuple[str, ...]:
    """The lines of a page that can name it in the navigation: its front matter title, its first heading."""
    try:
        with open(path, encoding="utf-8-sig") as f:
            head = [line.strip() for _, line in zip(range(40), f)]
    except (OSError, UnicodeDecodeError):
        return ()
    return tuple(line for line in head if line.startswith(("title:", "# ")))[:2]


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1


preview = LivePreview()
on_startup = preview.on_startup
on_config = CombinedEvent(preview.on_config, preview._no_static_templates_first)
on_serve = preview.on_serve
on_files = preview.on_files
on_nav = preview.on_nav
on_page_markdown = preview.on_page_markdown
on_env = preview.on_env
on_page_context = preview.on_page_context
on_post_build = CombinedEvent(preview._complete_search_index, preview._remember_facts)
