"""The places a path may be when it is one of a few (frontends/python/pathplaces.py): a helper's
several returns, the assignments of `self.x`, a parameter through the package's calls of its
function (an unpassed None default adds nothing), settings as `$NAME`; an argument or an unknown
value gives none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mcpvet.analysis.placesets import in_folder
from mcpvet.frontends.python import pathplaces
from mcpvet.model import Kind, SinkHit
from tests.frontends.python.test_frontend import run, write

SERVER = '''
    import os
    import tempfile
    from pathlib import Path

    from mcp.server.fastmcp import FastMCP

    mcp = FastMCP("x")


    def _usable(path: Path) -> bool:
        path.mkdir(parents=True, exist_ok=True)
        return True


    def data_dir() -> Path:
        configured = os.environ.get("ACME_DIR", "").strip()
        if configured and _usable(Path(configured)):
            return Path(configured)
        home = Path.home() / ".acme"
        if _usable(home):
            return home
        return Path(tempfile.gettempdir()) / "acme"


    class Log:
        def __init__(self, file: str | None = None) -> None:
            if file:
                self.path = Path(file)
            else:
                self.path = data_dir() / "logs" / "usage.jsonl"

        def write(self, line: str) -> None:
            with open(self.path, "a") as f:
                f.write(line)


    @mcp.tool()
    def note(text: str) -> str:
        """Keep a note."""
        Log().write(text)
        return text


    @mcp.tool()
    def save(name: str) -> str:
        """Keep a note."""
        folder = Path.home() / ".acme" if name else Path(tempfile.gettempdir()) / "acme"
        open(folder / "x", "w").write(name)
        target = Path.home() / ".acme" / "a"
        if name:
            target = Path(name)
        open(target, "w").write(name)
        return name
'''


def _evidence(tmp_path: Path) -> dict[tuple[str, int], tuple[str, ...]]:
    write(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": SERVER})
    text = (tmp_path / "pkg/server.py").read_text().splitlines()
    result = run(tmp_path)
    out = {}
    for tool in result.tools:
        for cap in tool.capabilities:
            if cap.kind is Kind.FS_WRITE:
                for ev in cap.evidence:
                    out[(tool.name, ev.location.line)] = ev.places
    return {(name, text[line - 1].strip()): places for (name, line), places in out.items()}


def test_places_of_a_helper_an_attribute_and_a_parameter(tmp_path: Path) -> None:
    found = _evidence(tmp_path)
    assert found[("note", 'with open(self.path, "a") as f:')] == (
        "$ACME_DIR/logs/usage.jsonl", "/tmp/acme/logs/usage.jsonl", "~/.acme/logs/usage.jsonl")
    # the parameter of _usable: what data_dir passes it (a setting, ~/.acme)
    assert found[("note", "path.mkdir(parents=True, exist_ok=True)")] == ("$ACME_DIR", "~/.acme")


def test_no_places_where_an_argument_chooses(tmp_path: Path) -> None:
    found = _evidence(tmp_path)
    # a conditional expression is followed (both of its values are known places); a name assigned from an
    # argument is unknown
    assert found[("save", 'open(folder / "x", "w").write(name)')] == ("/tmp/acme/x", "~/.acme/x")
    assert found[("save", 'open(target, "w").write(name)')] == ()


def test_a_class_named_in_annotations_is_not_passed_as_a_value(tmp_path: Path) -> None:
    server = SERVER.replace("    @mcp.tool()\n    def note(", "    _log: Log | None = None\n\n\n    def get_log() -> Log:\n"
                            "        return Log()\n\n\n    @mcp.tool()\n    def note(", 1)
    assert "_log: Log | None" in server
    write(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": server})
    result = run(tmp_path)
    places = {ev.places for t in result.tools if t.name == "note" for c in t.capabilities for ev in c.evidence
              if c.kind is Kind.FS_WRITE and ev.sink == "open"}
    assert places == {("$ACME_DIR/logs/usage.jsonl", "/tmp/acme/logs/usage.jsonl", "~/.acme/logs/usage.jsonl")}


def test_a_class_passed_as_a_value_may_be_built_with_any_path(tmp_path: Path) -> None:
    server = SERVER + "\n\n    FACTORIES = [Log]\n"
    write(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": server})
    result = run(tmp_path)
    places = {ev.places for t in result.tools if t.name == "note" for c in t.capabilities for ev in c.evidence
              if c.kind is Kind.FS_WRITE and ev.sink == "open"}
    assert places == {()}


PACKAGE_FILES = '''
    import os
    import sqlite3
    import uuid
    from pathlib import Path

    from mcp.server.fastmcp import FastMCP

    mcp = FastMCP("x")
    INDEX = Path(__file__).parent / "index.json"
    _DB = None


    def _db_path() -> str:
        global _DB
        if _DB is None:
            folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sessions")
            _DB = os.path.join(folder, f"s_{uuid.uuid4().hex}.db")
        return _DB


    def _drop() -> None:
        os.remove(_DB)


    @mcp.tool()
    def keep(name: str) -> str:
        """Keep a name."""
        INDEX.write_text(name)
        conn = sqlite3.connect(_db_path())
        conn.cursor().execute(f"INSERT INTO t VALUES ('{name}')")
        _drop()
        return name


    @mcp.tool()
    def scratch(path: str) -> str:
        """Open a database."""
        sqlite3.connect(path)
        return path
'''


def test_places_inside_the_installed_package_and_through_module_globals(tmp_path: Path) -> None:
    write(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": PACKAGE_FILES})
    result = run(tmp_path)
    places = {(t.name, ev.sink): ev.places for t in result.tools for c in t.capabilities for ev in c.evidence
              if c.kind is Kind.FS_WRITE}
    assert places[("keep", "pathlib.Path.write_text")] == ("<package>/pkg/index.json",)
    # `global _DB` set in one function, read in another; `None` (not made yet) adds nothing
    assert places[("keep", "sqlite3.connect")] == ("<package>/pkg/sessions/s_…",)
    assert places[("keep", "os.remove")] == ("<package>/pkg/sessions/s_…",)


def test_a_statement_through_a_handle_writes_where_every_connection_goes(tmp_path: Path) -> None:
    write(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": PACKAGE_FILES})
    result = run(tmp_path)
    handle = {ev.places for t in result.tools for c in t.capabilities for ev in c.evidence
              if c.kind is Kind.FS_WRITE and ev.sink == "sqlite3.connect.cursor.execute"}
    assert handle == {()}  # `scratch` connects to a path the model gives: the package's databases are not all known
    alone = PACKAGE_FILES.split("    @mcp.tool()\n    def scratch")[0]
    write(tmp_path, {"pkg/server.py": alone})
    result = run(tmp_path)
    handle = {ev.places for t in result.tools for c in t.capabilities for ev in c.evidence
              if c.kind is Kind.FS_WRITE and ev.sink == "sqlite3.connect.cursor.execute"}
    assert handle == {("<package>/pkg/sessions/s_…",)}


SETTINGS = '''
    import sys
    from pathlib import Path

    from mcp.server.fastmcp import FastMCP

    mcp = FastMCP("x")


    class Settings:
        @property
        def storage(self) -> Path:
            path = self._from_args() or Path.home() / ".acme" / "papers"
            path = path.resolve()
            path.mkdir(parents=True, exist_ok=True)
            return path

        def _from_args(self) -> Path | None:
            args = sys.argv[1:]
            if "--storage-path" not in args:
                return None
            path = Path(args[args.index("--storage-path") + 1])
            return path.resolve()


    settings = Settings()


    def _cache(paper: str) -> Path:
        return Path(settings.storage) / ".cache" / f"{paper.replace('/', '_')}.json"


    @mcp.tool()
    def drop(paper: str) -> str:
        """Forget a paper."""
        _cache(paper).unlink(missing_ok=True)
        return paper
'''


def test_places_through_a_property_an_or_and_the_command_line(tmp_path: Path) -> None:
    write(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": SETTINGS})
    result = run(tmp_path)
    places = {(ev.sink, ev.location.line): ev.places for t in result.tools for c in t.capabilities
              for ev in c.evidence if c.kind is Kind.FS_WRITE}
    unlink = next(p for (sink, _), p in places.items() if sink == "pathlib.Path.unlink")
    # `--storage-path` on the command line (set by whoever starts the server) or the default folder
    assert unlink == ("$argv/.cache/…", "~/.acme/papers/.cache/…")


def test_a_known_file_name_after_an_unknown_folder_and_an_sqlite_uri(tmp_path: Path) -> None:
    # issue 13 (notebooklm-mcp-cli refresh_auth): the package's own browser profile, a folder per profile
    # name, its cookies.sqlite opened through SQLite's URI form
    server = SERVER + '''

    import sqlite3


    def profile_dir(name: str) -> Path:
        return Path(os.environ.get("ACME_DIR") or Path.home() / ".acme") / "profiles" / name


    @mcp.tool()
    def cookies(profile: str) -> str:
        """Count the cookies."""
        db = profile_dir(profile.strip()) / "cookies.sqlite"
        with sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True) as c:
            c.execute("DELETE FROM moz_cookies")
        return "ok"
'''
    write(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": server})
    result = run(tmp_path)
    places = {ev.places for t in result.tools if t.name == "cookies" for c in t.capabilities for ev in c.evidence
              if c.kind is Kind.FS_WRITE and ev.sink.startswith("sqlite3.connect")}
    assert places == {("$ACME_DIR/profiles/…/cookies.sqlite", "~/.acme/profiles/…/cookies.sqlite")}, places


def test_a_name_assigned_from_itself_is_followed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # issue 13: `current = current.parent` and the like in a loop, each assignment again through every
    # other, made the search grow with the depth's power (code-review-graph: 2.5 million steps for one
    # path at depth 20); each name is entered once per search, and what is found is kept
    server = SERVER + '''

    @mcp.tool()
    def climb(text: str) -> str:
        """Keep a note."""
        current = Path.home() / ".acme"
        for _ in range(3):
            current = current.parent
            current = current / "a"
            current = current.with_suffix(".d")
            current = current.resolve()
        open(current, "w").write(text)
        return text
'''
    steps = [0]
    inner = pathplaces._places_of

    def counted(*args: Any) -> Any:
        steps[0] += 1
        return inner(*args)

    monkeypatch.setattr(pathplaces, "_places_of", counted)
    write(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": server})
    run(tmp_path)
    assert steps[0] < 2000, steps[0]


def test_a_helper_chain_deeper_than_fourteen_steps(tmp_path: Path) -> None:
    # issue 13 (notebooklm-mcp-cli profile): the package's own config file through a chain of helpers
    # 17 steps deep; the depth was 14 while the search was not kept per node
    chain = "\n\n".join(f"    def d{i}() -> Path:\n        return d{i + 1}() / \"x\"" for i in range(6))
    server = SERVER + f'''

{chain}


    def d6() -> Path:
        return Path(os.environ.get("ACME_DIR") or Path.home() / ".acme")


    @mcp.tool()
    def deep(text: str) -> str:
        """Keep a note."""
        target = d0() / f"n.{{os.getpid()}}"
        open(target, "w").write(text)
        return text
'''
    write(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": server})
    result = run(tmp_path)
    places = {ev.places for t in result.tools if t.name == "deep" for c in t.capabilities for ev in c.evidence
              if c.kind is Kind.FS_WRITE and ev.sink == "open"}
    x6 = "/x" * 6
    assert places == {(f"$ACME_DIR{x6}/n.…", f"~/.acme{x6}/n.…")}, places


def test_many_files_in_a_few_folders_are_those_folders() -> None:
    """A writer every caller hands one of many files (six settings files under `$APP_DIR`, `~/.app`,
    `/data`, `/tmp/app`): more than MAX_PLACES files are taken by their folders, not given up."""
    files = [frozenset({f"$APP_DIR/{n}.json", f"~/.app/{n}.json", f"/data/{n}.json", f"/tmp/app/{n}.json"})
             for n in ("a", "b", "c", "d", "e", "f")]
    assert pathplaces._union(list(files)) == frozenset({"$APP_DIR/…", "~/.app/…", "/data/…", "/tmp/app/…"})
    assert pathplaces._union([*files, None]) is None
    spread = [frozenset({f"~/.app{i}/x.json"}) for i in range(pathplaces.MAX_PLACES + 1)]
    assert pathplaces._union(spread) is None  # as many folders: not a few places
    assert in_folder("~/.bashrc") == "~/.bashrc" and in_folder("$APP_FILE") == "$APP_FILE"


ROTATION = '''
    import os
    from functools import cached_property
    from pathlib import Path

    from mcp.server.fastmcp import FastMCP

    mcp = FastMCP("x")


    class Backups:
        @cached_property
        def _dir(self) -> Path:
            configured = os.environ.get("ACME_BACKUP_DIR", "").strip()
            return Path(configured) if configured else Path.home() / ".acme" / "backups"

        def rotate(self, name: str) -> None:
            candidates: set[Path] = set()
            candidates.update(self._dir.glob(f"{name}.*.yaml"))
            candidates.add(self._dir / "latest.yaml")
            files = sorted((p for p in candidates if p.stat().st_size), key=lambda p: p.name)
            for old in files[:-3]:
                old.unlink()


    @mcp.tool()
    def rotate(name: str) -> str:
        """Rotate the saved copies of a label."""
        Backups().rotate(name)
        return name


    @mcp.tool()
    def tidy() -> str:
        """Tidy up."""
        for old in [Path.home() / ".acme" / "old.yaml", Path.home() / ".profile"]:
            old.unlink()
        return "ok"


    @mcp.tool()
    def drop(paths: list[str]) -> str:
        """Tidy up."""
        for old in sorted(Path(p) for p in paths):
            old.unlink()
        return "ok"
'''


def _unlinks(tmp_path: Path) -> dict[str, set[tuple[tuple[str, ...], tuple[str, ...]]]]:
    write(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": ROTATION})
    lines = (tmp_path / "pkg/server.py").read_text().splitlines()
    # what semgrep's `$X.unlink()` rule finds, whatever `$X` is
    hits = tuple(SinkHit("pkg/server.py", n, n, 1, Kind.FS_WRITE, "pathlib.Path.unlink", "py-fs-write")
                 for n, line in enumerate(lines, 1) if ".unlink()" in line)
    result = run(tmp_path, hits)
    return {t.name: {(ev.places, ev.controlled_by) for c in t.capabilities for ev in (*c.evidence, *c.more)
                     if ev.sink == "pathlib.Path.unlink"} for t in result.tools}


def test_the_elements_of_a_collection_of_paths(tmp_path: Path) -> None:
    """`for old in sorted(p for p in found)`, where `found` is filled from a folder's `glob(…)` and `add(…)`:
    each element is in that folder; the semgrep hit on `old.unlink()` (whose receiver the evaluator does
    not know) gets them. A list written out gives each of its paths; paths the model gives, none."""
    found = _unlinks(tmp_path)
    assert found["rotate"] == {(("$ACME_BACKUP_DIR/latest.yaml", "$ACME_BACKUP_DIR/…", "~/.acme/backups/latest.yaml",
                                 "~/.acme/backups/…"), ())}, found
    assert found["tidy"] == {(("~/.acme/old.yaml", "~/.profile"), ())}, found
    [(places, _)] = found["drop"]
    assert places == ()
