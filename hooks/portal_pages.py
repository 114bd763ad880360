"""MkDocs hook: the generated parts of the portal pages.

A page asks for generated content with a marker on a line of its own, e.g.
``<!-- portal:latest-posts -->``; this hook replaces it with HTML rendered
from ``overrides/partials/portal/<marker>.html`` in the page's language:

- ``latest-posts``: the three newest posts of the language (home);
- ``featured-event``: the next event, or the latest one (home);
- ``organisations-map`` / ``organisations-list``: the users map with its
  filter and legend, and the same organisations as tables, one per type
  (users page; the embed pages ``utilisateurs/embed.md`` show the map alone);
  the organisations the map draws go to one file for every language
  (on_post_build);
- ``organisations-embed``: the ``<iframe>`` code that shows the embed page
  of the language on another site (users page);
- ``rencontres``: the users' meetings and their material, ``videos``: every
  event video (resources page);
- ``contact-email``: the community's address, ``extra.contact_email`` in
  mkdocs.yml (contact page).

Markers keep the prose (and its headings, in the table of contents) in each
language's Markdown, where translators edit it. Data comes from the domain
core: posts through the blog bridge, organisations from
``data/organisations.geojson``, events from ``data/events/``.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from build_context import shared
from geotrek_portal.languages import Languages
from geotrek_portal.messages import t
from geotrek_portal.event_pages import event_view, events_index_path
from geotrek_portal.events import EVENTS_DATA_DIR, shared_events
from geotrek_portal.organisations import DEFAULT_PATH as ORGANISATIONS_PATH
from geotrek_portal.organisations import ORGANISATION_TYPES, load_organisations
from geotrek_portal.pages import EventSummary, featured_event, rencontres, videos
from geotrek_portal.problems import Problem
from geotrek_portal.teasers import latest_teasers
from geotrek_portal import users_map

log = logging.getLogger("mkdocs.hooks.portal_pages")

MARKER = re.compile(r"^<!--\s*portal:([a-z-]+)\s*-->[ \t]*$", re.MULTILINE)
PARTIALS = "partials/portal/"
LATEST_POSTS = 3
EMBED_PAGE = "utilisateurs/embed/"  # per language, from docs/<lang>/utilisateurs/embed.md


@dataclass
class PortalPages:
    lang: str = ""
    languages: Languages | None = None
    root: Path = Path(".")
    organisations: list[users_map.MapOrganisation] = field(default_factory=list)
    map_file: str = ""  # the map's file of them (users_map.ORGANISATIONS_FILE)
    events: list[EventSummary] = field(default_factory=list)
    events_url: str | None = None  # the events index of the language, when there are events
    env: object = None
    config: MkDocsConfig | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        shared.serving = command == "serve"

    @event_priority(-150)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.languages, self.lang = shared.languages, shared.lang
        self.root = Path(config.config_file_path).parent
        self.config = config
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Read the data once per language build: it may change while serving."""
        valid, problems = load_organisations(self.root / ORGANISATIONS_PATH, ORGANISATIONS_PATH)
        self.organisations = users_map.map_organisations(
            self._features(self.root / ORGANISATIONS_PATH), {organisation.name for organisation in valid}
        )
        self.map_file = users_map.organisations_json(self.organisations)
        self.events = self._events()
        self.env = None  # the theme's templates may have changed (serve)
        if self.lang == self.languages.default.code:  # report once, not once per language
            self._report(problems)

    def on_post_build(self, config: MkDocsConfig) -> None:
        """The map's file, one for every language (each build writes the same bytes, once)."""
        target = Path(config.site_dir) / users_map.ORGANISATIONS_FILE
        if not target.is_file() or target.read_text(encoding="utf-8") != self.map_file:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(self.map_file, encoding="utf-8")

    def _report(self, problems: list[Problem]) -> None:
        shared.report(problems, log)
        shared.raise_pending(ORGANISATIONS_PATH)

    @staticmethod
    def _features(path: Path) -> list[dict]:
        """The data file's features as written (load_organisations has validated them)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, ValueError):  # no file, or one load_organisations reports
            return []
        features = data.get("features") if isinstance(data, dict) else None
        return [f for f in features if isinstance(f, dict)] if isinstance(features, list) else []

    # ------------------------------------------------------------ events
    def _events(self) -> list[EventSummary]:
        """Every event, in this language (hooks/events.py reports the event files' problems)."""
        events = shared_events(self.root / EVENTS_DATA_DIR, self.languages, display_root=self.root)
        self.events_url = events_index_path(self.languages, self.lang) if events.events else None
        today = date.today()
        summaries = []
        for event in events:
            view = event_view(event, self.lang, self.languages, today)
            videos = [item for group in view.material if group.type == "video" for item in group.items]
            summaries.append(
                EventSummary(
                    id=view.id,
                    name=view.name,
                    dates=view.dates,
                    place=view.place,
                    start=view.start,
                    last_day=view.end or view.start,
                    url=view.url,
                    material=tuple((item.title, item.url) for item in view.main_material),
                    videos=tuple((item.title, item.url) for item in videos),
                    status_label=view.status_label,
                    registration_url=view.registration_url,
                    call_for_talks=(view.call_for_talks.url, view.call_for_talks.deadline_text) if view.call_for_talks else None,
                )
            )
        return summaries

    def on_env(self, env, config: MkDocsConfig, files: Files):
        # the users map's page heads (partials/portal/map-head.html): read when rendered,
        # after on_pre_build has made this build's organisations file
        env.globals["users_map_preloads"] = lambda: users_map.preloads(users_map.content_version(self.map_file))
        return env

    # ------------------------------------------------------------ templates
    @event_priority(-50)  # after static-i18n's admonition translations (50)
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if "portal:" not in markdown:
            return markdown
        if self.env is None:  # pages are read before on_env: the theme's own environment
            self.env = config.theme.get_env()
        problems: list[Problem] = []

        def render(match: re.Match) -> str:
            name = match.group(1)
            if name not in RENDERERS:
                line = markdown.count("\n", 0, match.start()) + 1
                problems.append(
                    Problem(
                        f"docs/{page.file.src_uri}",
                        "marker",
                        f"'portal:{name}' is not a known marker",
                        "use one of: " + ", ".join(f"portal:{n}" for n in RENDERERS),
                        line,
                    )
                )
                return ""
            html = RENDERERS[name](self, page)
            # a raw HTML block for Markdown: no blank line inside, blank lines around
            return "\n" + "\n".join(line for line in html.splitlines() if line.strip()) + "\n"

        markdown = MARKER.sub(render, markdown)
        shared.report(problems, log)
        shared.raise_pending(f"docs/{page.file.src_uri}")
        return markdown

    def _render(self, partial: str, page: Page, **context) -> str:
        template = self.env.get_template(PARTIALS + partial)
        return template.render(
            page=page,
            config=self.config,
            base_url=None,  # the `url` filter resolves from the page
            lang=self.lang,
            t=lambda key, **values: t(key, self.lang).format(**values),
            **context,
        )

    def latest_posts(self, page: Page) -> str:
        teasers = latest_teasers(
            shared.catalog, self.lang, lambda post: shared.post_url(self.lang, post), LATEST_POSTS
        )
        news = self.languages[self.lang].prefix + "blog/"
        return self._render("latest-posts.html", page, teasers=teasers, news_url=news)

    def featured_event(self, page: Page) -> str:
        event, upcoming = featured_event(self.events, date.today())
        return self._render("featured-event.html", page, event=event, upcoming=upcoming, events_url=self.events_url)

    def organisations_map(self, page: Page) -> str:
        types = users_map.legend(self.organisations, ORGANISATION_TYPES, self.lang)
        embedded = page.meta.get("template") == "map-embed.html"
        data = users_map.map_data(types, self.lang, embedded=embedded)
        return self._render(
            "organisations-map.html",
            page,
            types=types,
            places=users_map.places(self.lang),
            count=users_map.count_text(len(self.organisations), self.lang),
            basemap=users_map.BASEMAP,
            styles=users_map.MAP_STYLES,
            scripts=users_map.MAP_SCRIPTS,
            organisations=users_map.ORGANISATIONS_FILE,
            version=users_map.content_version(self.map_file),  # as in users_map.preloads
            data=users_map.page_json(data),
        )

    def organisations_list(self, page: Page) -> str:
        groups = users_map.list_groups(self.organisations, ORGANISATION_TYPES, self.lang)
        return self._render("organisations-list.html", page, groups=groups)

    def organisations_embed(self, page: Page) -> str:
        url = (self.config.site_url or "/") + self.languages[self.lang].prefix + EMBED_PAGE
        return self._render("organisations-embed.html", page, snippet=users_map.embed_snippet(url, self.lang))

    def rencontres(self, page: Page) -> str:
        return self._render("rencontres.html", page, events=rencontres(self.events))

    def videos(self, page: Page) -> str:
        return self._render("videos.html", page, videos=videos(self.events))

    def contact_email(self, page: Page) -> str:
        address = self.config.extra.get("contact_email")
        if not address:
            raise PluginError("mkdocs.yml: extra.contact_email is missing (the contact page shows it)")
        return self._render("contact-email.html", page, address=address)


RENDERERS = {
    "latest-posts": PortalPages.latest_posts,
    "featured-event": PortalPages.featured_event,
    "organisations-map": PortalPages.organisations_map,
    "organisations-list": PortalPages.organisations_list,
    "organisations-embed": PortalPages.organisations_embed,
    "rencontres": PortalPages.rencontres,
    "videos": PortalPages.videos,
    "contact-email": PortalPages.contact_email,
}


pages = PortalPages()
on_startup = pages.on_startup
on_config = pages.on_config
on_pre_build = pages.on_pre_build
on_post_build = pages.on_post_build
on_page_markdown = pages.on_page_markdown
on_env = pages.on_env
