"""A synthetic checkout of the community's old Jekyll site, with every legacy case.

`make_jekyll_site(root)` writes it and returns its path; `EXPECTED` says what
the import must make of each post. `python tests/jekyll_site.py DIR --posts N`
writes one with N more generated posts (for timing the import).
"""

from __future__ import annotations

import argparse
import contextlib
import http.server
import struct
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


def png(seed: int) -> bytes:
    """A small valid PNG, different for each seed."""
    raw = b"".join(b"\x00" + bytes([(seed * 37 + x * 11) % 256, seed % 256, (x * 5) % 256] * 4) for x in range(4))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@dataclass(frozen=True)
class Expected:
    """What one source post becomes."""

    name: str  # file name in docs/blog/posts/
    lang: str
    url: str  # its page on the portal
    old: str | None  # its old address (None: a draft)
    title: str


POSTS: dict[str, str] = {
    # One post, three languages, one ref; upper case, trailing dash and a French suffix in
    # the name, "title :" with a space, a Jekyll layout, an excerpt marker, site.baseurl
    "_posts/2019-10-07-Rencontres-utilisateurs-fr-.markdown": """\
---
layout: post
title : Rencontres des utilisateurs 2019
date: 2019-10-07
lang: fr
ref: post-20191007
image: /assets/img/rencontres-2019.jpg
---

Les rencontres des utilisateurs de Geotrek se sont tenues à Nîmes.

<!--more-->

![Le groupe des participants]({{ site.baseurl }}/assets/img/rencontres-2019.jpg)

Les supports sont sur la page [ressources]({{ site.baseurl }}/ressources.html) ; pour venir
l'an prochain, [écrivez-nous]({{site.base_url}}/contact.html).
""",
    # English version: no layout of its own, quotes in the title
    "_posts/2019-10-07-Users-meeting-en.markdown": """\
---
title: 'The "Geotrek" users'' meeting 2019'
date: 2019-10-07
lang: en
ref: post-20191007
---

The Geotrek users met in Nîmes.

<!--more-->

![The group of participants]({{ site.baseurl }}/assets/img/rencontres-2019.jpg)
""",
    # Spanish version: layout post-en (the old site's mistake), U+200E after the title
    "_posts/2019-10-07-Encuentro-usuarios-es.md": """\
---
layout: post-en
title: Encuentro de usuarios 2019\u200e 
date: 2019-10-07
lang: es
ref: post-20191007
---

Los usuarios de Geotrek se reunieron en Nîmes.
""",
    # Two different posts of one language sharing one ref (and their translations)
    "_posts/2020-03-02-nouvelle-version.md": """\
---
layout: post
title: Geotrek-admin 2.40 est sorti
date: 2020-03-02
lang: fr
ref: post-2020
---

Une nouvelle version de Geotrek-admin est disponible.

Voir aussi [les rencontres 2019]({% post_url 2019-10-07-Rencontres-utilisateurs-fr- %}).
""",
    "_posts/2020-03-02-nouvelle-version-en.md": """\
---
layout: post-en
title: Geotrek-admin 2.40 is out
date: 2020-03-02
lang: en
ref: post-2020
---

A new version of Geotrek-admin is available.
""",
    "_posts/2020-05-11-atelier-technique.md": """\
---
layout: post
title: Atelier technique à Gap
date: 2020-05-11
lang: fr
ref: post-2020
---

Un atelier technique a réuni les développeurs.

{% highlight yaml %}
synchro: true
{% endhighlight %}

![Atelier](assets/img/atelier.jpg)
""",
    "_posts/2020-05-11-atelier-technique-en.md": """\
---
title: Technical workshop in Gap
date: 2020-05-11
lang: en
ref: post-2020
---

A technical workshop brought the developers together.
""",
    "_posts/2020-05-11-atelier-technique-es.md": """\
---
title: Taller técnico en Gap
date: 2020-05-11
lang: es
ref: post-2020
---

Un taller técnico reunió a los desarrolladores.
""",
    # The front matter date differs from the file name's (with a time and a zone)
    "_posts/2018-06-01-sortie-geotrek-rando.md": """\
---
layout: post
title: "Geotrek-rando : la version 3 est sortie"
date: 2018-06-04 10:30:00 +0200
lang: fr
ref: post-20180604
---

La version 3 de Geotrek-rando est sortie.

Elle est présentée sur la [page produit](produit.html).
""",
    # The same slug in two different years; no lang at all in the first
    "_posts/2017-11-20-rencontres-geotrek.md": """\
---
layout: post
title: Rencontres Geotrek 2017
date: 2017-11-20
ref: post-20171120
---

Les rencontres 2017 ont eu lieu à Montpellier.

![Photo](photos/ancienne-photo.jpg)
""",
    "_posts/2018-11-19-rencontres-geotrek.md": """\
---
layout: post
title: Rencontres Geotrek 2018
date: 2018-11-19
lang: fr
ref: post-20181119
---

Les rencontres 2018 ont eu lieu à Aix.

![Carte du réseau](assets/img/carte-introuvable.png)

{% include youtube.html id="abc" %}
""",
    # Almost entirely raw HTML, with a YouTube iframe and pictures
    "_posts/2021-02-15-Video-Geotrek-mobile.md": """\
---
layout: post
title: Vidéo de Geotrek-mobile
date: 2021-02-15
lang: fr
ref: post-20210215
---

<div class="post-video">
  <p>Découvrez Geotrek-mobile en vidéo : {{ page.title }}.</p>
  <iframe width="560" height="315" src="//www.youtube.com/embed/dQw4w9WgXcQ" frameborder="0" allowfullscreen></iframe>
  <p><img src="{{ site.baseurl }}/assets/img/mobile.png" alt="Capture de Geotrek-mobile"></p>
  <p><img src="img/absente.jpg" alt="Une image perdue"></p>
  <p><a href="{{ site.baseurl }}/assets/docs/guide.pdf">Le guide (PDF)</a></p>
</div>
""",
    "_posts/2021-02-15-Video-Geotrek-mobile-en.md": """\
---
title: Geotrek-mobile video
date: 2021-02-15
lang: en
ref: post-20210215
---

<div class="post-video">
  <p>Discover Geotrek-mobile on video.</p>
  <iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ" frameborder="0" allowfullscreen></iframe>
</div>
""",
    # A post that was never published, and drafts
    "_posts/2016-05-01-brouillon-oublie.md": """\
---
title: Un billet jamais publié
date: 2016-05-01
lang: fr
ref: post-20160501
published: false
---

Ce billet n'a jamais été publié.
""",
    "_drafts/projet-de-billet.md": """\
---
title: Projet de billet
lang: fr
ref: draft-projet
---

Un billet en préparation.
""",
    "_drafts/2022-01-10-draft-en.md": """\
---
title: A draft
date: 2022-01-10
lang: en
ref: draft-2022
layout: post-en
---

A draft in English.
""",
}

# Constructs where kramdown (the old site) and Python-Markdown disagree, and links to old addresses
POSTS.update(
    {
        "_posts/2021-09-13-geotrek-rencontres-2021-programme.md": """\
---
layout: post
title: Rencontres Geotrek 2021, programme
date: 2021-09-13
lang: fr
ref: post-20210913
---

Le programme des rencontres 2021 est en ligne.

## Programme

Avec plus de :
- 150 structures utilisatrices
- 3 logiciels libres
   - Geotrek-admin, imbriqué de trois espaces

#Geotrek2021 sur les réseaux.
""",
        "_posts/2021-11-04-geotrek-rencontres-2021-synthese.md": """\
---
layout: post
title: Rencontres Geotrek 2021, synthèse
date: 2021-11-04
lang: fr
ref: post-20211104
---

La synthèse des rencontres est publiée.

Relire [le programme](https://geotrek.fr/2021/09/13/geotrek-rencontres-2021-programme.html#programme),
découvrir [Geotrek-mobile](/produit.html#mobile) et [les ressources]({{ site.baseurl }}/ressources.html),
revenir à <a href="http://www.geotrek.fr/">l'accueil</a>.
""",
        "_posts/2021-11-04-geotrek-rencontres-2021-synthese-en.md": """\
---
layout: post-en
title: Geotrek meeting 2021, summary
date: 2021-11-04
lang: en
ref: post-20211104
---

The summary of the meeting is out.

Read [the programme](https://geotrek.fr/2021/09/13/geotrek-rencontres-2021-programme.html#programme)
and [the product page](http://geotrek.fr/produit.html#mobile), or go [home](http://geotrek.fr/).
""",
    }
)

PAGES = [
    "index.html", "index-en.html", "index-es.html",
    "actualites.html", "actualites-en.html", "actualites-es.html",
    "produit.html", "produit-en.html", "produit-es.html",
    "utilisateurs.html", "utilisateurs-en.html", "utilisateurs-es.html",
    "apropos.html", "apropos-en.html", "apropos-es.html",
    "contact.html", "contact-en.html", "contact-es.html",
    "ressources.html",
    # the users map without the site's chrome, in partners' <iframe>s
    "utilisateurs-iframe.html", "utilisateurs-iframe-en.html", "utilisateurs-iframe-es.html",
]  # fmt: skip

PICTURES = {
    "assets/img/rencontres-2019.jpg": 1,
    "assets/img/atelier.jpg": 2,
    "assets/img/mobile.png": 3,
    "assets/img/unused-logo.png": 4,
    "img/ancienne-photo.jpg": 5,  # outside assets/: found by name
    "assets/docs/guide.pdf": 6,
}

BLOG = {"fr": "blog", "en": "en/blog", "es": "es/blog"}

EXPECTED: dict[str, Expected] = {}


def _expect(source: str, name: str, lang: str, slug: str, old: str | None, title: str, draft: bool = False) -> None:
    date = name[:10].replace("-", "/")
    url = None if draft else f"{BLOG[lang]}/{date}/{slug}/"
    EXPECTED[source] = Expected(name, lang, url, old, title)


_expect("_posts/2019-10-07-Rencontres-utilisateurs-fr-.markdown", "2019-10-07-rencontres-utilisateurs.md", "fr",
        "rencontres-utilisateurs", "2019/10/07/Rencontres-utilisateurs-fr.html", "Rencontres des utilisateurs 2019")
_expect("_posts/2019-10-07-Users-meeting-en.markdown", "2019-10-07-rencontres-utilisateurs-en.md", "en",
        "rencontres-utilisateurs", "2019/10/07/Users-meeting-en.html", 'The "Geotrek" users\' meeting 2019')
_expect("_posts/2019-10-07-Encuentro-usuarios-es.md", "2019-10-07-rencontres-utilisateurs-es.md", "es",
        "rencontres-utilisateurs", "2019/10/07/Encuentro-usuarios-es.html", "Encuentro de usuarios 2019")
_expect("_posts/2020-03-02-nouvelle-version.md", "2020-03-02-nouvelle-version.md", "fr",
        "nouvelle-version", "2020/03/02/nouvelle-version.html", "Geotrek-admin 2.40 est sorti")
_expect("_posts/2020-03-02-nouvelle-version-en.md", "2020-03-02-nouvelle-version-en.md", "en",
        "nouvelle-version", "2020/03/02/nouvelle-version-en.html", "Geotrek-admin 2.40 is out")
_expect("_posts/2020-05-11-atelier-technique.md", "2020-05-11-atelier-technique.md", "fr",
        "atelier-technique", "2020/05/11/atelier-technique.html", "Atelier technique à Gap")
_expect("_posts/2020-05-11-atelier-technique-en.md", "2020-05-11-atelier-technique-en.md", "en",
        "atelier-technique", "2020/05/11/atelier-technique-en.html", "Technical workshop in Gap")
_expect("_posts/2020-05-11-atelier-technique-es.md", "2020-05-11-atelier-technique-es.md", "es",
        "atelier-technique", "2020/05/11/atelier-technique-es.html", "Taller técnico en Gap")
_expect("_posts/2018-06-01-sortie-geotrek-rando.md", "2018-06-04-sortie-geotrek-rando.md", "fr",
        "sortie-geotrek-rando", "2018/06/04/sortie-geotrek-rando.html", "Geotrek-rando : la version 3 est sortie")
_expect("_posts/2017-11-20-rencontres-geotrek.md", "2017-11-20-rencontres-geotrek.md", "fr",
        "rencontres-geotrek", "2017/11/20/rencontres-geotrek.html", "Rencontres Geotrek 2017")
_expect("_posts/2018-11-19-rencontres-geotrek.md", "2018-11-19-rencontres-geotrek.md", "fr",
        "rencontres-geotrek", "2018/11/19/rencontres-geotrek.html", "Rencontres Geotrek 2018")
_expect("_posts/2021-02-15-Video-Geotrek-mobile.md", "2021-02-15-video-geotrek-mobile.md", "fr",
        "video-geotrek-mobile", "2021/02/15/Video-Geotrek-mobile.html", "Vidéo de Geotrek-mobile")
_expect("_posts/2021-02-15-Video-Geotrek-mobile-en.md", "2021-02-15-video-geotrek-mobile-en.md", "en",
        "video-geotrek-mobile", "2021/02/15/Video-Geotrek-mobile-en.html", "Geotrek-mobile video")
_expect("_posts/2021-09-13-geotrek-rencontres-2021-programme.md", "2021-09-13-geotrek-rencontres-2021-programme.md", "fr",
        "geotrek-rencontres-2021-programme", "2021/09/13/geotrek-rencontres-2021-programme.html", "Rencontres Geotrek 2021, programme")
_expect("_posts/2021-11-04-geotrek-rencontres-2021-synthese.md", "2021-11-04-geotrek-rencontres-2021-synthese.md", "fr",
        "geotrek-rencontres-2021-synthese", "2021/11/04/geotrek-rencontres-2021-synthese.html", "Rencontres Geotrek 2021, synthèse")
_expect("_posts/2021-11-04-geotrek-rencontres-2021-synthese-en.md", "2021-11-04-geotrek-rencontres-2021-synthese-en.md", "en",
        "geotrek-rencontres-2021-synthese", "2021/11/04/geotrek-rencontres-2021-synthese-en.html", "Geotrek meeting 2021, summary")
_expect("_posts/2016-05-01-brouillon-oublie.md", "2016-05-01-brouillon-oublie.md", "fr",
        "brouillon-oublie", None, "Un billet jamais publié", draft=True)
_expect("_drafts/2022-01-10-draft-en.md", "2022-01-10-draft-en.md", "en", "draft", None, "A draft", draft=True)
# _drafts/projet-de-billet.md has no date: named after the file's date, checked by the tests

# Old page (language suffix removed) -> the portal's page replacing it: a path, or the stems
# of the page files that may hold it (the first that exists), the language's home otherwise
PORTAL_PAGES = {
    "index": "", "actualites": "blog/",
    "produit": ("produit", "product"), "utilisateurs": ("utilisateurs", "users"),
    "apropos": ("a-propos", "apropos", "about"), "contact": ("contact",), "ressources": ("ressources", "resources"),
    "utilisateurs-iframe": "utilisateurs/embed/",
}  # fmt: skip


def expected_page_url(docs: Path, old: str) -> str:
    """Where the old page `old` (index-en.html, produit.html...) must lead on the portal built from `docs`."""
    stem = old.removesuffix(".html")
    lang = stem[-2:] if stem.endswith(("-en", "-es")) else "fr"
    base = stem if lang == "fr" else stem[:-3]
    prefix = "" if lang == "fr" else f"{lang}/"
    target = PORTAL_PAGES[base]
    if isinstance(target, str):
        return prefix + target
    for name in target:
        if (docs / prefix / f"{name}.md").is_file():
            return f"{prefix}{name}/"
    return prefix


HOTLINKED = "_posts/2017-04-10-destination-normandie-maine.md"  # written only with a picture site
HOTLINKED_EXPECTED = Expected(
    "2017-04-10-destination-normandie-maine.md", "fr", "blog/2017/04/10/destination-normandie-maine/",
    "2017/04/10/destination-normandie-maine.html", "Destination Normandie-Maine",
)  # fmt: skip


def hotlinked_post(base_url: str) -> str:
    """A post showing pictures of another site (`base_url`, served by `picture_server`)."""
    return f"""\
---
layout: post
title: Destination Normandie-Maine
date: 2017-04-10
lang: fr
ref: post-20170410
image: {base_url}/upload/teaser.png
---

Le parc naturel régional Normandie-Maine publie ses randonnées.

![Le portail]({base_url}/upload/actualite/photo_253.png)

<p><img src="{base_url}/assets/4418840/f27556d1-5146" alt="Le widget"></p>

![Une photo disparue]({base_url}/upload/disparue.jpg)

![Une page d'erreur]({base_url}/upload/erreur.gif)
"""


@dataclass
class PictureServer:
    """A local site with pictures (and a 404 and an HTML page where pictures are expected)."""

    url: str
    requests: list[str] = field(default_factory=list)

    ROUTES = {
        "/upload/teaser.png": (200, "image/png", png(41)),
        "/upload/actualite/photo_253.png": (200, "image/png", png(42)),
        "/assets/4418840/f27556d1-5146": (200, "image/png", png(43)),  # no suffix: the content decides
        "/upload/erreur.gif": (200, "text/html; charset=utf-8", b"<html><body>Erreur</body></html>"),
    }


@contextlib.contextmanager
def picture_server() -> Iterator[PictureServer]:
    """Serves PictureServer.ROUTES on 127.0.0.1 (an ephemeral port) while the block runs."""
    server_info = PictureServer("")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            server_info.requests.append(self.path)
            status, kind, body = PictureServer.ROUTES.get(self.path, (404, "text/html", b"Not found"))
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server_info.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server_info
    finally:
        server.shutdown()
        server.server_close()


def make_jekyll_site(root: Path, extra_posts: int = 0, picture_site: str | None = None) -> Path:
    """`picture_site`: the address of a site the hotlinked post shows pictures from (None: no such post)."""
    site = root / "jekyll"
    for path, text in POSTS.items():
        _write(site / path, text)
    if picture_site is not None:
        _write(site / HOTLINKED, hotlinked_post(picture_site))
    for page in PAGES:
        _write(site / page, f"---\nlayout: default\ntitle: {page}\n---\n<p>{page}</p>\n")
    _write(site / "feed.xml", "---\nlayout: null\n---\n<rss>{% for post in site.posts %}{% endfor %}</rss>\n")
    _write(site / "_config.yml", "title: Geotrek\nurl: https://geotrek.fr\nbaseurl: ''\n")
    _write(site / "_layouts/post.html", "{{ content }}\n")
    _write(site / "_site/2019/10/07/old.html", "built site: ignored\n")
    for path, seed in PICTURES.items():
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(png(seed) if path.endswith((".png", ".jpg")) else b"%PDF-1.4\n%%EOF\n")
    for i in range(extra_posts):
        _generated(site, i)
    return site


def _generated(site: Path, i: int) -> None:
    """Post i of a generated corpus: a third of them translated in en and es."""
    year, month, day = 2010 + i % 12, 1 + i % 12, 1 + i % 28
    date = f"{year}-{month:02d}-{day:02d}"
    picture = f"assets/img/generated/photo-{i}.png"
    (site / picture).parent.mkdir(parents=True, exist_ok=True)
    (site / picture).write_bytes(png(100 + i))
    langs = ["fr", "en", "es"] if i % 3 == 0 else ["fr"]
    for lang in langs:
        suffix = "" if lang == "fr" else f"-{lang}"
        _write(
            site / f"_posts/{date}-Billet-numero-{i}{suffix}.markdown",
            f"---\nlayout: post\ntitle: Billet {i} ({lang})\ndate: {date}\nlang: {lang}\nref: gen-{i}\n---\n\n"
            f"Premier paragraphe du billet {i}.\n\n<!--more-->\n\n![Photo {i}]({{{{ site.baseurl }}}}/{picture})\n\n"
            f"Second paragraphe, avec un [lien]({{{{ site.baseurl }}}}/contact.html).\n",
        )


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--posts", type=int, default=0, help="generated posts to add")
    args = parser.parse_args()
    print(make_jekyll_site(args.dir, args.posts))
