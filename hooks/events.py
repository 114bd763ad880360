"""MkDocs hook: event pages, the events index, and the "event material" box on posts.

Events are declared in ``data/events/<id>.yml``; ``geotrek_portal.events``
validates them and decides which posts are about which event,
``geotrek_portal.event_pages`` turns both into localized values. In each
language build (static-i18n runs one per language) this hook

- generates ``<prefix>events/<id>/`` for every event and the index
  ``<prefix>events/``, naming their other language versions (``on_files``);
- titles the events' navigation section in the language (a tab) and orders
  it like the index (``on_nav``);
- hands templates what to show: ``event`` on an event page, ``event_boxes``
  on a post about events (``on_page_context``), and to any template
  (the index, the resources page) the Jinja global ``events_by_date()``
  (``on_env``).

It takes the posts of the build and their URLs from the build context
(hooks/build_context.py), which hooks/blog_i18n.py fills at a higher priority.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from build_context import shared
from geotrek_portal.event_pages import (
    EVENTS_DIR,
    EventView,
    by_date,
    event_path,
    event_view,
    events_index_path,
)
from geotrek_portal.events import EVENTS_DATA_DIR, EventLinks, EventSet, link_posts, shared_events
from geotrek_portal.messages import t
from geotrek_portal.navigation import gather_section, pages_together
from geotrek_portal.problems import Problem

HOOK = "hooks/events.py"

log = logging.getLogger("mkdocs.hooks.events")


@dataclass
class LanguagePages:
    """The event pages of one language build."""

    lang: str
    views: dict[str, EventView] = field(default_factory=dict)  # event id -> view, by date
    files: list[File] = field(default_factory=list)  # the index, then the events by date
    by_src: dict[str, EventView | None] = field(default_factory=dict)  # src_uri -> event; None: the index


class EventsHook:
    def __init__(self) -> None:
        self.events = EventSet()
        self.links = EventLinks({}, {})
        self.pages: LanguagePages | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        shared.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> None:
        self.root = Path(config.config_file_path).parent
        self.data_dir = self.root / EVENTS_DATA_DIR

    def on_serve(self, server, config: MkDocsConfig, builder):
        server.watch(str(self.data_dir))
        return server

    # ------------------------------------------------------------ files
    # after the bridge read the posts (100), before it shields generated pages (-75)
    @event_priority(0)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        languages, lang = shared.languages, shared.lang
        if shared.is_default_language:  # the first build of each run: read and decide once
            self.events = shared_events(self.data_dir, languages, display_root=self.root)
            self.links = link_posts(shared.catalog, self.events)
            shared.events, shared.event_links = self.events, self.links
            self._report([*self.events.problems, *self.links.problems])

        today = date.today()
        pages = self.pages = LanguagePages(lang)
        views = [
            event_view(
                event, lang, languages, today,
                catalog=shared.catalog,
                links=self.links,
                post_url=shared.post_url,
                drafts=shared.serving,
                site_url=config.site_url or "/",
            )
            for event in self.events
        ]
        pages.views = {view.id: view for view in by_date(views)}
        if not pages.views:
            return files

        prefix = languages[lang].prefix
        meta = {"title": t("events", lang), "description": t("events_intro", lang), "template": "events.html"}
        file = self._generate(files, config, f"{prefix}{EVENTS_DIR}/index.md", meta, t("events_intro", lang))
        shared.alternates[file.src_uri] = {code: events_index_path(languages, code) for code in languages.codes}
        pages.by_src[file.src_uri] = None
        for view in pages.views.values():
            event = self.events[view.id]
            text = event.description.get(lang, languages.default.code) if event.description else ""
            meta = {"title": view.name, "description": " ".join(text.split()), "template": "event.html"}
            file = self._generate(files, config, f"{prefix}{EVENTS_DIR}/{event.id}.md", meta, text)
            shared.alternates[file.src_uri] = {code: event_path(languages, code, event.id) for code in languages.codes}
            pages.by_src[file.src_uri] = view
        return files

    # ------------------------------------------------------------ navigation
    @event_priority(-110)  # after static-i18n (-100) reshaped the language's navigation
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """One "Events" section (a tab): the index, then the events as the index orders them.

        It takes the place mkdocs.yml's nav gives the events index (next to
        the news), or of the section MkDocs made of the events folder; when
        static-i18n dropped both (one-language preview), it is added at the end.
        With Material's navigation.indexes, the index is the section's title.
        """
        mine = [file.page for file in self.pages.files]
        if not mine:
            return nav

        items, position = gather_section(nav.items, mine)
        section = Section(t("events", self.pages.lang), mine)
        for page in mine:
            page.parent = section
        items.insert(position, section)
        nav.items = items
        # previous/next links follow the same order (hooks/navigation.py links them)
        nav.pages = pages_together(nav.pages, mine)
        return nav

    # ------------------------------------------------------------ templates
    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        pages = self.pages
        src = page.file.src_uri
        if src in pages.by_src:
            context["event"] = pages.by_src[src]  # None on the index
        elif (post := shared.post_of_src.get(src)) is not None:
            context["event_boxes"] = [pages.views[link.event] for link in self.links.events_of(post.ref)]
        return context

    def on_env(self, env, config: MkDocsConfig, files: Files):
        # the events of the language being built, as EventViews: upcoming ones
        # first (soonest first), then past ones (newest first)
        env.globals["events_by_date"] = lambda: list(self.pages.views.values())
        return env

    def _generate(self, files: Files, config: MkDocsConfig, src_uri: str, meta: dict, body: str) -> File:
        head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        file = File.generated(config, src_uri, content=f"---\n{head}---\n\n{body}\n")
        files.append(file)
        self.pages.files.append(file)
        return file

    def _report(self, problems: list[Problem]) -> None:
        shared.report(problems, log)
        for link in self.links.inferred:
            log.info(f"{link}; confirm with 'event: {link.event}' in its front matter, or write 'event: []'")
        # the posts' problems were listed just before: one run reports them all
        shared.raise_pending("posts and events")


hook = EventsHook()
on_startup = hook.on_startup
on_config = hook.on_config
on_serve = hook.on_serve
on_files = hook.on_files
on_nav = hook.on_nav
on_page_context = hook.on_page_context
on_env = hook.on_env

