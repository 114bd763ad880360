"""What event pages, the events index and a post's "event material" box show, per language.

Pure presentation data: events, the posts about them and a function giving
post URLs in; plain, localized values out, for the templates to lay out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Callable, Iterable

from babel import Locale
from babel.dates import format_date, parse_pattern

from .blog import Catalog
from .events import MAIN_MATERIAL, Event, EventLinks, Material, MaterialType, Status
from .languages import Languages
from .messages import t
from .posts import Post

EVENTS_DIR = "events"  # per language: events/, en/events/, es/events/

PostUrl = Callable[[str, Post], str]  # (language of the page, post) -> URL path from the site root


def events_index_path(languages: Languages, lang: str) -> str:
    return f"{languages[lang].prefix}{EVENTS_DIR}/"


def event_path(languages: Languages, lang: str, event_id: str) -> str:
    return f"{languages[lang].prefix}{EVENTS_DIR}/{event_id}/"


# ---------------------------------------------------------------- dates
_SHORT_MONTH = re.compile(r"(?<!M)MMM(?!M)")


def format_dates(start: date, end: date | None, lang: str) -> str:
    """'7–8 novembre 2019', 'November 7 – 8, 2019', '7–8 de noviembre de 2019'.

    CLDR's interval formats, with the month written in full: babel has them
    for some languages only, so the abbreviated ones are widened otherwise.
    """
    locale = Locale.parse(lang)
    if end is None or end == start:
        return format_date(start, "long", locale=locale)
    formats = locale.interval_formats
    full = formats.get("yMMMMd")
    patterns = full or formats.get("yMMMd")
    field = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    if not patterns or field not in patterns:
        return f"{format_date(start, 'long', locale=locale)} – {format_date(end, 'long', locale=locale)}"
    parts = patterns[field] if full else [_SHORT_MONTH.sub("MMMM", part) for part in patterns[field]]
    return "".join(parse_pattern(part).apply(day, locale) for part, day in zip(parts, (start, end)))


def language_name(code: str, in_lang: str) -> str:
    """'français', 'French', 'francés': the name of `code` in `in_lang`.

    The one way event pages and boxes name the language of material and of
    posts that is not the page's: in the reader's language ("(French)" on
    an English page, never "(Français)").
    """
    return Locale.parse(in_lang).languages.get(code, code)


# ---------------------------------------------------------------- views
@dataclass(frozen=True)
class MaterialView:
    type: str
    title: str
    url: str
    lang: str
    lang_name: str | None  # set when the material is not in the page's language
    speaker: str | None = None
    organisation: str | None = None
    session: str | None = None  # in the page's language
    duration: str | None = None  # "1 h 32 min", in the page's language
    duration_iso: str | None = None  # "PT1H32M5S", for <time datetime>


@dataclass(frozen=True)
class MaterialGroup:
    type: str
    label: str  # "Présentations"
    items: tuple[MaterialView, ...]
    # (session, its items) in the data's order when items name sessions; else empty
    sessions: tuple[tuple[str, tuple[MaterialView, ...]], ...] = ()


@dataclass(frozen=True)
class Version:
    lang: str
    name: str  # the language's own name: "English"
    url: str


@dataclass(frozen=True)
class PostView:
    title: str
    url: str
    lang: str
    lang_name: str | None  # its language in the page's language, when not the page's language
    date: str  # in the page's language
    translations: tuple[Version, ...]  # the post's other language versions


@dataclass(frozen=True)
class EventView:
    """One event as a page in one language shows it."""

    id: str
    name: str
    dates: str
    place: str
    start: date
    end: date
    upcoming: bool
    url: str  # event page, from the site root
    website: str | None
    material: tuple[MaterialGroup, ...]  # by type, in MaterialType order
    main_material: tuple[MaterialView, ...]  # what a post's box shows
    posts: tuple[PostView, ...]  # in the page's language, newest first
    other_posts: tuple[PostView, ...]  # posts with no version in the page's language
    status: str = "planned"  # events.Status value
    status_label: str = ""  # in the page's language; shown for upcoming events only
    registration_url: str | None = None  # shown while registration is open
    call_for_talks: CallView | None = None  # shown until its deadline
    ics_url: str = ""  # the one-event iCalendar file, from the site root
    google_calendar_url: str = ""  # Google Calendar's form, filled in (a plain link)


@dataclass(frozen=True)
class CallView:
    url: str
    deadline: date
    deadline_text: str  # "jusqu'au 15 mars 2027"


def format_duration(seconds: int, lang: str) -> str:
    """'1 h 32 min', '12 min', '45 s': CLDR's short units in `lang`."""
    from babel.units import format_unit

    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if not hours and not minutes:
        return format_unit(secs, "duration-second", "short", locale=lang)
    parts = [format_unit(hours, "duration-hour", "short", locale=lang)] if hours else []
    if minutes or not hours:
        parts.append(format_unit(minutes, "duration-minute", "short", locale=lang))
    return " ".join(parts)


def iso_duration(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + (f"{secs}S" if secs or seconds == 0 else "")


def material_view(item: Material, lang: str) -> MaterialView:
    return MaterialView(
        item.type.value,
        item.title.get(lang, fallback=item.lang),  # else in the material's own language
        item.url,
        item.lang,
        None if item.lang == lang else language_name(item.lang, lang),
        speaker=item.speaker,
        organisation=item.organisation,
        session=item.session.get(lang, fallback=item.lang) if item.session else None,
        duration=format_duration(item.duration, lang) if item.duration is not None else None,
        duration_iso=iso_duration(item.duration) if item.duration is not None else None,
    )


def _sessions(items: tuple[MaterialView, ...]) -> tuple[tuple[str, tuple[MaterialView, ...]], ...]:
    """Items by session, sessions in the order they first appear; items without one last, under ''."""
    if not any(item.session for item in items):
        return ()
    order: dict[str, list[MaterialView]] = {}
    for item in items:
        order.setdefault(item.session or "", []).append(item)
    loose = order.pop("", [])
    return tuple((name, tuple(found)) for name, found in order.items()) + ((("", tuple(loose)),) if loose else ())


def event_view(
    event: Event,
    lang: str,
    languages: Languages,
    today: date,
    *,
    catalog: Catalog | None = None,
    links: EventLinks | None = None,
    post_url: PostUrl | None = None,
    drafts: bool = False,
    site_url: str = "/",
) -> EventView:
    """`event` in `lang`; with `catalog`, `links` and `post_url`, the posts about it too."""
    default = languages.default.code
    material = [material_view(item, lang) for item in event.material]
    groups = tuple(
        MaterialGroup(kind.value, t(f"material_{kind.value}", lang), items, _sessions(items))
        for kind in MaterialType
        if (items := tuple(view for item, view in zip(event.material, material) if item.type is kind))
    )
    posts: list[PostView] = []
    others: list[PostView] = []
    if catalog is not None and links is not None and post_url is not None:
        for ref in links.refs_of(event.id):
            versions = [p for p in catalog.groups[ref].posts.values() if drafts or not p.draft]
            if not versions:
                continue
            shown = next((p for p in versions if p.lang == lang), None)
            (posts if shown else others).append(_post_view(shown or versions[0], versions, lang, languages, post_url))
    from . import calendar  # it names event pages with this module's paths

    upcoming = event.last_day >= today
    call = event.call_for_talks
    return EventView(
        id=event.id,
        name=event.name.get(lang, default),
        dates=format_dates(event.start, event.end, lang),
        place=event.place.get(lang, default),
        start=event.start,
        end=event.last_day,
        upcoming=upcoming,
        url=event_path(languages, lang, event.id),
        website=event.base_url,
        material=groups,
        main_material=tuple(view for item, view in zip(event.material, material) if item.type in MAIN_MATERIAL),
        posts=tuple(posts),
        other_posts=tuple(others),
        status=event.status.value,
        status_label=t(f"status_{event.status.value}", lang),
        registration_url=event.registration_url if upcoming and event.status is Status.REGISTRATION_OPEN else None,
        call_for_talks=(
            CallView(call.url, call.deadline,
                     t("event_call_deadline", lang).format(date=format_date(call.deadline, "long", locale=lang)))
            if call is not None and call.deadline >= today else None
        ),
        ics_url=calendar.event_ics_path(languages, lang, event.id),
        google_calendar_url=calendar.google_calendar_url(event, lang, languages, site_url),
    )


def _post_view(post: Post, versions: list[Post], lang: str, languages: Languages, post_url: PostUrl) -> PostView:
    return PostView(
        title=post.title,
        url=post_url(post.lang, post),
        lang=post.lang,
        lang_name=None if post.lang == lang else language_name(post.lang, lang),
        date=format_date(post.published, "long", locale=lang),
        translations=tuple(
            Version(other.lang, languages[other.lang].name, post_url(other.lang, other))
            for other in versions
            if other is not post
        ),
    )


def by_date(views: Iterable[EventView]) -> list[EventView]:
    """Upcoming events first, soonest first; then past events, newest first."""
    views = list(views)
    upcoming = sorted((v for v in views if v.upcoming), key=lambda v: (v.start, v.id))
    past = sorted((v for v in views if not v.upcoming), key=lambda v: (v.start, v.id), reverse=True)
    return upcoming + past
