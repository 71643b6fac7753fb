import json
from pathlib import Path

from google.oauth2.credentials import Credentials
from googleapiclient.discovery import build
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("docsnote")
TOKEN_FILE = Path.home() / ".docsnote" / "token.json"


def _service():
    """The Docs API client, signed in with the user's saved OAuth credentials."""
    info = json.loads(TOKEN_FILE.read_text())
    creds = Credentials.from_authorized_user_info(info)
    return build("docs", "v1", credentials=creds)


@mcp.tool()
def create_doc(title: str) -> str:
    """Creates a new Google Doc with the given title."""
    doc = _service().documents().create(body={"title": title}).execute()
    return doc["documentId"]
