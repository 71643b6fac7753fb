"""Fake PyPI and npm registries on top of `tests.support.fakehttp.FakeHTTPServer`.

Typical use in a test::

    from tests.support.registry import FakeRegistry, PyPIFile, NpmVersion, make_sdist, make_wheel

    reg = FakeRegistry(fake_http)
    src = copy_case("py-weather-key-in-handler", tmp_path / "src")  # copies, never runs
    reg.publish_pypi("demo-mcp", {"1.0.0": [PyPIFile.wheel(src, "demo-mcp", "1.0.0"),
                                            PyPIFile.sdist(src, "demo-mcp", "1.0.0")]})
    reg.publish_npm("@acme/demo", {"1.0.0": NpmVersion.from_folder(src_js)})
    options = reg.options(tmp_path / "cache")                      # InspectOptions pointing here

PyPI lives at `reg.pypi_url` (`/pypi/NAME/json`, `/simple/NAME/`, files under `/files/`); the
per-version JSON (`/pypi/NAME/VERSION/json`) is deliberately NOT served (404), as on the real
mirror we build against. npm lives at `reg.npm_url` (`/npm/NAME`, scoped names as
`/npm/@scope%2fname`, tarballs under `/npm/NAME/-/`). Everything is built in memory from folders
given by the test; nothing is installed or executed.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import shutil
import tarfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from tests.support.fakehttp import FakeHTTPServer, Response

_ROOT = Path(__file__).resolve().parents[2]
# sample packages of our own: the evaluation corpus, then the fixtures written for one trait
CASE_DIRS = (_ROOT / "corpus" / "cases", _ROOT / "tests" / "fixtures")
_FIXED_MTIME = 1_700_000_000


# ----------------------------------------------------------------------------- archive builders
def _files_of(folder: Path) -> list[tuple[str, bytes]]:
    """(relative POSIX path, content) of every regular file under `folder`, sorted."""
    out = []
    for p in sorted(folder.rglob("*")):
        if p.is_file() and not p.is_symlink() and "__pycache__" not in p.parts:
            out.append((p.relative_to(folder).as_posix(), p.read_bytes()))
    return out


def make_targz(files: list[tuple[str, bytes]], prefix: str = "") -> bytes:
    """A gzip'd tar of (path, content) pairs, each path under `prefix` (e.g. "package/")."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz", format=tarfile.PAX_FORMAT) as tf:
        for rel, data in files:
            info = tarfile.TarInfo(prefix + rel)
            info.size = len(data)
            info.mode = 0o644
            info.mtime = _FIXED_MTIME
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def make_zip(files: list[tuple[str, bytes]], prefix: str = "") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for rel, data in files:
            zf.writestr(zipfile.ZipInfo(prefix + rel, (2023, 11, 14, 0, 0, 0)), data)
    return buf.getvalue()


def make_sdist(folder: Path, name: str, version: str) -> bytes:
    """An sdist-shaped .tar.gz: every file of `folder` under `name-version/`, plus PKG-INFO."""
    files = _files_of(folder)
    if not any(rel == "PKG-INFO" for rel, _ in files):
        files.append(("PKG-INFO", f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()))
    return make_targz(files, prefix=f"{name.replace('-', '_')}-{version}/")


def make_wheel(folder: Path, name: str, version: str) -> bytes:
    """A py3-none-any-shaped wheel: the files of `folder` (a `src/` layout is flattened) and a
    minimal dist-info."""
    files = _files_of(folder / "src" if (folder / "src").is_dir() else folder)
    dist = f"{name.replace('-', '_')}-{version}.dist-info"
    files += [
        (f"{dist}/METADATA", f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()),
        (f"{dist}/WHEEL", b"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"),
        (f"{dist}/RECORD", b""),
    ]
    return make_zip(files)


def make_npm_tarball(folder: Path) -> bytes:
    """An `npm pack`-shaped .tgz: every file of `folder` under `package/`."""
    return make_targz(_files_of(folder), prefix="package/")


def copy_case(case: str, dest: Path) -> Path:
    """Copy a sample package (corpus/cases/CASE or tests/fixtures/CASE) to `dest`, without truth.json."""
    src = next((d / case for d in CASE_DIRS if (d / case).is_dir()), None)
    if src is None:
        raise FileNotFoundError(f"no sample package {case!r} in {', '.join(str(d) for d in CASE_DIRS)}")
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("truth.json", "__pycache__"))
    return dest


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ----------------------------------------------------------------------------- PyPI
@dataclass
class PyPIFile:
    """One release file. `sha256=None` publishes the true digest; a string publishes that
    (a wrong one for mismatch tests); `publish_digest=False` publishes none."""

    filename: str
    content: bytes
    packagetype: str = "sdist"
    upload_time: str = "2025-01-02T03:04:05.000000Z"
    yanked: bool = False
    yanked_reason: str | None = None
    sha256: str | None = None
    publish_digest: bool = True
    response: Response | None = None  # serve the file with this (slow/truncated); default: plain 200
    # a PEP 740 provenance document: served at /integrity/NAME/VERSION/FILENAME/provenance and
    # advertised as "provenance" in the JSON Simple API entry of the file
    provenance: dict[str, Any] | None = None

    @classmethod
    def sdist(cls, folder: Path, name: str, version: str, **kw: Any) -> PyPIFile:
        return cls(f"{name.replace('-', '_')}-{version}.tar.gz", make_sdist(folder, name, version), "sdist", **kw)

    @classmethod
    def wheel(cls, folder: Path, name: str, version: str, tag: str = "py3-none-any", **kw: Any) -> PyPIFile:
        return cls(f"{name.replace('-', '_')}-{version}-{tag}.whl", make_wheel(folder, name, version),
                   "bdist_wheel", **kw)


@dataclass
class PyPIProject:
    name: str
    document: dict[str, Any]
    file_paths: dict[str, str] = field(default_factory=dict)  # filename -> served path


# ----------------------------------------------------------------------------- npm
@dataclass
class NpmVersion:
    """One npm version. `integrity`/`shasum`: None publishes the true digests, a string that value,
    "" publishes none. `extra` is merged into the version document (e.g. deprecated, scripts)."""

    tarball: bytes
    manifest: dict[str, Any] = field(default_factory=dict)
    time: str = "2025-01-02T03:04:05.000Z"
    integrity: str | None = None
    shasum: str | None = None
    response: Response | None = None

    @classmethod
    def from_folder(cls, folder: Path, **kw: Any) -> NpmVersion:
        manifest = {}
        if (folder / "package.json").is_file():
            manifest = json.loads((folder / "package.json").read_text("utf-8"))
        return cls(make_npm_tarball(folder), manifest, **kw)


class FakeRegistry:
    """PyPI at `pypi_url` and npm at `npm_url`, both served by one FakeHTTPServer."""

    def __init__(self, server: FakeHTTPServer) -> None:
        self.server = server

    @property
    def pypi_url(self) -> str:
        return self.server.url

    @property
    def npm_url(self) -> str:
        return self.server.url + "/npm"

    def options(self, cache_dir: Path, **kw: Any) -> Any:
        """InspectOptions pointing at this registry, with a private cache and quick timeouts."""
        from mcpvet.options import InspectOptions

        kw.setdefault("http_timeout_s", 5.0)
        kw.setdefault("http_retries", 0)
        return InspectOptions(pypi_url=self.pypi_url, npm_url=self.npm_url, cache_dir=cache_dir, **kw)

    def requests_for(self, path_fragment: str) -> int:
        """How many requests reached a path containing `path_fragment` (e.g. a file name)."""
        return sum(1 for _, p in self.server.requests if path_fragment in p)

    # --------------------------------------------------------------------------- PyPI
    def publish_pypi(self, name: str, releases: dict[str, list[PyPIFile]], *, relative_urls: bool = True,
                     latest: str | None = None, info: dict[str, Any] | None = None,
                     ownership: dict[str, Any] | None = None) -> PyPIProject:
        """Serve `/pypi/NAME/json` (releases, urls, info) and `/simple/NAME/`. File URLs are
        relative (`../../files/…`) unless `relative_urls=False`. The latest version defaults to the
        last key of `releases`."""
        norm = name.lower().replace("_", "-").replace(".", "-")
        latest = latest or list(releases)[-1]
        project = PyPIProject(name, {})
        rel_docs: dict[str, list[dict[str, Any]]] = {}
        for version, files in releases.items():
            rel_docs[version] = []
            for f in files:
                path = f"/files/{norm}/{version}/{f.filename}"
                self.server.add(path, f.response or f.content)
                project.file_paths[f.filename] = path
                url = f"../../files/{norm}/{version}/{f.filename}" if relative_urls else self.server.url + path
                entry: dict[str, Any] = {
                    "filename": f.filename, "url": url, "packagetype": f.packagetype, "size": len(f.content),
                    "upload_time": f.upload_time[:19], "upload_time_iso_8601": f.upload_time,
                    "yanked": f.yanked, "yanked_reason": f.yanked_reason,
                    "digests": {"sha256": f.sha256 or sha256(f.content), "md5": hashlib.md5(f.content).hexdigest()}
                    if f.publish_digest else {},
                    "python_version": "py3" if f.packagetype == "bdist_wheel" else "source",
                }
                rel_docs[version].append(entry)
        base_info = {
            "name": name, "version": latest, "summary": "test package", "author": "Ada Lovelace",
            "author_email": "ada@example.org", "maintainer": "", "maintainer_email": "",
            "license": "MIT", "license_expression": None, "home_page": None,
            "project_urls": {"Homepage": "https://example.org/" + norm,
                             "Source": f"https://github.com/example/{norm}"},
            "classifiers": [], "requires_dist": [], "yanked": False, "yanked_reason": None,
        }
        base_info.update(info or {})
        doc: dict[str, Any] = {"info": base_info, "releases": rel_docs, "urls": rel_docs.get(latest, []),
                               "last_serial": 1, "vulnerabilities": []}
        if ownership is not None:
            doc["ownership"] = ownership
        project.document = doc
        self.server.add_json(f"/pypi/{norm}/json", doc)
        if norm != name:
            self.server.add_json(f"/pypi/{name}/json", doc)
        simple_files: list[dict[str, Any]] = []
        for version, files in releases.items():
            for f, entry in zip(files, rel_docs[version], strict=False):
                item: dict[str, Any] = {"filename": f.filename, "url": entry["url"], "hashes": entry["digests"],
                                        "yanked": f.yanked_reason or f.yanked, "upload-time": f.upload_time}
                if f.provenance is not None:
                    prov = f"/integrity/{norm}/{version}/{f.filename}/provenance"
                    self.server.add_json(prov, f.provenance)
                    item["provenance"] = self.server.url + prov
                simple_files.append(item)
        links = "".join(f'<a href="{e["url"]}#sha256={e["hashes"].get("sha256", "")}">{e["filename"]}</a>\n'
                        for e in simple_files)
        html = f"<html><body>\n{links}</body></html>".encode()
        simple_json = json.dumps({"meta": {"api-version": "1.1"}, "name": norm, "files": simple_files,
                                  "versions": list(releases)}).encode()

        def simple(method: str, body: bytes, headers: dict[str, str]) -> Response:
            """PEP 691: JSON when the client asks for it, HTML otherwise."""
            if "application/vnd.pypi.simple.v1+json" in headers.get("Accept", ""):
                return Response(simple_json, 200, {"Content-Type": "application/vnd.pypi.simple.v1+json"})
            return Response(html, 200, {"Content-Type": "text/html"})

        self.server.add(f"/simple/{norm}/", simple)
        return project

    # --------------------------------------------------------------------------- npm
    def publish_npm(self, name: str, versions: dict[str, NpmVersion], *, dist_tags: dict[str, str] | None = None,
                    maintainers: list[dict[str, str]] | None = None, extra: dict[str, Any] | None = None
                    ) -> dict[str, Any]:
        """Serve the packument of `name` (scoped as `@scope%2fname`) and its tarballs. Returns the
        packument. `dist_tags` defaults to {"latest": last version}."""
        base = name.rsplit("/", 1)[-1]
        docs: dict[str, Any] = {}
        times: dict[str, str] = {}
        for version, v in versions.items():
            path = f"/npm/{name}/-/{base}-{version}.tgz"
            self.server.add(path, v.response or v.tarball)
            integrity = v.integrity if v.integrity is not None else \
                "sha512-" + base64.b64encode(hashlib.sha512(v.tarball).digest()).decode()
            shasum = v.shasum if v.shasum is not None else hashlib.sha1(v.tarball).hexdigest()
            dist: dict[str, Any] = {"tarball": self.server.url + path}
            if integrity:
                dist["integrity"] = integrity
            if shasum:
                dist["shasum"] = shasum
            docs[version] = {"name": name, "version": version, **v.manifest, "dist": dist}
            times[version] = v.time
        ordered = sorted(times.values())
        packument = {
            "_id": name, "name": name,
            "dist-tags": dist_tags or {"latest": list(versions)[-1]},
            "versions": docs,
            "time": {"created": ordered[0] if ordered else "2025-01-01T00:00:00.000Z",
                     "modified": ordered[-1] if ordered else "2025-01-01T00:00:00.000Z", **times},
            "maintainers": maintainers if maintainers is not None else [{"name": "ada", "email": "ada@example.org"}],
            **(extra or {}),
        }
        encoded = quote(name, safe="@")
        for path in {f"/npm/{encoded}", f"/npm/{encoded.replace('%2F', '%2f')}", f"/npm/{name}"}:
            self.server.add_json(path, packument)
        return packument


def slow(content: bytes, delay_s: float) -> Response:
    """A response that waits `delay_s` before answering."""
    return Response(content, 200, {"Content-Type": "application/octet-stream"}, delay_s=delay_s)


def truncated(content: bytes, keep: int) -> Response:
    """A response announcing len(content) bytes but sending only `keep` of them."""
    return Response(content, 200, {"Content-Type": "application/octet-stream"}, truncate_to=keep)


def now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
