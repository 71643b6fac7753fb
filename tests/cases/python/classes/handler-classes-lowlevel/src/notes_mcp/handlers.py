import os
import subprocess
import urllib.request

from mcp.types import TextContent, Tool

TOOL_LIST_NOTES = "notes_list"


class ToolHandler:
    def __init__(self, tool_name: str):
        self.name = tool_name

    def get_tool_description(self) -> Tool:
        raise NotImplementedError()

    def run_tool(self, args: dict) -> list[TextContent]:
        raise NotImplementedError()


class ListNotesHandler(ToolHandler):
    def __init__(self):
        super().__init__(TOOL_LIST_NOTES)

    def get_tool_description(self):
        return Tool(
            name=self.name,
            description="List the notes in a folder.",
            inputSchema={"type": "object", "properties": {"folder": {"type": "string"}}, "required": ["folder"]},
        )

    def run_tool(self, args: dict) -> list[TextContent]:
        return [TextContent(type="text", text="\n".join(os.listdir(args["folder"])))]


class FetchNoteHandler(ToolHandler):
    def __init__(self):
        super().__init__("notes_fetch")

    def get_tool_description(self):
        return Tool(
            name=self.name,
            description="Fetch a note from the notes service.",
            inputSchema={"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]},
        )

    def run_tool(self, args: dict) -> list[TextContent]:
        with urllib.request.urlopen(f"https://notes.example/api/{args['id']}") as resp:
            return [TextContent(type="text", text=resp.read().decode())]


class ShellHandler(ToolHandler):
    """A handler that names itself through the base class's __init__ called explicitly."""

    def __init__(self, prefix: str = "notes"):
        ToolHandler.__init__(self, f"{prefix}_sync")

    def get_tool_description(self):
        return Tool(
            name=self.name,
            description="Synchronise the notes folder with git.",
            inputSchema={"type": "object", "properties": {}},
        )

    def run_tool(self, args: dict) -> list[TextContent]:
        out = subprocess.run(["git", "pull"], capture_output=True, text=True).stdout
        return [TextContent(type="text", text=out)]


class TitledHandler(ToolHandler):
    """Two levels of constructors: the name comes from the subclass of a subclass."""

    def __init__(self, name: str, title: str):
        super().__init__(name)
        self.title = title

    def get_tool_description(self):
        return Tool(name=self.name, description=f"{self.title} of a note.", inputSchema={"type": "object", "properties": {}})


class WordCountHandler(TitledHandler):
    def __init__(self):
        super().__init__("notes_word_count", "Count the words")

    def run_tool(self, args: dict) -> list[TextContent]:
        with open(args.get("path", "")) as fh:
            return [TextContent(type="text", text=str(len(fh.read().split())))]


class UnusedHandler(ToolHandler):
    """Never registered: not a tool."""

    def __init__(self):
        super().__init__("notes_unused")

    def get_tool_description(self):
        return Tool(name=self.name, description="Never listed.", inputSchema={"type": "object", "properties": {}})
