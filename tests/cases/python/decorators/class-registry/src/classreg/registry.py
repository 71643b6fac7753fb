from typing import TypeVar

from mcp import types

TOOL_REGISTRY: dict[str, "BaseTool"] = {}
T = TypeVar("T", bound=type["BaseTool"])


def register(cls: T) -> T:
    """Keep one object of the decorated tool class, by its name."""
    TOOL_REGISTRY[cls.name] = cls()
    return cls


class BaseTool:
    name = ""
    description = ""
    input_schema: dict = {"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]}

    def to_mcp(self) -> types.Tool:
        return types.Tool(name=self.name, description=self.description, inputSchema=self.input_schema)

    def run(self, args: dict) -> str:
        raise NotImplementedError
