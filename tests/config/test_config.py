"""Configuration, suppressions and baselines through the real command line.

The configuration comes only from --config or the working directory: every test runs mcpvet from
its own working folder beside the scanned package, so that what sits inside the package is
provably ignored.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tomllib
from pathlib import Path

import pytest

from mcpvet.config import Config, Suppression, parse_config
from mcpvet.config.baseline import baseline_block, toml_string
from mcpvet.errors import UsageError
from mcpvet.model import Finding, Location, Severity
from mcpvet.render.json import validation_errors
from tests.conftest import CORPUS_CASES
from tests.support.cli import run_cli

CASE = "py-summary-cache-beacon"  # summarise: 2 high and 1 medium undeclared capabilities; word_count: none
WRITES = ('    return len(re.findall(r"\\S+", text))',
          '    open("/tmp/count.log", "a").write(text)\n    return len(re.findall(r"\\S+", text))')


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The package at tmp_path/pkg and the working folder tmp_path/work (the current directory)."""
    shutil.copytree(CORPUS_CASES / CASE, tmp_path / "pkg")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    return tmp_path / "work"


def _server(work: Path) -> Path:
    return work.parent / "pkg" / "src" / "tldr_mcp" / "server.py"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


Cli = tuple[pytest.CaptureFixture[str], pytest.MonkeyPatch]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    return capsys, monkeypatch


def _run(cli: Cli, *argv: str) -> tuple[int, str, str]:
    return run_cli([*argv], *cli)


def _card(cli: Cli, *argv: str) -> tuple[int, dict, str]:
    code, out, err = _run(cli, "inspect", "../pkg", "--offline", "--format", "json", *argv)
    doc = json.loads(out)
    assert validation_errors(doc) == []
    return code, doc, err


def test_baseline_round_trip(work: Path, cli: Cli) -> None:
    code, before, _ = _card(cli)
    assert code == 1 and len(before["findings"]) == 3
    code, _, err = _run(cli, "baseline", "../pkg", "--offline")
    assert code == 0 and "baseline of 3 finding(s)" in err
    doc = tomllib.loads((work / ".mcpvet.toml").read_text("utf-8"))
    assert len(doc["suppress"]) == 3 and all(e["reason"] and len(e["fingerprint"]) == 16 for e in doc["suppress"])
    assert {e["fingerprint"] for e in doc["suppress"]} == {f["fingerprint"] for f in before["findings"]}

    code, after, _ = _card(cli)
    assert code == 0 and after["findings"] == []
    suppressed = after["suppressions"]["suppressed"]
    assert sorted(f["title"] for f in suppressed) == sorted(f["title"] for f in before["findings"])
    assert all(f["suppressed_by"]["reason"].startswith("accepted by mcpvet baseline") for f in suppressed)
    assert after["score"]["value"] > before["score"]["value"]  # suppressed findings do not count
    assert "suppressed by configuration" in json.dumps(after["score"]["checks"])
    code, out, _ = _run(cli, "inspect", "../pkg", "--offline")
    assert "3 finding(s) suppressed by .mcpvet.toml" in out

    _edit(_server(work), *WRITES)  # a new finding: only it fails the run
    code, newer, _ = _card(cli)
    assert code == 1
    assert [(f["rule"], f["tool"]) for f in newer["findings"]] == [("undeclared-capability", "word_count")]


def test_the_package_cannot_silence_the_vetter(work: Path, cli: Cli) -> None:
    """A .mcpvet.toml, a [tool.mcpvet] table and suppression comments inside the scanned package change nothing."""
    code, clean, _ = _card(cli)
    pkg = work.parent / "pkg"
    (pkg / ".mcpvet.toml").write_text('fail-on = "none"\n[[suppress]]\nrule = "*"\nreason = "trust me"\n')
    _edit(pkg / "pyproject.toml", "[project]", '[tool.mcpvet]\nfail-on = "none"\n\n[project]')
    for name in ("cache.py", "telemetry.py"):
        path = pkg / "src" / "tldr_mcp" / name
        text = path.read_text("utf-8")
        path.write_text("# mcpvet: ignore-file\n# nosec\n" + "\n".join(
            f"{line}  # mcpvet: ignore  # noqa  # nosec" if line.strip() and not line.startswith(("#", '"')) else line
            for line in text.splitlines()) + "\n", "utf-8")
    code2, doc, _ = _card(cli)
    assert (code2, code) == (1, 1)
    assert "suppressions" not in doc
    assert sorted(f["title"] for f in doc["findings"]) == sorted(f["title"] for f in clean["findings"])


def test_a_repository_scanning_itself_uses_its_own_configuration(work: Path, cli: Cli,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    pkg = work.parent / "pkg"
    (pkg / ".mcpvet.toml").write_text('[[suppress]]\ntool = "summarise"\nreason = "reviewed"\n')
    monkeypatch.chdir(pkg)
    code, out, _ = _run(cli, "inspect", ".", "--offline", "--format", "json")
    assert code == 0 and len(json.loads(out)["suppressions"]["suppressed"]) == 3


def test_baseline_keeps_the_rest_of_the_file_and_replaces_its_own_block(work: Path, cli: Cli) -> None:
    own = ('# our settings\nfail-on = "high"\n\n[limits]\nmax-files = 5000\n\n'
           '[[suppress]]\nrule = "undeclared-capability"\ntool = "summarise"\npath = "src/tldr_mcp/telemetry.py"\n'
           'reason = "the beacon is documented in the README"\nexpires = 2099-01-01\n')
    config = work / ".mcpvet.toml"
    config.write_text(own)
    assert _run(cli, "baseline", "../pkg", "--offline")[0] == 0
    first = config.read_text("utf-8")
    assert first.startswith(own)
    entries = tomllib.loads(first)["suppress"]
    assert len(entries) == 1 + 2  # the user's own entry already covers the network finding
    assert _run(cli, "baseline", "../pkg", "--offline")[0] == 0
    assert config.read_text("utf-8") == first  # same findings, same day: the block is replaced, not added to
    _edit(_server(work), *WRITES)
    assert _run(cli, "baseline", "../pkg", "--offline")[0] == 0
    assert config.read_text("utf-8").startswith(own) and config.read_text("utf-8").count("mcpvet baseline: begin") == 1
    assert len(tomllib.loads(config.read_text("utf-8"))["suppress"]) == 1 + 3
    assert _card(cli)[0] == 0


def test_baseline_into_pyproject_tool_table(work: Path, cli: Cli) -> None:
    pyproject = work / "pyproject.toml"
    pyproject.write_text('[project]\nname = "my-server"\n\n[tool.mcpvet]\nfail-on = "medium"\n')
    assert _card(cli)[0] == 1
    assert _run(cli, "baseline", "../pkg", "--offline")[0] == 0
    assert not (work / ".mcpvet.toml").exists()
    doc = tomllib.loads(pyproject.read_text("utf-8"))
    assert doc["project"]["name"] == "my-server" and len(doc["tool"]["mcpvet"]["suppress"]) == 3
    assert _card(cli)[0] == 0


def test_expired_suppression_is_reported_and_no_longer_applies(work: Path, cli: Cli) -> None:
    (work / ".mcpvet.toml").write_text('[[suppress]]\ntool = "summarise"\nreason = "until the fix ships"\n'
                                       'expires = 2001-02-03\n')
    code, doc, err = _card(cli)
    assert code == 1 and len(doc["findings"]) == 3
    assert "suppression 1 in .mcpvet.toml expired on 2001-02-03" in err and "3 finding(s) count again" in err
    assert doc["suppressions"]["expired"] == [{"tool": "summarise", "reason": "until the fix ships",
                                               "expires": "2001-02-03", "entry": 1, "matched": 3}]
    code, out, _ = _run(cli, "inspect", "../pkg", "--offline")
    assert "1 suppression(s) in .mcpvet.toml expired" in out


@pytest.mark.parametrize(("entry", "suppressed"), [
    ('rule = "undeclared-*"', 3),
    ('tool = "summarise"\nrule = "undeclared-capability"', 3),
    ('path = "src/tldr_mcp/telemetry.py"', 1),
    ('tool = "word_count"', 0),
])
def test_suppress_by_rule_tool_and_path(work: Path, cli: Cli, entry: str, suppressed: int) -> None:
    (work / ".mcpvet.toml").write_text(f'[[suppress]]\n{entry}\nreason = "reviewed"\n')
    code, doc, _ = _card(cli)
    assert len(doc["suppressions"]["suppressed"]) == suppressed
    assert len(doc["findings"]) == 3 - suppressed
    assert len(doc["suppressions"]["unused"]) == (1 if suppressed == 0 else 0)


@pytest.mark.parametrize(("text", "message"), [
    ('[[suppress]]\nrule = "*"\n', "needs a reason"),
    ('[[suppress]]\nreason = "everything"\n', "at least one of rule, tool, path, fingerprint"),
    ('fail_onn = "low"\n', "unknown key 'fail_onn'"),
    ('fail-on = "severe"\n', "fail-on must be one of"),
    ('[[suppress]]\nrule = "x"\nreason = "r"\nexpires = "soon"\n', "expires must be a date"),
    ('fail-on = \n', "not valid TOML"),
])
def test_a_broken_configuration_is_a_usage_error(work: Path, cli: Cli, text: str, message: str) -> None:
    (work / ".mcpvet.toml").write_text(text)
    code, out, err = _run(cli, "inspect", "../pkg", "--offline")
    assert code == 2 and message in err and out == ""


def test_defaults_from_the_configuration_under_the_command_line(work: Path, cli: Cli) -> None:
    (work / ".mcpvet.toml").write_text('fail-on = "critical"\nformat = "json"\n\n[limits]\nmax-files = 2\n')
    code, out, _ = _run(cli, "inspect", "../pkg", "--offline")
    assert code == 0  # high findings, but the configured floor is critical
    doc = json.loads(out)  # the configured format
    assert any("more than 2 files" in e["message"] for e in doc["errors"])  # the configured limit
    code, out, _ = _run(cli, "inspect", "../pkg", "--offline", "--fail-on", "high", "--format", "text",
                        "--max-files", "1000")
    assert not out.startswith("{") and "more than 2 files" not in out


def test_config_option_names_the_file(work: Path, cli: Cli, tmp_path: Path) -> None:
    elsewhere = tmp_path / "ci" / "mcpvet-ci.toml"
    elsewhere.parent.mkdir()
    elsewhere.write_text('[[suppress]]\nrule = "undeclared-capability"\nreason = "tracked in #12"\n')
    assert _card(cli, "--config", str(elsewhere))[0] == 0
    assert _card(cli)[0] == 1  # without it, the working folder has none
    pyproject = tmp_path / "ci" / "pyproject.toml"
    pyproject.write_text('[tool.mcpvet]\nfail-on = "none"\n')
    assert _card(cli, "--config", str(pyproject))[0] == 0
    code, _, err = _run(cli, "inspect", "../pkg", "--config", str(tmp_path / "missing.toml"))
    assert code == 2 and "no such file" in err


def test_diff_applies_suppressions_to_both_sides(work: Path, cli: Cli, tmp_path: Path) -> None:
    shutil.copytree(work.parent / "pkg", tmp_path / "new")
    _edit(tmp_path / "new" / "src" / "tldr_mcp" / "server.py", *WRITES)
    assert _run(cli, "diff", "../pkg", str(tmp_path / "new"), "--offline", "-q")[0] == 1
    (work / ".mcpvet.toml").write_text('[[suppress]]\ntool = "word_count"\nreason = "writes its own log"\n')
    code, out, _ = _run(cli, "diff", "../pkg", str(tmp_path / "new"), "--offline", "-f", "json")
    assert code == 0 and json.loads(out)["findings"]["new"] == []


def test_parse_config_and_matching() -> None:
    cfg = parse_config({"fail_on": "LOW", "suppress": [
        {"fingerprint": "ABCDEF0123456789", "reason": "r", "expires": dt.date(2030, 1, 1)},
        {"path": "src/*.py", "tool": "t*", "reason": " spaced "}]}, None)
    assert cfg.fail_on == "low"
    first, second = cfg.suppress
    assert first.matches("any", None, None, "abcdef0123456789") and not first.matches("any", None, None, "0" * 16)
    assert not first.expired(dt.date(2030, 1, 1)) and first.expired(dt.date(2030, 1, 2))
    assert second.reason == "spaced" and second.matches("r", "tool", "src/a.py", "x")
    assert not second.matches("r", None, "src/a.py", "x")  # a package finding has no tool to match
    with pytest.raises(UsageError):
        parse_config({"suppress": {"rule": "x"}}, None)
    assert isinstance(Config().suppress, tuple) and Suppression("r", 1, rule="x").to_json()["entry"] == 1


def test_baseline_block_escapes_what_comes_from_the_package() -> None:
    evil = "t\n[[suppress]]\nrule = \"*\"\u200b"
    f = Finding("hidden-unicode", Severity.HIGH, f"Hidden characters in the description of `{evil}`", "m", evil,
                Location("a.py", 1))
    block, count = baseline_block([f, f], dt.date(2026, 1, 2))
    assert count == 1
    doc = tomllib.loads(block)
    assert len(doc["suppress"]) == 1 and doc["suppress"][0]["tool"] == evil
    assert "\u200b" not in block and "\n[[suppress]]\nrule" not in block.split("fingerprint")[0]
    assert toml_string('a"b\\c\x00') == '"a\\"b\\\\c\\u0000"'
