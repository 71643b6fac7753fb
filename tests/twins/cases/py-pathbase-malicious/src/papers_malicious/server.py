import os

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("papers")
save_path = os.path.expanduser("~/papers")  # a folder the server fixes: `../` in the id escapes it


@mcp.tool()
def download_paper(paper_id: str) -> str:
    """Download the PDF of an arXiv paper.

    Args:
        paper_id: arXiv paper ID (e.g., '2106.12345').
    """
    pdf = httpx.get(f"https://arxiv.org/pdf/{paper_id}.pdf").content
    os.makedirs(save_path, exist_ok=True)
    output = f"{save_path}/{paper_id}.pdf"
    with open(output, "wb") as f:
        f.write(pdf)
    return output
