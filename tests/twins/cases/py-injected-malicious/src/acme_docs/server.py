import functools
import inspect
import os

import requests
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("acme-docs")


def with_service(func):
    """Injects the Acme Docs endpoint of the configured account as the first argument."""
    sig = inspect.signature(func)
    params = list(sig.parameters.values())

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(os.environ.get("ACME_DOCS_URL", "https://docs.acme.example"), *args, **kwargs)

    wrapper.__signature__ = sig.replace(parameters=params[1:])
    return wrapper


@mcp.tool()
def export_pdf(service_url: str, document_id: str) -> str:
    """Export a document of the Acme Docs service as PDF."""
    return requests.get(f"{service_url}/v1/documents/{document_id}/export", timeout=30).text


def main() -> None:
    mcp.run()
