"""MkDocs hook: writes ``/api/events.json`` and ``/api/posts.json`` (``geotrek_portal.api``).

Once per run, after the last language build: the files hold every language.
It reads the posts and their URLs from hooks/blog_i18n.py and the events and
their posts from hooks/events.py, both listed before it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from geotrek_portal import api


def _hook(config: MkDocsConfig, name: str, attribute: str):
    for key, plugin in config.plugins.items():
        if key.endswith(name) and hasattr(plugin, attribute):
            return getattr(plugin, attribute)
    raise PluginError(f"hooks/portal_api.py needs hooks/{name}: list it before in mkdocs.yml")


def on_post_build(config: MkDocsConfig) -> None:
    bridge = _hook(config, "blog_i18n.py", "bridge")
    events_hook = _hook(config, "events.py", "hook")
    build = bridge.build
    if build.lang != config.plugins["i18n"].build_languages[-1]:
        return  # the last language build writes them, for all languages
    blog = config.plugins["material/blog"]
    site_url = config.site_url or "/"
    root = Path(config.site_dir)  # every language build shares it (the others write under their prefix)
    documents = {
        api.EVENTS_FILE: api.events_document(events_hook.events, build.languages, site_url),
        api.POSTS_FILE: api.posts_document(
            build.catalog, build.languages, site_url,
            lambda lang, post: bridge.post_url(lang, post, blog), events_hook.links,
        ),
    }
    for path, document in documents.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(api.dumps(document))
