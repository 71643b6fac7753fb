"""What a new user runs into: mistakes caught before any work, Ctrl-C, --offline, their own limits."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest
from tests.support.cli import run_cli

from mcpvet import api
from mcpvet.options import InspectOptions, UnpackLimits
from mcpvet.scratch import OWNER_FILE, new_scratch, sweep_stale_scratch

MCPVET = Path(sys.executable).parent / "mcpvet"
SERVER = '''from mcp.server.fastmcp import FastMCP

mcp = FastMCP("notes")


@mcp.tool()
def read_note(name: str) -> str:
    """Read a note from the notes folder."""
    with open(f"notes/{name}.md") as fh:
        return fh.read()
'''




@pytest.fixture
def server(tmp_path: Path) -> Path:
    root = tmp_path / "notes-mcp"
    (root / "notes_mcp").mkdir(parents=True)
    (root / "notes_mcp" / "server.py").write_text(SERVER)
    (root / "pyproject.toml").write_text('[project]\nname = "notes-mcp"\nversion = "1.0"\ndependencies = ["mcp"]\n')
    return root


@pytest.fixture
def no_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the analysis starts at all."""
    def refuse(*a: object, **k: object) -> None:
        raise AssertionError("the analysis started although the command line was wrong")

    from mcpvet.batch import work

    monkeypatch.setattr(api, "inspect", refuse)
    monkeypatch.setattr(api, "batch", refuse)
    monkeypatch.setattr(work, "analyse_target", refuse)


@pytest.mark.parametrize("make", [
    lambda tmp: tmp / "missing" / "card.json",  # the folder does not exist
    lambda tmp: tmp,                             # a directory
])
def test_output_is_checked_before_the_analysis(make: object, tmp_path: Path, server: Path, no_work: None,
                                               capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    target = make(tmp_path)  # type: ignore[operator]
    for argv, option in ((["inspect", str(server), "-o", str(target)], "--output"),
                         (["batch", str(server), "--db", str(target)], "--db")):
        code, out, err = run_cli(argv, capsys, monkeypatch)
        assert code == 2 and out == "" and option in err and "Traceback" not in err
        assert len(err.strip().splitlines()) <= 2  # the error and at most a hint


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_unwritable_output_is_a_usage_error(tmp_path: Path, server: Path, no_work: None,
                                            capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    code, _, err = run_cli(["inspect", str(server), "-o", str(locked / "card.json")], capsys, monkeypatch)
    assert code == 2 and "not writable" in err


@pytest.mark.parametrize(("arg", "words"), [("@{tmp}/nope.txt", "no such list file"), ("@{tmp}", "is a directory")])
def test_batch_list_file_problems(arg: str, words: str, tmp_path: Path, no_work: None,
                                  capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = run_cli(["batch", arg.format(tmp=tmp_path)], capsys, monkeypatch)
    assert code == 2 and out == "" and words in err and "Traceback" not in err


def test_batch_list_file_with_only_comments(tmp_path: Path, no_work: None, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "list.txt").write_text("# nothing yet\n\n")
    code, _, err = run_cli(["batch", f"@{tmp_path / 'list.txt'}"], capsys, monkeypatch)
    assert code == 2 and "no targets" in err


@pytest.mark.parametrize(("spec", "words"), [
    ("pipy:mcp-server-time", "unknown prefix 'pipy:' (did you mean pypi:?)"),
    ("pypi;mcp-server-time", "unknown prefix 'pypi;' (did you mean pypi:?)"),
    ("npn:left-pad", "unknown prefix 'npn:' (did you mean npm:?)"),
    ("https://github.com/org/repo", "a bare URL is not a target"),
])
def test_unknown_prefix_names_the_known_ones(spec: str, words: str, no_work: None, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for argv in (["inspect", spec], ["batch", str(Path(__file__).parent), spec, "--db", "x.db"]):
        code, out, err = run_cli(argv, capsys, monkeypatch)
        assert code == 2 and out == "" and words in err
    assert not Path("x.db").exists()  # nothing started, not even the store
    assert "known prefixes: pypi:, npm:, git+https://" in err and "npm name" not in err


def test_ctrl_c_says_interrupted_and_exits_130(tmp_path: Path) -> None:
    """A registry that accepts the connection and never answers keeps the run waiting; SIGINT ends it."""
    if not MCPVET.is_file():
        pytest.skip("the mcpvet console script is not installed next to this Python")
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # connections complete in the backlog; nothing is ever sent back
    url = f"http://127.0.0.1:{silent.getsockname()[1]}"
    env = {**os.environ, "MCPVET_PYPI_URL": url, "MCPVET_CACHE_DIR": str(tmp_path / "cache"), "MCPVET_PROGRESS": "0"}
    proc = subprocess.Popen([str(MCPVET), "inspect", "pypi:some-server", "--format", "json"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # wait until the run is inside the request
            silent.settimeout(0.2)
            try:
                conn, _ = silent.accept()
                break
            except TimeoutError:
                continue
        else:
            proc.kill()
            pytest.fail(f"mcpvet never connected to the fake registry: {proc.communicate()}")
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
        conn.close()
    finally:
        if proc.poll() is None:
            proc.kill()
        silent.close()
    assert proc.returncode == 130, err
    assert err.strip().endswith("mcpvet: interrupted") and "Traceback" not in err


def test_offline_local_folder_makes_no_request(server: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--offline: a local folder is analysed with zero connections; what needs a service says why."""
    attempts: list[object] = []
    real_connect = socket.socket.connect

    def no_connect(self: socket.socket, address: object) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(address)
            raise OSError("network disabled by the test")
        real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", no_connect)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: no_connect(socket.socket(), a[0]))
    card = api.inspect(str(server), InspectOptions(offline=True))
    assert attempts == []
    assert not card.failed and [t.name for t in card.tools] == ["read_note"]
    offline_checks = [c for c in card.score.checks if c.score is None]
    assert offline_checks, "some provenance checks need a service and must be inconclusive offline"
    assert any("offline" in e.message for e in card.errors)


def test_offline_flag_reaches_the_analysis(server: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[InspectOptions] = []
    real = api.inspect

    def spy(spec: str, options: InspectOptions, **k: object) -> object:
        seen.append(options)
        return real(spec, options, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "inspect", spy)
    code, out, _ = run_cli(["inspect", str(server), "--offline", "--format", "json"], capsys, monkeypatch)
    assert code in (0, 1) and seen and seen[0].offline and json.loads(out)["tools"][0]["name"] == "read_note"


def _tar_of(folder: Path, dest: Path) -> Path:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                tf.add(p, arcname=f"notes-mcp-1.0/{p.relative_to(folder).as_posix()}")
        big = tarfile.TarInfo("notes-mcp-1.0/data/blob.bin")
        big.size = 300_000
        tf.addfile(big, io.BytesIO(b"\0" * big.size))
    dest.write_bytes(buf.getvalue())
    return dest


def test_users_own_limit_is_an_error_not_a_finding(server: Path, tmp_path: Path) -> None:
    archive = _tar_of(server, tmp_path / "notes-mcp-1.0.tar.gz")
    card = api.inspect(str(archive), InspectOptions(offline=True, unpack=UnpackLimits(max_file_bytes=100_000)))
    assert not any(f.rule == "unsafe-archive" for f in card.findings)
    cut = [e for e in card.errors if e.stage == "unpack" and "--max-file-bytes" in e.message]
    assert cut and cut[0].path and cut[0].path.endswith("blob.bin")


def test_default_limit_hit_is_still_a_finding(server: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same archive over a limit the user did not lower stays a finding about the package."""
    import mcpvet.options

    archive = _tar_of(server, tmp_path / "notes-mcp-1.0.tar.gz")
    small_default = UnpackLimits(max_file_bytes=100_000)
    monkeypatch.setattr(mcpvet.options, "UnpackLimits", lambda: small_default)
    card = api.inspect(str(archive), InspectOptions(offline=True, unpack=small_default))
    assert any(f.rule == "unsafe-archive" for f in card.findings)


def test_stale_scratch_of_a_killed_run_is_removed(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / "mcpvet-stale"
    (stale / "unpacked").mkdir(parents=True)
    (stale / OWNER_FILE).write_text(json.dumps({"pid": dead.pid, "start": "1"}))
    live = tmp_path / "mcpvet-live"
    live.mkdir()
    (live / OWNER_FILE).write_text(json.dumps({"pid": os.getpid(), "start": None}))
    foreign = tmp_path / "mcpvet-foreign"  # no owner file: not ours, never touched
    foreign.mkdir()
    removed = sweep_stale_scratch(tmp_path)
    assert removed == [stale] and not stale.exists() and live.is_dir() and foreign.is_dir()


def test_a_run_killed_with_sigkill_is_cleaned_by_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    child = subprocess.Popen([sys.executable, "-c",
                              "import time; from mcpvet.scratch import new_scratch; "
                              "print(new_scratch(), flush=True); time.sleep(60)"],
                             stdout=subprocess.PIPE, text=True, env={**os.environ, "TMPDIR": str(tmp_path)})
    assert child.stdout is not None
    made = Path(child.stdout.readline().strip())
    assert made.is_dir() and made.parent == tmp_path
    assert sweep_stale_scratch() == []  # its owner is alive
    child.kill()
    child.wait()
    assert sweep_stale_scratch() == [made] and not made.exists()
    mine = new_scratch()
    try:
        assert sweep_stale_scratch() == [] and mine.is_dir()
    finally:
        shutil.rmtree(mine)
