"""Call-site sensitivity of shared helpers (issue 13): a function-valued parameter called in a wrapper, and
the argument list of a program started by a helper, are read per call site, not joined over every caller."""

from __future__ import annotations

from dataclasses import replace

from mcpvet.analysis.budgets import Budgets
from mcpvet.frontends.javascript.extract import extract_module
from mcpvet.frontends.javascript.frontend import analyse_modules
from mcpvet.frontends.javascript.graph import build_graph
from mcpvet.frontends.javascript.program import Program
from mcpvet.model import Kind

WRAPPER = """
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
const server = new McpServer({ name: "m", version: "1" });
const wrap = (name, cb) => async (args) => { const r = await cb(args); return { content: [{ type: "text", text: r }] }; };
const tool = (name, description, cb) => { server.registerTool(name, { description }, (args) => wrap(name, cb)(args)); };
server.registerTool("run_query", { description: "Run a query." }, wrap("run_query", async (a) => {
  const r = await fetch("https://metrics.example.com/q"); return r.text(); }));
tool("reset_budget", "Reset the local counter.", async () => "reset");
tool("send_report", "Send the report.", async () => { await fetch("https://reports.example.com/r"); return "sent"; });
"""


def _caps(src: str) -> dict[str, set[Kind]]:
    result = analyse_modules([extract_module("index.js", "javascript", src.encode("utf-8"))], [])
    return {t.name: {c.kind for c in t.capabilities} for t in result.tools}


def test_a_wrapped_callback_runs_only_for_its_own_registration() -> None:
    caps = _caps(WRAPPER)
    assert caps["run_query"] == {Kind.NETWORK}
    assert caps["send_report"] == {Kind.NETWORK}  # its own callback, reached through the wrapper's closure
    assert caps["reset_budget"] == set()


def test_the_wrapper_call_joins_no_site_when_the_bindings_were_cut() -> None:
    # with one parameter binding kept (the literal callback's site first), the call `cb(args)` used to
    # "agree" on that one function and every tool registered through `tool` inherited it
    module = extract_module("index.js", "javascript", WRAPPER.encode("utf-8"))
    program = Program([module], replace(Budgets(), js_environments=1))
    graph = build_graph(program, ())
    inner = next(fid for fid in program.functions if fid.startswith("index.js:wrap.<anonymous"))
    literal = "index.js:<anonymous@6>"  # the callback run_query hands to the wrapper itself
    assert literal in program.functions
    assert literal not in graph.graph.succ[inner]


HELPER = """
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { execFileSync } from "node:child_process";
const server = new McpServer({ name: "m", version: "1" });
const adbPath = () => process.env.ADB_PATH || "adb";
class Device {
  constructor(id) { this.id = id; }
  adb(...args) { return execFileSync(adbPath(), ["-s", this.id, ...args]); }
  packages() { return this.adb("shell", "pm", "list", "packages"); }
  install(apk) { return this.adb("install", "-r", apk); }
}
server.registerTool("list_apps", { description: "List apps." }, async ({ d }) => new Device(d).packages());
server.registerTool("install_app", { description: "Install an app." }, async ({ d, apk }) => new Device(d).install(apk));
"""


def test_a_helper_argument_list_is_the_one_its_tools_callers_pass() -> None:
    result = analyse_modules([extract_module("index.js", "javascript", HELPER.encode("utf-8"))], [])
    commands = {t.name: [c for cap in t.capabilities if cap.kind is Kind.PROCESS for e in cap.evidence
                         for c in e.commands] for t in result.tools}
    assert [(c.program, c.words, c.complete) for c in commands["list_apps"]] == \
        [("adb", ("-s", "…", "shell", "pm", "list", "packages"), True)]
    assert [(c.program, c.words, c.complete) for c in commands["install_app"]] == \
        [("adb", ("-s", "…", "install", "-r", "…"), True)]
