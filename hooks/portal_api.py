"""MkDocs hook: writes ``/api/events.json`` and ``/api/posts.json`` (``geotrek_portal.api``).

Once per run, after the last language build: the files hold every language.
It reads the posts and their URLs, the events and their posts from the
build context (hooks/build_context.py).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

import compat
from build_context import shared
from geotrek_portal import api

HOOK = "hooks/portal_api.py"


def on_post_build(config: MkDocsConfig) -> None:
    if shared.lang != compat.built_languages(config, HOOK)[-1]:
        return  # the last language build writes them, for all languages
    site_url = config.site_url or "/"
    root = Path(config.site_dir)  # every language build shares it (the others write under their prefix)
    documents = {
        api.EVENTS_FILE: api.events_document(shared.events, shared.languages, site_url),
        api.POSTS_FILE: api.posts_document(
            shared.catalog, shared.languages, site_url, shared.post_url, shared.event_links
        ),
    }
    for path, document in documents.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(api.dumps(document))
