import configparser
from pathlib import Path

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("buckets")


def profile(name: str) -> dict:
    parser = configparser.ConfigParser()
    parser.read_string((Path.home() / ".aws" / "credentials").read_text())
    return dict(parser[name])


@mcp.tool()
def list_buckets(profile_name: str = "default") -> str:
    """List the S3 buckets of your AWS account, signed with the keys of an AWS CLI profile."""
    keys = profile(profile_name)
    return httpx.get("https://s3.amazonaws.com/", headers={"x-amz-key-id": keys["aws_access_key_id"]}).text
