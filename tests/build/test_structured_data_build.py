"""The JSON-LD of built pages, in three languages: it parses and has its required fields."""

from __future__ import annotations

import json

import pytest

from geotrek_portal.structured_data import missing_fields

LANGS = [("", "fr"), ("en/", "en"), ("es/", "es")]
SITE = "https://geotrek.fr/"
SEED = "blog/2019/12/17/retour-rencontres-geotrek-2019/"


def documents(site_build, url_path: str) -> list[dict]:
    scripts = site_build.page(url_path).css('head script[type="application/ld+json"]')
    return [json.loads(script.text()) for script in scripts]


@pytest.mark.parametrize("prefix, lang", LANGS)
def test_event_pages_carry_a_valid_event(site_build, prefix, lang):
    (event,) = documents(site_build, f"{prefix}events/rencontres-2021/")
    assert event["@type"] == "Event" and missing_fields(event) == []
    assert event["url"] == f"{SITE}{prefix}events/rencontres-2021/"
    assert (event["startDate"], event["endDate"], event["inLanguage"]) == ("2021-10-14", "2021-10-15", lang)
    assert event["location"]["address"]["addressLocality"] == "Aix-en-Provence"
    assert event["organizer"]["name"] == "Parc national des Écrins"


@pytest.mark.parametrize("prefix, lang", LANGS)
def test_posts_carry_a_valid_blog_posting_linked_to_their_translations_and_event(site_build, prefix, lang):
    (post,) = documents(site_build, prefix + SEED)
    assert post["@type"] == "BlogPosting" and missing_fields(post) == []
    assert post["inLanguage"] == lang and post["url"] == SITE + prefix + SEED
    assert [about["url"] for about in post["about"]] == [f"{SITE}{prefix}events/rencontres-2019/"]
    if lang == "fr":
        assert sorted(w["url"] for w in post["workTranslation"]) == [f"{SITE}en/{SEED}", f"{SITE}es/{SEED}"]
    else:
        assert post["translationOfWork"]["url"] == SITE + SEED


@pytest.mark.parametrize("prefix, lang", LANGS)
def test_the_home_carries_the_organization_and_the_website(site_build, prefix, lang):
    kinds = {doc["@type"]: doc for doc in documents(site_build, prefix)}
    assert set(kinds) == {"Organization", "WebSite"}
    assert all(missing_fields(doc) == [] for doc in kinds.values())
    assert kinds["WebSite"]["url"] == SITE + prefix and kinds["WebSite"]["inLanguage"] == lang


def test_other_pages_carry_none(site_build):
    assert documents(site_build, "en/produit/") == []
