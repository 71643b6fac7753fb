"""Command-line values converted the way typer converts them, without loading pydantic.

typer 0.25+ converts every option value through a pydantic TypeAdapter built for the option on
each run; importing pydantic and building them cost about 80 ms CPU, as much as parsing the
whole of a small package. For the value types mcpvet's commands use, typer's adapters only wrap
plain functions of typer (`coerce_cli_choice` for enums; `coerce_cli_path` for paths, after
pydantic's `Path(text)`) or return the text as it is (`str`). `install()` gives each option a
converter that calls those functions directly; an int of plain digits within the option's
bounds is `int(text)`; an option left out (None) needs no converter (typer's
`RuntimeParam.coerce` answers it before converting). Anything else (another type, a value that
does not convert, an int that is not plain digits) is handed to typer's own adapter, built
then, which gives the value or the error it always gave.
`tests/cli/test_clifast.py` compares both over every option of every command.

Older typer (no `typer._coercion`) converts through click without pydantic: nothing to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, get_origin

_DIGITS = re.compile(r"0|[1-9][0-9]{0,17}")
_state: dict[str, Any] = {"installed": False, "param": None}


def fast_kind(annotation: Any, parameter_info: Any) -> str | None:
    """"str", "enum", "path" or "int" when the option's value can be converted without pydantic."""
    if getattr(parameter_info, "parser", None) is not None or get_origin(annotation) is not None:
        return None
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "enum"
    if annotation is str:
        return "str"
    if annotation is int and not getattr(parameter_info, "clamp", None):
        return "int"
    if isinstance(annotation, type) and issubclass(annotation, Path):
        return "path"
    return None


def install() -> bool:
    """Give typer's option type a pydantic-free converter (see the module doc). False when this
    typer does not convert through pydantic or looks different from what this was written for."""
    if _state["installed"]:
        return True
    try:
        from typer import _coercion, _param_types, core
    except ImportError:
        return False
    cls: Any = getattr(core, "_TyperParameter", None)
    runtime: Any = getattr(_coercion, "RuntimeParam", None)
    build: Any = getattr(_coercion, "build_runtime_param", None)
    choice: Any = getattr(_param_types, "coerce_cli_choice", None)
    path: Any = getattr(_param_types, "coerce_cli_path", None)
    if cls is None or runtime is None or build is None or choice is None or path is None \
            or not hasattr(cls, "get_runtime_param"):
        return False

    @dataclass(frozen=True)
    class FastRuntimeParam(runtime):
        kind: str = ""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            info = self.parameter_info
            try:
                if self.kind == "str" and type(value) is str:
                    return value
                if self.kind == "int" and type(value) is str and _DIGITS.fullmatch(value):
                    number = int(value)  # typer: pydantic's int with ge=min, le=max
                    if (info.min is None or number >= info.min) and (info.max is None or number <= info.max):
                        return number
                if self.kind == "enum" and isinstance(value, str):
                    return choice(value, choices=list(self.annotation), case_sensitive=info.case_sensitive, ctx=ctx)
                if self.kind == "path" and type(value) is str and value and "\0" not in value:
                    kind = info.path_type or self.annotation  # typer: pydantic's Path(str) is Path(value)
                    return path(kind(value), info, path_type=kind, param=param, ctx=ctx)
            except Exception:  # noqa: BLE001 - typer's own converter gives its own error below
                pass
            real = build(param.type_descriptor)
            param._runtime_param = real
            return real._coerce_value(value, param=param, ctx=ctx)

    original = cls.get_runtime_param

    def get_runtime_param(self: Any) -> Any:
        if self._runtime_param is None:
            self._runtime_param = fast_runtime_param(self.type_descriptor)
        return original(self)

    _state["param"] = FastRuntimeParam
    cls.get_runtime_param = get_runtime_param
    _state["installed"] = True
    return True


def fast_runtime_param(descriptor: Any) -> Any:
    """The converter `install()` gives an option of this type descriptor, or None (typer's own)."""
    if not _state["installed"] or descriptor.file_annotation is not None:
        return None
    # a value left out (None) needs no converter at all: the base class answers it
    return _state["param"](parameter_info=descriptor.parameter_info, annotation=descriptor.annotation,
                           kind=fast_kind(descriptor.annotation, descriptor.parameter_info) or "")
