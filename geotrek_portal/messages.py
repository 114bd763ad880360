"""Interface text of the portal's own components, per language."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "news": {"fr": "Actualités", "en": "News", "es": "Noticias"},
    "feed_description": {
        "fr": "Les actualités de la communauté Geotrek : rencontres, nouvelles versions, retours d'expérience.",
        "en": "News from the Geotrek community: meetings, new releases, feedback from users.",
        "es": "Noticias de la comunidad Geotrek: encuentros, nuevas versiones, experiencias de los usuarios.",
    },
    "also_in": {"fr": "Aussi en :", "en": "Also in:", "es": "También en:"},
    "feed_rss": {"fr": "Flux RSS des actualités", "en": "News RSS feed", "es": "Canal RSS de noticias"},
    "feed_json": {"fr": "Flux JSON des actualités", "en": "News JSON feed", "es": "Canal JSON de noticias"},
}


def t(key: str, lang: str) -> str:
    """The text for `key` in `lang`, or loudly nothing: every key must exist in every language."""
    try:
        return MESSAGES[key][lang]
    except KeyError:
        raise KeyError(f"no '{key}' text in language '{lang}': add it to geotrek_portal/messages.py") from None
