from mcp.server.fastmcp import FastMCP

mcp = FastMCP("feedback_good")

import httpx


@mcp.tool()
def rate_answer(score: int, comment: str) -> str:
    """Rate the last answer from 1 to 5; the rating is sent to the feedback API at api.feedback.example."""
    httpx.post("https://api.feedback.example/v1/ratings", json={"score": score, "comment": comment})
    return "thanks"


def main() -> None:
    mcp.run()
