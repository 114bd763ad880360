"""Which pages of the preview an edit makes stale: facts, a dependency map, a plan.

`make serve` rebuilds after each edit. Rebuilding every page of three
languages takes seconds; rebuilding only the files that changed on disk (MkDocs'
``--dirty``) leaves stale every page that shows something of another file: a
post's translations (language switcher, "Also in", hreflang), its event box,
the home page's latest news, the blog lists.

So each rebuild is planned from *facts*: small values computed from the post
catalog, the events and the data files (``site_facts``), each naming one thing
pages show ("post P as written", "the versions of ref R", "the order of the
French posts", "the three latest English posts", "event E and its posts"...).
Each page built records the facts it showed (``DependencyMap``, filled by the
hooks as they render). After an edit, the facts that differ from the previous
build's (``changed_facts``) select exactly the pages to build again
(``DependencyMap.stale``), and ``plan`` says what the author sees first: the
posts whose own text changed, in their language, before everything else.

Pure logic: no MkDocs import (hooks/live_preview.py adapts it).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

from .blog import Catalog
from .events import EventLinks, EventSet
from .posts import Post
from .translations import group_status

Fact = tuple[str, ...]

NAV = ("nav",)  # what every page's navigation shows (the events' names and order): all pages
EVENTS = ("events",)  # every event, as the events index, home and resources pages show them
ORGANISATIONS = ("organisations",)  # the users map and list
TRANSLATIONS = ("translations",)  # every post group's versions and their status: the Help translate pages
LATEST = 3  # posts on the home page (hooks/portal_pages.py LATEST_POSTS)

# the portal pages' markers (hooks/portal_pages.py) -> what they show, per language
MARKER_FACTS: dict[str, tuple[str, ...]] = {
    "latest-posts": ("latest",),
    "featured-event": EVENTS,
    "rencontres": EVENTS,
    "videos": EVENTS,
    "organisations-map": ORGANISATIONS,
    "organisations-list": ORGANISATIONS,
}


def post_fact(post: Post) -> Fact:
    return ("post", post.path)


def group_fact(ref: str) -> Fact:
    return ("group", ref)


def order_fact(lang: str) -> Fact:
    return ("order", lang)


def latest_fact(lang: str) -> Fact:
    return ("latest", lang)


def blog_nav_fact(lang: str) -> Fact:
    """The years and categories of a language's blog: every page of the language lists them in its navigation."""
    return ("blog-nav", lang)


def event_fact(event_id: str) -> Fact:
    return ("event", event_id)


def marker_facts(markers: Iterable[str], lang: str) -> set[Fact]:
    """The facts a portal page shows through its markers (``<!-- portal:latest-posts -->``...)."""
    facts: set[Fact] = set()
    for marker in markers:
        fact = MARKER_FACTS.get(marker)
        if fact == ("latest",):
            facts.add(latest_fact(lang))
        elif fact is not None:
            facts.add(fact)
    return facts


def post_page_facts(post: Post, links: EventLinks) -> set[Fact]:
    """A post's page shows the post, its other versions and the events it is about."""
    return {post_fact(post), group_fact(post.ref), *(event_fact(link.event) for link in links.events_of(post.ref))}


def list_page_facts(lang: str, posts: Iterable[Post]) -> set[Fact]:
    """A blog list (index, archive, category page) shows some posts, in the language's order."""
    return {order_fact(lang), *(post_fact(post) for post in posts)}


def _post_value(post: Post) -> Hashable:
    return (
        post.title, post.published, post.lang, post.ref, post.body, post.categories,
        post.description, post.image, post.draft, post.events, post.slug,
    )


def site_facts(
    catalog: Catalog,
    events: EventSet,
    links: EventLinks,
    *,
    data_stamps: Mapping[str, Hashable] | None = None,
    drafts: bool = True,
) -> dict[Fact, Hashable]:
    """Every fact the pages can show, with its current value (compared between builds)."""
    facts: dict[Fact, Hashable] = {}
    summary: dict[str, Hashable] = {}  # ref -> what lists of an event's posts show
    statuses: dict[str, Hashable] = {}  # ref -> its versions and their translation status
    for ref, group in catalog.groups.items():
        # a version's status (up to date, outdated...) is part of what its group shows: editing
        # an original's body shows or hides the notice on its translations' pages
        # (events list a group's versions; its posts' pages and the Help translate pages show their status)
        status = group_status(group, catalog.languages).versions
        shown = [(lang, post) for lang, post in group.posts.items() if drafts or not post.draft]
        summary[ref] = tuple((lang, post.path, post.title, post.published, post.draft, group.slug) for lang, post in shown)
        facts[group_fact(ref)] = tuple(zip(summary[ref], (status[lang].status.value for lang, _ in shown)))
        statuses[ref] = facts[group_fact(ref)]
        for post in group.posts.values():
            facts[post_fact(post)] = _post_value(post)
    for lang in catalog.languages.codes:
        posts = catalog.posts(lang, drafts=drafts)
        facts[order_fact(lang)] = tuple((p.path, p.published, p.categories) for p in posts)
        facts[latest_fact(lang)] = tuple((p.path, _post_value(p)) for p in posts[:LATEST])
    every_event = []
    for event in events:
        value = (repr(event), tuple(summary.get(ref) for ref in links.refs_of(event.id)))
        facts[event_fact(event.id)] = value
        every_event.append(value)
    facts[EVENTS] = tuple(every_event)
    # every page's navigation lists the events (by name, by date) and its language's blog years and categories
    facts[NAV] = tuple((event.id, tuple(sorted(event.name.texts.items())), event.start) for event in events)
    for lang in catalog.languages.codes:
        posts = catalog.posts(lang, drafts=drafts)
        facts[blog_nav_fact(lang)] = (
            tuple(sorted({p.published.year for p in posts})), tuple(sorted({c for p in posts for c in p.categories}))
        )
    facts[ORGANISATIONS] = tuple(sorted((data_stamps or {}).items()))
    facts[TRANSLATIONS] = tuple(sorted(statuses.items()))
    return facts


def changed_facts(before: Mapping[Fact, Hashable], after: Mapping[Fact, Hashable]) -> set[Fact]:
    """The facts added, removed or with another value."""
    return {fact for fact in before.keys() | after.keys() if before.get(fact, _MISSING) != after.get(fact, _MISSING)}


_MISSING = object()


@dataclass
class DependencyMap:
    """(language, page source) -> the facts its output showed when it was last built."""

    pages: dict[tuple[str, str], frozenset[Fact]] = field(default_factory=dict)

    def record(self, lang: str, src_uri: str, facts: Iterable[Fact]) -> None:
        self.pages[(lang, src_uri)] = frozenset(facts)

    def add(self, lang: str, src_uri: str, facts: Iterable[Fact]) -> None:
        """Facts learnt while rendering the page (several hooks contribute)."""
        self.pages[(lang, src_uri)] = self.pages.get((lang, src_uri), frozenset()) | frozenset(facts)

    def knows(self, lang: str, src_uri: str) -> bool:
        return (lang, src_uri) in self.pages

    def shows(self, lang: str, src_uri: str) -> frozenset[Fact]:
        return self.pages.get((lang, src_uri), frozenset())

    def stale(self, lang: str, changed: set[Fact]) -> set[str]:
        """The pages of `lang` that showed a changed fact."""
        return {src for (code, src), facts in self.pages.items() if code == lang and facts & changed}

    def forget(self, lang: str, src_uris: Iterable[str]) -> None:
        for src in src_uris:
            self.pages.pop((lang, src), None)


@dataclass(frozen=True)
class Plan:
    """What one preview rebuild does.

    ``full``: every page of every language (first build, navigation changed,
    configuration or templates changed). Otherwise the pages showing a fact of
    ``changed``, after ``first``: the posts whose own text changed, in the
    language of the one edited last, built alone so the author sees them at once.
    """

    full: bool
    changed: frozenset[Fact] = frozenset()
    first_lang: str | None = None
    first_posts: frozenset[str] = frozenset()  # post paths

    @property
    def has_first_phase(self) -> bool:
        return not self.full and self.first_lang is not None


def plan(
    before: Mapping[Fact, Hashable] | None,
    after: Mapping[Fact, Hashable],
    catalog: Catalog,
    *,
    settings_changed: bool = False,
    edited_last: Iterable[str] = (),
) -> Plan:
    """Plan the rebuild that follows an edit (`before`: the previous build's facts, None at first).

    `edited_last`: post paths, most recently modified first, to choose the
    language shown first when posts of several languages changed.
    """
    if before is None or settings_changed:
        return Plan(full=True)
    changed = changed_facts(before, after)
    if NAV in changed:
        return Plan(full=True, changed=frozenset(changed))
    by_path = {post.path: post for post in catalog.posts()}
    rewritten = [fact[1] for fact in changed if fact[0] == "post" and fact[1] in by_path]
    if not rewritten:
        return Plan(full=False, changed=frozenset(changed))
    order = {path: i for i, path in enumerate(edited_last)}
    newest = min(rewritten, key=lambda path: (order.get(path, len(order)), path))
    lang = by_path[newest].lang
    first = frozenset(path for path in rewritten if by_path[path].lang == lang)
    return Plan(full=False, changed=frozenset(changed), first_lang=lang, first_posts=first)


def first_look_posts(catalog: Catalog, lang: str, edited: Iterable[str], *, drafts: bool = True) -> set[str]:
    """The posts of `lang` Material needs to render the edited posts' pages exactly as the full build.

    A post's page shows, besides itself, its neighbours (previous/next) and
    the blog's navigation: one archive page per year and one page per
    category, whichever posts fill them. So the edited posts, their
    neighbours and the newest post of each year and of each category suffice;
    the first look at an edit then costs the same at 100 or 1,000 posts.
    """
    posts = catalog.posts(lang, drafts=drafts)
    edited = set(edited)
    keep: set[str] = set()
    years: set[int] = set()
    categories: set[str] = set()
    for i, post in enumerate(posts):
        if post.path in edited:
            keep.update(p.path for p in posts[max(i - 1, 0): i + 2])
        if post.published.year not in years:
            years.add(post.published.year)
            keep.add(post.path)
        for category in post.categories:
            if category not in categories:
                categories.add(category)
                keep.add(post.path)
    return keep
