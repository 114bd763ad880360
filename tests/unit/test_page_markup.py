"""Picture sizes and landmark labels added to rendered pages (geotrek_portal.images, .landmarks)."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from geotrek_portal.images import image_size, size_images
from geotrek_portal.landmarks import label_landmarks


def write_png(path: Path, width: int, height: int) -> Path:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x00\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    return path


def test_local_picture_gets_its_size_and_async_decoding(tmp_path):
    png = write_png(tmp_path / "a b.png", 30, 20)
    html = '<p>x</p><img alt="" src="../img/a%20b.png" /><p>y</p>'
    seen = []

    def locate(src):
        seen.append(src)
        return png

    out = size_images(html, locate)
    assert out == '<p>x</p><img alt="" src="../img/a%20b.png" width="30" height="20" decoding="async"/><p>y</p>'
    assert seen == ["../img/a%20b.png"]


def test_src_is_unescaped_before_lookup(tmp_path):
    png = write_png(tmp_path / "p.png", 4, 3)
    out = size_images("<IMG SRC='a&amp;b.png' ALT=''>", lambda src: png if src == "a&b.png" else None)
    assert out == "<IMG SRC='a&amp;b.png' ALT='' width=\"4\" height=\"3\" decoding=\"async\">"


def test_left_alone_sized_remote_unknown_or_missing(tmp_path):
    png = write_png(tmp_path / "p.png", 4, 3)
    svg = tmp_path / "logo.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"></svg>')
    kept = [
        '<img src="p.png" width="100">',  # the author chose a size
        '<img src="p.png" height="10">',
        '<img src="https://example.org/p.png">',  # locate: None
        '<img src="logo.svg">',  # no size in the file
        '<img alt="no source">',
        '<img src="gone.png">',
    ]
    files = {"p.png": png, "logo.svg": svg, "gone.png": tmp_path / "gone.png"}
    for tag in kept:
        assert size_images(tag, files.get) == tag


def test_decoding_chosen_by_the_author_is_kept(tmp_path):
    png = write_png(tmp_path / "p.png", 5, 5)
    assert size_images('<img src="p.png" decoding="sync">', lambda _: png) == '<img src="p.png" decoding="sync" width="5" height="5">'


def test_image_size_of_unreadable_file_is_none(tmp_path):
    (tmp_path / "bad.png").write_bytes(b"not a picture")
    assert image_size(tmp_path / "bad.png") is None
    assert image_size(tmp_path / "missing.png") is None


SIDEBAR = """<html><body><div class="md-sidebar md-sidebar--post"><div class="md-post">
<nav class="md-nav md-nav--primary">
  <ul class="md-post__meta md-nav__list"><li class="md-nav__item md-nav__item--section">
    <div class="md-post__title"><span class="md-ellipsis"> Métadonnées </span></div>
    <nav class="md-nav"><ul class="md-nav__list"><li>date</li></ul></nav>
  </li></ul>
  <ul class="md-post__meta md-nav__list"><li class="md-nav__item md-nav__item--section">
    <div class="md-post__title"><span class="md-ellipsis">Références &amp; liens</span></div>
    <nav class="md-nav"><ul class="md-nav__list"><li>link</li></ul></nav>
  </li></ul>
</nav></div></div></body></html>"""


def test_post_sidebar_sections_are_named_after_their_titles():
    tree = LexborHTMLParser(label_landmarks(SIDEBAR))
    labels = [nav.attributes.get("aria-label") for nav in tree.css("nav")]
    assert labels == [None, "Métadonnées", "Références & liens"]


def test_pages_without_post_sidebar_are_untouched():
    html = '<nav class="md-nav"><div class="md-post__title">x</div></nav>'
    assert label_landmarks(html) is html


INDEXED_SECTIONS = """<nav class="md-nav md-nav--primary" aria-label="Navigation"><ul>
<li class="md-nav__item md-nav__item--section"><div class="md-nav__link md-nav__container">
  <a href="blog/" class="md-nav__link"><span class="md-ellipsis"> Actualités </span></a>
  <label class="md-nav__link" for="__nav_4" id="__nav_4_label"><span class="md-icon"></span></label>
</div><nav class="md-nav" aria-labelledby="__nav_4_label"><ul><li>Archives</li></ul></nav></li>
<li class="md-nav__item md-nav__item--section"><div class="md-nav__link md-nav__container">
  <a href="events/" class="md-nav__link"><span class="md-ellipsis">Événements</span></a>
  <label class="md-nav__link" for="__nav_5" id="__nav_5_label"><span class="md-icon"></span></label>
</div><nav class="md-nav" aria-labelledby="__nav_5_label"><ul><li>2019</li></ul></nav></li>
<li class="md-nav__item"><label class="md-nav__link" for="__nav_6" id="__nav_6_label">Ressources</label>
<nav class="md-nav" aria-labelledby="__nav_6_label"></nav></li>
</ul></nav>"""


def test_sections_with_an_index_page_are_named_after_their_link():
    tree = LexborHTMLParser(label_landmarks(INDEXED_SECTIONS))
    named = [(nav.attributes.get("aria-label"), nav.attributes.get("aria-labelledby")) for nav in tree.css("nav")]
    assert named == [
        ("Navigation", None),
        ("Actualités", None),
        ("Événements", None),
        (None, "__nav_6_label"),  # its toggle has text: it names the nav already
    ]


def test_only_the_nav_start_tags_change():
    out = label_landmarks(INDEXED_SECTIONS)
    assert out.replace('aria-label="Actualités"', 'aria-labelledby="__nav_4_label"').replace(
        'aria-label="Événements"', 'aria-labelledby="__nav_5_label"'
    ) == INDEXED_SECTIONS
    sidebar = label_landmarks(SIDEBAR)
    unlabelled = sidebar.replace(' aria-label="Métadonnées"', "").replace(' aria-label="Références &amp; liens"', "")
    assert unlabelled == SIDEBAR


def test_a_nav_that_does_not_follow_its_title_is_left_alone():
    """Markup this module does not know (here, a paragraph between title and nav) is not guessed at."""
    html = SIDEBAR.replace("</div>\n    <nav", "</div><p>x</p>\n    <nav", 1)
    labels = [nav.attributes.get("aria-label") for nav in LexborHTMLParser(label_landmarks(html)).css("nav")]
    assert labels == [None, None, "Références & liens"]


def test_navs_in_a_template_are_named_too():
    """The 404 page holds each language's page frame in a <template>: their navs get the same names."""
    html = "<template>" + INDEXED_SECTIONS + "</template>"
    assert label_landmarks(html) == "<template>" + label_landmarks(INDEXED_SECTIONS) + "</template>"
    assert 'aria-label="Actualités"' in label_landmarks(html)
