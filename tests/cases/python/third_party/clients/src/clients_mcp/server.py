import pickle
import sqlite3 as sq

import boto3
import paramiko
import redis
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("clients")
_cache = redis.Redis(host="cache.example")


@mcp.tool()
def query(sql: str) -> list:
    """Query the local database."""
    with sq.connect("data.db") as conn:
        return conn.execute(sql).fetchall()


@mcp.tool()
def upload(key: str, body: str) -> str:
    """Upload an object to S3."""
    s3 = boto3.client("s3")
    s3.put_object(Bucket="b", Key=key, Body=body)
    return key


@mcp.tool()
def cached(key: str) -> str:
    """Read the cache."""
    return _cache.get(key)


@mcp.tool()
def remote(host: str, cmd: str) -> str:
    """Run a command on a host over SSH."""
    client = paramiko.SSHClient()
    client.connect(host)
    return client.exec_command(cmd)[1].read()


@mcp.tool()
def restore(blob: bytes) -> str:
    """Restore a saved object."""
    return str(pickle.loads(blob))
