"""Launch settings read through yargs and env-var: a tool's name or description built from them is what a
client starting the server without them sees (the defaults written in the code); without a default it
stays unknown and the registration says so."""

from __future__ import annotations

import pytest

from mcpvet.frontends.javascript.extract import extract_module
from mcpvet.frontends.javascript.frontend import analyse_modules
from mcpvet.model import FrontendResult

SERVER = """
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import env from "env-var";
const server = new McpServer({ name: "t", version: "1" });
%s
server.registerTool(%s, { description: %s }, async () => ({ content: [] }));
"""


def _analyse(src: str, name: str, description: str = '"d"') -> FrontendResult:
    module = extract_module("index.js", "javascript", (SERVER % (src, name, description)).encode("utf-8"))
    return analyse_modules([module], [])


def _tool(src: str, name: str, description: str = '"d"') -> tuple[str, str | None]:
    result = _analyse(src, name, description)
    assert len(result.tools) == 1, result.errors
    return result.tools[0].name, result.tools[0].description


@pytest.mark.parametrize(("src", "name", "expected"), [
    # an option's default, read back by its own name or yargs' camel-case alias; .argv, .parse(), .options({})
    ('const argv = yargs(hideBin(process.argv)).option("prefix", {type: "string", default: "n_"}).parseSync();',
     "`${argv.prefix}ping`", "n_ping"),
    ('const argv = yargs(process.argv.slice(2)).usage("x").option("tool-prefix", {default: "a_"}).help().argv;',
     "argv.toolPrefix + 'ping'", "a_ping"),
    ('const argv = yargs(process.argv.slice(2)).options({"tool-prefix": {default: "b_"}}).parse();',
     'argv["tool-prefix"] + "ping"', "b_ping"),
    ('const { prefix } = yargs(hideBin(process.argv)).option("prefix", {default: ""}).parseSync();',
     "`${prefix}ping`", "ping"),
    # the default an env-var chain gives when the variable is not set
    ('const argv = yargs(hideBin(process.argv)).option("prefix", {default: env.get("P").default("e_").asString()})'
     '.parseSync();', "argv.prefix + 'ping'", "e_ping"),
    ('const parts = env.get("NAMES").default("x,,y").asArray(",");', "parts.join('_')", "x_y"),
    ('const port = env.get("PORT").default(3333).asPortNumber();', "`ping_${port}`", "ping_3333"),
    ('const on = env.get("ON").default("false").asBool();', "on ? 'on' : 'off'", "off"),
])
def test_setting_defaults(src: str, name: str, expected: str) -> None:
    assert _tool(src, name)[0] == expected


@pytest.mark.parametrize(("src", "name"), [
    # no default: what the command line gives is unknown
    ('const argv = yargs(hideBin(process.argv)).option("prefix", {type: "string"}).parseSync();',
     "`${argv.prefix}ping`"),
    ('const argv = yargs(hideBin(process.argv)).option("other", {default: "x"}).parseSync();',
     "`${argv.prefix}ping`"),
    ('const p = env.get("P").asString();', "`${p}ping`"),
    ('const p = env.get("P").required().asString();', "`${p}ping`"),
])
def test_settings_without_a_default_stay_unknown(src: str, name: str) -> None:
    result = _analyse(src, name)
    assert not result.tools
    assert any("not known statically" in e.message for e in result.errors), result.errors
