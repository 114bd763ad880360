"""News posts: file names, front matter validation and the Post model.

A post is a Markdown file named ``YYYY-MM-DD-slug[-lang].md`` with the front
matter contributors know from the Jekyll site (``title``, ``date``, ``lang``,
``ref``). Everything here is pure: it takes bytes and returns a Post or Problems.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePosixPath
from typing import Callable

from . import frontmatter
from .languages import Languages
from .problems import Problem, Severity

POST_SUFFIXES = (".md", ".markdown")
REQUIRED_KEYS = ("title", "date", "lang", "ref")
OPTIONAL_KEYS = ("image", "categories", "description", "draft", "event", "layout", "slug", "translation_of")
# A translation records the version of its original it translates: a short
# hash of the original's title and body (geotrek_portal.translations).
TRANSLATION_OF = "translation_of"
HASH_LENGTH = 12
_HASH = re.compile(rf"^[0-9a-f]{{{HASH_LENGTH}}}$")

_FILE_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-")
# Invisible characters that editors and copy-paste leave around titles
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad\u202a\u202b\u202c\u202d\u202e"
_DATE_RE = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[ T]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?$"
)
DATE_HINT = "write the date as YYYY-MM-DD, for example 2019-12-17"


@dataclass(frozen=True)
class Post:
    path: str  # as reported to contributors, e.g. docs/blog/posts/2019-12-17-x.md
    name: str  # file name
    title: str
    published: datetime  # naive, local time as written in the front matter
    lang: str
    ref: str
    body: str  # Markdown after the front matter
    categories: tuple[str, ...] = ()
    description: str | None = None
    image: str | None = None  # path under docs/, e.g. assets/img/x.jpg
    draft: bool = False
    events: tuple[str, ...] = ()
    slug: str | None = None  # explicit slug from front matter, rarely used
    translation_of: str | None = None  # content hash of the original this translates (translations only)
    key_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def date(self) -> date:
        return self.published.date()


# ---------------------------------------------------------------- file names
def is_post_file(name: str) -> bool:
    return name.endswith(POST_SUFFIXES) and not name.startswith((".", "_"))


def slugify(text: str) -> str:
    """ASCII, lower case, words joined by '-': "Rencontres Géotrek" -> "rencontres-geotrek"."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def file_stem(name: str) -> str:
    """File name without extension and date prefix."""
    stem = PurePosixPath(name).name
    for suffix in POST_SUFFIXES:
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return _FILE_DATE.sub("", stem, count=1)


def slug_from_filename(name: str, language_codes: tuple[str, ...]) -> str:
    """The URL slug a file name gives: date, extension and language suffix removed.

    ``2019-10-07-Rencontres-utilisateurs-fr-.markdown`` -> ``rencontres-utilisateurs``.
    """
    slug = slugify(file_stem(name))
    for code in language_codes:
        if slug.endswith(f"-{code}") and len(slug) > len(code) + 1:
            return slug[: -len(code) - 1]
    return slug


def date_from_filename(name: str) -> date | None:
    match = _FILE_DATE.match(PurePosixPath(name).name)
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


# ---------------------------------------------------------------- values
def parse_date(value: object) -> datetime:
    """Front matter date -> naive local datetime; ValueError when malformed.

    Accepts YAML dates and datetimes and Jekyll strings like
    ``2019-03-01 10:30:00 +0100``; the time zone is dropped, keeping the
    local date and time as written (the date is part of the post URL).
    """
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a date")
    match = _DATE_RE.match(value.strip())
    if not match:
        raise ValueError(f"'{value}' is not a date")
    g = match.groupdict()
    try:
        return datetime(
            int(g["y"]), int(g["m"]), int(g["d"]), int(g["H"] or 0), int(g["M"] or 0), int(g["S"] or 0)
        )
    except ValueError as e:
        raise ValueError(f"'{value}' is not a valid date: {e}") from None


def clean_text(value: str) -> str:
    return value.strip().strip(_INVISIBLE).strip()


# ---------------------------------------------------------------- parsing
def parse_post(
    path: str,
    raw: bytes,
    languages: Languages,
    image_exists: Callable[[str], bool] | None = None,
) -> tuple[Post | None, list[Problem]]:
    """Read one post file. Returns the post (None when unusable) and its problems.

    `image_exists(path under docs/)` checks the teaser picture; None skips it.
    """
    name = PurePosixPath(path).name
    try:
        doc = frontmatter.parse(frontmatter.decode(raw))
    except frontmatter.FrontMatterError as e:
        return None, [Problem(path, e.field, e.message, e.hint, e.line)]

    meta = {str(k).strip(): v for k, v in doc.meta.items()}
    problems: list[Problem] = []

    def problem(key: str, message: str, hint: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(Problem(path, key, message, hint, doc.line_of(key), severity))

    for key in REQUIRED_KEYS:
        if meta.get(key) in (None, ""):
            problem(key, "missing", _MISSING_HINTS[key])

    title = meta.get("title")
    if isinstance(title, (int, float)) and not isinstance(title, bool):
        title = str(title)
    if title not in (None, ""):
        if not isinstance(title, str) or not clean_text(title):
            problem("title", "must be a line of text", "write the title on the same line: title: My title")
            title = None
        else:
            title = clean_text(title)

    published = None
    if meta.get("date") not in (None, ""):
        try:
            published = parse_date(meta["date"])
        except ValueError as e:
            problem("date", str(e), DATE_HINT)
    if published is not None:
        named = date_from_filename(name)
        if named is not None and named != published.date():
            problem(
                "date",
                f"{published.date()} differs from the date in the file name ({named})",
                "the front matter date is used for the URL; rename the file to match it",
                Severity.WARNING,
            )

    lang = meta.get("lang")
    if lang not in (None, ""):
        if not isinstance(lang, str) or lang.strip() not in languages:
            known = ", ".join(languages.codes)
            guess = str(lang).strip().lower()[:2]
            hint = f"did you mean '{guess}'? " if guess in languages else ""
            problem("lang", f"unknown language '{lang}'", f"{hint}use one of: {known}")
            lang = None
        else:
            lang = lang.strip()

    ref = meta.get("ref")
    if isinstance(ref, (int, float)) and not isinstance(ref, bool):
        ref = str(ref)
    if ref not in (None, ""):
        if not isinstance(ref, str) or not ref.strip():
            problem("ref", "must be a short text", "for example ref: post-20191217")
            ref = None
        else:
            ref = ref.strip()

    categories = meta.get("categories")
    if categories is None:
        categories = []
    elif isinstance(categories, str):
        categories = [c.strip() for c in categories.split(",")]
    if not isinstance(categories, list) or not all(isinstance(c, (str, int)) for c in categories):
        problem("categories", "must be a list of names", "write categories: [Rencontres, Communauté]")
        categories = []
    categories = tuple(dict.fromkeys(clean_text(str(c)) for c in categories if clean_text(str(c))))

    description = meta.get("description")
    if description is not None and not isinstance(description, str):
        problem("description", "must be text", "write description: One sentence about the post")
        description = None

    draft = meta.get("draft", False)
    if not isinstance(draft, bool):
        problem("draft", f"must be true or false, not '{draft}'", "write draft: true or remove the line")
        draft = False
    if meta.get("published") is False:  # Jekyll's way of keeping a post unpublished
        draft = True

    events = meta.get("event")
    if events is None:
        events = []
    elif isinstance(events, str):
        events = [events]
    if not isinstance(events, list) or not all(isinstance(e, str) and e.strip() for e in events):
        problem("event", "must be an event id or a list of ids", "for example event: rencontres-2019")
        events = []
    events = tuple(dict.fromkeys(e.strip() for e in events))

    image = meta.get("image")
    if image is not None:
        if not isinstance(image, str) or not image.strip():
            problem("image", "must be a path under docs/", "for example image: assets/img/photo.jpg")
            image = None
        elif re.match(r"^(https?:)?//", image.strip()):
            problem(
                "image",
                f"'{image}' is on another site (pages load nothing from other sites)",
                "save the picture under docs/assets/img/ and write its path, e.g. image: assets/img/photo.jpg",
            )
            image = None
        else:
            image = normalize_asset_path(image)

    slug = meta.get("slug")
    if slug is not None:
        if not isinstance(slug, str) or not slugify(slug):
            problem("slug", "must be text", "remove the line: the file name gives the slug")
            slug = None
        else:
            slug = slugify(slug)

    translation_of = meta.get(TRANSLATION_OF)
    if translation_of is not None:
        text = translation_of.strip().lower() if isinstance(translation_of, str) else None
        if text is None or not _HASH.match(text):
            problem(
                TRANSLATION_OF,
                f"'{translation_of}' is not the version of an original ({HASH_LENGTH} characters, 0-9 and a-f)",
                f"run make translations DONE={path} to record the original's current version, "
                "or remove the line if this post is the original",
            )
            translation_of = None
        else:
            translation_of = text

    if any(p.is_error for p in problems):
        return None, problems
    post = Post(
        path=path,
        name=name,
        title=title,
        published=published,
        lang=lang,
        ref=ref,
        body=doc.body,
        categories=categories,
        description=clean_text(description) if description else None,
        image=image,
        draft=draft,
        events=events,
        slug=slug,
        translation_of=translation_of,
        key_lines=doc.key_lines,
    )
    if image_exists is not None and (missing := image_problem(post, image_exists)):
        return None, [*problems, missing]
    return post, problems


def image_problem(post: Post, image_exists: Callable[[str], bool]) -> Problem | None:
    """An error when the post's teaser picture is not in docs/."""
    if post.image is None or image_exists(post.image):
        return None
    return Problem(
        post.path,
        "image",
        f"'{post.image}' does not exist",
        f"add the picture as docs/{post.image} or fix the path (relative to docs/)",
        post.key_lines.get("image"),
    )


_SITE_ROOT = re.compile(r"^\s*\{\{\s*site\.base_?url\s*\}\}")


def normalize_asset_path(value: str) -> str:
    """`{{ site.baseurl }}/assets/img/x.jpg`, `/assets/img/x.jpg` -> `assets/img/x.jpg`."""
    return _SITE_ROOT.sub("", value.strip()).lstrip("/")


_MISSING_HINTS = {
    "title": "add a line such as: title: Retour sur les rencontres Geotrek 2019",
    "date": f"add a line date: YYYY-MM-DD ({DATE_HINT.split(', ')[1]})",
    "lang": "add a line lang: fr (or en, es)",
    "ref": "add a line ref: post-YYYYMMDD, shared by all translations of the post",
}

