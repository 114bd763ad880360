"""mkdocs.yml read without MkDocs: languages and blog addresses for the CLI tools."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from geotrek_portal.config import ConfigError, load_languages, load_site
from geotrek_portal.urls import DEFAULT_POST_URL_DATE_FORMAT, DEFAULT_POST_URL_FORMAT

REPO = Path(__file__).resolve().parents[2]


def test_languages_come_from_the_i18n_plugin_of_the_repository():
    languages = load_languages(REPO / "mkdocs.yml")
    assert languages.codes == ("fr", "en", "es")
    assert languages.default.code == "fr"
    assert languages["en"].name == "English"


def test_python_tags_are_ignored_not_executed(tmp_path):
    marker = tmp_path / "executed"
    (tmp_path / "mkdocs.yml").write_text(
        f"""site_name: x
site_url: https://example.org/sub/
plugins:
  - search
  - blog:
      post_url_format: "{{slug}}"
      categories_slugify: !!python/object/apply:os.system ["touch {marker}"]
  - i18n:
      languages:
        - locale: en
          default: true
          name: English
          site_name: !ENV [SITE_NAME, x]
        - locale: de
          name: Deutsch
""",
        encoding="utf-8",
    )
    site = load_site(tmp_path / "mkdocs.yml")
    assert not marker.exists()
    assert site.languages.codes == ("en", "de")
    assert site.site_url == "https://example.org/sub/"
    assert site.post_url_format == "{slug}"
    assert site.post_url_date_format == DEFAULT_POST_URL_DATE_FORMAT
    assert site.docs_dir == tmp_path / "docs"


def test_blog_defaults_are_materials(tmp_path):
    """The defaults written in urls.py are the ones Material applies."""
    pytest.importorskip("material", reason="Material for MkDocs is not installed: run `make install`")
    from material.plugins.blog.config import BlogConfig

    defaults = {name: option.default for name, option in BlogConfig._schema}
    assert defaults["post_url_format"] == DEFAULT_POST_URL_FORMAT
    assert defaults["post_url_date_format"] == DEFAULT_POST_URL_DATE_FORMAT


@pytest.mark.parametrize(
    "text, words",
    [
        ("site_name: x\n", "must list its languages"),
        ("site_name: [x\n", "YAML does not parse"),
        ("- a list\n", "not a MkDocs configuration"),
        ("plugins:\n  - i18n:\n      languages:\n        - locale: fr\n", "exactly one language must be the default"),
    ],
)
def test_unusable_configurations_are_explained(tmp_path, text, words):
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=words):
        load_site(tmp_path / "mkdocs.yml")


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="cannot be read"):
        load_site(tmp_path / "mkdocs.yml")


def test_core_does_not_import_mkdocs():
    import subprocess

    code = (
        "import sys, geotrek_portal.check, geotrek_portal.new_post, geotrek_portal.config;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'properdocs', 'material', 'mkdocs_static_i18n'));"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
