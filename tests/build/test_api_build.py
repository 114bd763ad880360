"""/api/events.json and /api/posts.json as a partner reads them from the built site."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

SITE = "https://geotrek.fr/"


def local(site_build, url: str):
    assert url.startswith(SITE), url
    path = urlsplit(url).path
    return site_build.file(path)


def test_events_json_lists_every_event_and_its_addresses_exist(site_build):
    document = json.loads(site_build.file("api/events.json").read_text(encoding="utf-8"))
    assert document["version"] == 1
    pages = sorted(p.parent.name for p in site_build.file("events/").parent.glob("*/index.html"))
    assert sorted(item["id"] for item in document["events"]) == pages
    for item in document["events"]:
        for lang in document["languages"]:
            assert local(site_build, item["url"][lang]).is_file()
            assert local(site_build, item["ics"][lang]).is_file()
    for url in document["calendars"].values():
        assert local(site_build, url).is_file()


def test_posts_json_lists_every_published_post_version(site_build):
    document = json.loads(site_build.file("api/posts.json").read_text(encoding="utf-8"))
    assert document["version"] == 1
    posts = document["posts"]
    assert len(posts) >= 10
    for item in posts:
        page = site_build.page(urlsplit(item["url"]).path)
        assert page.css_first("html").attributes["lang"] == item["lang"]
        assert page.css_first("article h1").text(strip=True) == item["title"]
        for url in item["translations"].values():
            assert local(site_build, url).is_file()
    dates = [item["date"] for item in posts]
    assert dates == sorted(dates, reverse=True)
    seed = [item for item in posts if item["url"].endswith("/blog/2019/12/17/retour-rencontres-geotrek-2019/")]
    assert len(seed) == 3 and all(item["events"] == ["rencontres-2019"] for item in seed)
