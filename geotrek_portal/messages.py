"""Interface text of the portal's own components, per language."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # portal pages (hooks/portal_pages.py, overrides/partials/portal/*.html)
    "read_more": {"fr": "Lire la suite", "en": "Read more", "es": "Seguir leyendo"},
    "all_news": {"fr": "Toutes les actualités", "en": "All the news", "es": "Todas las noticias"},
    "no_news": {
        "fr": "Aucune actualité pour le moment.",
        "en": "No news yet.",
        "es": "Todavía no hay noticias.",
    },
    "event_next": {"fr": "Prochain événement", "en": "Next event", "es": "Próximo evento"},
    "event_latest": {"fr": "Dernier événement", "en": "Latest event", "es": "Último evento"},
    "event_details": {"fr": "Programme et supports", "en": "Programme and material", "es": "Programa y materiales"},
    "all_events": {"fr": "Tous les événements", "en": "All the events", "es": "Todos los eventos"},
    "no_event": {
        "fr": "Aucun événement annoncé pour le moment.",
        "en": "No event announced yet.",
        "es": "Todavía no hay ningún evento anunciado.",
    },
    "no_video": {
        "fr": "Aucune vidéo pour le moment.",
        "en": "No video yet.",
        "es": "Todavía no hay vídeos.",
    },
    "org_filter": {"fr": "Type d'organisation", "en": "Type of organisation", "es": "Tipo de organización"},
    "org_all_types": {"fr": "Tous les types", "en": "All types", "es": "Todos los tipos"},
    "org_count_one": {"fr": "1 organisation affichée", "en": "1 organisation shown", "es": "1 organización mostrada"},
    "org_count_other": {
        "fr": "{n} organisations affichées",
        "en": "{n} organisations shown",
        "es": "{n} organizaciones mostradas",
    },
    "org_map": {
        "fr": "Carte des organisations qui utilisent Geotrek",
        "en": "Map of the organisations using Geotrek",
        "es": "Mapa de las organizaciones que usan Geotrek",
    },
    "org_legend": {"fr": "Légende", "en": "Legend", "es": "Leyenda"},
    "org_name": {"fr": "Organisation", "en": "Organisation", "es": "Organización"},
    "org_type": {"fr": "Type", "en": "Type", "es": "Tipo"},
    "org_seat": {"fr": "Siège", "en": "Seat", "es": "Sede"},
    "org_links": {"fr": "Liens", "en": "Links", "es": "Enlaces"},
    "org_website": {"fr": "Site web", "en": "Website", "es": "Sitio web"},
    "org_portal": {"fr": "Portail Geotrek", "en": "Geotrek portal", "es": "Portal Geotrek"},
    "org_on_map": {"fr": "Voir sur la carte", "en": "Show on the map", "es": "Ver en el mapa"},
    "org_type_national_park": {"fr": "Parc national", "en": "National park", "es": "Parque nacional"},
    "org_type_regional_park": {
        "fr": "Parc naturel régional",
        "en": "Regional nature park",
        "es": "Parque natural regional",
    },
    "org_type_department": {"fr": "Département", "en": "Département (county)", "es": "Departamento"},
    "org_type_federation": {
        "fr": "Fédération ou comité de randonnée",
        "en": "Hiking federation or committee",
        "es": "Federación o comité de senderismo",
    },
    "org_type_tourist_office": {"fr": "Office de tourisme", "en": "Tourist office", "es": "Oficina de turismo"},
    "org_type_other": {"fr": "Autre structure", "en": "Other organisation", "es": "Otra organización"},
    "org_types_national_park": {"fr": "Parcs nationaux", "en": "National parks", "es": "Parques nacionales"},
    "org_types_regional_park": {
        "fr": "Parcs naturels régionaux",
        "en": "Regional nature parks",
        "es": "Parques naturales regionales",
    },
    "org_types_department": {"fr": "Départements", "en": "Départements (counties)", "es": "Departamentos"},
    "org_types_federation": {
        "fr": "Fédérations et comités de randonnée",
        "en": "Hiking federations and committees",
        "es": "Federaciones y comités de senderismo",
    },
    "org_types_tourist_office": {"fr": "Offices de tourisme", "en": "Tourist offices", "es": "Oficinas de turismo"},
    "org_types_other": {"fr": "Autres structures", "en": "Other organisations", "es": "Otras organizaciones"},
    # users map (geotrek_portal/users_map.py, users-map.js)
    "map_places": {"fr": "Aller à", "en": "Go to", "es": "Ir a"},
    "map_place_mainland": {"fr": "France métropolitaine", "en": "Mainland France", "es": "Francia metropolitana"},
    "map_place_guadeloupe": {"fr": "Guadeloupe", "en": "Guadeloupe", "es": "Guadalupe"},
    "map_place_martinique": {"fr": "Martinique", "en": "Martinique", "es": "Martinica"},
    "map_place_guyane": {"fr": "Guyane", "en": "French Guiana", "es": "Guayana Francesa"},
    "map_place_reunion": {"fr": "La Réunion", "en": "Réunion", "es": "Reunión"},
    "map_place_mayotte": {"fr": "Mayotte", "en": "Mayotte", "es": "Mayotte"},
    "map_layer_plain": {
        "fr": "Fond simple (servi par ce site)",
        "en": "Plain map (served by this site)",
        "es": "Mapa sencillo (servido por este sitio)",
    },
    "map_layer_osm": {
        "fr": "OpenStreetMap (serveurs d'OpenStreetMap)",
        "en": "OpenStreetMap (OpenStreetMap's servers)",
        "es": "OpenStreetMap (servidores de OpenStreetMap)",
    },
    "map_layer_territories": {"fr": "Territoires", "en": "Territories", "es": "Territorios"},
    "map_no_script": {
        "fr": "La carte interactive a besoin de JavaScript ; la liste des organisations la remplace.",
        "en": "The interactive map needs JavaScript; the list of organisations stands in for it.",
        "es": "El mapa interactivo necesita JavaScript; la lista de organizaciones lo sustituye.",
    },
    "map_full_page": {
        "fr": "Voir la liste complète sur geotrek.fr",
        "en": "See the full list on geotrek.fr",
        "es": "Ver la lista completa en geotrek.fr",
    },
    "map_embed_copy": {"fr": "Copier le code", "en": "Copy the code", "es": "Copiar el código"},
    "map_embed_copied": {"fr": "Code copié", "en": "Code copied", "es": "Código copiado"},
    "map_embed_code": {
        "fr": "Code à coller dans votre page",
        "en": "Code to paste into your page",
        "es": "Código para pegar en su página",
    },
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
    # top of a translation started by `make new-post REF=...` (geotrek_portal.translations)
    "translate_comment": {
        "fr": "Traduction de {path} (en {source}) : traduisez en {target} le titre ci-dessus et le texte "
        "ci-dessous. Gardez tels quels les liens, les images et la marque de fin du résumé, puis supprimez ce commentaire.",
        "en": "Translation of {path} (in {source}): translate the title above and the text below into {target}. "
        "Keep the links, the pictures and the end-of-excerpt mark as they are, then delete this comment.",
        "es": "Traducción de {path} (en {source}): traduzca al {target} el título de arriba y el texto de abajo. "
        "Conserve tal cual los enlaces, las imágenes y la marca de fin del resumen, y luego borre este comentario.",
    },
    # translation status (hooks/translation_status.py, geotrek_portal/translations.py)
    "translation_outdated": {
        "fr": "Cette traduction n'est peut-être plus à jour : l'original, en {language}, a été modifié le {date}.",
        "en": "This translation may be out of date: the original, in {language}, was updated on {date}.",
        "es": "Puede que esta traducción no esté al día: el original, en {language}, se modificó el {date}.",
    },
    "translation_outdated_undated": {
        "fr": "Cette traduction n'est peut-être plus à jour : l'original, en {language}, a été modifié depuis.",
        "en": "This translation may be out of date: the original, in {language}, has been updated since.",
        "es": "Puede que esta traducción no esté al día: el original, en {language}, se ha modificado desde entonces.",
    },
    "translation_read_original": {"fr": "Lire l'original", "en": "Read the original", "es": "Leer el original"},
    # the language switcher of a post that does not exist in that language (the entry leads to that language's news)
    "switcher_untranslated": {
        "fr": "article non traduit : les actualités",
        "en": "post not translated: the news",
        "es": "artículo no traducido: las noticias",
    },
    "translate_title": {"fr": "Aider à traduire", "en": "Help translate", "es": "Ayudar a traducir"},
    "translate_description": {
        "fr": "Les actualités de la communauté Geotrek qui attendent une traduction en français ou sa mise à jour, et comment s'y mettre.",
        "en": "The Geotrek community news waiting to be translated into English or updated, and how to help.",
        "es": "Las noticias de la comunidad Geotrek que esperan una traducción al español o su actualización, y cómo colaborar.",
    },
    "translate_intro": {
        "fr": "La plupart des actualités de la communauté sont écrites en français, puis traduites en anglais et en "
        "espagnol par des bénévoles ; quelques-unes sont écrites d'abord dans une autre langue. Si vous la lisez, "
        "quelques minutes suffisent pour traduire un article en français ou remettre une traduction à jour : voici "
        "ceux qui attendent, les plus récents d'abord.",
        "en": "The community's news is mostly written in French, then translated into English and Spanish by "
        "volunteers. If you read French, a few minutes are enough to translate a post into English or to bring a "
        "translation up to date: here are the posts waiting, newest first.",
        "es": "Las noticias de la comunidad se escriben casi siempre en francés y luego las traducen al inglés y al "
        "español personas voluntarias. Si lee francés, bastan unos minutos para traducir un artículo al español o "
        "poner al día una traducción: estos son los que esperan, empezando por los más recientes.",
    },
    "translate_how": {
        "fr": "Une traduction reprend le titre et le texte de l'original : traduisez-les, gardez les liens et les images, "
        "puis proposez le fichier. Le guide du contributeur, CONTRIBUTING.md dans le dépôt du site, explique chaque étape.",
        "en": "A translation starts from the title and text of the original: translate them, keep the links and the "
        "pictures, then propose the file. The contributors' guide, CONTRIBUTING.en.md in the site's repository, explains every step.",
        "es": "Una traducción parte del título y del texto del original: tradúzcalos, conserve los enlaces y las imágenes "
        "y luego proponga el archivo. La guía de contribución, CONTRIBUTING.en.md en el repositorio del sitio (en inglés), explica cada paso.",
    },
    "translate_outdated": {"fr": "Traductions à mettre à jour", "en": "Translations to update", "es": "Traducciones por actualizar"},
    "translate_missing": {"fr": "Articles à traduire", "en": "Posts to translate", "es": "Artículos por traducir"},
    "translate_none_outdated": {
        "fr": "Toutes les traductions en français sont à jour.",
        "en": "Every English translation is up to date.",
        "es": "Todas las traducciones al español están al día.",
    },
    "translate_none_missing": {
        "fr": "Toutes les actualités existent en français. Merci à celles et ceux qui les ont traduites !",
        "en": "Every post exists in English. Thanks to everyone who translated them!",
        "es": "Todas las noticias existen en español. ¡Gracias a quienes las tradujeron!",
    },
    "translate_changed_on": {
        "fr": "original modifié le {date}",
        "en": "original updated on {date}",
        "es": "original modificado el {date}",
    },
    "translate_original_in": {"fr": "original en {language}", "en": "original in {language}", "es": "original en {language}"},
    "translate_start_github": {
        "fr": "Commencer la traduction sur GitHub",
        "en": "Start the translation on GitHub",
        "es": "Empezar la traducción en GitHub",
    },
    "translate_update_github": {
        "fr": "Mettre à jour la traduction sur GitHub",
        "en": "Update the translation on GitHub",
        "es": "Actualizar la traducción en GitHub",
    },
    "translate_start_command": {
        "fr": "Pour commencer, dans une copie du dépôt :",
        "en": "To start, in a copy of the repository:",
        "es": "Para empezar, en una copia del repositorio:",
    },
    "translate_update_command": {
        "fr": "Mettez à jour {path}, puis :",
        "en": "Update {path}, then:",
        "es": "Actualice {path} y luego ejecute:",
    },
    "translate_done_github": {
        "fr": "Une fois la traduction à jour, la commande make translations DONE=<fichier> l'enregistre (ou demandez-le dans la demande de fusion).",
        "en": "Once the translation is up to date, make translations DONE=<file> records it (or ask for it in the pull request).",
        "es": "Cuando la traducción esté al día, make translations DONE=<archivo> lo registra (o pídalo en la solicitud de fusión).",
    },
    "translate_paste": {
        "fr": "Collez ici le texte de l'original, à traduire : {url}",
        "en": "Paste the text of the original here, to translate it: {url}",
        "es": "Pegue aquí el texto del original para traducirlo: {url}",
    },
    "translate_other_languages": {
        "fr": "Vous pouvez aussi traduire les actualités dans une autre langue :",
        "en": "You can also translate the news into another language:",
        "es": "También puede traducir las noticias a otro idioma:",
    },
    # events (hooks/events.py, overrides/partials/event-*.html)
    "events": {"fr": "Événements", "en": "Events", "es": "Eventos"},
    "events_intro": {
        "fr": "Les rencontres des utilisateurs de Geotrek et les événements où la communauté présente ses outils, avec leurs supports et les articles qui en parlent.",
        "en": "The Geotrek users' meetings and the events where the community presents its tools, with their material and the posts about them.",
        "es": "Los encuentros de usuarios de Geotrek y los eventos en los que la comunidad presenta sus herramientas, con sus materiales y los artículos que hablan de ellos.",
    },
    "events_upcoming": {"fr": "À venir", "en": "Upcoming", "es": "Próximos"},
    "events_past": {"fr": "Passés", "en": "Past", "es": "Pasados"},
    "event_material": {"fr": "Supports", "en": "Material", "es": "Materiales"},
    "event_box_title": {"fr": "Supports de l'événement", "en": "Event material", "es": "Materiales del evento"},
    "event_page_link": {
        "fr": "Tous les supports et les articles",
        "en": "All the material and posts",
        "es": "Todos los materiales y artículos",
    },
    "event_website": {"fr": "Site de l'événement", "en": "Event website", "es": "Sitio del evento"},
    "event_posts": {"fr": "Articles sur cet événement", "en": "Posts about this event", "es": "Artículos sobre este evento"},
    "event_posts_other": {"fr": "Dans d'autres langues", "en": "In other languages", "es": "En otros idiomas"},
    "events_calendar_name": {"fr": "Événements de la communauté Geotrek", "en": "Geotrek community events", "es": "Eventos de la comunidad Geotrek"},
    "events_subscribe": {
        "fr": "S'abonner au calendrier des événements",
        "en": "Subscribe to the events calendar",
        "es": "Suscribirse al calendario de eventos",
    },
    "events_subscribe_file": {"fr": "fichier iCalendar", "en": "iCalendar file", "es": "archivo iCalendar"},
    "event_add_calendar": {"fr": "Ajouter à mon agenda", "en": "Add to my calendar", "es": "Añadir a mi calendario"},
    "event_add_ics": {"fr": "Fichier .ics (tous les agendas)", "en": ".ics file (any calendar)", "es": "Archivo .ics (cualquier calendario)"},
    "event_add_google": {"fr": "Google Agenda", "en": "Google Calendar", "es": "Google Calendar"},
    "event_register": {"fr": "Inscription", "en": "Registration", "es": "Inscripción"},
    "event_register_link": {"fr": "S'inscrire", "en": "Register", "es": "Inscribirse"},
    "event_call_for_talks": {"fr": "Appel à présentations", "en": "Call for talks", "es": "Convocatoria de ponencias"},
    "event_call_deadline": {"fr": "jusqu'au {date}", "en": "until {date}", "es": "hasta el {date}"},
    "status_planned": {"fr": "Prévu", "en": "Planned", "es": "Previsto"},
    "status_registration_open": {"fr": "Inscriptions ouvertes", "en": "Registration open", "es": "Inscripciones abiertas"},
    "status_full": {"fr": "Complet", "en": "Full", "es": "Completo"},
    "status_cancelled": {"fr": "Annulé", "en": "Cancelled", "es": "Cancelado"},
    "status_postponed": {"fr": "Reporté", "en": "Postponed", "es": "Aplazado"},
    "material_programme": {"fr": "Programme", "en": "Programme", "es": "Programa"},
    "material_presentations": {"fr": "Présentations", "en": "Presentations", "es": "Presentaciones"},
    "material_slides": {"fr": "Diaporamas", "en": "Slides", "es": "Diapositivas"},
    "material_workshops": {"fr": "Ateliers", "en": "Workshops", "es": "Talleres"},
    "material_synthesis": {"fr": "Synthèse", "en": "Summary", "es": "Síntesis"},
    "material_video": {"fr": "Vidéo", "en": "Video", "es": "Vídeo"},
    "material_photos": {"fr": "Photos", "en": "Photos", "es": "Fotos"},
    "material_registration": {"fr": "Inscription", "en": "Registration", "es": "Inscripción"},
    # page footer (overrides/partials/copyright.html), before the theme's name
    "made_with": {"fr": "Site réalisé avec", "en": "Made with", "es": "Hecho con"},
    # title of the ¶ link after each heading (Python-Markdown's toc: permalink_title)
    "permalink": {"fr": "Lien permanent", "en": "Permanent link", "es": "Enlace permanente"},
    # the page for a missing address (overrides/404.html, geotrek_portal/not_found.py)
    "not_found_title": {"fr": "Page introuvable", "en": "Page not found", "es": "Página no encontrada"},
    "not_found_text": {
        "fr": "Cette page n'existe pas : son adresse est peut-être mal saisie, ou la page a été déplacée ou supprimée.",
        "en": "This page does not exist: its address may be mistyped, or the page has been moved or deleted.",
        "es": "Esta página no existe: puede que su dirección esté mal escrita o que la página se haya trasladado o eliminado.",
    },
    "not_found_next": {
        "fr": "Vous trouverez peut-être ce que vous cherchiez à partir de ces pages :",
        "en": "You may find what you were looking for from these pages:",
        "es": "Quizá encuentre lo que buscaba a partir de estas páginas:",
    },
    "not_found_home": {"fr": "Accueil du site", "en": "Home page", "es": "Página de inicio"},
    "not_found_search": {"fr": "Rechercher sur le site", "en": "Search the site", "es": "Buscar en el sitio"},
}

# Material's own interface strings (its partials/languages/<lang>.html), where
# its translation is wrong: overrides/partials/language.html reads these first.
# Material key -> {language: text}; a language not listed keeps Material's text.
THEME_MESSAGES: dict[str, dict[str, str]] = {
    "blog.meta": {"fr": "Métadonnées", "es": "Metadatos"},  # fr lacks the accent, es is English
    "blog.archive": {"fr": "Archives"},  # a blog's archives, "archive" is one archived item
    "action.edit": {"fr": "Modifier cette page"},  # "Editer" lacks its accent
    "footer": {"es": "Pie de página"},  # "Pie" alone is a foot
}


def theme_text(key: str, lang: str) -> str:
    """The portal's text for Material's interface string `key` in `lang`, or "" to keep Material's."""
    return THEME_MESSAGES.get(key, {}).get(lang, "")


def t(key: str, lang: str) -> str:
    """The text for `key` in `lang`, or loudly nothing: every key must exist in every language."""
    try:
        return MESSAGES[key][lang]
    except KeyError:
        raise KeyError(f"no '{key}' text in language '{lang}': add it to geotrek_portal/messages.py") from None
