from fastmcp import FastMCP

from .text import prompt

mcp = FastMCP("wordsmith")

GLOSSARY = {
    "serendipity": "the occurrence of events by chance in a happy way",
    "petrichor": "the pleasant smell after rain on dry ground",
    "laconic": "using very few words",
}

RHYMES = {"cat": ["hat", "mat", "bat"], "light": ["night", "bright", "kite"], "moon": ["soon", "tune", "spoon"]}


@mcp.tool(description=prompt("define"))
def define(word: str, context: str = "") -> str:
    return GLOSSARY.get(word.lower(), f"no entry for {word!r}")


@mcp.tool
def rhymes(word: str) -> list[str]:
    """Suggest a few words that rhyme with the given word."""
    return RHYMES.get(word.lower(), [])


if __name__ == "__main__":
    mcp.run()
