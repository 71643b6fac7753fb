"""Language frontends, chosen from one table.

`FRONTENDS` maps a language name (the string the scorecard shows in `languages`) to its
`FrontendSpec`: the file suffixes discover classifies as that language, and a factory for the
frontend that reads it, imported lazily so that a run without JavaScript never loads
tree-sitter. A language the table lists without a factory is known but unsupported: discover
still classifies its files and api reports, in errors[], that they were not analysed.

Adding a language touches this table and the new frontend package only (docs/architecture.md):
the `Language` member for a name the enum does not list is added by `register` (the enum lists
the built-in languages so that code can name them; the table is the source of truth).
tests/core/test_frontend_table.py holds every `Language` member to the table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from mcpvet.frontends.interface import LanguageFrontend
from mcpvet.model import Language

FrontendFactory = Callable[[], LanguageFrontend]


@dataclass(frozen=True)
class FrontendSpec:
    """One row of the table."""

    suffixes: tuple[str, ...]  # lower-case file suffixes of the language (".py"); discover's classification
    factory: FrontendFactory | None  # None: a known language mcpvet cannot read yet
    unsupported: str | None = None  # why there is no factory (required when factory is None)
    excluded: tuple[str, ...] = ()  # name endings that are not source of the language (".d.ts")


def _python() -> LanguageFrontend:
    from mcpvet.frontends.python import PythonFrontend

    return PythonFrontend()


_JS_FRONTEND: list[LanguageFrontend] = []


def _javascript() -> LanguageFrontend:
    """One JavaScriptFrontend for both JavaScript and TypeScript (api runs each distinct frontend once)."""
    if not _JS_FRONTEND:
        from mcpvet.frontends.javascript import JavaScriptFrontend

        _JS_FRONTEND.append(JavaScriptFrontend())
    return _JS_FRONTEND[0]


_TS_DECLARATIONS = (".d.ts", ".d.mts", ".d.cts")  # type declarations: no code runs from them

FRONTENDS: dict[str, FrontendSpec] = {
    Language.PYTHON.value: FrontendSpec((".py",), _python),
    Language.JAVASCRIPT.value: FrontendSpec((".js", ".mjs", ".cjs", ".jsx"), _javascript),
    Language.TYPESCRIPT.value: FrontendSpec((".ts", ".mts", ".cts", ".tsx"), _javascript, excluded=_TS_DECLARATIONS),
}
"""Language name -> how its files are recognised and which frontend reads them. Insertion order is
the order of `SourceTree.languages`."""

NOT_A_LANGUAGE: dict[Language, str] = {
    Language.OTHER: "every file no row of FRONTENDS claims (data, docs, other languages): classified, never read as code",
}
"""`Language` members that are deliberately not in FRONTENDS, with the reason."""


def language_of(path: PurePosixPath | str) -> Language:
    """The language whose suffix the file name has, or Language.OTHER."""
    name = PurePosixPath(path).name
    suffix = PurePosixPath(name).suffix.lower()
    if not suffix:
        return Language.OTHER
    for lang, spec in FRONTENDS.items():
        if suffix in spec.suffixes and not name.endswith(spec.excluded):
            return Language(lang)
    return Language.OTHER


def frontend_for(language: Language) -> LanguageFrontend | None:
    """The frontend that reads `language`, or None where mcpvet has none (yet)."""
    spec = FRONTENDS.get(language.value)
    return spec.factory() if spec is not None and spec.factory is not None else None


def table_languages() -> tuple[Language, ...]:
    """Every language of the table (supported or not), in table order."""
    return tuple(Language(lang) for lang in FRONTENDS)


def register(name: str, spec: FrontendSpec) -> Language:
    """Add a row to the table (a new language, or tests: a toy one) and return its `Language`.

    A name the enum does not list becomes a `Language` member, so that every stage and the
    scorecard (which shows `Language.value`) treat it like the built-in ones."""
    if spec.factory is None and not spec.unsupported:
        raise ValueError(f"{name}: a language without a frontend needs the reason (FrontendSpec.unsupported)")
    lang = _language_member(name)
    FRONTENDS[name] = spec
    return lang


def unregister(name: str) -> None:
    """Remove a row added by `register` (and the `Language` member it added)."""
    FRONTENDS.pop(name, None)
    if name in _ADDED:
        _ADDED.discard(name)
        member = Language._value2member_map_.pop(name)
        Language._member_map_.pop(member.name, None)
        Language._member_names_.remove(member.name)


_ADDED: set[str] = set()


def _language_member(name: str) -> Language:
    """The `Language` member for `name`, added to the enum when it does not list it. `Language`
    is a str enum: its values are the contract strings, and a new member is one more string."""
    try:
        return Language(name)
    except ValueError:
        pass
    if not name or not name.replace("-", "").replace("_", "").isalnum() or name != name.lower():
        raise ValueError(f"{name!r}: a language name is lower-case letters, digits, '-' or '_'")
    member = str.__new__(Language, name)
    member._name_ = name.upper().replace("-", "_")
    member._value_ = name
    Language._member_map_[member._name_] = member
    Language._value2member_map_[name] = member
    Language._member_names_.append(member._name_)
    _ADDED.add(name)
    return member


__all__ = [
    "FRONTENDS",
    "NOT_A_LANGUAGE",
    "FrontendFactory",
    "FrontendSpec",
    "LanguageFrontend",
    "frontend_for",
    "language_of",
    "register",
    "table_languages",
    "unregister",
]
