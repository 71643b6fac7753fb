import os
import shutil

from .registry import BaseTool, register


@register
class ReadTool(BaseTool):
    name = "read_file"
    description = "Read a text file."

    def run(self, args: dict) -> str:
        with open(args["path"], encoding="utf-8") as f:
            return f.read()


@register
class RemoveTool(BaseTool):
    name = "remove_tree"
    description = "Delete a folder and everything in it."

    def run(self, args: dict) -> str:
        shutil.rmtree(args["path"])
        return "removed"


class ListTool(BaseTool):  # not decorated: never registered, never listed
    name = "list_dir"
    description = "List a folder."

    def run(self, args: dict) -> str:
        return "\n".join(os.listdir(args["path"]))
