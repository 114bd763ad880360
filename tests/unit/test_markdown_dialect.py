"""Posts read as kramdown (the old site) and GitHub read them: each rule, with the HTML the build makes.

The Markdown is rendered with the extensions of mkdocs.yml (except the emoji
index, which needs Material), so these are the rules of the real build.
"""

from __future__ import annotations

import re

import markdown
import pytest
import yaml

from geotrek_portal.config import _MkDocsLoader
from tests.conftest import REPO


def _site_extensions() -> tuple[list[str], dict]:
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_MkDocsLoader)  # noqa: S506
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        if name == "pymdownx.emoji":
            continue
        names.append(name)
        if options:
            configs[name] = options
    return names, configs


EXTENSIONS, CONFIGS = _site_extensions()


def render(text: str) -> str:
    html = markdown.markdown(text, extensions=EXTENSIONS, extension_configs=CONFIGS)
    return re.sub(r">\s+<", "><", html).strip()


def test_the_site_uses_the_compatibility_extension():
    assert "geotrek_portal.md_compat" in EXTENSIONS


# ---------------------------------------------------------------- lists
@pytest.mark.parametrize(
    "text, html",
    [
        ("Avec plus de :\n- 440 000 ha\n- 2 parcs\n", "<p>Avec plus de :</p><ul><li>440 000 ha</li><li>2 parcs</li></ul>"),
        ("Intro\n* a\n* b\n", "<p>Intro</p><ul><li>a</li><li>b</li></ul>"),
        ("Étapes :\n1. un\n2. deux\n", "<p>Étapes :</p><ol><li>un</li><li>deux</li></ol>"),
        # an ordered list interrupts a paragraph only from 1 (GitHub): a year at a line start stays text
        ("Créé en\n2019. Depuis, il grandit.\n", "<p>Créé en\n2019. Depuis, il grandit.</p>"),
        # the list of an item that follows its text
        ("- Intro :\n  - x\n", "<ul><li>Intro :<ul><li>x</li></ul></li></ul>"),
    ],
)
def test_a_list_right_after_a_paragraph_is_a_list(text, html):
    assert render(text) == html


@pytest.mark.parametrize(
    "text, html",
    [
        ("- a\n  - b\n", "<ul><li>a<ul><li>b</li></ul></li></ul>"),  # 2 spaces: kramdown, GitHub
        ("- a\n   - b\n", "<ul><li>a<ul><li>b</li></ul></li></ul>"),  # 3 (a real post)
        ("- a\n    - b\n", "<ul><li>a<ul><li>b</li></ul></li></ul>"),  # 4: Python-Markdown's own
        ("- a\n  - b\n    - c\n- d\n", "<ul><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li><li>d</li></ul>"),
        ("1. a\n   - b\n2. c\n", "<ol><li>a<ul><li>b</li></ul></li><li>c</li></ol>"),
    ],
)
def test_nested_lists_follow_the_column_of_their_parent_text(text, html):
    assert render(text) == html


def test_an_item_paragraph_indented_like_its_text_stays_in_the_item():
    assert render("- a\n\n  second paragraph\n- b\n") == (
        "<ul><li><p>a</p><p>second paragraph</p></li><li><p>b</p></li></ul>"
    )


def test_lazy_continuation_and_code_blocks_are_untouched():
    assert render("- a\nlazy\n- b\n") == "<ul><li>a\nlazy</li><li>b</li></ul>"
    assert render("Code :\n\n    - pas une liste\n") == "<p>Code :</p><pre><code>- pas une liste\n</code></pre>"
    fenced = render("Exemple :\n```\n- un: 1\n```\n")
    assert fenced.startswith("<p>Exemple :</p><div class=\"highlight\">") and "<ul>" not in fenced
    assert "- un: 1" in re.sub(r"<[^>]+>", "", fenced)


def test_raw_html_blocks_are_untouched():
    assert render("Texte\n\n<div>\n- pas une liste\n</div>\n") == "<p>Texte</p><div>\n- pas une liste\n</div>"


def test_a_thematic_break_is_not_a_list():
    assert render("Texte\n\n- - -\n\nSuite\n") == "<p>Texte</p><hr /><p>Suite</p>"


# ---------------------------------------------------------------- headings, links, GitHub extras
def test_a_hashtag_is_text_and_a_heading_needs_a_space():
    assert render("#Geotrek #rando\n") == "<p>#Geotrek #rando</p>"
    headings = re.sub(r'<a class="headerlink".*?</a>', "", render("# Titre\n\n## Sous-titre ##\n"))
    assert headings == '<h1 id="titre">Titre</h1><h2 id="sous-titre">Sous-titre</h2>'


def test_bare_urls_and_addresses_are_links_as_on_github():
    assert render("Voir https://rando.ecrins-parcnational.fr/fr/ et www.geotrek.fr.\n") == (
        '<p>Voir <a href="https://rando.ecrins-parcnational.fr/fr/">https://rando.ecrins-parcnational.fr/fr/</a> '
        'et <a href="http://www.geotrek.fr">www.geotrek.fr</a>.</p>'
    )


def test_a_link_written_in_html_is_not_linked_twice():
    html = render('Voir <a href="https://geotrek.fr/">https://geotrek.fr/</a> et [https://x.org](https://x.org).\n')
    assert html == '<p>Voir <a href="https://geotrek.fr/">https://geotrek.fr/</a> et <a href="https://x.org">https://x.org</a>.</p>'


def test_strikethrough_footnotes_and_task_lists():
    assert render("~~ancien~~ nouveau, ~10 km\n") == "<p><del>ancien</del> nouveau, ~10 km</p>"
    notes = render("Texte[^1].\n\n[^1]: La note.\n")
    assert '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>' in notes and "La note." in notes
    tasks = render("- [x] fait\n- [ ] à faire\n")
    assert tasks.count('type="checkbox"') == 2 and "checked" in tasks and "[x]" not in tasks


def test_kramdown_attribute_lists_work_as_before():
    assert render("Texte\n{: .note}\n") == '<p class="note">Texte</p>'
    assert render("![Logo](logo.png){: width=\"120\"}\n") == '<p><img alt="Logo" src="logo.png" width="120" /></p>'


def test_markdown_inside_html_needs_markdown_1_as_in_kramdown():
    assert render('<div markdown="1">\n*x*\n</div>\n') == "<div><p><em>x</em></p></div>"
    assert render("<div>\n*x*\n</div>\n") == "<div>\n*x*\n</div>"


def test_a_line_ends_with_a_break_after_two_spaces_or_a_backslash():
    assert render("Parc national\\\nDomaine de Charance\n") == "<p>Parc national<br />\nDomaine de Charance</p>"
    assert render("Parc national  \nDomaine de Charance\n") == "<p>Parc national<br />\nDomaine de Charance</p>"
    assert render("Un \\* et `a\\` restent.\n") == "<p>Un * et <code>a\\</code> restent.</p>"
