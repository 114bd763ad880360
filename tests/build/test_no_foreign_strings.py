"""No string of another language: every built page speaks its own language only.

For every HTML page of the built site, the visible text, the text attributes
(aria-label, title, alt, placeholder, descriptions) and the interface strings
Material's script shows (search) are collected; none may be a marker of
another language, unless it sits in an element that says so (``lang="en"``:
the language selector, "Also in: English", a post listed in its language).

The markers of a language are derived, not written by hand, where possible:
every text of ``geotrek_portal.messages`` (adding a message adds a check),
Material's interface strings as the site shows them (``partials/language.html``
with the portal's corrections), month and language names from CLDR (babel).
What no source gives is listed here (EXTRA).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import material
import pytest
from babel import Locale
from jinja2 import Environment, FileSystemLoader
from selectolax.lexbor import LexborHTMLParser

from geotrek_portal.config import load_languages
from geotrek_portal.messages import MESSAGES, THEME_MESSAGES, theme_text
from tests.conftest import REPO

pytestmark = pytest.mark.build

LANGUAGES = load_languages(REPO / "mkdocs.yml")
CODES = LANGUAGES.codes
MATERIAL = Path(material.__file__).parent / "templates"
THEME_DIRS = [REPO / "overrides", MATERIAL]
# Material's keys that are configuration, not text a reader sees
THEME_CONFIG_KEYS = ("language", "direction", "search.config.")
# Strings of one language that no source above yields: templates hard-code them
EXTRA = {
    "en": [
        "Made with",  # Material's copyright.html, untranslated there
        "Permanent link",  # Python-Markdown's toc, the default permalink_title
    ],
    "fr": [],
    "es": [],
}
# Known misspellings of the theme's translations: they must not come back
MISSPELT = {"fr": ["Metadonnées", "Editer cette page"]}
TEXT_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")
META_TEXT = ('meta[name="description"]', 'meta[property="og:title"]', 'meta[property="og:description"]')
SKIPPED_TAGS = {"script", "style", "svg", "template"}
EDGES = " \t\n\u00a0()[]·–—-,:;.!?«»\"'"


@cache
def theme_strings(lang: str) -> dict[str, str]:
    """Material's interface strings in `lang`, as the site's partials/language.html gives them."""
    env = Environment(loader=FileSystemLoader([str(d) for d in THEME_DIRS]))
    env.globals["theme_text"] = theme_text
    keys = re.findall(r'^\s*"([\w.]+)":', (MATERIAL / "partials/languages/en.html").read_text(encoding="utf-8"), re.M)
    module = env.get_template("partials/language.html").make_module({"config": {"theme": {"language": lang}}})
    return {key: str(module.t(key)).strip() for key in keys if not key.startswith(THEME_CONFIG_KEYS)}


def month_names(lang: str) -> set[str]:
    months = Locale.parse(lang).months
    return {name for width in ("wide", "abbreviated") for name in months["format"][width].values()} | {
        name for name in months["stand-alone"]["wide"].values()
    }


@cache
def strings_of(lang: str) -> frozenset[str]:
    """Every interface string the site has in `lang`."""
    found = {texts[lang] for texts in MESSAGES.values()}
    found |= set(theme_strings(lang).values())
    found |= {Locale.parse(lang).languages[code] for code in CODES}  # "(French)" labels
    found.add(LANGUAGES[lang].name)  # "Français", in the language selector
    found |= set(EXTRA[lang])
    return frozenset(s for s in found if s.strip())


def pattern(text: str) -> re.Pattern:
    """A string as a whole segment; numbers ("# min read", "{n} organisations") match any number."""
    parts = re.split(r"(#|\{n\})", text.strip(EDGES))
    return re.compile("".join(r"\d+" if p in ("#", "{n}") else re.escape(p) for p in parts))


@cache
def markers(lang: str) -> tuple[list[tuple[str, re.Pattern]], set[str]]:
    """(other languages' strings that `lang` does not share, as patterns; their month names)."""
    own = {s.strip(EDGES) for s in strings_of(lang)}
    foreign = {s for code in CODES if code != lang for s in strings_of(code)}
    patterns = sorted((s, pattern(s)) for s in foreign if s.strip(EDGES) not in own and len(s.strip(EDGES)) > 1)
    months = {m for code in CODES if code != lang for m in month_names(code)} - month_names(lang)
    return patterns, {m.lower() for m in months}


def effective_lang(node, page_lang: str) -> str:
    while node is not None:
        value = node.attributes.get("lang") if node.tag and not node.tag.startswith("-") else None
        if value:
            return value.split("-")[0]
        node = node.parent
    return page_lang


def segments(tree: LexborHTMLParser, page_lang: str):
    """(where, text) of every text of the page in its own language: text nodes, attributes, script strings."""
    for node in tree.root.traverse(include_text=True):
        if node.tag == "-text":
            parent = node.parent
            if parent is None or parent.tag in SKIPPED_TAGS or any(a.tag in SKIPPED_TAGS for a in _ancestors(parent)):
                continue
            if effective_lang(parent, page_lang) == page_lang:
                text = " ".join((node.text_content or "").split())
                if text:
                    yield parent.tag, text
        elif node.tag and not node.tag.startswith("-"):
            for name in TEXT_ATTRIBUTES:
                value = node.attributes.get(name)
                if value and effective_lang(node, page_lang) == page_lang:
                    yield f"{node.tag}[{name}]", value
    for selector in META_TEXT:
        for node in tree.css(selector):
            yield selector, node.attributes.get("content") or ""
    config = tree.css_first("script#__config")
    if config is not None:
        for key, value in (json.loads(config.text()).get("translations") or {}).items():
            yield f"search {key}", value


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def foreign_strings(tree: LexborHTMLParser) -> list[str]:
    page_lang = tree.css_first("html").attributes.get("lang", LANGUAGES.default.code)
    patterns, months = markers(page_lang)
    found = []
    for where, text in segments(tree, page_lang):
        # "Previous: <title>", "Event material: <name>": the label is the first part
        candidates = {text.strip(EDGES), text.split(": ", 1)[0].strip(EDGES)}
        for marker, regex in patterns:
            if any(regex.fullmatch(c) for c in candidates):
                found.append(f"{where}: {text!r} ({marker!r} is not {page_lang})")
        if where in ("time",) or "date" in where:
            words = {w.lower() for w in re.findall(r"[^\W\d_]+", text)}
            found += [f"{where}: {text!r} (month of another language)" for w in words & months]
    for wrong in MISSPELT.get(page_lang, []):
        found += [f"{where}: {text!r} (misspelt)" for where, text in segments(tree, page_lang) if wrong in text]
    return found


def test_markers_come_from_the_messages():
    """A new message is a new check: each language's texts are markers on the other languages' pages."""
    patterns, _ = markers("en")
    english_markers = {marker for marker, _ in patterns}
    assert MESSAGES["event_box_title"]["fr"] in english_markers
    assert MESSAGES["made_with"]["es"] in english_markers
    assert theme_strings("fr")["blog.meta"] in english_markers
    assert "Français" in english_markers and "francés" in english_markers
    assert "Made with" in {m for m, _ in markers("fr")[0]}


def test_the_theme_strings_are_corrected():
    for key, texts in THEME_MESSAGES.items():
        for lang, text in texts.items():
            assert theme_strings(lang)[key] == text


def test_the_checker_finds_strays():
    """The check itself, on a page with every kind of stray string."""
    html = """<html lang="fr"><head><meta name="description" content="Made with love"></head><body>
      <span class="portal-lang">(French)</span> <a aria-label="Previous: Contact">x</a>
      <time>17 December 2019</time> <p>Supports de l'événement</p>
      <a lang="en" hreflang="en">English</a> <span>Material for MkDocs</span>
      <div class="md-copyright">Made with</div></body></html>"""
    found = foreign_strings(LexborHTMLParser(html))
    assert any("'(French)'" in f for f in found)
    assert any("'Previous: Contact'" in f for f in found)
    assert any("month of another language" in f for f in found)
    assert any("'Made with'" in f for f in found)
    assert not any("English" in f or "Supports" in f or "Material for MkDocs" in f for f in found)


# every kind of page, in every language, is among those read
KINDS = ["index.html", "blog/index.html", "blog/archive/2019/", "blog/category/", "blog/2019/12/17/",
         "events/", "events/rencontres-2019/", "produit/", "utilisateurs/", "ressources/", "a-propos/", "contact/"]


def test_no_page_holds_a_string_of_another_language(site_build):
    site = site_build.site
    paths = sorted(site.rglob("*.html"))
    urls = [p.relative_to(site).as_posix() for p in paths]
    expected = [lang.prefix + kind for lang in LANGUAGES.all for kind in KINDS] + ["blog/page/2/", "404.html"]
    assert [kind for kind in expected if not any(u.startswith(kind) for u in urls)] == []
    problems = []
    for path in paths:
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        if tree.css_first('meta[http-equiv="refresh"]') is not None:
            continue  # a redirect page: nothing to read
        problems += [f"{path.relative_to(site)}: {p}" for p in foreign_strings(tree)]
    assert problems == [], "\n".join(problems[:60])
