"""The `mkdocs` command of the project's virtualenv: it runs ProperDocs.

The site is built by ProperDocs, the maintained continuation of MkDocs 1.x.
The `mkdocs` distribution (1.6.1, unmaintained) stays installed only because
Material, static-i18n, mkdocs-rss-plugin and mkdocs-redirects declare it; under
ProperDocs its code is never imported (`properdocs.replacement` makes every
`mkdocs.*` import load `properdocs.*`). pyproject.toml installs this module as
`.venv/bin/mkdocs`, over MkDocs' own script, so that a maintainer who types
`mkdocs serve` or `mkdocs build` out of habit gets ProperDocs: the same program
as `make serve` and `make build`, not the unmaintained one.

The two banners that Material and mkdocs-redirects print when they see a
program named `mkdocs` (Material's end of life, "switch to ProperDocs") are
about MkDocs itself; this program is ProperDocs, so they are turned off with
the switches both packages document.
"""

from __future__ import annotations

import os


def main() -> None:
    os.environ["NO_MKDOCS_2_WARNING"] = "1"  # Material (material/templates/__init__.py)
    os.environ["DISABLE_MKDOCS_2_WARNING"] = "true"  # properdocs.replacement_warning, used by mkdocs-redirects
    from properdocs.__main__ import cli

    cli()


if __name__ == "__main__":
    main()
