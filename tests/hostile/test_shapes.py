"""Every hostile input ends in a scorecard whose errors[] says what was skipped, or in an
MCPVetError with one clear line: never another exception, never silence. Each test has its own
time bound (pytest-timeout), well under the 60 s a user may wait on 2 cores."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile import generators as gen
from tests.hostile.conftest import Outcome

Run = Callable[[Path], Outcome]


# -- archives ----------------------------------------------------------------------------------

@pytest.mark.timeout(20)
def test_zero_byte_archive(tmp_path: Path, run: Run) -> None:
    out = run(gen.zero_byte_archive(tmp_path))
    assert out.says("empty", "0 bytes")


@pytest.mark.timeout(20)
def test_truncated_targz(tmp_path: Path, run: Run) -> None:
    out = run(gen.truncated_targz(tmp_path))
    assert out.says("nothing could be unpacked", "damaged")


@pytest.mark.timeout(20)
def test_html_served_as_targz(tmp_path: Path, run: Run) -> None:
    out = run(gen.html_as_targz(tmp_path))
    assert out.says("HTML", "not a tar or zip archive")


@pytest.mark.timeout(20)
def test_truncated_wheel(tmp_path: Path, run: Run) -> None:
    out = run(gen.truncated_wheel(tmp_path))
    assert out.says("nothing could be unpacked", "zip")


@pytest.mark.timeout(20)
@pytest.mark.parametrize("make", [gen.empty_targz, gen.empty_wheel], ids=["tar.gz", "wheel"])
def test_empty_archive(tmp_path: Path, run: Run, make: Callable[[Path], Path]) -> None:
    out = run(make(tmp_path))
    assert out.says("nothing to analyse", "empty")


@pytest.mark.timeout(20)
def test_archive_of_folders_only(tmp_path: Path, run: Run) -> None:
    out = run(gen.folders_only_targz(tmp_path))
    assert out.says("nothing to analyse", "no file")


@pytest.mark.timeout(20)
def test_archive_of_links_only_is_a_scorecard_of_refusals(tmp_path: Path, run: Run) -> None:
    out = run(gen.links_only_targz(tmp_path))
    assert out.scorecard is not None  # the refusals are findings of the archive check
    assert out.says("refused archive member (symlink)")
    assert out.says("nothing to analyse")


@pytest.fixture
def many_member_targz(tmp_path: Path) -> Path:
    """Built outside the test's time bound: writing 200,000 members is the test's cost, not mcpvet's."""
    return gen.many_member_targz(tmp_path)


@pytest.mark.timeout(45, func_only=True)
def test_tar_with_200000_members_is_refused_before_writing(many_member_targz: Path, run: Run) -> None:
    out = run(many_member_targz)
    assert out.says("more than 100000 members", "max_members", "nothing was unpacked")


@pytest.mark.timeout(20)
def test_zip64_declaring_200000_entries(tmp_path: Path, run: Run) -> None:
    out = run(gen.zip64_declaring_many_entries(tmp_path))
    assert out.says("declares 200000 entries", "max_members", "nothing was unpacked")


# -- manifests ---------------------------------------------------------------------------------

@pytest.mark.timeout(20)
def test_package_json_nested_100000_deep(tmp_path: Path, run: Run) -> None:
    out = run(gen.nested_json_folder(tmp_path))
    assert out.scorecard is not None and out.says("package.json", "nested too deeply")


@pytest.mark.timeout(20)
def test_field_nested_just_under_the_parser_limit(tmp_path: Path, run: Run) -> None:
    out = run(gen.nested_field_folder(tmp_path))
    assert out.scorecard is not None and out.scorecard.target.name == "deepfield"
    assert out.says("'exports'", "nested more than")


@pytest.mark.timeout(20)
def test_pyproject_nested_100000_deep(tmp_path: Path, run: Run) -> None:
    out = run(gen.nested_toml_folder(tmp_path))
    assert out.scorecard is not None and out.says("pyproject.toml", "nested too deeply")


@pytest.mark.timeout(20)
def test_absurd_package_json(tmp_path: Path, run: Run) -> None:
    out = run(gen.absurd_package_json_folder(tmp_path))
    assert out.scorecard is not None
    for field in gen.ABSURD_PACKAGE_JSON:
        assert out.says(f"field '{field}'", "ignored"), field
    assert out.scorecard.target.name == "absurd"  # the folder's name, not a list turned into text


@pytest.mark.timeout(20)
def test_absurd_pyproject(tmp_path: Path, run: Run) -> None:
    out = run(gen.absurd_pyproject_folder(tmp_path))
    assert out.scorecard is not None
    for field in ("project.name", "project.version", "project.dependencies", "project.scripts", "project.urls",
                  "project.optional-dependencies.cli", "project.entry-points.console", "build-system.requires",
                  "build-system.build-backend", "build-system.backend-path", "tool.poetry"):
        assert out.says(f"field '{field}'", "ignored"), field
    out2 = run(gen.project_table_is_an_array_folder(tmp_path))
    assert out2.scorecard is not None and out2.says("field 'project'", "not a table")


@pytest.mark.timeout(30)
def test_undecodable_manifests_and_sources(tmp_path: Path, run: Run) -> None:
    out = run(gen.encodings_folder(tmp_path))
    assert out.scorecard is not None
    assert out.says("package.json", "not UTF-8") and out.says("pyproject.toml", "not UTF-8")


# -- local folders: special files and links ------------------------------------------------------

@pytest.mark.timeout(30)
def test_fifo_and_socket_in_a_folder_are_listed_never_opened(tmp_path: Path, run: Run) -> None:
    root = gen.special_files_folder(tmp_path)
    out = run(root)  # opening a FIFO for reading would block until the timeout
    assert out.scorecard is not None
    assert out.says("FIFO skipped", "never opened")
    assert {e.path for e in out.scorecard.errors if "FIFO" in e.message} == {"pipe.py", "package.json"}
    if (root / "s.sock").exists():
        assert out.says("socket skipped")
    assert out.tools == gen.SERVER_TOOLS


@pytest.mark.timeout(30)
def test_links_out_of_the_folder_are_never_read(tmp_path: Path, run: Run) -> None:
    root, _ = gen.symlinks_out_folder(tmp_path)
    out = run(root)
    assert out.scorecard is not None
    card = json.dumps(out.scorecard.to_json())
    assert gen.OUTSIDE_NAME not in card and gen.OUTSIDE_DEP not in card
    assert "evil.example" not in card and "echo outside" not in card and "os.system('id')" not in card
    assert out.scorecard.target.name == "target"
    for name in ("package.json", "pyproject.toml", "secret.py", "setup.py", "x.pth", "lib",
                 "pkg-1.0.dist-info/METADATA"):
        assert any(e.path == name and "symbolic link not followed" in e.message and "outside" in e.message
                   for e in out.scorecard.errors), name
    assert out.tools == gen.SERVER_TOOLS


@pytest.mark.timeout(30)
def test_thousands_of_links_are_counted_not_listed(tmp_path: Path, run: Run) -> None:
    out = run(gen.many_links_folder(tmp_path))
    assert out.scorecard is not None
    assert len(out.scorecard.errors) < 400
    assert out.says("more symbolic links or special files were skipped")


# -- a folder of many installed packages --------------------------------------------------------

@pytest.mark.timeout(60)
def test_site_packages_copy_finds_the_server_as_alone(tmp_path: Path, run: Run) -> None:
    alone = run(gen.server_alone_folder(tmp_path))
    assert alone.scorecard is not None and alone.tools == gen.SERVER_TOOLS
    out = run(gen.site_packages_folder(tmp_path))
    assert out.scorecard is not None
    assert out.tools == alone.tools
    assert (out.scorecard.target.name, out.scorecard.target.version) == ("weather-mcp", "2.0")
    assert out.says("holds 42 installed distributions", "weather-mcp 2.0", "installed dependencies")
    assert out.scorecard.stats["files"] == alone.scorecard.stats["files"]  # the 41 others are not parsed


# -- parser-crashers ---------------------------------------------------------------------------

@pytest.mark.timeout(30)
@pytest.mark.parametrize("breaker", sorted(gen.TS_BREAKERS))
def test_typescript_syntax_error_keeps_later_tools(tmp_path: Path, run: Run, breaker: str) -> None:
    out = run(gen.ts_syntax_error_folder(tmp_path, breaker))
    assert out.scorecard is not None
    assert out.tools == ["after_error", "after_error_2", "before_error"]
    assert out.says("syntax errors near line", "were skipped", "not listed")
