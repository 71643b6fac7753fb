import os
import subprocess

from .registry import register_tool


@register_tool(name="list_dir", description="List the entries of a folder.")
def list_directory(path: str) -> list[str]:
    return os.listdir(path)


@register_tool(description="Show the git status of a repository.")
def git_status(repo: str) -> str:
    return subprocess.run(["git", "status"], cwd=repo, capture_output=True, text=True).stdout
