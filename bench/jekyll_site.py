"""The benchmark's peer: the same synthetic posts built by Jekyll (Debian's `jekyll`).

`write_jekyll_site(project, target)` turns a portal project written by
`bench.corpus.generate` into a Jekyll source folder: the layouts and
configuration kept in `bench/jekyll/`, each post in `<lang>/_posts/` (its
folder is its first category, which gives the per-language feed) at the
address the portal gives it, and per language the pages the portal's blog has:
a home with the latest news, the news list, one list per category and one per
year (five excerpts a page, paginated by jekyll-paginate-v2), an Atom feed of
the last 30 posts (jekyll-feed) and a search index of every post's text;
one sitemap (jekyll-sitemap) and the pictures copied once.

Not built, unlike the portal: the portal's own pages (product, users map,
resources...), the event pages and calendars, the JSON API, redirects and a
theme as heavy as Material's (its assets, table of contents, icons).
"""

from __future__ import annotations

import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from geotrek_portal import messages
from geotrek_portal.config import load_site
from geotrek_portal.languages import Languages
from geotrek_portal.posts import Post, parse_post, slug_from_filename, slugify
from geotrek_portal.urls import BLOG_DIR, POSTS_DIR, post_path

TEMPLATE = Path(__file__).with_name("jekyll")
FEED_POSTS = 30  # items in each feed, as the rss plugin's `length` in mkdocs.yml
PLUGINS = ("jekyll-paginate-v2", "jekyll-feed", "jekyll-sitemap")  # Debian: ruby-<name>


@dataclass
class JekyllSite:
    source: Path
    posts: Counter[str] = field(default_factory=Counter)  # per language
    pages: int = 0  # list pages, homes, search indexes (before pagination)


def post_file(post: Post, url_path: str) -> tuple[str, str]:
    """(path in the Jekyll source, text) of one post, published at `/<url_path>`."""
    front = {
        "title": post.title,
        "date": post.published.strftime("%Y-%m-%d %H:%M:%S"),
        "locale": post.lang,
        "ref": post.ref,
        "categories": list(post.categories),  # after the folder's: [lang, *categories]
        "tags": [str(post.published.year)],  # the year's archive lists it
        "permalink": "/" + url_path,
        "layout": "post",
    }
    if post.description:
        front["description"] = post.description
    if post.image:
        front["image"] = "/" + post.image
    header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    return f"{post.lang}/_posts/{post.name}", f"---\n{header}---\n\n{post.body}"


def page_file(path: str, **front) -> tuple[str, str]:
    """A page with front matter only: its layout does the work."""
    return path, "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n"


def list_pages(posts: list[Post], languages: Languages) -> list[tuple[str, str]]:
    """Per language: home, news list, one list per category and per year, search index."""
    files = []
    for lang in languages.codes:
        mine = [p for p in posts if p.lang == lang]
        if not mine:
            continue
        prefix = languages[lang].prefix
        blog = f"{prefix}{BLOG_DIR}/"
        news = messages.t("news", lang)
        files.append(page_file(f"{prefix}index.html", layout="home", locale=lang))
        files.append(page_file(f"{blog}index.html", layout="list", locale=lang, title=news,
                               pagination={"enabled": True, "locale": lang}))
        for category in sorted({c for p in mine for c in p.categories}):
            files.append(page_file(f"{blog}category/{slugify(category)}/index.html", layout="list", locale=lang,
                                   title=category, pagination={"enabled": True, "locale": lang, "category": category}))
        for year in sorted({p.published.year for p in mine}):
            files.append(page_file(f"{blog}archive/{year}/index.html", layout="list", locale=lang, title=str(year),
                                   pagination={"enabled": True, "locale": lang, "tag": str(year)}))
        files.append(page_file(f"{prefix}search/search_index.json", layout="search_index", locale=lang))
    return files


def language_data(languages: Languages) -> dict[str, dict[str, str]]:
    """`_data/languages.yml`: what the layouts say and link, per language."""
    return {
        lang.code: {
            "name": lang.name,
            "site_name": "Geotrek",
            "home": "/" + lang.prefix,
            "blog": f"/{lang.prefix}{BLOG_DIR}/",
            "news": messages.t("news", lang.code),
            "all_news": messages.t("all_news", lang.code),
            "read_more": messages.t("read_more", lang.code),
            "also_in": messages.t("also_in", lang.code),
        }
        for lang in languages.all
    }


def config_text(languages: Languages) -> str:
    """bench/jekyll/_config.yml and one Atom feed per language."""
    feed = {"feed": {"categories": list(languages.codes), "posts_limit": FEED_POSTS}}
    return (TEMPLATE / "_config.yml").read_text(encoding="utf-8") + yaml.safe_dump(feed, sort_keys=False)


def read_posts(project: Path) -> tuple[list[tuple[Post, str]], Languages]:
    """The project's posts with the path the portal publishes each at."""
    site = load_site(project / "mkdocs.yml")
    posts = []
    for path in sorted((site.docs_dir / POSTS_DIR).glob("*.md")):
        post, problems = parse_post(str(path), path.read_bytes(), site.languages)
        if post is None or post.draft:
            raise ValueError(f"{path}: not a publishable post: {problems}")
        slug = post.slug or slug_from_filename(post.name, site.languages.codes)
        url = post_path(site.languages, post.lang, post.published, slug,
                        site.post_url_format, site.post_url_date_format)
        posts.append((post, url))
    return posts, site.languages


def write_jekyll_site(project: Path, target: Path) -> JekyllSite:
    """Write the Jekyll source of `project`'s posts into `target` (replaced)."""
    posts, languages = read_posts(project)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(TEMPLATE, target)
    shutil.copytree(project / "docs/assets", target / "assets")
    files = [post_file(post, url) for post, url in posts]
    pages = list_pages([post for post, _ in posts], languages)
    files += pages
    files.append(("_config.yml", config_text(languages)))
    files.append(("_data/languages.yml", yaml.safe_dump(language_data(languages), allow_unicode=True, sort_keys=False)))
    for path, text in files:
        out = target / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    return JekyllSite(target, Counter(post.lang for post, _ in posts), len(pages))


def jekyll_command(source: Path, destination: Path) -> list[str]:
    return ["jekyll", "build", "--quiet", "--source", str(source), "--destination", str(destination)]


def jekyll_caches(source: Path) -> list[Path]:
    """What a cold Jekyll build must not find."""
    return [source / ".jekyll-cache", source / ".jekyll-metadata"]


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path, help="a portal project (python -m bench.corpus)")
    parser.add_argument("target", type=Path)
    args = parser.parse_args()
    print(write_jekyll_site(args.project, args.target))
