"""MkDocs hook: the events' iCalendar files (``geotrek_portal.calendar`` makes them).

In each language build it writes ``<prefix>events/events.ics`` (every
event) and ``<prefix>events/<id>/<id>.ics`` (one event, for "Add to my
calendar"), and gives templates ``events_calendar()``: the feed's https and
webcal addresses. It reads the events as hooks/events.py does (one shared
parse) and the language being built from static-i18n (hooks/compat.py).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig

import compat
from geotrek_portal import calendar
from geotrek_portal.events import EVENTS_DATA_DIR, shared_events

HOOK = "hooks/event_calendar.py"


class CalendarHook:
    def on_config(self, config: MkDocsConfig) -> None:
        self.languages, self.lang = compat.language_build(config, HOOK)
        self.root = Path(config.config_file_path).parent
        self.site_url = config.site_url or "/"

    def _events(self):
        return shared_events(self.root / EVENTS_DATA_DIR, self.languages, display_root=self.root)

    def on_env(self, env, config: MkDocsConfig, files):
        path = calendar.feed_path(self.languages, self.lang)
        https = urljoin(self.site_url, path)
        env.globals["events_calendar"] = lambda: {"path": path, "https": https, "webcal": calendar.webcal_url(https)}
        return env

    def on_post_build(self, config: MkDocsConfig) -> None:
        events = list(self._events())
        if not events:
            return
        site = Path(config.site_dir)
        lang, languages = self.lang, self.languages
        _write(site / calendar.feed_path(languages, lang), calendar.feed(events, lang, languages, self.site_url))
        for event in events:
            data = calendar.event_file(event, lang, languages, self.site_url)
            _write(site / calendar.event_ics_path(languages, lang, event.id), data)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


hook = CalendarHook()
on_config = hook.on_config
on_env = hook.on_env
on_post_build = hook.on_post_build
