"""MkDocs hook: work the build skips or shares, with the same output.

- an excerpt in a list of posts is converted from the post's Markdown up to
  its ``<!-- more -->`` only, when that gives the same HTML
  (``geotrek_portal.markdown.excerpt_head``); Material converts the whole
  post for each list it appears in;
- every Jinja environment of the process shares the compiled templates
  (kept in .cache/geotrek/, keyed on Jinja's and Python's versions and each
  template's source) and the theme's file list, walked once per site build
  instead of once per language.

Plugin internals are touched only in hooks/compat.py;
tests/build/test_build_speed.py proves the output is unchanged.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2
from jinja2 import FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

import compat
from geotrek_portal.build_cache import cache_root
from geotrek_portal.markdown import excerpt_head

HOOK = "hooks/build_speed.py"
_listings: dict = {}  # theme folders -> the theme's file names, for the site build under way


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    compat.convert_excerpt_heads(excerpt_head)
    if not compat.building_other_languages(config, HOOK):
        _listings.clear()  # a new site build (or `make serve` rebuild): the theme may have changed
    # Jinja checks each template's source and its bytecode format (Python's version);
    # its own version names the folder
    implementation = f"{sys.implementation.name}-{sys.version_info[0]}.{sys.version_info[1]}"
    folder = cache_root(Path(config.config_file_path).parent, f"jinja-{jinja2.__version__}-{implementation}")
    compat.share_theme_work(config, FileSystemBytecodeCache(str(folder)), _listings)
    return config


@event_priority(-60)  # after Material's blog made its list of posts (-50)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    compat.index_blog_posts(config, HOOK)
    return files
