"""Events (users' meetings, talks) and their material, and which posts are about them.

One YAML file per event in ``data/events/<id>.yml``; the file name gives the
id. Everything here is pure: files in, events and Problems out; catalog and
events in, an `EventLinks` (which post is about which event, and why) out.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date, time
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Iterable, Mapping
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, PlainValidator, ValidationError, model_validator

from . import frontmatter
from .blog import Catalog
from .languages import Languages
from .posts import DATE_HINT, Post, parse_date
from .problems import Problem, Severity, field_path, pydantic_message

EVENTS_DATA_DIR = "data/events"  # one YAML file per event, relative to the repository root

EVENT_SUFFIXES = (".yml", ".yaml")
_Loader = frontmatter._Loader  # safe, and leaves dates as text for clear messages
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANG = re.compile(r"^[a-z]{2,3}$")
_YMD = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class MaterialType(str, Enum):
    """Kinds of material, in the order event pages show them."""

    PROGRAMME = "programme"
    PRESENTATIONS = "presentations"
    SLIDES = "slides"
    WORKSHOPS = "workshops"
    SYNTHESIS = "synthesis"
    VIDEO = "video"
    PHOTOS = "photos"
    REGISTRATION = "registration"


class Status(str, Enum):
    """Where an event stands; schema.org's eventStatus follows from it."""

    PLANNED = "planned"
    REGISTRATION_OPEN = "registration_open"
    FULL = "full"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"


# What a post's "event material" box shows (the rest is on the event page)
MAIN_MATERIAL = (
    MaterialType.PROGRAMME,
    MaterialType.PRESENTATIONS,
    MaterialType.WORKSHOPS,
    MaterialType.SYNTHESIS,
    MaterialType.VIDEO,
)


# ---------------------------------------------------------------- values
@dataclass(frozen=True)
class Localized:
    """A text written once for every language, or once per language.

    `texts` maps a language code to its text; a single text is stored under "".
    """

    texts: Mapping[str, str]

    @property
    def per_language(self) -> bool:
        return "" not in self.texts

    def get(self, lang: str, fallback: str | None = None) -> str:
        """The text in `lang`, else the single text, else `fallback`'s, else the first one."""
        for key in (lang, "", fallback):
            if key is not None and key in self.texts:
                return self.texts[key]
        return next(iter(self.texts.values()))


def _localized(value: Any) -> Localized:
    if isinstance(value, str) and value.strip():
        return Localized({"": value.strip()})
    if isinstance(value, dict) and value:
        texts = {}
        for lang, text in value.items():
            if not isinstance(lang, str) or not _LANG.match(lang):
                raise ValueError(f"'{lang}' is not a language code")
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"the text in '{lang}' is empty or not text")
            texts[lang] = text.strip()
        return Localized(texts)
    raise ValueError("must be a text, or one text per language")


def _url(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be an address")
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or re.search(r"\s", value):
        raise ValueError(f"'{value}' is not a web address")
    return value


def _date(value: Any) -> date:
    # the loader leaves dates as text; a bare year is no date (pydantic would take a timestamp)
    text = str(value).strip()
    if not _YMD.match(text):
        raise ValueError(f"'{value}' is not a date")
    return parse_date(text).date()  # its message names an impossible month or day


_HM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _time(value: Any) -> time:
    # YAML 1.1 reads an unquoted 09:00 as the number 540: ask for quotes
    if isinstance(value, str) and _HM.match(value.strip()):
        hours, minutes = value.strip().split(":")
        return time(int(hours), int(minutes))
    raise ValueError(f"'{value}' is not a time written \"HH:MM\" in quotes")


def _lang(value: Any) -> str:
    if isinstance(value, str) and _LANG.match(value.strip()):
        return value.strip()
    raise ValueError(f"'{value}' is not a language code")


Text = Annotated[Localized, PlainValidator(_localized)]
Url = Annotated[str, PlainValidator(_url)]
Day = Annotated[date, PlainValidator(_date)]
Lang = Annotated[str, PlainValidator(_lang)]
Time = Annotated[time, PlainValidator(_time)]


# ---------------------------------------------------------------- models
_DURATION = re.compile(r"^(?:(\d+):)?([0-5]?\d):([0-5]\d)$")


def _duration(value: Any) -> int:
    """'1:32:05' or '12:40' (a video's length, as players show it) -> seconds."""
    if isinstance(value, int):  # YAML reads an unquoted 12:40 as a number (of minutes)
        raise ValueError("YAML read the duration as a number: write it in quotes")
    match = _DURATION.match(value.strip()) if isinstance(value, str) else None
    if not match:
        raise ValueError(f"'{value}' is not a duration written \"H:MM:SS\" or \"MM:SS\" in quotes")
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


Seconds = Annotated[int, PlainValidator(_duration)]


class Material(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    type: MaterialType
    title: Text
    url: Url
    lang: Lang  # language of the material itself
    speaker: str | None = Field(default=None, min_length=1)  # a talk's speaker(s), as they sign
    organisation: str | None = Field(default=None, min_length=1)  # the speaker's organisation
    session: Text | None = None  # the programme's session: the event page groups talks by it
    duration: Seconds | None = None  # a video's length


class CallForTalks(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    url: Url
    deadline: Day


class Organizer(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    url: Url


class Event(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: Text
    start: Day
    end: Day | None = None  # one-day events may leave it out
    place: Text
    base_url: Url | None = None  # where the organisers publish the material
    description: Text | None = None
    material: tuple[Material, ...] = Field(default=())
    # what an upcoming event needs (all optional: past events leave them out)
    status: Status = Status.PLANNED
    registration_url: Url | None = None
    call_for_talks: CallForTalks | None = None
    starts_at: Time | None = None  # Europe/Paris, on the first day
    ends_at: Time | None = None  # Europe/Paris, on the last day
    address: Text | None = None  # street address of the venue
    updated: Day | None = None  # last change of the file: calendars refresh from it
    organizer: Organizer | None = None  # who organises it (structured data)

    @model_validator(mode="after")
    def _dates_in_order(self) -> "Event":
        if self.end is not None and self.end < self.start:
            raise ValueError(f"ends ({self.end}) before it starts ({self.start})")
        if (self.starts_at is None) != (self.ends_at is None):
            raise ValueError("starts_at and ends_at go together")
        if self.ends_at is not None and self.last_day == self.start and self.ends_at <= self.starts_at:
            raise ValueError(f"ends at {self.ends_at:%H:%M}, before it starts ({self.starts_at:%H:%M})")
        return self

    @property
    def timed(self) -> bool:
        """Whether the event has hours (else it lasts whole days)."""
        return self.starts_at is not None

    @property
    def last_day(self) -> date:
        return self.end or self.start


# Contributors' help for each key, shown with its problems
_HINTS = {
    "name": "one name per language, for example name: {fr: Rencontres Geotrek 2019, en: ..., es: ...}",
    "start": DATE_HINT,
    "end": DATE_HINT + "; leave it out for a one-day event",
    "place": "the town, for example place: Nîmes",
    "base_url": "the address where the organisers publish the material, starting with https://",
    "description": "one short paragraph per language: description: {fr: ..., en: ..., es: ...}",
    "material": "a list of items, each with type, title, url and lang",
    "type": "one of: " + ", ".join(kind.value for kind in MaterialType),
    "title": "a text, or one per language: title: {fr: Programme, en: Programme, es: Programa}",
    "url": "the full address, starting with https://",
    "lang": "the language code of the material itself, for example lang: fr",
    "speaker": "who gave the talk, for example speaker: Camille Martin",
    "organisation": "the speaker's organisation, for example organisation: Parc national des Écrins",
    "session": "the programme's session, one text or one per language: session: {fr: Retours d'expérience, en: ..., es: ...}",
    "duration": 'the video\'s length in quotes: duration: "1:32:05" or "12:40"',
    "status": "one of: " + ", ".join(status.value for status in Status),
    "registration_url": "the address of the registration form, starting with https://",
    "call_for_talks": "the call for talks: call_for_talks: {url: https://..., deadline: YYYY-MM-DD}",
    "deadline": DATE_HINT,
    "starts_at": 'the time it starts on the first day, in Paris time and in quotes: starts_at: "09:30"',
    "ends_at": 'the time it ends on the last day, in Paris time and in quotes: ends_at: "17:00"',
    "address": "the venue's street address, for example address: 1 place de la Mairie, 30000 Nîmes",
    "organizer": "who organises it: organizer: {name: Parc national des Écrins, url: https://www.ecrins-parcnational.fr/}",
    "updated": DATE_HINT + "; the day you last changed this file (calendars refresh from it)",
}
_KEYS = tuple(name for name in Event.model_fields if name != "id")
_MATERIAL_KEYS = tuple(Material.model_fields)
_NESTED_KEYS = {"call_for_talks": tuple(CallForTalks.model_fields), "organizer": tuple(Organizer.model_fields)}


# ---------------------------------------------------------------- reading
def is_event_file(name: str) -> bool:
    return name.endswith(EVENT_SUFFIXES) and not name.startswith((".", "_"))


def parse_event(path: str, raw: bytes, languages: Languages | None = None) -> tuple[Event | None, list[Problem]]:
    """Read one event file. Returns the event (None when unusable) and its problems.

    With `languages`, names and descriptions written per language must cover
    every language of the site.
    """
    stem = Path(path).stem
    problems: list[Problem] = []
    if not _ID.match(stem):
        problems.append(
            Problem(path, "file", f"'{stem}' cannot be an event id",
                    "rename the file in lower case, words joined by '-', for example rencontres-2019.yml")
        )
    try:
        text = frontmatter.decode(raw)
    except frontmatter.FrontMatterError as e:
        return None, [*problems, Problem(path, e.field, e.message, e.hint, e.line)]
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        return None, [
            *problems,
            Problem(
                path,
                "file",
                f"YAML does not parse: {problem}",
                "check the indentation, colons and quotes; a value containing ': ' must be quoted",
                mark.line + 1 if mark is not None else None,
            ),
        ]
    if not isinstance(data, dict):
        return None, [*problems, Problem(path, "file", "must be a list of 'key: value' lines", "start from another event's file", 1)]

    data = {str(key): value for key, value in data.items()}
    if "id" in data:
        if data.pop("id") != stem:
            problems.append(
                Problem(path, "id", "differs from the file name", "remove the line: the file name gives the id", _line(node, ("id",)))
            )
    if languages is not None:
        problems += _language_problems(path, node, data, languages)
    try:
        event = Event.model_validate({**data, "id": stem})
    except ValidationError as e:
        problems += [_problem(path, node, error) for error in e.errors()]
        return None, problems
    if any(p.is_error for p in problems):
        return None, problems
    return event, problems


def _language_problems(path: str, node: yaml.Node, data: dict, languages: Languages) -> list[Problem]:
    """Names and descriptions written per language must be in exactly the site's languages."""
    problems = []
    for key in ("name", "description"):
        texts = data.get(key)
        if not isinstance(texts, dict):
            continue  # a single text, or a mistake the schema reports
        for lang in texts:
            if lang not in languages:
                problems.append(
                    Problem(path, f"{key}.{lang}", f"'{lang}' is not a language of the site",
                            "use one of: " + ", ".join(languages.codes), _line(node, (key, lang)))
                )
        missing = [code for code in languages.codes if code not in texts]
        if missing:
            problems.append(Problem(path, key, "missing in " + ", ".join(missing), _HINTS[key], _line(node, (key,))))
    return problems


def _problem(path: str, node: yaml.Node, error: Mapping[str, Any]) -> Problem:
    loc = tuple(error["loc"])
    where = field_path(loc)
    last = next((part for part in reversed(loc) if isinstance(part, str)), "")
    kind = error["type"]
    hint = _HINTS.get(last, "")
    if kind == "missing":
        message = "missing"
    elif kind == "extra_forbidden":
        allowed = _KEYS if len(loc) == 1 else _NESTED_KEYS.get(loc[0], _MATERIAL_KEYS)
        close = difflib.get_close_matches(str(last), allowed, n=1)
        message = f"unknown key '{last}'"
        hint = (f"did you mean '{close[0]}'? " if close else "") + "known keys: " + ", ".join(allowed)
    elif kind == "enum":
        what = "status" if last == "status" else "kind of material"
        message = f"'{error.get('input')}' is not a {what}"
    elif kind == "value_error":
        message = pydantic_message(error)
        if not loc and "starts_at" in message:  # a check of the whole event: times
            where, hint, loc = "ends_at", "give both starts_at and ends_at, the end after the start", ("ends_at",)
        elif not loc:  # a check of the whole event: dates
            where, hint = "end", "the end date must be on or after the start date"
            loc = ("end",)
    else:
        message = pydantic_message(error)
        message = message[:1].lower() + message[1:]
    return Problem(path, where, message, hint, _line(node, loc))


def _line(node: yaml.Node | None, loc: tuple) -> int | None:
    """1-based line of the deepest key or item of `loc` present in the YAML tree."""
    line = None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if str(key_node.value) == str(part):
                    line, node = key_node.start_mark.line + 1, value_node
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


@dataclass
class EventSet:
    """Every valid event, by id, oldest first, plus every problem found."""

    events: dict[str, Event] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def __iter__(self):
        return iter(self.events.values())

    def __contains__(self, event_id: object) -> bool:
        return event_id in self.events

    def __getitem__(self, event_id: str) -> Event:
        return self.events[event_id]


def load_events(data_dir: Path, languages: Languages | None = None, display_root: Path | None = None) -> EventSet:
    """Read every event file of `data_dir` (``data/events``); a missing folder has no events.

    Problems name files relative to `display_root` (default: the folder's
    grand-parent, the repository).
    """
    data_dir = Path(data_dir)
    display_root = display_root or data_dir.parent.parent
    found: list[Event] = []
    result = EventSet()
    seen: dict[str, str] = {}
    paths = sorted(p for p in data_dir.iterdir() if p.is_file() and is_event_file(p.name)) if data_dir.is_dir() else []
    for file in paths:
        display = _display(file, display_root)
        event, problems = parse_event(display, file.read_bytes(), languages)
        result.problems += problems
        if event is None:
            continue
        if event.id in seen:
            result.problems.append(
                Problem(display, "file", f"the id '{event.id}' is already used by {seen[event.id]}", "remove or rename one of the files")
            )
            continue
        seen[event.id] = display
        found.append(event)
    result.events = {event.id: event for event in sorted(found, key=lambda e: (e.start, e.id))}
    return result


_LOADED: dict[tuple, tuple[tuple, EventSet]] = {}


def shared_events(data_dir: Path, languages: Languages | None = None, display_root: Path | None = None) -> EventSet:
    """`load_events`, parsed again only when an event file changed.

    Several hooks read the events in each of the three language builds (and
    on every `mkdocs serve` rebuild): they share one parse. Treat the result
    as read-only.
    """
    data_dir = Path(data_dir)
    files = sorted(p for p in data_dir.iterdir() if p.is_file() and is_event_file(p.name)) if data_dir.is_dir() else []
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    key = (str(data_dir), languages, str(display_root))
    cached = _LOADED.get(key)
    if cached is None or cached[0] != stamp:
        cached = _LOADED[key] = (stamp, load_events(data_dir, languages, display_root))
    return cached[1]


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# ---------------------------------------------------------------- links
class How(str, Enum):
    EXPLICIT = "explicit"  # front matter `event:`
    INFERRED = "inferred"  # the body links to the event's material or site


@dataclass(frozen=True)
class Link:
    """One post (translation group) is about one event, and why."""

    event: str
    how: How
    ref: str  # the post's translation group: all its versions share the link
    post: str  # path of the post file that decided it
    url: str | None = None  # for an inferred link: the address in the body that matched

    def __str__(self) -> str:
        why = "'event:' in its front matter" if self.how is How.EXPLICIT else f"it links to {self.url}"
        return f"{self.post} (ref {self.ref}, with its translations): about '{self.event}', {self.how.value}: {why}"


@dataclass(frozen=True)
class EventLinks:
    """Which posts are about which events: computed once, read by pages and logs."""

    by_ref: Mapping[str, tuple[Link, ...]]  # post ref -> its events, oldest event first
    by_event: Mapping[str, tuple[str, ...]]  # event id -> refs of its posts, newest post first
    problems: tuple[Problem, ...] = ()

    def events_of(self, ref: str) -> tuple[Link, ...]:
        return self.by_ref.get(ref, ())

    def refs_of(self, event_id: str) -> tuple[str, ...]:
        return self.by_event.get(event_id, ())

    @property
    def inferred(self) -> list[Link]:
        return [link for links in self.by_ref.values() for link in links if link.how is How.INFERRED]


_BODY_URL = re.compile(r"https?://[^\s<>\"'`()\[\]{}|\\^]+", re.IGNORECASE)
_TRAILING = ".,;:!?*_~"


def body_urls(body: str) -> list[str]:
    """Web addresses in a Markdown body: links, autolinks, HTML attributes and bare text."""
    urls = []
    for match in _BODY_URL.finditer(body):
        url = match.group().rstrip(_TRAILING)
        if url not in urls:
            urls.append(url)
    return urls


def normalize_url(url: str) -> str:
    """The part of an address that identifies a page for matching.

    http and https, a leading ``www.``, the case of the host, a trailing
    slash and a #fragment make no difference.
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:  # not a number: no page of an event anyway
        port = ":?"
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{port}{parts.path.rstrip('/')}{query}"


@dataclass(frozen=True)
class _Matcher:
    event: str
    material: frozenset[str]
    base: str | None

    def matches(self, normalized: str) -> bool:
        if normalized in self.material:
            return True
        return self.base is not None and (normalized == self.base or normalized.startswith(self.base + "/"))


def link_posts(catalog: Catalog, events: EventSet | Mapping[str, Event]) -> EventLinks:
    """Decide which events each post is about.

    A post's front matter ``event:`` (an id or a list of ids) decides; when no
    version of the post has one, links in the bodies to an event's material
    or under its base URL do. All translations of a post share its events.
    ``event: []`` says a post is about no event, whatever it links to.
    """
    events = events.events if isinstance(events, EventSet) else dict(events)
    matchers = [
        _Matcher(
            event.id,
            frozenset(normalize_url(item.url) for item in event.material),
            normalize_url(event.base_url) if event.base_url else None,
        )
        for event in events.values()
    ]
    order = {event_id: i for i, event_id in enumerate(events)}
    problems: list[Problem] = []
    by_ref: dict[str, tuple[Link, ...]] = {}
    for ref, group in catalog.groups.items():
        posts = list(group.posts.values())
        declaring = [post for post in posts if "event" in post.key_lines or post.events]
        if declaring:
            links = _explicit(ref, declaring, events, problems)
        else:
            links = _inferred(ref, posts, matchers)
        if links:
            by_ref[ref] = tuple(sorted(links.values(), key=lambda link: order[link.event]))

    newest = {ref: max(post.published for post in catalog.groups[ref].posts.values()) for ref in by_ref}
    by_event: dict[str, list[str]] = {event_id: [] for event_id in events}
    for ref in sorted(by_ref, key=lambda r: (newest[r], r), reverse=True):
        for link in by_ref[ref]:
            by_event[link.event].append(ref)
    return EventLinks(by_ref, {k: tuple(v) for k, v in by_event.items()}, tuple(problems))


def _explicit(ref: str, posts: list[Post], events: Mapping[str, Event], problems: list[Problem]) -> dict[str, Link]:
    links: dict[str, Link] = {}
    for post in posts:
        for event_id in post.events:
            if event_id in events:
                links.setdefault(event_id, Link(event_id, How.EXPLICIT, ref, post.path))
            else:
                problems.append(_unknown_event(post, event_id, events))
    declared = {post.path: set(post.events) for post in posts}
    if len(posts) > 1 and len({frozenset(ids) for ids in declared.values()}) > 1:
        problems.append(
            Problem(
                posts[0].path,
                "event",
                "translations name different events: "
                + "; ".join(f"{path}: {', '.join(sorted(ids)) or 'none'}" for path, ids in declared.items()),
                "all translations share the events of the post: give them the same event line",
                posts[0].key_lines.get("event"),
                Severity.WARNING,
            )
        )
    return links


def _unknown_event(post: Post, event_id: str, events: Mapping[str, Event]) -> Problem:
    close = difflib.get_close_matches(event_id, list(events), n=1)
    guess = f"did you mean '{close[0]}'? " if close else ""
    known = ", ".join(sorted(events)) or "none yet: add data/events/<id>.yml"
    return Problem(post.path, "event", f"unknown event '{event_id}'", f"{guess}known events: {known}", post.key_lines.get("event"))


def _inferred(ref: str, posts: Iterable[Post], matchers: list[_Matcher]) -> dict[str, Link]:
    links: dict[str, Link] = {}
    for post in posts:
        for url in body_urls(post.body):
            normalized = normalize_url(url)
            for matcher in matchers:
                if matcher.event not in links and matcher.matches(normalized):
                    links[matcher.event] = Link(matcher.event, How.INFERRED, ref, post.path, url)
    return links


def check_post_events(catalog: Catalog, events: EventSet | Mapping[str, Event]) -> list[Problem]:
    """Problems of the posts' `event` lines (unknown ids, translations that disagree)."""
    return list(link_posts(catalog, events).problems)
