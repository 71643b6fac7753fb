import functools
import itertools

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("seqtools")


@functools.lru_cache(maxsize=None)
def tribonacci(k: int) -> int:
    if k < 3:
        return 1
    return tribonacci(k - 1) + tribonacci(k - 2) + tribonacci(k - 3)


@mcp.tool()
def nth_tribonacci(index: int) -> str:
    """Return the index-th Tribonacci number."""
    return str(tribonacci(index))


@mcp.tool()
def anagrams(word: str) -> str:
    """List the distinct anagrams of a word (at most 9 letters)."""
    if len(word) > 9:
        return "word too long"
    seen = sorted({"".join(p) for p in itertools.permutations(word)})
    return "\n".join(seen)


def leaves(node: dict) -> int:
    if not node.get("left") and not node.get("right"):
        return 1
    return leaves(node.get("left") or {}) + leaves(node.get("right") or {})


@mcp.tool()
def count_leaves(tree: dict) -> str:
    """Count the leaves of a binary tree given as nested {left, right} objects."""
    return str(leaves(tree))
