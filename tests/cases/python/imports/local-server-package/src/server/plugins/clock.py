import subprocess

DESCRIPTION = "Show the date and time of this machine."


def _now() -> str:
    return subprocess.run(["date"], capture_output=True, text=True, check=False).stdout


def register(mcp) -> None:
    mcp.add_tool(_now, name="now", description=DESCRIPTION)
