"""MkDocs hook: the old Jekyll addresses (data/redirects.yml) through mkdocs-redirects.

static-i18n builds the site once per language. A post or page of one language
exists only in that language's build, so each build hands the redirects plugin
the entries whose target is in its language: every redirect file is written
once, by the build where mkdocs-redirects can resolve and check its target.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from geotrek_portal.languages import Languages
from geotrek_portal.redirects import REDIRECTS_FILE, parse_redirect_map, plugin_redirect_maps


class _OldHtmlPaths(logging.Filter):
    """Old Jekyll addresses end in .html (or .xml), not .md: mkdocs-redirects writes
    them as they are, which is what we want, but warns, which fails a strict build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "is not a valid markdown file" not in record.getMessage()


_filter = _OldHtmlPaths()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    path = Path(config.config_file_path).parent / REDIRECTS_FILE
    if not path.is_file():
        return config
    languages, lang = Languages.of_build(config.plugins["i18n"])
    redirects, problems = parse_redirect_map(path.read_text(encoding="utf-8"), languages)
    if problems:
        raise PluginError("\n".join(map(str, problems)))
    if "redirects" not in config.plugins:
        raise PluginError(f"{REDIRECTS_FILE} needs the mkdocs-redirects plugin: add '- redirects' to plugins in mkdocs.yml")
    if not config.site_url:
        raise PluginError(f"{REDIRECTS_FILE}: set site_url in mkdocs.yml (redirects to feeds are absolute URLs)")
    plugin = config.plugins["redirects"]
    plugin.config["redirect_maps"] = plugin_redirect_maps(redirects.get(lang, {}), config.site_url)
    logger = logging.getLogger("mkdocs.plugin.redirects")
    if _filter not in logger.filters:
        logger.addFilter(_filter)
    return config
