"""MkDocs hook: unique landmark labels on blog posts (geotrek_portal.landmarks).

Post-processes the rendered page because the unlabelled navs are in Material's
blog-post.html, which only a full copy of the template could change.
tests/build/test_performance.py fails if Material's markup changes under it.
"""

from __future__ import annotations

from geotrek_portal.landmarks import label_post_sidebar


def on_post_page(output: str, page, config) -> str:
    return label_post_sidebar(output)
