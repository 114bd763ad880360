"""MkDocs hook: schema.org JSON-LD of event pages, posts and the home page.

``geotrek_portal.structured_data`` builds the documents; this hook gives
templates ``structured_data(page, event_id)`` (overrides/main.html writes
each document with ``tojson``). It reads the events as hooks/events.py does
(one shared parse), and the posts, their URLs and which event each is about
from the build context (hooks/build_context.py).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig

from build_context import shared
from geotrek_portal import structured_data as sd
from geotrek_portal.event_pages import event_path
from geotrek_portal.events import EVENTS_DATA_DIR, shared_events

LOGO = "assets/img/geotrek-logo.png"  # the Open Graph picture of pages without one


class StructuredDataHook:
    def on_config(self, config: MkDocsConfig) -> None:
        self.root = Path(config.config_file_path).parent
        self.site_url = config.site_url or "/"

    def on_env(self, env, config: MkDocsConfig, files):
        env.globals["structured_data"] = lambda page, event_id=None: self.documents(config, page, event_id)
        return env

    def publisher(self, config: MkDocsConfig) -> dict:
        return sd.organization(
            config.site_name, self.site_url, urljoin(self.site_url, LOGO), config.extra.get("contact_email")
        )

    def documents(self, config: MkDocsConfig, page, event_id: str | None) -> list[dict]:
        languages, lang = shared.languages, shared.lang
        if page is None or page.file is None:
            return []
        src = page.file.src_uri
        if event_id:
            events = shared_events(self.root / EVENTS_DATA_DIR, languages, display_root=self.root)
            return [sd.event_data(events[event_id], lang, languages, self.site_url)]
        if src == f"{languages[lang].prefix}index.md":
            return sd.home_data(config.site_name, urljoin(self.site_url, languages[lang].prefix), lang,
                                config.site_description or "", self.publisher(config))
        post = shared.post_of_src.get(src)
        if post is None:
            return []
        return [self.post(config, post)]

    def post(self, config: MkDocsConfig, post) -> dict:
        languages = shared.languages

        def url(p) -> str:
            return urljoin(self.site_url, shared.post_url(p.lang, p))

        group = shared.catalog.group_of(post)
        versions = [p for p in group.posts.values() if not p.draft]
        original = group.original(languages.default.code)
        events = shared.events
        about = [
            (sd.event_node_id(link.event, languages, self.site_url), events[link.event].name.get(post.lang, languages.default.code),
             urljoin(self.site_url, event_path(languages, post.lang, link.event)))
            for link in shared.event_links.events_of(post.ref)
        ]
        return sd.post_data(
            post,
            url(post),
            urljoin(self.site_url, (post.image or LOGO).lstrip("/")),
            self.publisher(config),
            original=(original.lang, url(original)) if original is not post else None,
            translations=[(p.lang, url(p)) for p in versions if p is not original] if original is post else (),
            about=about,
        )


hook = StructuredDataHook()
on_config = hook.on_config
on_env = hook.on_env
