"""Run a server, pass on only the JSON-RPC lines of its stdout (runtime oracle).

Some servers print banners or log lines on stdout before or between messages ("Loading configuration
from .env file..."); the MCP client SDK then gives up on the stream. This wrapper starts the command with
the same stdin, copies every stdout line that starts with `{` to its own stdout and every other line to
stderr (prefixed `[stdout]`), and ends the child when it is ended itself.

    python bench/oracle_stdout_filter.py COMMAND [ARGS...]
"""

from __future__ import annotations

import signal
import subprocess
import sys
from types import FrameType


def main(argv: list[str]) -> int:
    child = subprocess.Popen(argv, stdout=subprocess.PIPE)

    def stop(signum: int, frame: FrameType | None) -> None:
        child.terminate()
        try:
            child.wait(timeout=5)
        except subprocess.TimeoutExpired:
            child.kill()
        sys.exit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    assert child.stdout is not None
    out, err = sys.stdout.buffer, sys.stderr.buffer
    for line in child.stdout:
        if line.lstrip().startswith(b"{"):
            out.write(line)
            out.flush()
        elif line.strip():
            err.write(b"[stdout] " + line)
            err.flush()
    return child.wait()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
