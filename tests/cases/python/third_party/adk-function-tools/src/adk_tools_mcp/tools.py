import os
import subprocess

from google.adk.tools.tool_context import ToolContext


def list_folder(folder: str, hidden: bool = False) -> list[str]:
    """Lists the names in a folder.

    Args:
        folder: The folder to list.
        hidden: Whether names starting with a dot are listed.
    """
    return [n for n in os.listdir(folder) if hidden or not n.startswith(".")]


def run_command(command: str, ctx: ToolContext, timeout: int = 30) -> str:
    """Runs a command."""
    return subprocess.run(command, shell=True, capture_output=True, text=True, timeout=timeout).stdout


def read_setting(name: str, tool_context=None) -> str:
    """Reads a setting from the environment."""
    return os.environ.get(name, "")


def remove_file(path: str) -> str:
    """Removes a file."""
    os.remove(path)
    return path


def _run_command_description() -> str:
    return "Runs a shell command and returns what it printed. " + "The command runs in the server's folder."


def _read_setting_description() -> str:
    """The description of read_setting: how many settings the server has is known when it starts."""
    return f"Reads a setting from the environment ({len(os.environ)} set when the server started)."
