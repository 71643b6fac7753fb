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


PY_KNOWN = '''import os
FORMS = "APP_FORMS"
def _flag(name):
    return os.environ.get(name, "")
def public(name):
    return os.environ.get(name)
def _leaky(name):
    return os.environ.get(name)
def disabled():
    names = ["NO_TELEMETRY", "APP_NO_TELEMETRY"]
    for var in names:
        if os.environ.get(var):
            return True
    cfg = {"X": 1}
    cfg = []
    for var in cfg:
        os.environ.get(var)
a = _flag(FORMS)
b = _flag(name="APP_APPS")
c = _leaky(user_key)
d = _leaky("A")
class K:
    def _get(self, key, default=None):
        return os.getenv(key, default)
    def run(self):
        return self._get("K_HOST"), self._get("K_PORT", "1")
'''


def test_python_keys_from_constant_sequences_and_private_helpers() -> None:
    got = [(r.location.line, r.shape.value, r.keys) for r in env_reads(ast.parse(PY_KNOWN), "m.py")]
    assert got == [
        (4, "known", ("APP_FORMS", "APP_APPS")),  # every call of the private helper passes a constant
        (6, "computed", ()),  # a public function: its callers may be elsewhere
        (8, "computed", ()),  # one call passes something else
        (12, "tested", ("NO_TELEMETRY", "APP_NO_TELEMETRY")),  # a name bound once to a constant list (only tested)
        (17, "computed", ()),  # rebound: not one sequence
        (24, "known", ("K_HOST", "K_PORT")),  # a private method, `self` left out
    ]


def test_a_computed_key_only_tested_is_tested() -> None:
    src = "import os\ndef f(name):\n    if os.environ.get(name) is not None:\n        return 1\n    return os.environ.get(name)\n"
    got = [(r.location.line, r.shape.value) for r in env_reads(ast.parse(src), "m.py")]
    assert got == [(3, "tested"), (5, "computed")]


PY_TESTED = '''import os
a = bool(os.environ.get("SUPERVISOR_TOKEN"))
if os.getenv("GITHUB_TOKEN"):
    pass
b = os.environ.get("X_TOKEN", "").lower() in ("1", "true")
c = os.getenv("API_KEY") or "default"
d = os.environ["T"] == "file"
e = not os.getenv("T2")
f = [n for n, v in os.environ.items() if not v]
g = [v for n, v in os.environ.items() if n.startswith("AWS_")]
h = os.environ["A"] == other
'''


def test_python_values_only_tested_and_names_only_comprehensions() -> None:
    got = [(r.location.line, r.shape.value, r.keys) for r in env_reads(ast.parse(PY_TESTED), "m.py")]
    assert got == [(2, "tested", ("SUPERVISOR_TOKEN",)), (3, "tested", ("GITHUB_TOKEN",)), (5, "tested", ("X_TOKEN",)),
                   (6, "named", ("API_KEY",)), (7, "tested", ("T",)), (8, "tested", ("T2",)), (9, "names", ()),
                   (10, "known", ("AWS_*",)),  # the values of one family of variables, not the whole environment
                   (11, "named", ("A",))]


JS_TESTED = '''const a = !!(process.env.CODESPACE_NAME && process.env.GITHUB_CODESPACES_PORT_FORWARDING_DOMAIN);
if (process.env.DT_MCP_TOKEN_STORAGE === "file") { go(); }
const t = process.env.GITHUB_TOKEN;
const u = process.env.X_TOKEN ? 1 : 2;
if (process.env.Y_TOKEN) {}
const v = process.env["Z"].toLowerCase() === "true";
const w = process.env.W || "default";
const x = process.env.V === other;
if (process.env[key] !== undefined) {}
const y = process.env[key];
'''


def test_javascript_values_only_tested(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"name": "x", "version": "1.0.0", "main": "index.js"}', "utf-8")
    (tmp_path / "index.js").write_text(JS_TESTED, "utf-8")
    tree, _ = discover(tmp_path, name_hint="x")
    result = JavaScriptFrontend().analyze(tree, [], InspectOptions())
    got = [(r.location.line, r.shape.value, r.keys) for r in result.env_reads]
    assert got == [(1, "tested", ("CODESPACE_NAME",)), (1, "tested", ("GITHUB_CODESPACES_PORT_FORWARDING_DOMAIN",)),
                   (2, "tested", ("DT_MCP_TOKEN_STORAGE",)), (3, "named", ("GITHUB_TOKEN",)),
                   (4, "tested", ("X_TOKEN",)), (5, "tested", ("Y_TOKEN",)), (6, "tested", ("Z",)),
                   (7, "named", ("W",)), (8, "named", ("V",)), (9, "tested", ()), (10, "computed", ())]
