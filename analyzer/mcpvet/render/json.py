"""The JSON scorecard (the contract: the vendored `scorecard.schema.json`).

Whether a scorecard matches its schema is a property of mcpvet's code, not of the package read:
the test suite renders every scorecard it makes with the check on (`tests/conftest.py` sets
`MCPVET_VALIDATE_OUTPUT=1` for itself and every process it starts) and fails on a mismatch.
A user's run skips it by default: importing jsonschema and walking the document cost more CPU
time than rendering (a tenth of a small package's analysis). `MCPVET_VALIDATE_OUTPUT=1` turns
it on: a scorecard that breaks the contract is then an internal error, never handed out.
"""

from __future__ import annotations

import functools
import json
import os
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


VALIDATE_ENV = "MCPVET_VALIDATE_OUTPUT"


def validating() -> bool:
    """Whether rendered scorecards are checked against the schema (`MCPVET_VALIDATE_OUTPUT`)."""
    return os.environ.get(VALIDATE_ENV, "").strip() not in ("", "0")


def render_json(card: Scorecard, validate: bool | None = None) -> str:
    """The scorecard as JSON; checked against its schema when `validate` (default: `validating()`)."""
    doc = card.to_json()
    for finding, out in zip(card.findings, doc["findings"], strict=True):
        out["fingerprint"] = fingerprint(finding)  # an addition: the key for suppressions and baselines
    problems = validation_errors(doc) if (validating() if validate is None else validate) else []
    if problems:  # a bug of ours: never hand out a scorecard that breaks the contract
        raise MCPVetError("internal error: the scorecard does not match its schema: " + "; ".join(problems[:5]))
    return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
