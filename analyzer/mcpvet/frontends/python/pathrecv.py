"""Receivers of the path-method sinks: semgrep's `$X.touch(...)`, `$X.write_text(...)` … rules name
every such call `pathlib.Path.<method>`, whatever `$X` is. The evaluator often knows better: a
`pymemcache` client's `touch(key, expire)`, a redis client's, a `str` or a class of the package
with its own `unlink`. Such a call is not a path's, and its semgrep hit is dropped (`graph`).

A receiver stays a possible path unless every value the evaluator gives it is known to be of
something else: an unknown value, a module, a library function's result (`platformdirs.user_data_path()`
returns a Path) or an object of a library that makes paths is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from mcpvet.frontends.python.values import Const, DictVal, ExtInst, Instance, Seq, Value

# the method names of the `pathlib.Path.$F` rules (semgrep-rules/python/fs_read, fs_write)
PATH_METHODS = frozenset({"read_text", "read_bytes", "iterdir", "rglob",
                          "write_text", "write_bytes", "unlink", "rmdir", "touch", "symlink_to", "hardlink_to"})

# libraries whose objects may be paths (or wrap the file system the way pathlib does)
_PATH_LIBRARIES = frozenset({"pathlib", "pathlib2", "os", "builtins", "io", "typing", "types", "collections",
                             "importlib", "importlib_resources", "zipfile", "tarfile", "tempfile", "shutil",
                             "anyio", "aiofiles", "aiopath", "trio", "upath", "fsspec", "cloudpathlib", "s3path",
                             "smart_open", "path", "py", "pyfakefs"})


def _may_be_path(v: Value, method: str, own_method: Callable[[str, str], bool]) -> bool:
    if isinstance(v, (Const, Seq, DictVal)):
        return False  # a str, a number, None, a list or dict literal has no such method
    if isinstance(v, Instance):
        return not own_method(v.klass, method)  # the package's own method is followed as a call
    if isinstance(v, ExtInst) and not v.derived:
        top = v.qualname.split(".", 1)[0]
        last = v.qualname.rsplit(".", 1)[-1]
        return top in _PATH_LIBRARIES or "path" in last.lower()  # an object of another library: not a path
    return True


def not_a_path(receivers: Iterable[Value], method: str, own_method: Callable[[str, str], bool]) -> bool:
    """True when no value of the receiver of `x.<method>(...)` can be a path."""
    values = list(receivers)
    return bool(values) and not any(_may_be_path(v, method, own_method) for v in values)
