"""MkDocs hook: the old Jekyll addresses (data/redirects.yml) through mkdocs-redirects.

static-i18n builds the site once per language. A post or page of one language
exists only in that language's build, so each build hands the redirects plugin
the entries whose target is in its language: every redirect file is written
once, by the build where mkdocs-redirects can resolve and check its target.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

import compat
from build_context import shared
from geotrek_portal.redirects import REDIRECTS_FILE, parse_redirect_map, plugin_redirect_maps

HOOK = "hooks/redirects.py"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    path = Path(config.config_file_path).parent / REDIRECTS_FILE
    if not path.is_file():
        return config
    languages, lang = shared.languages, shared.lang
    redirects, problems = parse_redirect_map(path.read_text(encoding="utf-8"), languages)
    if problems:
        raise PluginError("\n".join(map(str, problems)))
    if "redirects" not in config.plugins:
        raise PluginError(f"{REDIRECTS_FILE} needs the mkdocs-redirects plugin: add '- redirects' to plugins in mkdocs.yml")
    if not config.site_url:
        raise PluginError(f"{REDIRECTS_FILE}: set site_url in mkdocs.yml (redirects to feeds are absolute URLs)")
    compat.set_redirect_maps(config, plugin_redirect_maps(redirects.get(lang, {}), config.site_url), HOOK)
    # old addresses end in .html: mkdocs-redirects warns about them, which fails a strict build
    compat.allow_html_redirect_sources()
    return config
