"""JSON text read with one kind of failure, without the HTTP client: the download cache, the
provenance cache and the registry documents all parse through `loads_json`."""

from __future__ import annotations

import json
from typing import Any


def loads_json(data: bytes | str) -> Any:
    """`json.loads` whose every failure (syntax, encoding, nesting too deep for the parser) is a
    ValueError with a short reason."""
    try:
        return json.loads(data)
    except RecursionError:
        raise ValueError("it is nested too deeply to be read") from None
    except UnicodeDecodeError as exc:
        raise ValueError(f"it is not UTF-8 ({exc.reason})") from None
    except ValueError as exc:
        text = str(exc)
        raise ValueError(text if len(text) <= 200 else text[:197] + "...") from None
