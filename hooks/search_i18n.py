"""MkDocs hook: one search index per language.

static-i18n merges every language into a single index at the site root, so
searching "Geotrek" on the English site lists French and Spanish pages first
as often as English ones, and every page is stemmed by all three languages'
rules. Instead, each language build writes its own index next to its pages
(``search/search_index.json``, ``en/search/...``, ``es/search/...``) with
only its pages and only its stemmer, and its pages point Material's search
at it through the ``base`` of their JavaScript configuration.

Requires ``reconfigure_search: false`` in the i18n plugin (otherwise it adds
every language to the search plugin and merges the indexes back).
"""

from __future__ import annotations

import json
import os
import posixpath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.pages import Page

import compat
from build_context import shared

HOOK = "hooks/search_i18n.py"

INDEX = "search/search_index.json"


class SearchPerLanguage:
    def __init__(self) -> None:
        self.lang = ""
        self.prefix = ""
        self.default_index: str | None = None  # the default language's, until static-i18n is done

    @event_priority(50)  # after blog_i18n set the theme language (100), before search (0)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if compat.search_reconfigured(config, HOOK):
            raise PluginError("hooks/search_i18n.py needs 'reconfigure_search: false' in the i18n plugin")
        self.lang = shared.lang
        self.prefix = shared.languages[self.lang].prefix
        compat.search_one_language(config, self.lang, HOOK)
        return config

    @event_priority(-10)  # after static-i18n (50) and Material (0) computed base_url
    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        """Material loads `search/search_index.json` from `base`: the language's root."""
        if self.prefix and context.get("base_url") is not None:
            # with its trailing slash: the browser resolves "../en" to "/en", a sibling of "/en/"
            context["base_url"] = posixpath.join(context["base_url"], self.prefix)
        return context

    @event_priority(-50)  # after search wrote the index (0), before static-i18n builds the others (-100)
    def _write_language_index(self, config: MkDocsConfig) -> None:
        root_index = os.path.join(config.site_dir, INDEX)
        with open(root_index, encoding="utf-8") as f:
            data = json.load(f)
        if not self.prefix:
            self.default_index = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            return
        for doc in data["docs"]:  # locations are relative to `base`, now the language root
            if doc["location"].startswith(self.prefix):
                doc["location"] = doc["location"][len(self.prefix) :]
        path = os.path.join(config.site_dir, self.prefix, INDEX)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, separators=(",", ":"))

    @event_priority(-110)  # after static-i18n merged all languages into the root index
    def _restore_default_index(self, config: MkDocsConfig) -> None:
        if self.default_index is None or compat.building_other_languages(config, HOOK):
            return
        with open(os.path.join(config.site_dir, INDEX), "w", encoding="utf-8") as f:
            f.write(self.default_index)
        self.default_index = None


search_i18n = SearchPerLanguage()
on_config = search_i18n.on_config
on_page_context = search_i18n.on_page_context
on_post_build = CombinedEvent(search_i18n._write_language_index, search_i18n._restore_default_index)
