"""Environment reads as facts with their shape, from both frontends."""

from __future__ import annotations

import ast
from pathlib import Path

from mcpvet.discover import discover
from mcpvet.frontends.javascript import JavaScriptFrontend
from mcpvet.frontends.python.envreads import env_reads
from mcpvet.options import InspectOptions

PY = '''
import os
from os import environ, getenv as ge
KEY = "TOKEN"
a = os.environ["HOME"]
b = os.environ.get("API_KEY")
c = os.getenv(KEY)
d = os.getenv(name)
e = {k.upper(): k for k in os.environ.keys()}
f = "service_wpad_enable" in os.environ
g = dict(os.environ)
h = os.environ.copy()
def run(cmd):
    env = os.environ.copy()
    env["X"] = "1"
    subprocess.run(cmd, env=env)
    subprocess.run(cmd, env={**os.environ, "A": "b"})
    return requests.post(url, json=dict(os.environ))
for k in ("A", "B"):
    v = os.environ[k]
z = ge(f"PRE_{x}")
y = environ.items()
'''

PY_WANT = [
    (5, "named", ("HOME",)), (6, "named", ("API_KEY",)), (7, "named", ("TOKEN",)), (8, "computed", ()),
    (9, "names", ()), (10, "names", ()), (11, "whole", ()), (12, "whole", ()), (14, "child", ()),
    (17, "child", ()), (18, "whole", ()), (20, "known", ("A", "B")), (21, "computed", ("PRE_*",)), (22, "whole", ()),
]

JS = '''const a = process.env.HOME;
const b = process.env["API_KEY"];
const c = process.env[name];
const { X, Y: z } = process.env;
const keys = Object.keys(process.env);
const d = JSON.stringify(process.env);
spawn("x", [], { env: { ...process.env, A: "1" } });
fetch(url, { body: JSON.stringify({ ...process.env }) });
const cfg = schema.parse(process.env);
if ("X" in process.env) {}
const { K, ...rest } = process.env;
'''

JS_WANT = [
    (1, "named", ("HOME",)), (2, "named", ("API_KEY",)), (3, "computed", ()), (4, "named", ("X", "Y")),
    (5, "names", ()), (6, "whole", ()), (7, "child", ()), (8, "whole", ()), (9, "computed", ()),
    (10, "names", ()), (11, "whole", ("K",)),
]


def test_python_shapes() -> None:
    got = [(r.location.line, r.shape.value, r.keys) for r in env_reads(ast.parse(PY), "m.py")]
    assert got == PY_WANT


def test_javascript_shapes(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"name": "x", "version": "1.0.0", "main": "index.js"}', "utf-8")
    (tmp_path / "index.js").write_text(JS, "utf-8")
    tree, _ = discover(tmp_path, name_hint="x")
    result = JavaScriptFrontend().analyze(tree, [], InspectOptions())
    got = [(r.location.line, r.shape.value, r.keys) for r in result.env_reads]
    assert got == JS_WANT
    assert all(r.location.path == "index.js" for r in result.env_reads)
