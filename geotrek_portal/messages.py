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
    # body of a post written by `make new-post`, for its author to replace
    "new_post_excerpt": {
        "fr": "Premier paragraphe : il résume l'article et s'affiche dans la liste des actualités.",
        "en": "First paragraph: it sums up the post and is shown in the list of news.",
        "es": "Primer párrafo: resume el artículo y aparece en la lista de noticias.",
    },
    "new_post_rest": {
        "fr": "La suite de l'article, qui ne s'affiche que sur sa propre page.",
        "en": "The rest of the post, shown on its own page only.",
        "es": "El resto del artículo, que solo aparece en su propia página.",
    },
}


def t(key: str, lang: str) -> str:
    """The text for `key` in `lang`, or loudly nothing: every key must exist in every language."""
    try:
        return MESSAGES[key][lang]
    except KeyError:
        raise KeyError(f"no '{key}' text in language '{lang}': add it to geotrek_portal/messages.py") from None
