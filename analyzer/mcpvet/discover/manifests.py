"""Parsing and type-checking the manifests of an untrusted package.

Every later stage reads `SourceTree.manifest`; what it finds there has the types the formats
define. A field with another type (a `name` that is a list, `scripts` that is a string) is
dropped, with one AnalysisError per field saying so: the analysis goes on without it. Documents
nested deeper than `MAX_DEPTH` are refused field by field, so no reader of the manifest (however
recursive) can be driven into a RecursionError.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from typing import Any

from mcpvet.model import AnalysisError

STAGE = "discover"
MAX_DEPTH = 64  # nesting of any field kept in the manifest (real manifests: < 10)
MAX_LISTED = 50  # errors listed per manifest; the rest are counted in one more

Check = Callable[[Any], "str | None"]  # None: the value is fine; else what is wrong with it


def depth(value: Any, limit: int = MAX_DEPTH) -> int:
    """Nesting depth of a JSON/TOML value (iterative; stops counting past `limit`)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, dict | list):
            if d > deepest:
                deepest = d
            if d > limit:
                return d
            stack.extend((x, d + 1) for x in (v.values() if isinstance(v, dict) else v))
    return deepest


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "an array",
            dict: "an object"}.get(type(value), type(value).__name__)


def _one_of(*kinds: type | None, what: str) -> Check:
    def check(value: Any) -> str | None:
        for k in kinds:
            if (k is None and value is None) or (k is not None and isinstance(value, k)
                                                  and not (k is int and isinstance(value, bool))):
                return None
        return f"is {_type_name(value)}, not {what}"
    return check


def _map_of_str(what: str = "an object of strings") -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, dict):
            return f"is {_type_name(value)}, not {what}"
        bad = [str(k) for k, v in value.items() if not isinstance(v, str)]
        return f"has entries that are not strings ({', '.join(bad[:5])})" if bad else None
    return check


def _list_of_str(what: str = "an array of strings") -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, list):
            return f"is {_type_name(value)}, not {what}"
        return "has items that are not strings" if any(not isinstance(v, str) for v in value) else None
    return check


def _either(*checks: Check) -> Check:
    def check(value: Any) -> str | None:
        problems = [c(value) for c in checks]
        return None if any(p is None for p in problems) else problems[0]
    return check


STR = _one_of(str, what="a string")
BOOL = _one_of(bool, what="a boolean")
OBJ = _one_of(dict, what="an object")
STR_OR_OBJ = _one_of(str, dict, what="a string or an object")

PACKAGE_JSON: dict[str, Check] = {
    "name": STR, "version": STR, "description": STR, "main": STR, "module": STR, "types": STR,
    "typings": STR, "type": STR, "homepage": STR, "license": STR_OR_OBJ, "author": STR_OR_OBJ,
    "repository": STR_OR_OBJ, "bugs": STR_OR_OBJ, "private": BOOL,
    "bin": _either(STR, _map_of_str()),
    "scripts": _map_of_str(), "dependencies": _map_of_str(), "devDependencies": _map_of_str(),
    "peerDependencies": _map_of_str(), "optionalDependencies": _map_of_str(), "engines": OBJ,
    "bundleDependencies": _either(_list_of_str(), BOOL), "bundledDependencies": _either(_list_of_str(), BOOL),
    "exports": _one_of(str, dict, list, None, what="a string, an object or an array"),
    "keywords": _list_of_str(), "files": _list_of_str(), "os": _list_of_str(), "cpu": _list_of_str(),
    "workspaces": _one_of(list, dict, what="an array or an object"), "publishConfig": OBJ,
    "contributors": _one_of(list, what="an array"),
}

PROJECT: dict[str, Check] = {
    "name": STR, "version": STR, "description": STR, "requires-python": STR,
    "readme": STR_OR_OBJ, "license": STR_OR_OBJ,
    "authors": _one_of(list, what="an array"), "maintainers": _one_of(list, what="an array"),
    "keywords": _list_of_str(), "classifiers": _list_of_str(), "dynamic": _list_of_str(),
    "dependencies": _list_of_str(), "urls": _map_of_str("a table of strings"),
    "scripts": _map_of_str("a table of strings"), "gui-scripts": _map_of_str("a table of strings"),
    "optional-dependencies": _one_of(dict, what="a table"), "entry-points": _one_of(dict, what="a table"),
}
BUILD_SYSTEM: dict[str, Check] = {
    "requires": _list_of_str(), "build-backend": STR, "backend-path": _list_of_str(),
}
POETRY: dict[str, Check] = {
    "name": STR, "version": STR, "dependencies": _one_of(dict, what="a table"),
    "scripts": _one_of(dict, what="a table"),
}


class _Report:
    def __init__(self, file: str, errors: list[AnalysisError]) -> None:
        self.file = file
        self.errors = errors
        self.count = 0

    def __call__(self, message: str) -> None:
        self.count += 1
        if self.count <= MAX_LISTED:
            self.errors.append(AnalysisError(STAGE, f"{self.file}: {message}", self.file))

    def finish(self) -> None:
        if self.count > MAX_LISTED:
            self.errors.append(AnalysisError(STAGE, f"{self.file}: {self.count - MAX_LISTED} more ignored fields "
                                                    "not listed", self.file))


def _clean(doc: dict[str, Any], fields: dict[str, Check], where: str, report: _Report) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in doc.items():
        shown = f"{where}{key}"
        if depth(value) > MAX_DEPTH:
            report(f"field {shown!r} is nested more than {MAX_DEPTH} levels deep: ignored")
            continue
        check = fields.get(key)
        problem = check(value) if check is not None else None
        if problem is not None:
            report(f"field {shown!r} {problem}: ignored")
            continue
        out[key] = value
    return out


def parse_json(data: bytes, file: str, errors: list[AnalysisError]) -> Any:
    """The JSON document, or None (with an error) when it cannot be read."""
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        errors.append(AnalysisError(STAGE, f"{file} is not UTF-8 text ({exc.reason} at byte {exc.start}): not read",
                                    file))
    except json.JSONDecodeError as exc:
        errors.append(AnalysisError(STAGE, f"{file} is not valid JSON: {exc}", file))
    except RecursionError:
        errors.append(AnalysisError(STAGE, f"{file} is nested too deeply to be read: ignored", file))
    return None


def parse_toml(data: bytes, file: str, errors: list[AnalysisError]) -> dict[str, Any] | None:
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        errors.append(AnalysisError(STAGE, f"{file} is not UTF-8 text ({exc.reason} at byte {exc.start}): not read",
                                    file))
    except tomllib.TOMLDecodeError as exc:
        errors.append(AnalysisError(STAGE, f"{file} is not valid TOML: {exc}", file))
    except RecursionError:
        errors.append(AnalysisError(STAGE, f"{file} is nested too deeply to be read: ignored", file))
    except (ValueError, OverflowError) as exc:  # e.g. a date tomllib accepts but datetime cannot hold
        errors.append(AnalysisError(STAGE, f"{file} could not be read: {exc}", file))
    return None


def package_json(doc: Any, file: str, errors: list[AnalysisError]) -> dict[str, Any] | None:
    """package.json with every field of a known name of the right type (the others dropped)."""
    return _json_object(doc, file, errors, PACKAGE_JSON)


def lock_file(doc: Any, file: str, errors: list[AnalysisError]) -> dict[str, Any] | None:
    return _json_object(doc, file, errors,
                        {"packages": OBJ, "dependencies": OBJ, "lockfileVersion": _one_of(int, what="a number")})


def _json_object(doc: Any, file: str, errors: list[AnalysisError], fields: dict[str, Check]) -> dict[str, Any] | None:
    """A JSON manifest that must be an object, cleaned to `fields`; None (and said) when it is not."""
    if not isinstance(doc, dict):
        if doc is not None:
            errors.append(AnalysisError(STAGE, f"{file} is {_type_name(doc)}, not an object: ignored", file))
        return None
    report = _Report(file, errors)
    out = _clean(doc, fields, "", report)
    report.finish()
    return out


def pyproject(doc: dict[str, Any], file: str, errors: list[AnalysisError]) -> dict[str, Any]:
    """pyproject.toml with [project], [build-system] and [tool.poetry] fields of the right types."""
    report = _Report(file, errors)
    out = _clean(doc, {"project": _one_of(dict, what="a table"), "build-system": _one_of(dict, what="a table"),
                       "tool": _one_of(dict, what="a table")}, "", report)
    if "project" in out:
        project = _clean(out["project"], PROJECT, "project.", report)
        for key in ("optional-dependencies", "entry-points"):
            if key in project:
                inner = _list_of_str() if key == "optional-dependencies" else _map_of_str("a table of strings")
                project[key] = _clean(project[key], dict.fromkeys(project[key], inner), f"project.{key}.", report)
        out["project"] = project
    if "build-system" in out:
        out["build-system"] = _clean(out["build-system"], BUILD_SYSTEM, "build-system.", report)
    tool = out.get("tool")
    if isinstance(tool, dict) and "poetry" in tool:
        if isinstance(tool["poetry"], dict):
            out["tool"] = {**tool, "poetry": _clean(tool["poetry"], POETRY, "tool.poetry.", report)}
        else:
            report(f"field 'tool.poetry' is {_type_name(tool['poetry'])}, not a table: ignored")
            out["tool"] = {k: v for k, v in tool.items() if k != "poetry"}
    report.finish()
    return out
