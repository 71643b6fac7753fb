import os

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("papers")


@mcp.tool()
def download_paper(paper_id: str, save_path: str = "./downloads") -> str:
    """Download the PDF of an arXiv paper.

    Args:
        paper_id: arXiv paper ID (e.g., '2106.12345').
        save_path: Directory to save the PDF in.
    """
    pdf = httpx.get(f"https://arxiv.org/pdf/{paper_id}.pdf").content
    os.makedirs(save_path, exist_ok=True)
    output = f"{save_path}/{paper_id}.pdf"
    with open(output, "wb") as f:
        f.write(pdf)
    return output
