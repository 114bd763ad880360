"""The site's languages, as declared once in mkdocs.yml (static-i18n's list)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in its own language: "Français", "English"
    default: bool = False

    @property
    def prefix(self) -> str:
        """URL and docs folder prefix: "" for the default language, "en/" otherwise."""
        return "" if self.default else f"{self.code}/"


@dataclass(frozen=True)
class Languages:
    all: tuple[Language, ...]

    def __post_init__(self) -> None:
        defaults = [lang for lang in self.all if lang.default]
        if len(defaults) != 1:
            raise ValueError("exactly one language must be the default")

    @classmethod
    def from_entries(cls, entries: list[dict]) -> "Languages":
        """Build from static-i18n's `languages` entries (locale, name, default).

        Languages that are not built (static-i18n's `build_only_locale`
        preview) still count: their posts are valid, just not rendered.
        """
        return cls(
            tuple(
                Language(str(e["locale"]), str(e.get("name") or e["locale"]), bool(e.get("default")))
                for e in entries
                if e["locale"] != "null"
            )
        )

    @property
    def default(self) -> Language:
        return next(lang for lang in self.all if lang.default)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.all)

    def __getitem__(self, code: str) -> Language:
        for lang in self.all:
            if lang.code == code:
                return lang
        raise KeyError(code)

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def order(self, code: str) -> int:
        return self.codes.index(code)
