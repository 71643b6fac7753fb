"""Update pages of your Wiki: the adapter talks to the Wiki whose base URL the server is configured with."""

import os

import requests
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("wiki")


class WikiAdapter:
    """REST adapter of the Wiki API, on an authenticated session."""

    def __init__(self, session: requests.Session, base_url: str) -> None:
        self.session = session
        self.base_url = base_url

    def update_page(self, page_id: str, title: str, body: str) -> dict:
        data = {"id": page_id, "title": title, "body": {"value": body}}
        url = f"{self.base_url}/api/v2/pages/{page_id}"
        response = self.session.put(url, json=data)
        response.raise_for_status()
        return response.json()


def _adapter() -> WikiAdapter:
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {os.environ['WIKI_TOKEN']}"
    return WikiAdapter(session, os.environ["WIKI_URL"])


@mcp.tool()
def wiki_update_page(page_id: str, title: str, content_file: str) -> str:
    """Update a Wiki page with the content of a local file (content_file)."""
    with open(content_file, encoding="utf-8") as f:
        body = f.read()
    return str(_adapter().update_page(page_id, title, body))
