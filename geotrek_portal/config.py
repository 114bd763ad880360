"""What the portal's tools need from mkdocs.yml, read without MkDocs.

mkdocs.yml is the only place where languages and blog addresses are
declared; the command line tools (`make check`, `make new-post`) read them
here so they agree with the build without importing MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .languages import Languages
from .urls import DEFAULT_POST_URL_DATE_FORMAT, DEFAULT_POST_URL_FORMAT

DEFAULT_RSS_FEED = "feed_rss_created.xml"  # mkdocs-rss-plugin's default name


class ConfigError(ValueError):
    """mkdocs.yml is missing or lacks what the tools need; the message says what."""


class _MkDocsLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader that reads MkDocs' special tags as nothing instead of failing.

    mkdocs.yml may contain ``!!python/object/apply:`` (a slugify function),
    ``!ENV`` or ``!relative``: none of them matters here, and none is executed.
    """


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_MkDocsLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)
_MkDocsLoader.add_multi_constructor("!", _ignore_tag)


@dataclass(frozen=True)
class SiteConfig:
    root: Path  # folder of mkdocs.yml
    docs_dir: Path
    site_url: str
    languages: Languages
    post_url_format: str = DEFAULT_POST_URL_FORMAT
    post_url_date_format: str = DEFAULT_POST_URL_DATE_FORMAT
    rss_feed: str = DEFAULT_RSS_FEED  # the default language's RSS feed, from the site root

    @property
    def site_path(self) -> str:
        """Path of the site root on its host ("/" for https://geotrek.fr/): raw HTML links start with it."""
        path = urlsplit(self.site_url).path or "/"
        return path if path.endswith("/") else path + "/"


def load_site_or_say(mkdocs_yml: Path, out) -> SiteConfig | None:
    """The site's configuration, or None after printing why it cannot be read (for commands)."""
    try:
        return load_site(mkdocs_yml)
    except ConfigError as e:
        print(e, file=out)
        return None


def load_site(mkdocs_yml: Path) -> SiteConfig:
    try:
        with open(mkdocs_yml, "rb") as f:
            config = yaml.load(f, Loader=_MkDocsLoader)  # noqa: S506 - a safe loader subclass
    except OSError as e:
        raise ConfigError(f"{mkdocs_yml}: cannot be read ({e.strerror})") from None
    except yaml.YAMLError as e:
        raise ConfigError(f"{mkdocs_yml}: YAML does not parse ({e})") from None
    if not isinstance(config, dict):
        raise ConfigError(f"{mkdocs_yml}: not a MkDocs configuration")
    plugins = _plugins(config)
    i18n = plugins.get("i18n") or {}
    entries = i18n.get("languages")
    if not isinstance(entries, list) or not all(isinstance(e, dict) and e.get("locale") for e in entries):
        raise ConfigError(f"{mkdocs_yml}: the i18n plugin must list its languages (locale, name, default)")
    try:
        languages = Languages.from_entries(entries)
    except ValueError as e:
        raise ConfigError(f"{mkdocs_yml}: i18n languages: {e}") from None
    blog = plugins.get("blog") or plugins.get("material/blog") or {}
    root = mkdocs_yml.resolve().parent
    return SiteConfig(
        root=root,
        docs_dir=root / str(config.get("docs_dir") or "docs"),
        site_url=str(config.get("site_url") or "/"),
        languages=languages,
        post_url_format=str(blog.get("post_url_format") or DEFAULT_POST_URL_FORMAT),
        post_url_date_format=str(blog.get("post_url_date_format") or DEFAULT_POST_URL_DATE_FORMAT),
        rss_feed=str(((plugins.get("rss") or {}).get("feeds_filenames") or {}).get("rss_created") or DEFAULT_RSS_FEED),
    )


def load_languages(mkdocs_yml: Path) -> Languages:
    """The site's languages, from static-i18n's list in mkdocs.yml."""
    return load_site(mkdocs_yml).languages


def _plugins(config: dict) -> dict[str, dict]:
    """`plugins:` as {name: options}, whether written as a list or a mapping."""
    plugins = config.get("plugins") or []
    items = plugins.items() if isinstance(plugins, dict) else (
        next(iter(p.items())) if isinstance(p, dict) else (p, {}) for p in plugins
    )
    return {str(name): options if isinstance(options, dict) else {} for name, options in items}
