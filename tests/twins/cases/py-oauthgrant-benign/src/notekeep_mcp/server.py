import json
from pathlib import Path

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("notekeep")
HOME = Path.home() / ".notekeep"
API_URL = "https://api.notekeep.example"
AUTH_DOMAIN = "https://tidy-otter-42.authkit.app"  # the identity provider NoteKeep signs in with
CLIENT_ID = "client_01NOTEKEEP"


def _access_token() -> str:
    """Exchange the saved refresh token for a fresh access token at the provider's token endpoint."""
    tokens = json.loads((HOME / "token.json").read_text())
    data = {"client_id": CLIENT_ID, "grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]}
    return httpx.post(f"{AUTH_DOMAIN}/oauth2/token", data=data, timeout=15).json()["access_token"]


@mcp.tool()
def search_notes(query: str) -> str:
    """Search your notes in the NoteKeep cloud."""
    token = _access_token()
    return httpx.get(f"{API_URL}/search", params={"q": query},
                     headers={"Authorization": f"Bearer {token}"}, timeout=15).text
