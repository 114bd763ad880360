"""MkDocs hook: what readers and translators see of the translations' status.

The rules (original, up to date, outdated, missing, orphan) and the dates are
``geotrek_portal.translations``'; in each language build this hook

- generates the language's "Help translate" page, ``<prefix>traduire/``
  (``on_files``): the posts to update and to translate in that language,
  newest first, each with a link that opens GitHub's editor on the
  translation prefilled (when mkdocs.yml has a ``repo_url``), else the
  ``make new-post`` command;
- on an outdated translation, hands the template a notice: the original was
  updated on <date>, with a link to it (``on_page_context``,
  ``partials/translation-notice.html``);
- on a post missing in some languages, marks those entries of the language
  switcher "post not translated: the news", in their own language
  (``partials/alternate.html``): hooks/blog_i18n.py points them at that
  language's news.

It reads the posts from the build context (hooks/build_context.py), filled by
hooks/blog_i18n.py at a higher priority.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import yaml
from babel.dates import format_date
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

import compat
from build_context import shared
from geotrek_portal.messages import t
from geotrek_portal.new_post import translation_draft
from geotrek_portal.translations import (
    GITHUB_URL_LIMIT,
    Change,
    GroupStatus,
    History,
    HelpItem,
    Status,
    catalog_status,
    github_branch,
    github_edit_url,
    github_new_file_url,
    help_items,
    language_name,
)
from geotrek_portal.urls import POSTS_DIR, help_translate_path


@dataclass
class TranslationStatus:
    root: Path = Path(".")
    states: dict[str, GroupStatus] = field(default_factory=dict)  # ref -> status, this build, newest first
    changes: dict = field(default_factory=dict)  # (original path, recorded hash) -> Change, this build
    known: dict = field(default_factory=dict)  # (original path, recorded hash, file stamp) -> Change
    help_src: str = ""
    repo_url: str | None = None
    branch: str = "main"
    posts_folder: str = ""  # from the repository root, for GitHub's editor

    def on_config(self, config: MkDocsConfig) -> None:
        self.root = Path(config.config_file_path).parent
        self.repo_url = config.repo_url or None
        self.branch = github_branch(config.edit_uri)
        docs = os.path.relpath(config.docs_dir, self.root).replace(os.sep, "/")
        self.posts_folder = f"{docs}/{POSTS_DIR}"

    # after the bridge read the posts (100) and the events generated their pages (0), before
    # the bridge shields generated pages (-75): the order of the files, hence of the search
    # index and the sitemap, does not depend on the order of the hooks in mkdocs.yml
    @event_priority(-10)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        states = catalog_status(shared.catalog)
        self.states = {state.ref: state for state in states}
        outdated = [
            (version.original, version.post.translation_of)
            for state in states
            for version in state.versions.values()
            if version.status is Status.OUTDATED
        ]
        self.changes = self._changes(outdated)

        languages, lang = shared.languages, shared.lang
        self.help_src = help_translate_path(languages, lang).rstrip("/") + ".md"
        meta = {"title": t("translate_title", lang), "description": t("translate_description", lang), "template": "translate.html"}
        body = t("translate_intro", lang) + "\n\n" + t("translate_how", lang)
        head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        files.append(File.generated(config, self.help_src, content=f"---\n{head}---\n\n{body}\n"))
        shared.alternates[self.help_src] = {code: help_translate_path(languages, code) for code in languages.codes}
        return files

    def _changes(self, outdated: list) -> dict:
        """When the originals of outdated translations changed: from git (one log for all of
        them), once per process for a given file version (three language builds, serve rebuilds)."""
        def stamp(post) -> tuple:
            try:
                stat = os.stat(self.root / post.path)
            except OSError:
                return ()
            return (stat.st_mtime_ns, stat.st_size)

        keys = {(post.path, recorded): (post.path, recorded, stamp(post)) for post, recorded in outdated}
        todo = [(post, recorded) for post, recorded in outdated if keys[(post.path, recorded)] not in self.known]
        if todo:
            with History(self.root) as history:
                for key, change in history.changes(todo).items():
                    self.known[keys[key]] = change
        return {key: self.known[full] for key, full in keys.items()}

    # ------------------------------------------------------------ templates
    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        src = page.file.src_uri
        lang = shared.lang
        if src == self.help_src:
            context["help_sections"] = self._help_sections(states=list(self.states.values()), lang=lang)
            context["help_other_languages"] = [
                {"lang": code, "name": shared.languages[code].name, "url": help_translate_path(shared.languages, code)}
                for code in shared.languages.codes
                if code != lang
            ]
            return context
        post = shared.post_of_src.get(src)
        if post is None:
            return context
        version = self.states[post.ref].versions[post.lang]
        if version.status is Status.OUTDATED:
            change = self.changes.get((version.original.path, post.translation_of))
            context["translation_notice"] = self._notice(version.original, change, lang)
        alternates = compat.file_alternates(page.file)
        context["switcher_notes"] = {
            code: t("switcher_untranslated", code) for code in shared.languages.codes if code not in alternates
        }
        return context

    def _notice(self, original, change: Change | None, lang: str) -> dict:
        language = language_name(original.lang, lang)
        if change is not None and change.when is not None:
            text = t("translation_outdated", lang).format(language=language, date=format_date(change.when, "long", locale=lang))
        else:
            text = t("translation_outdated_undated", lang).format(language=language)
        return {"text": text, "url": shared.post_url(original.lang, original), "lang": original.lang}

    def _help_sections(self, states: list[GroupStatus], lang: str) -> list[dict]:
        items = help_items(states, lang)  # newest first, as catalog_status gives them
        sections = []
        for status, key, none in (
            (Status.OUTDATED, "translate_outdated", "translate_none_outdated"),
            (Status.MISSING, "translate_missing", "translate_none_missing"),
        ):
            sections.append(
                {
                    "id": status.name.lower(),
                    "title": t(key, lang),
                    "none": t(none, lang),
                    "posts": [self._help_item(item, lang) for item in items if item.status is status],
                }
            )
        return sections

    def _help_item(self, item: HelpItem, lang: str) -> dict:
        original = item.original
        url = shared.post_url(original.lang, original)
        facts = [t("translate_original_in", lang).format(language=language_name(original.lang, lang))]
        if item.status is Status.OUTDATED:
            change = self.changes.get((original.path, item.translation.translation_of))
            if change is not None and change.when is not None:
                facts.append(t("translate_changed_on", lang).format(date=format_date(change.when, "long", locale=lang)))
        view = {
            "ref": original.ref,
            "status": item.status.name.lower(),
            "title": original.title,
            "lang": original.lang,
            "url": url,
            "date": format_date(original.date, "long", locale=lang),
            "date_iso": original.date.isoformat(),
            "facts": " · ".join(facts),
        }
        if item.status is Status.OUTDATED:
            path = item.translation.path
            if self.repo_url:
                view["github"] = github_edit_url(self.repo_url, self.branch, path)
                view["github_label"] = t("translate_update_github", lang)
                view["after"] = t("translate_done_github", lang)
            else:
                view["command_intro"] = t("translate_update_command", lang).format(path=path)
                view["command"] = f"make translations DONE={path}"
            return view
        if self.repo_url:
            name, text = translation_draft(original, item.slug, lang, shared.languages)
            link = github_new_file_url(self.repo_url, self.branch, self.posts_folder, name, text)
            if len(link) > GITHUB_URL_LIMIT:  # too long for an address: the translator pastes the text
                paste = t("translate_paste", lang).format(url=urljoin(shared.site_url, url)) + "\n"
                name, text = translation_draft(original, item.slug, lang, shared.languages, body=paste)
                link = github_new_file_url(self.repo_url, self.branch, self.posts_folder, name, text)
            view["github"] = link
            view["github_label"] = t("translate_start_github", lang)
        else:
            view["command_intro"] = t("translate_start_command", lang)
            view["command"] = f"make new-post REF={original.ref} LANG={lang}"
        return view


hook = TranslationStatus()
on_config = hook.on_config
on_files = hook.on_files
on_page_context = hook.on_page_context
