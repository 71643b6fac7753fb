import os
import subprocess

__all__ = ["run_cmd", "read_env"]


def run_cmd(cmd: list[str]) -> str:
    return subprocess.check_output(cmd, text=True)


def read_env(name: str) -> str:
    return os.getenv(name, "")
