"""What changed in the tools a package gives a model: added, removed, and per kept tool its
description (word diff), title, input schema, annotations, capabilities, undeclared capabilities,
destinations and exposure (the last two when the scorecards carry them)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from mcpvet.diff.words import hidden_characters, visible, word_diff

Json = dict[str, Any]


def _by_name(tools: Sequence[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    out: dict[str, Mapping[str, Any]] = {}
    for tool in tools:
        if isinstance(tool, Mapping) and isinstance(tool.get("name"), str):
            out.setdefault(tool["name"], tool)  # a second tool of the same name is a shadowing finding, not a diff
    return out


def _kinds(tool: Mapping[str, Any]) -> list[str]:
    return sorted({str(c.get("kind")) for c in tool.get("capabilities") or [] if isinstance(c, Mapping)})


def _strings(items: Any) -> list[str]:
    """A list of strings or JSON values as sortable strings (destinations may be objects one day)."""
    if not isinstance(items, list):
        return []
    return sorted({i if isinstance(i, str) else json.dumps(i, sort_keys=True) for i in items})


def summary(tool: Mapping[str, Any]) -> Json:
    """A tool as a diff lists it when it is added or removed."""
    out: Json = {
        "name": visible(str(tool.get("name"))),
        "description": None if tool.get("description") is None else visible(str(tool["description"])),
        "capabilities": _kinds(tool),
        "undeclared_capabilities": sorted(tool.get("undeclared_capabilities") or []),
        "annotations": tool.get("annotations"),
        "declared_at": tool.get("declared_at"),
    }
    hidden = hidden_characters(tool.get("description"))
    if hidden:
        out["hidden_characters"] = hidden
    for key in ("destinations", "exposure"):
        if key in tool:
            out[key] = _strings(tool.get(key))
    return out


def _gained_lost(old: list[str], new: list[str]) -> Json | None:
    gained, lost = sorted(set(new) - set(old)), sorted(set(old) - set(new))
    return {"gained": gained, "lost": lost} if gained or lost else None


def schema_change(old: Any, new: Any) -> Json | None:
    """Parameters added, removed and changed, required ones added and removed, other keys changed."""
    if old == new:
        return None
    o = old if isinstance(old, Mapping) else {}
    n = new if isinstance(new, Mapping) else {}
    po: Mapping[str, Any] = o["properties"] if isinstance(o.get("properties"), Mapping) else {}
    pn: Mapping[str, Any] = n["properties"] if isinstance(n.get("properties"), Mapping) else {}
    ro = set(o.get("required") or []) if isinstance(o.get("required"), list) else set()
    rn = set(n.get("required") or []) if isinstance(n.get("required"), list) else set()
    other = sorted(k for k in set(o) | set(n) if k not in ("properties", "required") and o.get(k) != n.get(k))
    return {
        "parameters_added": sorted(set(pn) - set(po)),
        "parameters_removed": sorted(set(po) - set(pn)),
        "parameters_changed": {k: {"old": po[k], "new": pn[k]} for k in sorted(set(po) & set(pn)) if po[k] != pn[k]},
        "required_added": sorted(map(str, rn - ro)),
        "required_removed": sorted(map(str, ro - rn)),
        "other_keys_changed": other,
        **({"known": {"old": old is not None, "new": new is not None}} if (old is None) != (new is None) else {}),
    }


def annotations_change(old: Any, new: Any) -> Json | None:
    """Each annotation whose value changed, appeared or went: `{key: {"old", "new"}}`."""
    o = old if isinstance(old, Mapping) else {}
    n = new if isinstance(new, Mapping) else {}
    changed = {k: {"old": o.get(k), "new": n.get(k)} for k in sorted(set(o) | set(n)) if o.get(k) != n.get(k)}
    return changed or None


def tool_change(old: Mapping[str, Any], new: Mapping[str, Any]) -> Json | None:
    """What changed in one tool kept under the same name, or None when nothing that matters did."""
    out: Json = {}
    od, nd = old.get("description"), new.get("description")
    if od != nd:
        out["description"] = {
            "old": None if od is None else visible(str(od)),
            "new": None if nd is None else visible(str(nd)),
            "words": word_diff(str(od or ""), str(nd or "")),
        }
        hidden = [h for h in hidden_characters(nd) if h not in hidden_characters(od)]
        if hidden:
            out["description"]["hidden_characters_added"] = hidden
    if old.get("title") != new.get("title"):
        out["title"] = {"old": old.get("title"), "new": new.get("title")}
    schema = schema_change(old.get("input_schema"), new.get("input_schema"))
    if schema:
        out["input_schema"] = schema
    ann = annotations_change(old.get("annotations"), new.get("annotations"))
    if ann:
        out["annotations"] = ann
    caps = _gained_lost(_kinds(old), _kinds(new))
    if caps:
        out["capabilities"] = caps
    und = _gained_lost(sorted(old.get("undeclared_capabilities") or []), sorted(new.get("undeclared_capabilities") or []))
    if und:
        out["undeclared_capabilities"] = und
    if "destinations" in new or "destinations" in old:
        gained = sorted(set(_strings(new.get("destinations"))) - set(_strings(old.get("destinations"))))
        if gained:
            out["destinations"] = {"gained": gained}
    if "exposure" in new or "exposure" in old:
        raised = sorted(set(_strings(new.get("exposure"))) - set(_strings(old.get("exposure"))))
        if raised:
            out["exposure"] = {"raised": raised, "old": _strings(old.get("exposure")), "new": _strings(new.get("exposure"))}
    if not out:
        return None
    return {"name": visible(str(new.get("name"))), **out}


def compare_tools(old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]) -> Json:
    """`{"added": [...], "removed": [...], "changed": [...]}`, each sorted by tool name."""
    o, n = _by_name(old), _by_name(new)
    changed = [c for name in sorted(set(o) & set(n)) for c in [tool_change(o[name], n[name])] if c is not None]
    return {
        "added": [summary(n[name]) for name in sorted(set(n) - set(o))],
        "removed": [summary(o[name]) for name in sorted(set(o) - set(n))],
        "changed": changed,
    }
