"""Collect the text a model reads about real tools, for the precision test of the poisoning scorer.

Reads scorecards (a batch store made by `mcpvet batch`, JSON scorecard files, or oracle cache files
with a `tools` list) and writes one JSON line per distinct (source, text): the package it came from
(`ecosystem:name@version`), the tool, the field path (`description`,
`inputSchema.properties.x.description`, `title` ...) and the text. Structural schema strings
(types, formats, patterns) and tool names are left out: they are not prose the model is told.

    python bench/extract_descriptions.py --db mcpvet.db [--json DIR ...] > tests/fixtures/benign_descriptions.jsonl
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mcpvet.checks.analysis.description_text import texts_of
from mcpvet.model import Language, Location, Tool


def _tool(entry: dict[str, Any]) -> Tool:
    schema = entry.get("input_schema", entry.get("inputSchema"))
    return Tool(entry["name"], entry.get("description"), schema if isinstance(schema, dict) else None,
                Location("?", 0), None, Language.PYTHON, title=entry.get("title"),
                annotations=entry.get("annotations") if isinstance(entry.get("annotations"), dict) else None)


def _source(card: dict[str, Any]) -> str:
    target = card.get("target") or {}
    eco, name, version = target.get("ecosystem"), target.get("name"), target.get("version")
    return f"{eco}:{name}@{version}" if name else str(card.get("spec") or card.get("source") or "?")


def texts(card: dict[str, Any]) -> Iterator[dict[str, str]]:
    """The prose fields of every tool of one scorecard."""
    source = _source(card)
    seen: set[str] = set()
    for entry in card.get("tools") or []:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            continue
        for where, text in texts_of(_tool(entry)):
            if where == "name" or where.endswith(" key") or where.rsplit(".", 1)[-1].split("[")[0] in (
                    "type", "format", "pattern", "$schema", "$ref", "$id", "required"):
                continue
            if len(text.strip()) < 3 or text in seen:
                continue
            seen.add(text)
            yield {"source": source, "tool": entry["name"], "field": where, "text": text}


def cards(db: Path | None, folders: list[Path]) -> Iterator[dict[str, Any]]:
    if db is not None:
        con = sqlite3.connect(db)
        for (raw,) in con.execute("SELECT scorecard FROM targets WHERE scorecard IS NOT NULL ORDER BY key"):
            yield json.loads(raw)
    for folder in folders:
        for path in sorted(folder.glob("*.json")):
            data = json.loads(path.read_text("utf-8"))
            if isinstance(data, dict) and isinstance(data.get("tools"), list):
                yield data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="a batch store")
    parser.add_argument("--json", type=Path, action="append", default=[], help="a folder of scorecards (repeatable)")
    args = parser.parse_args(argv)
    seen: set[tuple[str, str]] = set()
    for card in cards(args.db, args.json):
        for line in texts(card):
            key = (line["source"], line["text"])
            if key not in seen:
                seen.add(key)
                sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
