"""MkDocs hook: work the build skips or shares, with the same output.

- an excerpt in a list of posts is converted from the post's Markdown up to
  its ``<!-- more -->`` only, when that gives the same HTML
  (``geotrek_portal.markdown.excerpt_head``); Material converts the whole
  post for each list it appears in.

Plugin internals are touched only in hooks/compat.py;
tests/build/test_build_speed.py proves the output is unchanged.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

import compat
from geotrek_portal.markdown import excerpt_head


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    compat.convert_excerpt_heads(excerpt_head)
    return config
