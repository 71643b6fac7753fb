"""Files the package ships, read by its code through constant paths: their text, and data files as values.

`fs.readFileSync(path.join(__dirname, "tools.json"), "utf8")` is the text of a file of the package, and
`JSON.parse` of it, a YAML `parse`/`load` of it, `import tools from "./tools.json"` or
`require("./tools.json")` the document it holds: a server listing the tools of such a file lists what
that file says. Paths are `FileRef` values (`__dirname`, `__filename`, `import.meta.url`/`.dirname`,
`fileURLToPath`, `new URL(rel, import.meta.url)`, `path.join`/`resolve`/`dirname`), kept inside the
package root: a path that leaves it, or that is chosen at run time, stays unknown.

Files are read with `discover.files.read_inside` (never through a link, regular files only, at most
`MAX_DATA_BYTES`) and parsed by `mcpvet.datafiles` (safe YAML, at most `MAX_NODES` values): nothing the
package ships is executed.
"""

from __future__ import annotations

from pathlib import Path

from mcpvet.datafiles import MAX_DATA_BYTES, DataError, format_of, package_join, package_parent, parse
from mcpvet.frontends.javascript.ir import (
    KV,
    Arr,
    ArrV,
    Bool,
    FileRef,
    Null,
    Num,
    Obj,
    ObjV,
    Str,
    Unk,
    Value,
)

# the loaders of parsed text, by the module and the name the call reaches -> the format they parse
YAML_LOADERS = {("yaml", "parse"), ("js-yaml", "load"), ("js-yaml", "safeLoad"), ("yaml", "load")}
READERS = {("fs", ("readFileSync",)), ("fs", ("promises", "readFile")), ("fs/promises", ("readFile",)),
           ("fs-extra", ("readFileSync",)), ("fs-extra", ("readFile",))}
JSON_READERS = {("fs-extra", ("readJsonSync",)), ("fs-extra", ("readJson",)), ("fs-extra", ("readJSONSync",))}
PATH_MODULES = ("path", "path/posix")


def member(ref: FileRef, prop: str) -> Value:
    """`import.meta.url`, `.dirname`, `.filename`; a file URL's `pathname`/`href`."""
    if ref.form == "meta":
        if prop == "url":
            return FileRef(ref.path, "url")
        if prop == "filename":
            return FileRef(ref.path)
        if prop == "dirname":
            where = package_parent(ref.path)
            return FileRef(where) if where is not None else Unk("a folder above the package")
    if ref.form == "url" and prop in ("pathname", "href"):
        return FileRef(ref.path, "url" if prop == "href" else "")
    return Unk(f"property {prop} of a path")


def path_call(name: str, args: list[Value]) -> Value:
    """`path.join`, `path.resolve`, `path.dirname` over package paths and constant parts; `fileURLToPath`."""
    if name == "fileURLToPath":
        if len(args) == 1 and isinstance(args[0], FileRef) and args[0].form == "url":
            return FileRef(args[0].path)
        return Unk("fileURLToPath() of a URL not known statically")
    if name == "dirname":
        if len(args) == 1 and isinstance(args[0], FileRef) and not args[0].form:
            where = package_parent(args[0].path)
            return FileRef(where) if where is not None else Unk("a folder above the package")
        return Unk("dirname() of a path not known statically")
    if name in ("join", "resolve"):
        start = 0
        if name == "resolve":  # the last package path given restarts it (`resolve(process.cwd(), abs)`)
            start = max((i for i, a in enumerate(args) if isinstance(a, FileRef)), default=0)
        first = args[start] if args else None
        if not isinstance(first, FileRef) or first.form:
            return Unk(f"{name}() of a path not in the package or not known statically")
        rest: list[str] = []
        for a in args[start + 1:]:
            if not isinstance(a, Str):
                return Unk(f"{name}() of a part not known statically")
            rest.append(a.value)
        joined = package_join(first.path, *rest)
        return FileRef(joined) if joined is not None else Unk(f"{name}() of a path outside the package")
    return Unk(f"path.{name}()")


def new_url(args: list[Value]) -> Value:
    """`new URL("./x.json", import.meta.url)`: a file URL of the package."""
    if len(args) == 2 and isinstance(args[0], Str) and isinstance(args[1], FileRef) and args[1].form == "url":
        base = package_parent(args[1].path)
        joined = package_join(base, args[0].value) if base is not None else None
        if joined is not None:
            return FileRef(joined, "url")
    return Unk("URL()")


def to_value(data: object) -> Value:
    """The evaluator's value of parsed data: objects and arrays of literals (dates as unknown)."""
    converted = _ir(data)
    match converted:
        case Obj(entries):
            return ObjV(entries, {})
        case Arr(items):
            return ArrV(items, {})
    return converted


def _ir(data: object) -> Obj | Arr | Str | Num | Bool | Null | Unk:
    if isinstance(data, dict):
        return Obj(tuple(KV(str(k), _ir(v)) for k, v in data.items()))
    if isinstance(data, (list, tuple)):
        return Arr(tuple(_ir(x) for x in data))
    if isinstance(data, bool):
        return Bool(data)
    if isinstance(data, (int, float)):
        return Num(data)
    if isinstance(data, str):
        return Str(data)
    if data is None:
        return Null()
    return Unk("a value of a data file")


class PackageData:
    """The files of one unpacked package that its code reads by constant paths: text and parsed documents,
    each read once."""

    def __init__(self, root: str) -> None:
        self.root = Path(root) if root else None
        self._text: dict[str, str | Unk] = {}
        self._data: dict[tuple[str, str], Value] = {}
        self._texts: dict[str, Value] = {}  # JSON texts parsed (`JSON.parse(readFileSync(…))`, evaluated again and again)

    def text(self, path: str) -> Str | Unk:
        if path not in self._text:
            self._text[path] = self._read(path)
        found = self._text[path]
        return Str(found) if isinstance(found, str) else found

    def _read(self, path: str) -> str | Unk:
        from mcpvet.discover.files import Unreadable, read_inside

        if self.root is None or not path:
            return Unk("a file not known statically")
        try:
            raw = read_inside(self.root, path, MAX_DATA_BYTES)
        except Unreadable as exc:
            return Unk(f"the file {path} of the package could not be read: {exc}")
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            return Unk(f"the file {path} of the package is not UTF-8 text")

    def document(self, path: str, fmt: str | None = None) -> Value:
        """The document the package's file PATH holds (FMT: its format; by default from its name)."""
        fmt = fmt or format_of(path)
        if fmt is None:
            return Unk(f"the file {path} is not a data file by its name")
        key = (path, fmt)
        if key not in self._data:
            text = self.text(path)
            self._data[key] = self.parsed(text.value, fmt, path) if isinstance(text, Str) else text
        return self._data[key]

    def parsed_json(self, text: str) -> Value:
        """`parsed(text, "json")`, once per text."""
        got = self._texts.get(text)
        if got is None:
            got = self._texts[text] = self.parsed(text, "json")
        return got

    @staticmethod
    def parsed(text: str, fmt: str, where: str = "") -> Value:
        try:
            return to_value(parse(text, fmt))
        except DataError as exc:
            what = f"the data file {where} of the package" if where else f"the {fmt} text parsed"
            return Unk(f"{what} gives no value: {exc}")
