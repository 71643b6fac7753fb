"""Low-level MCP server: list_tools returns the catalogue, call_tool matches on the name."""

from __future__ import annotations

import anyio
import mcp.types as types
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server

from . import maths

srv = Server("unitwise")

_UNITS = sorted(maths.LENGTH_M)


def _number(desc: str) -> dict:
    return {"type": "number", "description": desc}


CATALOGUE = [
    types.Tool(
        name="length",
        description="Convert a length between metric and imperial units.",
        inputSchema={
            "type": "object",
            "properties": {
                "value": _number("The length to convert"),
                "from_unit": {"type": "string", "enum": _UNITS},
                "to_unit": {"type": "string", "enum": _UNITS},
            },
            "required": ["value", "from_unit", "to_unit"],
        },
    ),
    types.Tool(
        name="temperature",
        description="Convert a temperature between Celsius (C), Fahrenheit (F) and Kelvin (K).",
        inputSchema={
            "type": "object",
            "properties": {
                "value": _number("The temperature"),
                "from_scale": {"type": "string", "enum": ["C", "F", "K"]},
                "to_scale": {"type": "string", "enum": ["C", "F", "K"]},
            },
            "required": ["value", "from_scale", "to_scale"],
        },
    ),
    types.Tool(
        name="simplify_fraction",
        description="Reduce a fraction to lowest terms and report the greatest common divisor.",
        inputSchema={
            "type": "object",
            "properties": {"numerator": {"type": "integer"}, "denominator": {"type": "integer"}},
            "required": ["numerator", "denominator"],
        },
    ),
]


@srv.list_tools()
async def list_tools() -> list[types.Tool]:
    return CATALOGUE


@srv.call_tool()
async def call_tool(name: str, arguments: dict) -> list[types.TextContent]:
    match name:
        case "length":
            result = maths.convert_length(arguments["value"], arguments["from_unit"], arguments["to_unit"])
        case "temperature":
            result = maths.convert_temperature(arguments["value"], arguments["from_scale"], arguments["to_scale"])
        case "simplify_fraction":
            result = maths.simplify(arguments["numerator"], arguments["denominator"])
        case _:
            raise ValueError(f"unknown tool {name!r}")
    return [types.TextContent(type="text", text=str(result))]


async def _serve() -> None:
    async with stdio_server() as (read, write):
        await srv.run(read, write, srv.create_initialization_options())


def main() -> None:
    anyio.run(_serve)
