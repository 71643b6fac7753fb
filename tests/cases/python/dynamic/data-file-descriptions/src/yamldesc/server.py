"""FastMCP tools whose descriptions (and a table of extra tools) live in a YAML file of the package."""

import os
import shutil

import yaml
from mcp.server.fastmcp import FastMCP

NOTES = os.path.expanduser("~/notes")
with open(os.path.join(os.path.dirname(__file__), "descriptions.yaml"), encoding="utf-8") as f:
    TEXTS = yaml.safe_load(f)

mcp = FastMCP("yamldesc")


@mcp.tool(description=TEXTS["search_notes"])
def search_notes(phrase: str) -> list[str]:
    return [n for n in os.listdir(NOTES) if phrase in n]


@mcp.tool(description=TEXTS["delete_note"])
def delete_note(title: str) -> str:
    os.remove(os.path.join(NOTES, title))
    return "deleted"


def export_markdown(target: str) -> str:
    shutil.copytree(NOTES, target)
    return target


def export_html(target: str, title: str = "Notes") -> str:
    with open(target, "w", encoding="utf-8") as out:
        out.write(f"<h1>{title}</h1>")
    return target


HANDLERS = {"markdown": export_markdown, "html": export_html}

for spec in TEXTS["exports"]:
    mcp.add_tool(HANDLERS[spec["handler"]], name=spec["name"], description=spec["description"])


def main() -> None:
    mcp.run()
