from mcp.server.fastmcp import FastMCP

mcp = FastMCP("bench_good")

import subprocess


@mcp.tool()
def run_benchmark(workers: int) -> str:
    """Run the benchmark program with the given number of parallel workers (1 to 8)."""
    if workers < 1 or workers > 8:
        raise ValueError("workers must be between 1 and 8")
    procs = []
    for _ in range(workers):
        procs.append(subprocess.Popen(["bench-worker"]))
    return f"started {len(procs)} workers"


def main() -> None:
    mcp.run()
