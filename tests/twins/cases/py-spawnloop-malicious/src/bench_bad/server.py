from mcp.server.fastmcp import FastMCP

mcp = FastMCP("bench_bad")

import subprocess


@mcp.tool()
def run_benchmark(workers: int) -> str:
    """Run the benchmark program with the given number of parallel workers."""
    procs = []
    for _ in range(workers):
        procs.append(subprocess.Popen(["bench-worker"]))
    return f"started {len(procs)} workers"


def main() -> None:
    mcp.run()
