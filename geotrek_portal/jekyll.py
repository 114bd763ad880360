"""Reading a Jekyll checkout and planning its import into the portal.

`read_source` reads the checkout (``_posts/``, ``_drafts/``, top-level pages,
every other file); `plan_import` decides, without touching the disk, what the
portal's repository must contain afterwards: post files, pictures to copy,
old addresses to redirect, and every correction and problem for the report.
The command in ``jekyll_import`` applies the plan.

A post's identity is its (``ref``, ``lang``): an existing post with the same
pair is the same post, whatever its file name.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from itertools import combinations
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from . import frontmatter
from .blog import build_catalog
from .feeds import ALL_LANGUAGES_FEED
from .import_notes import CORRECTIONS, REMARKS, Note
from .jekyll_body import IMAGE_SUFFIXES, Found, Post as BodyPost, Site, Target, is_image, rewrite_body
from .markdown import anchors
from .languages import Languages
from .posts import (
    POST_SUFFIXES,
    clean_text,
    date_from_filename,
    file_stem,
    image_problem,
    normalize_asset_path,
    parse_date,
    parse_post,
    slug_from_filename,
    slugify,
    TRANSLATION_OF,
)
from .translations import content_hash
from .redirects import HOME, OLD_PAGES, OldPage, RedirectMap, old_post_path, permalink_path
from .urls import POSTS_DIR, post_path

SKIP_DIRS = frozenset({"_site", ".git", ".jekyll-cache", ".sass-cache", "node_modules", "vendor", ".bundle"})
PAGE_SUFFIXES = (".html", ".htm", ".md", ".markdown", ".xml")
NOT_PAGES = re.compile(r"^(readme|license|licence|changelog|contributing|404)\b", re.I)


class SourceError(Exception):
    """The source cannot be read as a Jekyll site: the import stops."""


# ---------------------------------------------------------------- reading
@dataclass(frozen=True)
class SourceFile:
    path: str  # from the source root, e.g. _posts/2019-10-07-Rencontres.markdown
    raw: bytes | None  # None when it could not be read
    modified: date
    error: str = ""

    @property
    def name(self) -> str:
        return posixpath.basename(self.path)

    @property
    def draft(self) -> bool:
        return self.path.startswith("_drafts/")


@dataclass(frozen=True)
class JekyllSource:
    root: Path
    posts: tuple[SourceFile, ...]  # _posts/ then _drafts/
    pages: tuple[SourceFile, ...]  # top-level pages and feeds
    files: frozenset[str]  # every other file, from the root
    config: dict  # _config.yml


def read_source(root: Path) -> JekyllSource:
    root = Path(root)
    if not root.is_dir():
        raise SourceError(f"{root}: no such folder")
    if not (root / "_posts").is_dir():
        raise SourceError(f"{root}: no _posts folder, this is not a Jekyll site")
    posts, pages, files = [], [], set()
    try:
        walk = list(os.walk(root, onerror=_raise))
    except OSError as e:
        raise SourceError(f"{root}: cannot be read ({e.strerror}: {e.filename})") from None
    for directory, dirs, names in walk:
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        rel_dir = Path(directory).relative_to(root).as_posix()
        rel_dir = "" if rel_dir == "." else rel_dir + "/"
        for name in sorted(names):
            rel = rel_dir + name
            top = rel.split("/", 1)[0]
            if top in ("_posts", "_drafts") and name.endswith(POST_SUFFIXES) and not name.startswith("."):
                posts.append(_read(root, rel))
            elif not rel_dir and name.endswith(PAGE_SUFFIXES) and not name.startswith(("_", ".")) and not NOT_PAGES.match(name):
                pages.append(_read(root, rel))
            else:
                files.add(rel)
    posts.sort(key=lambda f: (f.draft, f.path))
    return JekyllSource(root, tuple(posts), tuple(pages), frozenset(files), _jekyll_config(root))


def _raise(error: OSError) -> None:
    raise error


def _read(root: Path, rel: str) -> SourceFile:
    path = root / rel
    try:
        modified = date.fromtimestamp(path.stat().st_mtime)
        return SourceFile(rel, path.read_bytes(), modified)
    except OSError as e:
        return SourceFile(rel, None, date.today(), e.strerror or str(e))


def _jekyll_config(root: Path) -> dict:
    try:
        config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return config if isinstance(config, dict) else {}


# ---------------------------------------------------------------- the plan
@dataclass(frozen=True)
class ExistingPost:
    """A post already in docs/blog/posts/."""

    name: str
    ref: str
    lang: str
    date: date
    raw: bytes


@dataclass
class PlannedPost:
    source: str  # source file
    name: str  # file name in docs/blog/posts/
    text: str
    lang: str
    ref: str
    title: str
    date: date
    draft: bool
    old_path: str | None  # its address on the old site (None: a draft, never published)
    status: str = "new"  # new, unchanged, conflict (existing kept), replace (FORCE)
    existing: str | None = None  # the existing file of the same (ref, lang)


@dataclass
class Group:
    ref: str
    source_ref: str | None  # the ref in the source
    how: str  # how the group was formed
    posts: list[PlannedPost] = field(default_factory=list)


@dataclass
class Plan:
    posts: list[PlannedPost]
    groups: list[Group]
    assets: dict[str, str]  # path under docs/ -> source file
    redirects: RedirectMap
    corrections: list[Note]
    problems: list[Note]
    remarks: list[Note]  # content kept as written that deserves a look
    unused_pictures: list[str]
    skipped: list[str]  # source files not imported
    old_addresses: list[tuple[str, str]] = field(default_factory=list)  # (old path, new path), both from the site root
    remote_pictures: dict[str, str] = field(default_factory=dict)  # URL on another site -> where its copy would go
    fetched_pictures: dict[str, str] = field(default_factory=dict)  # URL on another site -> its copy under docs/


@dataclass
class _Entry:
    file: SourceFile
    title: str
    published: datetime
    lang: str
    ref: str | None
    draft: bool
    stem: str  # for pairing translations: file name without date, language suffix, extension
    old_path: str | None
    image: str | None
    categories: list[str]
    meta: dict  # the other keys, kept as written
    body: str
    group: Group | None = None
    name: str = ""


def plan_import(
    source: JekyllSource,
    languages: Languages,
    *,
    site_path: str = "/",
    existing: Sequence[ExistingPost] = (),
    docs_files: frozenset[str] = frozenset(),
    feed_name: str = "feed_rss_created.xml",
    force: bool = False,
    docs_text: Callable[[str], str | None] = lambda path: None,
    fetched: Mapping[str, str] = {},
) -> Plan:
    """`docs_text(path under docs/)`: a page's Markdown, to know its anchors (None: unknown).
    `fetched`: pictures of other sites downloaded for this import (URL -> path under docs/);
    copies already under docs/ (an earlier FETCH=1) are used too."""
    notes: list[Note] = []
    entries = []
    skipped = []
    for file in source.posts:
        entry = _entry(file, languages, notes)
        if entry is None:
            skipped.append(file.path)
        else:
            entries.append(entry)

    existing_by_id = {(p.ref, p.lang): p for p in existing}
    groups = _group(entries, languages, notes)
    _name_posts(groups, entries, languages, existing_by_id, force, notes)

    # old addresses -> new places, for links between posts and for redirects
    owners: dict[str, _Entry] = {}
    post_urls: dict[str, str] = {}
    for entry in entries:
        if entry.old_path is None:
            continue
        if entry.old_path in owners:
            notes.append(Note("old-url-clash", entry.file.path, f"/{entry.old_path} was also the address of another post"))
            continue
        owners[entry.old_path] = entry
        post_urls[posixpath.splitext(entry.file.name)[0].lower()] = entry.old_path
    new_pages = _NewPages(languages, docs_files, feed_name, site_path, docs_text)
    page_redirects, old_pages = _page_redirects(source, languages, docs_files, new_pages, notes)
    new_posts = _NewPosts(entries, languages, site_path)
    old_links: dict[str, dict[str, Target]] = {old: new_posts.targets(entry) for old, entry in owners.items()}
    for old, (known, explicit) in old_pages.items():
        old_links.setdefault(old, {code: new_pages.target(known, explicit or code) for code in languages.codes})

    assets: dict[str, str] = {}

    def asset_dest(path: str) -> str:
        dest = path if path.startswith("assets/") else f"assets/{'img' if is_image(path) else 'files'}/{path}"
        while assets.get(dest, path) != path:  # two source files, one destination
            dest = posixpath.join(posixpath.dirname(dest), "jekyll-" + posixpath.basename(dest))
        assets[dest] = path
        return dest

    remote: dict[str, str] = {}
    local: dict[str, str] = {}

    def remote_picture(url: str) -> str | None:
        stem, suffix = external_picture_path(url)
        candidates = [stem + suffix] if suffix else [stem + s for s in sorted(IMAGE_SUFFIXES)]
        dest = fetched.get(url) or next((c for c in candidates if c in docs_files), None)
        if dest is None:
            remote[url] = stem + suffix
            return None
        local[url] = dest
        return dest

    site = Site(
        files=source.files,
        old_links=old_links,
        post_urls=post_urls,
        old_hosts=_old_hosts(source.config),
        variables={k: str(v) for k, v in source.config.items() if isinstance(v, (str, int, float)) and not isinstance(v, bool)},
        site_path=site_path,
        asset_dest=asset_dest,
        remote_picture=remote_picture,
    )

    posts: list[PlannedPost] = []
    remarks: list[Note] = []
    bodies = {}
    for entry in entries:
        old_dir = posixpath.dirname(entry.old_path) if entry.old_path else None
        body_post = BodyPost(entry.file.path, entry.lang, entry.title, old_dir)
        bodies[id(entry)] = rewrite_body(entry.body, body_post, site, notes)
    # imported translations start up to date: they record their original's version
    members: dict[int, list[_Entry]] = {}
    for entry in entries:
        members.setdefault(id(entry.group), []).append(entry)
    leads = {key: _lead(group, languages) for key, group in members.items()}
    for entry in entries:
        body = bodies[id(entry)]
        lead = leads[id(entry.group)]
        translation_of = None if lead is entry else content_hash(lead.title, bodies[id(lead)])
        image = _teaser(entry, site, notes)
        remarks.extend(_remarks(entry.file.path, entry.body))
        planned = PlannedPost(
            source=entry.file.path,
            name=entry.name,
            text=_render(entry, body, image, translation_of),
            lang=entry.lang,
            ref=entry.group.ref,
            title=entry.title,
            date=entry.published.date(),
            draft=entry.draft,
            old_path=entry.old_path,
        )
        _decide(planned, existing_by_id.get((planned.ref, planned.lang)), force, notes)
        entry.group.posts.append(planned)
        posts.append(planned)

    redirects: RedirectMap = {}
    for post in posts:
        owner = owners.get(post.old_path or "")
        if owner is not None and owner.file.path == post.source:
            redirects.setdefault(post.lang, {})[post.old_path] = f"{POSTS_DIR}/{post.name}"
    for code, entries_of_lang in page_redirects.items():
        redirects.setdefault(code, {}).update(entries_of_lang)

    notes.extend(_validate(posts, existing, languages, assets, docs_files | frozenset(local.values())))
    used = set(assets.values())
    unused = sorted(f for f in source.files if is_image(f) and f not in used and not f.startswith("_"))
    notes = locate_notes(notes, source)
    remarks = locate_notes(remarks, source)
    corrections = [n for n in notes if n.kind in CORRECTIONS]
    problems = [n for n in notes if n.kind not in CORRECTIONS and n.kind not in REMARKS]
    order = {code: i for i, code in enumerate(languages.codes)}
    for group in groups:
        group.posts.sort(key=lambda p: order[p.lang])
    old_addresses = sorted(
        (old, new_posts.path_of_name(target) or new_pages.path_of(target))
        for entries_of_lang in redirects.values()
        for old, target in entries_of_lang.items()
    )
    return Plan(
        posts, [g for g in groups if g.posts], assets, redirects, corrections, problems, remarks, unused, skipped,
        old_addresses, remote, local,
    )  # fmt: skip


FRONT_MATTER_KEY = "\x00key:"  # Note.where for a front matter key: its line is the key's


def locate_notes(notes: list[Note], source: JekyllSource) -> list[Note]:
    """Each note's line in its source file: the first line holding the text it is about (or the key)."""
    texts: dict[str, list[str]] = {}
    for file in source.posts:
        if file.raw is not None:
            texts[file.path] = file.raw.decode("utf-8", "replace").split("\n")
    located = []
    for note in notes:
        needle = note.where.strip().split("\n", 1)[0].strip()
        lines = texts.get(note.path)
        if needle and lines and note.line is None:
            if needle.startswith(FRONT_MATTER_KEY):
                key = re.compile(rf"^{re.escape(needle[len(FRONT_MATTER_KEY):])}[ \t]*:")
                line = next((i for i, text in enumerate(lines, 1) if key.match(text)), None)
            else:
                line = next((i for i, text in enumerate(lines, 1) if needle in text), None)
            note = replace(note, line=line)
        located.append(note)
    return located


def external_picture_path(url: str) -> tuple[str, str]:
    """(stem, suffix) under docs/ of the copy of a picture of another site.

    ``assets/img/external/<host>/<name>-<hash of the URL>``: the same URL always gives the
    same file, two URLs never the same. The suffix is "" when the URL has none of a
    picture (the downloaded type decides it).
    """
    parts = urlsplit(url)
    stem, suffix = posixpath.splitext(posixpath.basename(unquote(parts.path)))
    suffix = suffix.lower() if suffix.lower() in IMAGE_SUFFIXES else ""
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]
    host = slugify(parts.hostname or "") or "site"
    return f"assets/img/external/{host}/{slugify(stem)[:60] or 'picture'}-{digest}", suffix


class _NewPosts:
    """The portal's address of each imported post, and where a link to it goes from each language."""

    def __init__(self, entries: list[_Entry], languages: Languages, site_path: str) -> None:
        self.languages, self.site_path = languages, site_path
        self.by_group: dict[int, dict[str, _Entry]] = {}
        for entry in sorted(entries, key=lambda e: (languages.order(e.lang), e.file.path)):
            self.by_group.setdefault(id(entry.group), {}).setdefault(entry.lang, entry)
        self.by_name = {e.name: e for e in entries}
        self._anchors: dict[int, frozenset[str]] = {}

    def path(self, entry: _Entry) -> str:
        members = self.by_group[id(entry.group)]
        slug = slug_from_filename(next(iter(members.values())).name, self.languages.codes)
        return self.site_path + post_path(self.languages, entry.lang, entry.published, slug)

    def targets(self, entry: _Entry) -> dict[str, Target]:
        """A link to `entry` from a post in each language: its translation in that language, else itself."""
        result = {}
        for code in self.languages.codes:
            version = self.by_group[id(entry.group)].get(code)
            if version is None or version.draft:
                version = entry
            if id(version) not in self._anchors:
                self._anchors[id(version)] = anchors(version.body)
            name = version.name if version.lang == code else None
            result[code] = Target(self.path(version), name, self._anchors[id(version)])
        return result

    def path_of_name(self, target: str) -> str | None:
        entry = self.by_name.get(target.removeprefix(POSTS_DIR + "/"))
        return None if entry is None else self.path(entry)


class _NewPages:
    """The portal's page for an old page (produit.html...) in each language."""

    def __init__(self, languages: Languages, docs_files: frozenset[str], feed_name: str, site_path: str, docs_text) -> None:
        self.languages, self.docs_files, self.feed_name = languages, docs_files, feed_name
        self.site_path, self.docs_text = site_path, docs_text

    def doc(self, known: OldPage, lang: str) -> str | None:
        """The page under docs/ (or the feed) replacing `known` in `lang`; None when the portal has none."""
        prefix = self.languages[lang].prefix
        if known.feed:
            return prefix + self.feed_name
        return next((prefix + c for c in known.candidates if prefix + c in self.docs_files), None)

    def target(self, known: OldPage, lang: str) -> Target:
        doc = self.doc(known, lang) or self.languages[lang].prefix + HOME
        text = self.docs_text(doc) if doc.endswith(".md") else None
        return Target(self.path_of(doc), None, None if text is None else anchors(text))

    def path_of(self, doc: str) -> str:
        """A file under docs/ -> its address from the host's root (directory URLs)."""
        dest = _dest_path(doc)
        return self.site_path + (dest[: -len("index.html")] if dest.endswith("index.html") else dest)




# ---------------------------------------------------------------- one post
_KEY_SPACING = re.compile(r"^([A-Za-z_][\w-]*)[ \t]+:", re.M)


def _entry(file: SourceFile, languages: Languages, notes: list[Note]) -> _Entry | None:
    def note(kind: str, detail: str = "", key: str = "") -> None:
        notes.append(Note(kind, file.path, detail, f"{FRONT_MATTER_KEY}{key}" if key else ""))

    if file.raw is None:
        note("unreadable", f"cannot be read: {file.error}")
        return None
    try:
        text = frontmatter.decode(file.raw)
        doc = frontmatter.parse(text)
    except frontmatter.FrontMatterError as e:
        where = f"line {e.line}: " if e.line else ""
        note("front-matter", f"{where}{e.field}: {e.message} ({e.hint}); not imported")
        return None
    head = text.split("\n---", 1)[0]
    for key in dict.fromkeys(_KEY_SPACING.findall(head)):
        note("key-spacing", f"'{key} :' -> '{key}:'")
    meta = {str(k).strip(): v for k, v in doc.meta.items()}

    title = meta.pop("title", None)
    if isinstance(title, (int, float)) and not isinstance(title, bool):
        title = str(title)
    if isinstance(title, str) and clean_text(title):
        cleaned = re.sub(r"[ \t\r\n]+", " ", clean_text(title))
        if cleaned != title:
            note("title-cleaned", f"{title!r} -> {cleaned!r}", "title")
    else:
        cleaned = " ".join(w.capitalize() for w in re.split(r"[^0-9A-Za-z]+", file_stem(file.name)) if w)
        note("title-missing", f"no title: '{cleaned}' made from the file name, write a real one")
    title = cleaned

    named = date_from_filename(file.name)
    raw_date = meta.pop("date", None)
    published = None
    if raw_date not in (None, ""):
        try:
            published = parse_date(raw_date)
        except ValueError as e:
            note("date-invalid", f"{e}", "date")
        else:
            if str(raw_date).strip() != f"{published:%Y-%m-%d}":
                note("date-normalized", f"{raw_date} -> {published:%Y-%m-%d}", "date")
            if named is not None and named != published.date():
                note("date-mismatch", f"front matter {published:%Y-%m-%d}, file name {named}: the front matter date is kept (the old address used it)", "date")
    if published is None and named is not None:
        published = datetime(named.year, named.month, named.day)
        note("date-from-filename", f"{named}")
    if published is None and file.draft:
        published = datetime(file.modified.year, file.modified.month, file.modified.day)
        note("draft-date", f"no date: the file's date {file.modified} is used, set the publication date")
    if published is None:
        note("date-missing", "no usable date in the front matter or the file name; not imported")
        return None

    suffix_lang = _suffix_language(file.name, languages)
    layout = meta.pop("layout", None)
    raw_lang = meta.pop("lang", None)
    if isinstance(raw_lang, str) and raw_lang.strip():
        lang = raw_lang.strip().lower()
        if lang not in languages and lang[:2] in languages:
            lang = lang[:2]
        if lang not in languages:
            note("unknown-lang", f"lang: {raw_lang}: not one of {', '.join(languages.codes)}; not imported", "lang")
            return None
        if lang != raw_lang:
            note("lang-normalized", f"lang: {raw_lang} -> {lang}", "lang")
    else:
        layout_lang = _layout_language(layout, languages)
        lang = layout_lang or suffix_lang or languages.default.code
        why = (
            f"from layout: {layout}" if layout_lang
            else "from the file name" if suffix_lang
            else "no language suffix: the default language"
        )  # fmt: skip
        note("lang-inferred", f"no lang: {lang} ({why})")
    if suffix_lang and suffix_lang != lang:
        note("lang-suffix", f"the file name says {suffix_lang}, the front matter lang: {lang}; the front matter decides")
    if layout is not None:
        note("layout-dropped", f"layout: {layout}")

    ref = meta.pop("ref", None)
    if isinstance(ref, (int, float)) and not isinstance(ref, bool):
        ref = str(ref)
    ref = ref.strip() if isinstance(ref, str) and ref.strip() else None

    draft = file.draft
    if draft:
        note("draft", "from _drafts/: draft: true")
    if meta.pop("published", True) is False:
        draft = True
        note("unpublished", "published: false -> draft: true")
    if meta.pop("draft", False) is True:
        draft = True

    old_path = None
    permalink = meta.pop("permalink", None)
    if not draft:
        old_path = old_post_path(file.name, published.date())
        if isinstance(permalink, str) and permalink.strip() and ":" not in permalink:
            old_path = permalink_path(permalink)
            note("permalink", f"permalink: {permalink} -> old address /{old_path}, redirected", "permalink")
        elif permalink is not None:
            note("permalink-unknown", f"permalink: {permalink}: not a literal address, /{old_path} assumed", "permalink")

    categories = _categories(meta, note)
    image = meta.pop("image", None)
    if image is not None and not (isinstance(image, str) and image.strip()):
        note("image-unusable", f"image: {image!r} is not a path; dropped", "image")
        image = None

    stem = slug_from_filename(file.name, languages.codes) or slugify(title)
    return _Entry(file, title, published, lang, ref, draft, stem, old_path, image, categories, meta, doc.body)


def _suffix_language(name: str, languages: Languages) -> str | None:
    slug = slugify(file_stem(name))
    for code in languages.codes:
        if slug.endswith(f"-{code}"):
            return code
    return None


def _layout_language(layout: object, languages: Languages) -> str | None:
    if isinstance(layout, str):
        match = re.search(r"[-_]([a-z]{2})$", layout.strip().lower())
        if match and match.group(1) in languages:
            return match.group(1)
    return None


def _categories(meta: dict, note) -> list[str]:
    values: list = []
    for key in ("categories", "category"):
        value = meta.pop(key, None)
        if value is None:
            continue
        if isinstance(value, str):
            words = value.split()  # Jekyll splits a string of categories on spaces
            if key == "category" or len(words) > 1:
                note("categories", f"{key}: {value} -> categories: {words if key == 'categories' else [value]}")
            values.extend(words if key == "categories" else [value])
        elif isinstance(value, list):
            values.extend(str(v) for v in value if v is not None)
        else:
            values.append(str(value))
    return list(dict.fromkeys(clean_text(v) for v in values if clean_text(v)))


def _teaser(entry: _Entry, site: Site, notes: list[Note]) -> str | None:
    if entry.image is None:
        return None
    path = normalize_asset_path(entry.image)
    if urlsplit(path).scheme:
        dest = site.remote_picture(entry.image.strip()) if urlsplit(path).scheme in ("http", "https") else None
        if dest is not None:
            notes.append(Note("picture-fetched", entry.file.path, f"image: {entry.image} -> docs/{dest}"))
            return dest
        notes.append(Note("image-unusable", entry.file.path, f"image: {entry.image} is on another site; dropped (import with FETCH=1 to keep a copy)"))
        return None
    found: Found | None = site.find(path, None)
    if found is None:
        notes.append(Note("missing-picture", entry.file.path, f"image: {entry.image} is not in the source; dropped"))
        return None
    if found.fixed:
        notes.append(Note("link-fixed", entry.file.path, f"image: {entry.image}: {found.fixed}"))
    return site.asset_dest(found.path)


_HTML_LINE = re.compile(r"^\s*<")


def _remarks(path: str, body: str) -> list[Note]:
    lines = [line for line in body.split("\n") if line.strip()]
    remarks = []
    if lines and sum(bool(_HTML_LINE.match(line)) for line in lines) / len(lines) > 0.6:
        remarks.append(Note("raw-html", path, "written in raw HTML, kept as is"))
    videos = re.findall(r"<iframe\b[^>]*\bsrc\s*=\s*[\"']?([^\"'\s>]+)", body, re.I)
    for src in videos:
        remarks.append(Note("iframe", path, f"embedded: {src}"))
    return remarks


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: ten times faster


def _render(entry: _Entry, body: str, image: str | None, translation_of: str | None = None) -> str:
    meta: dict = {"title": entry.title, "date": entry.published.date(), "lang": entry.lang, "ref": entry.group.ref}
    if translation_of:
        meta[TRANSLATION_OF] = translation_of
    if entry.draft:
        meta["draft"] = True
    if image:
        meta["image"] = image
    if entry.categories:
        meta["categories"] = entry.categories
    for key, value in entry.meta.items():
        meta.setdefault(key, value)
    head = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)
    text = f"---\n{head}---\n{body}"
    return text if text.endswith("\n") else text + "\n"


# ---------------------------------------------------------------- translation groups
def _group(entries: list[_Entry], languages: Languages, notes: list[Note]) -> list[Group]:
    """Posts sharing a ref are translations, unless two of them have the same language:
    then the ref's posts are paired by file-name stem (and date), each pair its own ref."""
    by_ref: dict[str | None, list[_Entry]] = {}
    for entry in entries:
        by_ref.setdefault(entry.ref, []).append(entry)
    # refs of the source only: a derived ref found in docs/ means the same post, imported before
    used_refs = {e.ref for e in entries if e.ref}
    groups: list[Group] = []

    def new_group(ref: str, source_ref: str | None, how: str, members: list[_Entry]) -> None:
        group = Group(ref, source_ref, how)
        for member in members:
            member.group = group
        groups.append(group)

    for ref, members in by_ref.items():
        langs = [m.lang for m in members]
        if ref is not None and len(set(langs)) == len(langs):
            new_group(ref, ref, "shared ref" if len(members) > 1 else "single language", members)
            continue
        for cluster, how in _pair(members, notes):
            lead = _lead(cluster, languages)
            base = f"{ref}-{lead.stem}" if ref else f"post-{lead.published:%Y%m%d}-{lead.stem}"
            new_ref = base
            counter = 2
            while new_ref in used_refs:
                new_ref = f"{base}-{counter}"
                counter += 1
            used_refs.add(new_ref)
            for member in cluster:
                if ref:
                    notes.append(Note("ref-split", member.file.path, f"ref {ref} is shared by different posts of one language: ref {new_ref} ({how})"))
                else:
                    notes.append(Note("ref-assigned", member.file.path, f"no ref: ref {new_ref} ({how})"))
            new_group(new_ref, ref, how, cluster)
    groups.sort(key=lambda g: min((m.published, m.file.path) for m in entries if m.group is g))
    return groups


def _pair(members: list[_Entry], notes: list[Note]) -> list[tuple[list[_Entry], str]]:
    """Split posts that cannot all be one group into groups of translations."""
    clusters: list[list[_Entry]] = []
    for stem in dict.fromkeys(m.stem for m in members):
        same = [m for m in members if m.stem == stem]
        if len({m.lang for m in same}) == len(same):
            clusters.append(same)
            continue
        for day in dict.fromkeys(m.published.date() for m in same):  # one name, several years
            on_day = [m for m in same if m.published.date() == day]
            if len({m.lang for m in on_day}) == len(on_day):
                clusters.append(on_day)
            else:
                clusters.extend([m] for m in on_day)
    return [(c, "paired by file name" if len(c) > 1 else "no translation") for c in clusters if len(c) > 1 or not _joins(c, clusters)] + [
        (c, "paired by date") for c in _pair_by_date([c for c in clusters if len(c) == 1 and _joins(c, clusters)], notes)
    ]


def _compatible(a: list[_Entry], b: list[_Entry]) -> bool:
    """Versions that can be translations of each other: other languages, same day."""
    return not {m.lang for m in a} & {m.lang for m in b} and bool(
        {m.published.date() for m in a} & {m.published.date() for m in b}
    )


def _joins(cluster: list[_Entry], clusters: list[list[_Entry]]) -> bool:
    return any(other is not cluster and len(other) == 1 and _compatible(cluster, other) for other in clusters)


def _pair_by_date(lone: list[list[_Entry]], notes: list[Note]) -> list[list[_Entry]]:
    """Versions whose names differ are joined when they are each other's only match that day."""
    groups = [list(c) for c in lone]
    joined = True
    while joined:
        joined = False
        for a, b in combinations(groups, 2):
            if not _compatible(a, b):
                continue
            if [c for c in groups if c is not a and _compatible(a, c)] == [b] and [
                c for c in groups if c is not b and _compatible(b, c)
            ] == [a]:
                groups = [c for c in groups if c is not a and c is not b] + [a + b]
                joined = True
                break
    for group in groups:
        if len(group) > 1:
            for member in group:
                notes.append(Note("paired-by-date", member.file.path, "names differ, paired with the version of the same date"))
    return groups


def _lead(members: list[_Entry], languages: Languages) -> _Entry:
    """The version whose file name gives the group's slug: the default language, else the first."""
    return min(members, key=lambda m: (languages.order(m.lang), m.file.path))


# ---------------------------------------------------------------- file names
def _name_posts(
    groups: list[Group],
    entries: list[_Entry],
    languages: Languages,
    existing_by_id: dict[tuple[str, str], ExistingPost],
    force: bool,
    notes: list[Note],
) -> None:
    """Give every post its file name, YYYY-MM-DD-slug[-lang].md, the slug shared by its group.

    A post that exists already keeps its file name unless FORCE replaces it,
    and no two posts may end up at the same address or file name.
    """
    members = {id(g): [e for e in entries if e.group is g] for g in groups}
    planned_ids = {(g.ref, e.lang) for g in groups for e in members[id(g)]}
    taken_names = {p.name for key, p in existing_by_id.items() if key not in planned_ids}
    taken_urls = {
        (p.lang, p.date, slug_from_filename(p.name, languages.codes))
        for key, p in existing_by_id.items()
        if key not in planned_ids
    }
    for group in groups:
        group_entries = sorted(members[id(group)], key=lambda m: (languages.order(m.lang), m.file.path))
        lead = group_entries[0]
        kept = {e.lang: existing_by_id[(group.ref, e.lang)] for e in group_entries if (group.ref, e.lang) in existing_by_id and not force}
        base = _plain_slug(lead.stem, languages) or slugify(group.ref)
        if lead.lang in kept:  # the build takes the slug from the kept file
            base = slug_from_filename(kept[lead.lang].name, languages.codes)
        slug, counter = base, 2
        while lead.lang not in kept and any(
            (e.lang, e.published.date(), slug) in taken_urls or _file_name(e, slug, languages) in taken_names
            for e in group_entries
            if e.lang not in kept
        ):
            slug = f"{base}-{counter}"
            counter += 1
        if slug != base:
            for e in group_entries:
                notes.append(Note("slug-renamed", e.file.path, f"'{base}' is taken on {e.published:%Y-%m-%d}: '{slug}'"))
        for e in group_entries:
            e.name = kept[e.lang].name if e.lang in kept else _file_name(e, slug, languages)
            taken_names.add(e.name)
            taken_urls.add((e.lang, e.published.date(), slug))
            if e.name != e.file.name:
                notes.append(Note("file-renamed", e.file.path, f"-> {e.name} ({_why_renamed(e, slug, languages)})"))
    by_slug: dict[str, list[_Entry]] = {}
    for e in entries:
        by_slug.setdefault(slug_from_filename(e.name, languages.codes), []).append(e)
    for slug, same in by_slug.items():
        dates = sorted({e.published.date() for e in same})
        if len(dates) > 1:
            for e in same:
                notes.append(Note("slug-reused", e.file.path, f"'{slug}' is also used on {', '.join(str(d) for d in dates if d != e.published.date())}: the dates keep the addresses apart"))


def _plain_slug(slug: str, languages: Languages) -> str:
    """A slug that no language suffix can be read from (the build strips one)."""
    while True:
        for code in languages.codes:
            if slug.endswith(f"-{code}") and len(slug) > len(code) + 1:
                slug = slug[: -len(code) - 1]
                break
        else:
            return slug


def _file_name(entry: _Entry, slug: str, languages: Languages) -> str:
    suffix = "" if entry.lang == languages.default.code else f"-{entry.lang}"
    return f"{entry.published:%Y-%m-%d}-{slug}{suffix}.md"


def _why_renamed(entry: _Entry, slug: str, languages: Languages) -> str:
    name = entry.file.name
    stem = file_stem(name)
    reasons = []
    if not name.endswith(".md"):
        reasons.append(f"{posixpath.splitext(name)[1]} -> .md")
    if stem != stem.lower():
        reasons.append("upper case")
    if stem.endswith(("-", "_", " ")):
        reasons.append("trailing dash")
    if re.search(r"[^a-z0-9-]", stem.lower()):
        reasons.append("characters other than letters, digits and dashes")
    named = date_from_filename(name)
    if named != entry.published.date():
        reasons.append("date of the front matter" if named else "date added")
    suffix = _suffix_language(name, languages)
    if suffix != (None if entry.lang == languages.default.code else entry.lang):
        reasons.append(f"language suffix of lang: {entry.lang}" if entry.lang != languages.default.code else "no suffix for the default language")
    if not reasons or _plain_slug(entry.stem, languages) != slug:
        reasons.append("slug of the group's default-language version")
    return ", ".join(reasons)


# ---------------------------------------------------------------- existing posts
def _decide(post: PlannedPost, current: ExistingPost | None, force: bool, notes: list[Note]) -> None:
    if current is None:
        return
    post.existing = current.name
    if current.raw == post.text.encode("utf-8") and current.name == post.name:
        post.status = "unchanged"
    elif force:
        post.status = "replace"
    else:
        post.status = "conflict"
        notes.append(
            Note(
                "conflict",
                post.source,
                f"docs/{POSTS_DIR}/{current.name} is the same post (ref {post.ref}, lang {post.lang}) and differs: "
                "kept as it is; compare them, or import with FORCE=1 to replace it",
            )
        )


def _validate(
    posts: list[PlannedPost],
    existing: Sequence[ExistingPost],
    languages: Languages,
    assets: dict[str, str],
    docs_files: frozenset[str],
) -> list[Note]:
    """Read the planned posts as the build will: anything it would reject is reported."""
    notes = []
    parsed = []
    replaced = {(p.ref, p.lang) for p in posts if p.status in ("new", "replace", "unchanged")}

    def image_exists(path: str) -> bool:
        return path in assets or path in docs_files

    for post in posts:
        if post.status == "conflict":
            continue
        result, problems = parse_post(f"docs/{POSTS_DIR}/{post.name}", post.text.encode("utf-8"), languages)
        for problem in problems:
            notes.append(Note("invalid", post.source, str(problem)))
        if result is not None:
            missing = image_problem(result, image_exists)
            if missing:
                notes.append(Note("invalid", post.source, str(missing)))
            parsed.append(result)
    for current in existing:
        if (current.ref, current.lang) in replaced:
            continue
        result, _ = parse_post(f"docs/{POSTS_DIR}/{current.name}", current.raw, languages)
        if result is not None:
            parsed.append(result)
    by_path = {f"docs/{POSTS_DIR}/{p.name}": p.source for p in posts}
    for problem in build_catalog(parsed, languages).problems:
        notes.append(Note("invalid", by_path.get(problem.path, problem.path), str(problem)))
    return notes


# ---------------------------------------------------------------- old pages
def _page_redirects(
    source: JekyllSource, languages: Languages, docs_files: frozenset[str], new_pages: _NewPages, notes: list[Note]
) -> tuple[RedirectMap, dict[str, tuple[OldPage, str | None]]]:
    """Old pages (index-en.html, produit.html, feed.xml...) -> the page of their language.

    Also returns every old page address with its new page and the language its
    name says (None: the default language's, which a post links to in its own language)."""
    result: RedirectMap = {}
    links: dict[str, tuple[OldPage, str | None]] = {"index.html": (OLD_PAGES["index"], None)}  # the old home is the new one
    served = {_dest_path(f) for f in docs_files}
    for page in source.pages:
        name = page.name
        stem, suffix = posixpath.splitext(name)
        old = posixpath.splitext(name)[0] + ".html" if suffix in (".md", ".markdown") else name
        meta = _page_meta(page)
        permalink = meta.get("permalink")
        if isinstance(permalink, str) and permalink.strip() and ":" not in permalink:
            old = permalink_path(permalink)
        lang = _suffix_language(stem, languages) or languages.default.code
        base = slugify(stem)
        if base.endswith(f"-{lang}"):
            base = base[: -len(lang) - 1]
        if isinstance(meta.get("lang"), str) and meta["lang"].strip().lower() in languages:
            lang = meta["lang"].strip().lower()
        known = OLD_PAGES.get(base.replace("-", ""))
        if known is None:
            notes.append(Note("page-unknown", page.path, f"/{old}: no page of the portal matches it, not redirected"))
            continue
        prefix = languages[lang].prefix
        if known.feed:
            # feed readers do not follow an HTML redirect page: the build writes
            # an RSS feed at feed.xml (geotrek_portal.feeds), nothing to redirect
            if old == ALL_LANGUAGES_FEED:
                links[old] = (known, None)
            else:
                notes.append(
                    Note("page-unknown", page.path, f"/{old}: a feed, not redirected (feed readers do not follow "
                         f"redirect pages); its subscribers can read /{ALL_LANGUAGES_FEED} or /{prefix + new_pages.feed_name}")
                )
            continue
        target = new_pages.doc(known, lang)
        if target is None:
            target = prefix + HOME
            notes.append(
                Note(
                    "page-missing",
                    page.path,
                    f"/{old}: the portal has no {' or '.join(prefix + c for c in known.candidates[:2])} yet, "
                    f"redirected to the {lang} home page; import again with FORCE=1 once it exists",
                )
            )
        links[old] = (known, _suffix_language(stem, languages))
        if old in served:
            continue  # the portal serves a page at that very address
        result.setdefault(lang, {})[old] = target
    return result, links


def _page_meta(page: SourceFile) -> dict:
    if page.raw is None:
        return {}
    try:
        return frontmatter.parse(frontmatter.decode(page.raw)).meta
    except frontmatter.FrontMatterError:
        return {}


def _dest_path(path: str) -> str:
    """Where MkDocs writes a file of docs/ (directory URLs)."""
    stem, suffix = posixpath.splitext(path)
    if suffix != ".md":
        return path
    if posixpath.basename(stem) in ("index", "README"):
        return stem[: -len(posixpath.basename(stem))] + "index.html"
    return stem + "/index.html"


def _old_hosts(config: dict) -> frozenset[str]:
    host = urlsplit(str(config.get("url") or "")).hostname
    return frozenset({host, "www." + host.removeprefix("www.")} if host else ())
