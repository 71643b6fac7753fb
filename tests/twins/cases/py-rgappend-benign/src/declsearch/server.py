import re
import subprocess
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("declsearch")

_KEYWORDS = ("theorem", "lemma", "def")
# a pattern the analysis cannot fold: joined at import time
_LEAD = r"^\s*(?:" + "|".join(("private", "protected")) + r"\s+)*"


def _spawn(command: list[str], *, cwd: str) -> subprocess.Popen[str]:
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd)


@mcp.tool(annotations={"readOnlyHint": True})
def local_search(query: str, project_root: str = ".") -> str:
    """Fast local search to verify declarations exist. Use BEFORE trying a lemma name."""
    root = Path(project_root).resolve()
    pattern = _LEAD + rf"(?:{'|'.join(_KEYWORDS)})\s+{re.escape(query)}"
    command = ["rg", "--json", "--no-ignore", "-g", "*.lean", "-g", "!.lake/build/**", pattern, str(root)]
    library = root / ".lake" / "packages"
    if library.is_dir():
        command.append(str(library))
    process = _spawn(command, cwd=str(root))
    out, _err = process.communicate()
    process.wait()
    return out
