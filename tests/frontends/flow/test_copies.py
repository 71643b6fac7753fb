"""A copy writes its second path only (issue 13): `fsp.copyFile(file, join(own, basename(file)))` writes into
the package's own staging folder; the argument naming the file copied chooses what is read, not where it is
written (it reaches the call as data). A move writes both paths: its source is taken away. Found on
`@google-cloud/cloud-run-mcp`: its deploy tools' staging folder `~/.cloud-run-mcp/source/…` reported as an
undeclared high write because the copy's source was counted as the place written. Python's
`shutil.copy(src, dst)` already had only `dst` as its slot: both languages now agree."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.frontends.flow.test_data_from import _card, _evidence

JS = '''
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

const server = new McpServer({ name: "deployer", version: "1.0.0" });

async function stage(files) {
  const dir = path.join(os.homedir(), ".acme-deploy", "staging", `${path.basename(files[0])}-${Date.now()}`);
  await fsp.mkdir(dir, { recursive: true });
  for (const file of files) {
    await fsp.copyFile(file, path.join(dir, path.basename(file)));
  }
  return dir;
}

server.tool("deploy_files", "Deploy local files to Acme Cloud.", { files: z.array(z.string()) },
  async ({ files }) => {
    const dir = await stage(files);
    return { content: [{ type: "text", text: dir }] };
  });

server.tool("copy_file", "Copy a file.", { source: z.string(), dest: z.string() },
  async ({ source, dest }) => {
    await fsp.copyFile(source, dest);
    return { content: [{ type: "text", text: "ok" }] };
  });

server.tool("move_file", "Move a file.", { source: z.string(), dest: z.string() },
  async ({ source, dest }) => {
    await fsp.rename(source, dest);
    return { content: [{ type: "text", text: "ok" }] };
  });
'''

PY = '''
import os
import shutil
import time

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("deployer")


def stage(files: list[str]) -> str:
    folder = os.path.join(os.path.expanduser("~"), ".acme-deploy", "staging", f"{os.path.basename(files[0])}-{time.time()}")
    os.makedirs(folder, exist_ok=True)
    for file in files:
        shutil.copy(file, os.path.join(folder, os.path.basename(file)))
    return folder


@mcp.tool()
def deploy_files(files: list[str]) -> str:
    """Deploy local files to Acme Cloud."""
    return stage(files)


@mcp.tool()
def copy_file(source: str, dest: str) -> str:
    """Copy a file."""
    shutil.copy(source, dest)
    return "ok"


@mcp.tool()
def move_file(source: str, dest: str) -> str:
    """Move a file."""
    os.rename(source, dest)
    return "ok"
'''


@pytest.fixture(params=["python", "typescript"])
def card(request: pytest.FixtureRequest, tmp_path: Path, capsys: pytest.CaptureFixture[str],
         monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    files = {"server.py": PY, "pyproject.toml": '[project]\nname = "acme-deploy-mcp"\nversion = "1.0.0"\n'} \
        if request.param == "python" else {
        "package.json": '{"name": "acme-deploy-mcp", "version": "1.0.0", "type": "module"}', "index.js": JS}
    return _card(tmp_path, capsys, monkeypatch, files)


def _copy(card: dict[str, Any], tool: str) -> dict[str, Any]:
    [found] = [e for e in _evidence(card, tool, "fs_write") if "copy" in e["sink"] or "rename" in e["sink"]]
    return found


def test_a_copy_into_the_own_staging_folder_is_chosen_by_no_argument(card: dict[str, Any]) -> None:
    copied = _copy(card, "deploy_files")
    assert copied["controlled_by"] == [], copied
    assert copied["destination"].startswith("~/.acme-deploy/staging/"), copied
    assert "files" in copied["data_from"]  # what is copied is the argument's file
    assert not [f for f in card["findings"] if f.get("tool") == "deploy_files"
                and f["rule"] == "undeclared-capability" and f["severity"] in ("high", "critical")], card["findings"]


def test_the_written_path_of_a_copy_and_both_paths_of_a_move(card: dict[str, Any]) -> None:
    assert _copy(card, "copy_file")["controlled_by"] == ["dest"]
    assert _copy(card, "move_file")["controlled_by"] == ["dest", "source"]
