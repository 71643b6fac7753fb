"""The JSON scorecard, validated against the vendored contract schema before it leaves."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from mcpvet.errors import MCPVetError
from mcpvet.fingerprint import fingerprint
from mcpvet.model.scorecard import Scorecard


@functools.lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    return json.loads(resources.files("mcpvet").joinpath("scorecard.schema.json").read_text("utf-8"))


def validation_errors(doc: dict[str, Any]) -> list[str]:
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    return sorted(f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in validator.iter_errors(doc))


def render_json(card: Scorecard) -> str:
    doc = card.to_json()
    for finding, out in zip(card.findings, doc["findings"], strict=True):
        out["fingerprint"] = fingerprint(finding)  # an addition: the key for suppressions and baselines
    problems = validation_errors(doc)
    if problems:  # a bug of ours: never hand out a scorecard that breaks the contract
        raise MCPVetError("internal error: the scorecard does not match its schema: " + "; ".join(problems[:5]))
    return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
